//! Alignment speed: the shipped drafts, and generated drafts of growing size.
//!
//! Run with `cargo bench --bench align`. Every text is analysed once,
//! outside the measurement; each iteration aligns two drafts and checks the
//! number of links.
//!
//! - `align/shipped`: Zero Draft → Rev.1 and Rev.1 → CRP.1 of the 2022
//!   report, as the history command will align them.
//! - `align/generated`: drafts of n = 500 to 4000 paragraphs made of the
//!   shipped corpus's sentences, against a newer draft that perturbs, drops,
//!   adds and moves paragraphs (see `generate`). Throughput is in
//!   paragraphs, so a sub-quadratic alignment shows as a throughput that
//!   falls slower than `1/n`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use negotext::analysis::{Glossary, Lexicon, analyzer};
use negotext::corpus::{Manifest, list_files};
use negotext::history::align::{Link, Version, align, words};
use negotext::model::{Chunk, ChunkKind, DocumentKind};
use negotext::parse::parse_file;

const ZERO_DRAFT: &str = "2022-06-22-zero-draft.txt";
const REV1: &str = "2022-07-20-rev1.txt";
const CRP1: &str = "2022-07-28-crp1.txt";

/// The links of the shipped steps (the unit tests check which they are).
const ZERO_REV1_LINKS: usize = 72;
const REV1_CRP1_LINKS: usize = 54;

/// The paragraphs of one draft: label, section and words of each.
#[derive(Default)]
struct Draft {
    labels: Vec<String>,
    sections: Vec<String>,
    words: Vec<Vec<String>>,
}

impl Draft {
    fn push(&mut self, label: String, section: String, words: Vec<String>) {
        self.labels.push(label);
        self.sections.push(section);
        self.words.push(words);
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    fn versions(&self) -> Vec<Version<'_>> {
        (0..self.len())
            .map(|at| Version {
                label: &self.labels[at],
                section: Some(&self.sections[at]),
                words: &self.words[at],
            })
            .collect()
    }
}

/// The shipped corpus: its analyzer and the paragraphs of the three drafts
/// of the 2022 report, and of every file.
struct Shipped {
    /// Zero Draft, Rev.1, CRP.1 as older drafts (text only).
    older: [Draft; 3],
    /// The same as newer drafts (text and struck words).
    newer: [Draft; 3],
    /// Every chunk of every file, analysed sentence by sentence.
    sentences: Vec<Vec<String>>,
}

fn shipped() -> Shipped {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let manifest = Manifest::load(&dir).expect("shipped manifest");
    let glossary = Glossary::from_toml(
        &std::fs::read_to_string(dir.join("glossary.toml")).expect("shipped glossary"),
    )
    .expect("shipped glossary parses");
    let files = list_files(&dir).expect("corpus lists");
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(&f.path).expect("corpus file reads"))
        .collect();
    let mut analyzer = analyzer(&Lexicon::learn(texts.iter().map(String::as_str), &glossary));
    let mut sentences = Vec::new();
    for file in &files {
        let parsed = parse_file(&file.path, &file.name, &manifest).expect("corpus file parses");
        for chunk in &parsed.chunks {
            for sentence in chunk.text.split(['.', ';', ':']) {
                let words = words(&mut analyzer, sentence);
                if words.len() >= 4 {
                    sentences.push(words);
                }
            }
        }
    }
    let mut draft = |name: &str, struck: bool| {
        let parsed = parse_file(&dir.join(name), name, &manifest).expect("draft parses");
        let report: Vec<&str> = parsed
            .documents
            .iter()
            .filter(|d| d.kind == DocumentKind::DraftReport)
            .map(|d| d.id.as_str())
            .collect();
        let mut draft = Draft::default();
        let chunks = parsed.chunks.iter().filter(|c: &&Chunk| {
            report.contains(&c.doc.as_str())
                && matches!(c.kind, ChunkKind::Paragraph | ChunkKind::NextStep)
        });
        for chunk in chunks {
            let mut all = words(&mut analyzer, &chunk.text);
            if struck {
                for deleted in &chunk.deleted {
                    all.extend(words(&mut analyzer, deleted));
                }
            }
            let section = chunk.section.as_ref().map(|s| s.number.clone());
            draft.push(chunk.label.clone(), section.unwrap_or_default(), all);
        }
        draft
    };
    let older = [
        draft(ZERO_DRAFT, false),
        draft(REV1, false),
        draft(CRP1, false),
    ];
    let newer = [
        draft(ZERO_DRAFT, true),
        draft(REV1, true),
        draft(CRP1, true),
    ];
    Shipped {
        older,
        newer,
        sentences,
    }
}

fn align_shipped(c: &mut Criterion, shipped: &Shipped) {
    let mut group = c.benchmark_group("align/shipped");
    let steps = [
        ("zero draft → rev1", 0, ZERO_REV1_LINKS),
        ("rev1 → crp1", 1, REV1_CRP1_LINKS),
    ];
    for (name, from, expected) in steps {
        let older = shipped.older[from].versions();
        let newer = shipped.newer[from + 1].versions();
        group.throughput(Throughput::Elements((older.len() + newer.len()) as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let links = align(black_box(&older), black_box(&newer));
                assert_eq!(links.len(), expected, "{name}");
                links
            })
        });
    }
    group.finish();
}

