//! Alignment quality: precision and recall of the links between drafts,
//! where the truth is known.
//!
//! Run with `cargo bench --bench align_quality` (it measures no time, and
//! prints two tables). Each corpus is parsed and linked as the indexer
//! does it: every file of the corpus directory parsed with its manifest,
//! the records of each report linked by `history::lineage::link_report`
//! with an analyzer whose lexicon is learned from all the corpus's texts.
//!
//! - **generated**: `examples/gen_corpus.rs` (seed 42, `NEGOTEXT_QUALITY_MB`
//!   megabytes, 5 by default), which records, for each paragraph, sub-item
//!   and next step of every Rev. and CRP.1, the label of the text it
//!   continues in the draft before, or `new` (its `--truth` file). The
//!   generator rewords, drops, inserts, moves (within and across sections)
//!   and so renumbers; it splits and merges nothing, so each truth has one
//!   link or none.
//! - **Paris**: the 23 October and 4 December 2015 drafts of the Paris
//!   Agreement (`tests/fixtures/real/dev2/`, the manifest of
//!   `tests/paris_history.rs`), against `paris-lineage.tsv`: fifteen
//!   December paragraphs, each with the October label it continues or
//!   `new`, its labels mapped to negotext's by `deviations.tsv`.
//!
//! A paragraph's **links** are the labels of the previous draft it links
//! to, or `new` when it links to none; the truth is the same for the
//! paragraphs the reference covers (all of a generated draft; the fifteen
//! for Paris). Precision is right links ÷ links made, recall right links ÷
//! true links, both counting `new` as a link; the tables also give them
//! without `new` (continuations only).

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use negotext::analysis::{self, Lexicon};
use negotext::corpus::{Corpus, Decoded, decode};
use negotext::history::lineage::{is_aligned, link_report};
use negotext::model::Record;
use negotext::parse::parse_bytes;

/// What a paragraph continues: a previous draft's label, or this.
const NEW: &str = "new";

/// A paragraph of a draft: (report, draft, label).
type Key = (String, String, String);

/// Each paragraph's links (or truth): the previous draft's labels, or
/// `{new}`.
type Links = BTreeMap<Key, BTreeSet<String>>;

/// Parses every file of `corpus` and links each report as the indexer does.
fn linked(corpus: &Corpus) -> Vec<Record> {
    let mut texts = Vec::new();
    let mut reports: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for file in &corpus.files {
        let bytes = std::fs::read(&file.path).expect("corpus file reads");
        if let Decoded::Text { text, .. } = decode(&bytes) {
            texts.push(text);
        }
        let parsed = parse_bytes(&file.name, &bytes, &corpus.manifest);
        for record in Record::of(parsed.documents, parsed.chunks) {
            let report = record.document.report.clone().unwrap_or_default();
            reports.entry(report).or_default().push(record);
        }
    }
    let lexicon = Lexicon::learn(texts.iter().map(String::as_str), &corpus.glossary);
    let analyzer = analysis::analyzer(&lexicon);
    let mut all = Vec::new();
    for (report, mut records) in reports {
        if !report.is_empty() {
            link_report(&mut records, &mut analyzer.clone());
        }
        all.extend(records);
    }
    all
}

/// The links negotext made for the aligned paragraphs of `records`.
fn links_made(records: &[Record]) -> Links {
    records
        .iter()
        .filter(|r| is_aligned(r))
        .map(|r| {
            let key = (
                r.document.report.clone().unwrap_or_default(),
                r.document.draft.short(),
                r.chunk.label.clone(),
            );
            let mut previous: BTreeSet<String> =
                r.links.previous.iter().map(|l| l.label.clone()).collect();
            if previous.is_empty() {
                previous.insert(NEW.to_string());
            }
            (key, previous)
        })
        .collect()
}

/// Precision and recall of `made` against `truth`, over the paragraphs
/// `truth` covers.
#[derive(Default)]
struct Score {
    paragraphs: usize,
    /// Paragraphs of the truth that negotext does not have (not parsed so).
    unparsed: usize,
    made: usize,
    right: usize,
    truth: usize,
    /// The same, `new` left out.
    made_links: usize,
    right_links: usize,
    true_links: usize,
}

impl Score {
    fn add(&mut self, truth: &BTreeSet<String>, made: Option<&BTreeSet<String>>) {
        self.paragraphs += 1;
        self.truth += truth.len();
        self.true_links += truth.iter().filter(|l| *l != NEW).count();
        let Some(made) = made else {
            self.unparsed += 1;
            return;
        };
        self.made += made.len();
        self.made_links += made.iter().filter(|l| *l != NEW).count();
        for link in made.intersection(truth) {
            self.right += 1;
            if link != NEW {
                self.right_links += 1;
            }
        }
    }

    fn row(&self, name: &str) -> String {
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                "—".to_string()
            } else {
                format!("{:.1}%", 100.0 * a as f64 / b as f64)
            }
        };
        format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} |",
            self.paragraphs,
            self.unparsed,
            ratio(self.right, self.made),
            ratio(self.right, self.truth),
            ratio(self.right_links, self.made_links),
            ratio(self.right_links, self.true_links),
            self.made - self.right,
        )
    }
}

const HEADER: &str = "| corpus | paragraphs | not parsed | precision | recall | precision, links only | recall, links only | wrong links |\n|---|---:|---:|---:|---:|---:|---:|---:|";

