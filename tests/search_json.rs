//! The `search --json` contract (README, "JSON output of search"), read
//! back with serde: every documented field, no undocumented one, and the
//! values agree with what the parser made of the same chunks.

mod common;

use std::collections::BTreeMap;

use common::on_shared_index;
use negotext::index::entry::shown_as;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum Line {
    Hit(Box<Hit>),
    Summary(Summary),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hit {
    #[serde(flatten)]
    document: common::DocumentFields,
    doc_kind: String,
    kind: String,
    section: Option<Section>,
    pillar: String,
    label: String,
    citation: String,
    score: f32,
    text: String,
    snippet: String,
    highlights: Vec<[usize; 2]>,
    snippet_view: String,
    inserted: Vec<String>,
    deleted: Vec<String>,
    added: Vec<String>,
    removed: Vec<String>,
    lineage: String,
    lines: Lines,
    format: String,
    pages: Option<Lines>,
    changes: Vec<Change>,
    comments: Vec<Comment>,
    attributions: Vec<String>,
    key: String,
    versions: Vec<VersionRef>,
}

/// A tracked change (read back in `tests/docx.rs` with a Word corpus).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Change {
    line: usize,
    kind: String,
    author: String,
    date: Option<String>,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Comment {
    line: usize,
    author: String,
    date: Option<String>,
    text: String,
}

/// Only read by serde here (its fields are checked by `tests/history.rs`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct VersionRef {
    key: String,
    draft: String,
    label: String,
    score: f32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    number: String,
    heading: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lines {
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    total_hits: usize,
    paragraphs: Option<usize>,
    facets: Facets,
    returned: usize,
    offset: usize,
    elapsed_ms: f64,
    stale: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Facets {
    pillar: BTreeMap<String, u64>,
    draft: BTreeMap<String, u64>,
    doc_kind: BTreeMap<String, u64>,
    symbol: BTreeMap<String, u64>,
    author: BTreeMap<String, u64>,
}

fn lines(args: &[&str]) -> Vec<Line> {
    let output = on_shared_index("search", args);
    common::parse_lines(&String::from_utf8(output.stdout).unwrap())
}

#[test]
fn hits_and_summary_read_back_and_agree_with_the_parser() {
    let parsed = common::parse_all();
    let chunk = |doc: &str, label: &str| {
        parsed
            .iter()
            .flat_map(|f| f.chunks.iter().map(move |c| (f, c)))
            .find(|(_, c)| c.doc == doc && c.label == label)
            .unwrap_or_else(|| panic!("{doc} {label} is a parsed chunk"))
    };
    for args in [
        vec!["\"inter-governmental points of contact\"", "--json"],
        vec!["PoC OR CBM", "--json", "--limit", "50"],
        vec!["deleted:\"Red Cross\"", "--json"],
        vec!["capacity", "--json", "--limit", "5", "--offset", "5"],
        vec!["States", "--json", "--exact", "--pillar", "norms"],
        vec!["capacity", "--json", "--limit", "100"],
    ] {
        let lines = lines(&args);
        let Some((Line::Summary(summary), hits)) = lines.split_last() else {
            panic!("{args:?}: the last line is the summary");
        };
        assert_eq!(summary.returned, hits.len(), "{args:?}");
        assert_eq!(summary.paragraphs, None, "paragraphs only with --collapse");
        assert!(summary.total_hits >= summary.offset + hits.len());
        assert!(summary.elapsed_ms >= 0.0);
        assert_eq!(summary.stale, None, "{args:?}: the index is up to date");
        assert_eq!(
            summary.facets.pillar.values().sum::<u64>() as usize,
            summary.total_hits
        );
        assert_eq!(
            summary.facets.draft.values().sum::<u64>() as usize,
            summary.total_hits
        );
        assert_eq!(
            summary.facets.doc_kind.values().sum::<u64>() as usize,
            summary.total_hits
        );
        assert!(summary.facets.symbol.values().sum::<u64>() as usize <= summary.total_hits);
        assert!(
            summary.facets.author.is_empty(),
            "the shipped corpus has no tracked changes by author"
        );
        assert!(
            !summary.facets.draft.contains_key("none/none"),
            "{args:?}: {:?}",
            summary.facets.draft
        );
        let mut last_score = f32::INFINITY;
        for line in hits {
            let Line::Hit(hit) = line else {
                panic!("{args:?}: one summary, last")
            };
            assert!(hit.score <= last_score, "ranked by score");
            last_score = hit.score;
            let (file, parsed) = chunk(&hit.document.doc, &hit.label);
            let document = file
                .documents
                .iter()
                .find(|d| d.id == hit.document.doc)
                .unwrap();
            assert_eq!(hit.document.file, file.file);
            assert_eq!(hit.text, parsed.text);
            assert_eq!(hit.citation, parsed.citation);
            assert_eq!(hit.pillar, parsed.pillar.name());
            assert_eq!(hit.kind, parsed.kind.name());
            assert_eq!(
                (hit.lines.start, hit.lines.end),
                (parsed.lines.start, parsed.lines.end)
            );
            assert_eq!(hit.inserted, parsed.inserted);
            assert_eq!(hit.deleted, parsed.deleted);
            // The shipped corpus is text: no pages, changes or comments.
            assert_eq!(hit.format, document.format.name());
            assert!(hit.pages.is_none() && hit.changes.is_empty() && hit.comments.is_empty());
            assert_eq!(hit.attributions, parsed.attributions);
            assert_eq!(
                hit.section.as_ref().map(|s| (&s.number, &s.heading)),
                parsed.section.as_ref().map(|s| (&s.number, &s.heading))
            );
            assert_eq!(hit.document.symbol, document.symbol);
            assert_eq!(hit.document.report, document.report);
            assert_eq!(hit.document.draft, document.draft.short());
            assert_eq!(hit.document.date, document.date.map(|d| d.iso()));
            assert_eq!(hit.document.date_end, document.date_end.map(|d| d.iso()));
            assert_eq!(hit.doc_kind, document.kind.name());
            // No two files of the shipped corpus are shown by one name.
            let expected = match &document.report {
                Some(report) => format!("{report}/{}", document.draft.short()),
                None => shown_as(&file.documents).unwrap(),
            };
            assert_eq!(hit.document.draft_key, expected);
            assert!(summary.facets.draft.contains_key(&hit.document.draft_key));
            assert!(summary.facets.doc_kind.contains_key(&hit.doc_kind));
            if let Some(symbol) = &hit.document.symbol {
                assert!(summary.facets.symbol.contains_key(symbol));
            }
            assert!(hit.key.ends_with(&format!(" {}", hit.label)), "{}", hit.key);
            assert!(!hit.lineage.is_empty());
            assert!(hit.versions.is_empty(), "versions only with --collapse");
            if hit.document.draft == "zero-draft" {
                assert!(hit.added.is_empty() && hit.removed.is_empty());
            }
            assert!(["text", "deleted"].contains(&hit.snippet_view.as_str()));
            assert!(
                !hit.highlights.is_empty(),
                "{args:?}: {} has highlights",
                hit.key
            );
            for [start, end] in &hit.highlights {
                assert!(start < end && *end <= hit.snippet.len());
                assert!(hit.snippet.is_char_boundary(*start) && hit.snippet.is_char_boundary(*end));
            }
            assert!(hit.snippet.chars().count() <= 240);
        }
    }
}

#[test]
fn no_hits_is_a_summary_alone_and_exit_1() {
    let output = on_shared_index(
        "search",
        &[
            "\"inter-governmental points of contact\"",
            "--draft",
            "zero-draft",
            "--json",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Line> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let [Line::Summary(summary)] = &lines[..] else {
        panic!("one summary line: {lines:?}");
    };
    assert_eq!(summary.total_hits, 0);
    let facets = &summary.facets;
    assert!(facets.pillar.is_empty() && facets.draft.is_empty());
    assert!(facets.doc_kind.is_empty() && facets.symbol.is_empty());
}