/// A tiny xorshift generator: deterministic, and no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Paragraphs per section, and per subject.
const SECTION_SIZE: usize = 12;
/// Share of a paragraph's words that carry its subject's mark.
const SUBJECT_SHARE: f64 = 0.25;
/// Shares of the older paragraphs that the newer draft perturbs, drops and
/// moves, and the chance of a new paragraph after each.
const PERTURBED: f64 = 0.20;
const DROPPED: f64 = 0.05;
const MOVED: f64 = 0.03;
const NEW: f64 = 0.05;

/// An older draft of `n` paragraphs, its newer version, and for each newer
/// paragraph the older one it continues (`None` for a new one).
///
/// Each paragraph is one to three sentences of the shipped corpus, in a
/// section of [`SECTION_SIZE`] paragraphs. A real negotiation of thousands
/// of paragraphs ranges over many more subjects than one report, so its
/// vocabulary grows with its size (Heaps' law); sampling the few thousand
/// words of the shipped files alone would make every word common at large
/// n, which no real corpus does. So each section is a subject, and a
/// quarter of the words of its paragraphs carry the subject's mark
/// (`directori` becomes `directori#17`), as names, places and topics would.
/// (Without the marks the times are about the same, but reused sentences
/// make more false links: 3900 links for 3795 kept paragraphs at n = 4000.)
///
/// The newer draft keeps the paragraphs in order, except that it perturbs
/// 20% (a word in seven replaced by a random word of the corpus, and up to
/// five words inserted), drops 5%, moves 3% elsewhere, and adds a new
/// paragraph after 5%.
fn generate(n: usize, sentences: &[Vec<String>], seed: u64) -> (Draft, Draft, Vec<Option<usize>>) {
    let mut random = XorShift(seed);
    let vocabulary: Vec<&String> = sentences.iter().flatten().collect();
    let paragraph = |random: &mut XorShift, subject: usize| -> Vec<String> {
        let mut words = Vec::new();
        for _ in 0..1 + random.below(3) {
            words.extend(sentences[random.below(sentences.len())].iter().cloned());
        }
        for word in &mut words {
            if random.chance(SUBJECT_SHARE) {
                *word = format!("{word}#{subject}");
            }
        }
        words
    };
    let mut older = Draft::default();
    for at in 0..n {
        let section = at / SECTION_SIZE;
        let words = paragraph(&mut random, section);
        older.push(format!("{at}"), format!("S{section}"), words);
    }
    // The newer draft, as (older paragraph it continues, section, words).
    let mut order: Vec<(Option<usize>, usize, Vec<String>)> = Vec::new();
    let mut moved = Vec::new();
    for at in 0..n {
        if random.chance(DROPPED) {
            continue;
        }
        let section = at / SECTION_SIZE;
        let mut words = older.words[at].clone();
        if random.chance(PERTURBED) {
            for word in &mut words {
                if random.below(7) == 0 {
                    *word = vocabulary[random.below(vocabulary.len())].clone();
                }
            }
            for _ in 0..random.below(6) {
                let word = vocabulary[random.below(vocabulary.len())].clone();
                words.insert(random.below(words.len() + 1), word);
            }
        }
        if random.chance(MOVED) {
            moved.push((Some(at), section, words));
        } else {
            order.push((Some(at), section, words));
        }
        if random.chance(NEW) {
            order.push((None, section, paragraph(&mut random, section)));
        }
    }
    for (origin, _, words) in moved {
        // A moved paragraph takes the section of the place it lands in.
        let to = random.below(order.len() + 1);
        let section = order
            .get(to.max(1) - 1)
            .map_or(0, |(_, section, _)| *section);
        order.insert(to, (origin, section, words));
    }
    let mut newer = Draft::default();
    let mut origins = Vec::with_capacity(order.len());
    for (at, (origin, section, words)) in order.into_iter().enumerate() {
        let label = match origin {
            Some(origin) => format!("{at} (was {origin})"),
            None => format!("{at} (new)"),
        };
        newer.push(label, format!("S{section}"), words);
        origins.push(origin);
    }
    (older, newer, origins)
}

fn align_generated(c: &mut Criterion, shipped: &Shipped) {
    let mut group = c.benchmark_group("align/generated");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    for n in [500, 1000, 2000, 4000] {
        let (older, newer, origins) = generate(n, &shipped.sentences, 0x5eed_0000 + n as u64);
        let (older, newer) = (older.versions(), newer.versions());
        let kept = origins.iter().flatten().count();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let links: Vec<Link> = align(black_box(&older), black_box(&newer));
                // Nearly every kept paragraph is found, and few links are
                // false (a new paragraph may find a partner among the
                // paragraphs that reuse its sentences).
                let right = links
                    .iter()
                    .filter(|link| origins[link.newer] == Some(link.older))
                    .count();
                assert!(
                    right * 100 >= kept * 98 && links.len() * 100 <= kept * 102,
                    "n = {n}: {right} right links of {} for {kept} kept paragraphs",
                    links.len()
                );
                links
            })
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let shipped = shipped();
    align_shipped(c, &shipped);
    align_generated(c, &shipped);
}

criterion_group!(align_benches, benches);
criterion_main!(align_benches);