/// Scores `made` against `truth`, with up to `shown` of the wrong ones.
fn score(truth: &Links, made: &Links, shown: usize, wrong: &mut Vec<String>) -> Score {
    let mut score = Score::default();
    for (key, true_links) in truth {
        let links = made.get(key);
        score.add(true_links, links);
        if links != Some(true_links) && wrong.len() < shown {
            let (report, draft, label) = key;
            wrong.push(format!(
                "{report} {draft} {label}: truth {true_links:?}, made {links:?}"
            ));
        }
    }
    score
}

fn generated() -> Vec<String> {
    let megabytes: f64 = std::env::var("NEGOTEXT_QUALITY_MB")
        .ok()
        .and_then(|mb| mb.parse().ok())
        .unwrap_or(5.0);
    let dir = tempfile::tempdir().expect("temporary directory");
    let out = dir.path().join("corpus");
    let truth_path = dir.path().join("truth.tsv");
    let options = gen_corpus::Options {
        megabytes,
        out: out.clone(),
        seed: 42,
        from: Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        truth: Some(truth_path.clone()),
    };
    let generated = gen_corpus::generate(&options).expect("corpus generates");
    let corpus = Corpus::open(&out).expect("generated corpus opens");
    let made = links_made(&linked(&corpus));

    // Truth by step kind: Zero Draft or Rev. → Rev. (markdown), Rev. → CRP.1
    // (PDF text).
    let mut truth: BTreeMap<&str, Links> = BTreeMap::new();
    let text = std::fs::read_to_string(&truth_path).expect("truth reads");
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [report, draft, label, _previous, continues] = fields[..] else {
            panic!("bad truth line {line:?}");
        };
        let step = if draft == "crp1" {
            "Rev. → CRP.1 (PDF text)"
        } else {
            "→ Rev. (markdown)"
        };
        truth
            .entry(step)
            .or_default()
            .entry((report.into(), draft.into(), label.into()))
            .or_default()
            .insert(continues.to_string());
    }
    let mut rows = vec![format!(
        "generated: {} reports, {} files, {:.1} MB (seed 42)",
        generated.reports,
        generated.files,
        generated.bytes as f64 / 1e6
    )];
    let mut wrong = Vec::new();
    let mut all = Links::new();
    for (step, links) in &truth {
        rows.push(score(links, &made, 0, &mut wrong).row(&format!("generated, {step}")));
        all.extend(links.clone());
    }
    rows.push(score(&all, &made, 15, &mut wrong).row("generated, all steps"));
    rows.push(format!(
        "first of the wrong ones:\n  {}",
        wrong.join("\n  ")
    ));
    rows
}

const OCTOBER: &str = "2015-10-23-paris-draft-agreement";
const DECEMBER: &str = "2015-12-04-paris-draft-agreement";

/// `deviations.tsv`'s label deviations: (stem, reference label) → ours.
fn deviations(fixtures: &Path) -> BTreeMap<(String, String), String> {
    let text = std::fs::read_to_string(fixtures.join("deviations.tsv")).expect("deviations read");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            (fields.len() >= 4 && fields[2] == "label")
                .then(|| ((fields[0].into(), fields[1].into()), fields[3].into()))
        })
        .collect()
}

fn paris() -> Vec<String> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let dir = tempfile::tempdir().expect("temporary directory");
    for stem in [OCTOBER, DECEMBER] {
        let name = format!("{stem}.md");
        std::fs::copy(fixtures.join("dev2").join(&name), dir.path().join(&name))
            .expect("draft copies");
    }
    std::fs::copy(
        fixtures.join("dev2/paris-manifest.toml"),
        dir.path().join("manifest.toml"),
    )
    .expect("manifest copies");
    let corpus = Corpus::open(dir.path()).expect("Paris corpus opens");
    let made = links_made(&linked(&corpus));

    let deviations = deviations(&fixtures);
    let ours = |stem: &str, label: &str| {
        deviations
            .get(&(stem.to_string(), label.to_string()))
            .cloned()
            .unwrap_or_else(|| label.to_string())
    };
    let mut truth = Links::new();
    let text = std::fs::read_to_string(fixtures.join("dev2/paris-lineage.tsv"))
        .expect("Paris lineage reads");
    for line in text.lines().filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (december, october) = (fields[0], fields[1]);
        let october = if october == NEW {
            NEW.to_string()
        } else {
            ours(OCTOBER, october)
        };
        truth
            .entry(("paris".into(), "rev2".into(), ours(DECEMBER, december)))
            .or_default()
            .insert(october);
    }
    assert_eq!(truth.len(), 15, "paris-lineage.tsv has 15 paragraphs");
    let mut wrong = Vec::new();
    let score = score(&truth, &made, 15, &mut wrong);
    vec![
        score.row("Paris, 23 Oct → 4 Dec 2015 (15 reference pairs)"),
        format!("wrong:\n  {}", wrong.join("\n  ")),
    ]
}

fn main() {
    let generated = generated();
    let paris = paris();
    println!("{}", generated[0]);
    println!("{HEADER}");
    for row in generated[1..generated.len() - 1]
        .iter()
        .chain(&paris[..paris.len() - 1])
    {
        println!("{row}");
    }
    println!();
    println!("generated, {}", generated[generated.len() - 1]);
    println!("Paris, {}", paris[paris.len() - 1]);
}
