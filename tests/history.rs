//! `negotext history`, `diff`, the `added:`/`removed:` fields and
//! `--collapse` on the shipped corpus; the JSON of `history` and `diff`
//! read back with serde (the README's contract): `deny_unknown_fields`
//! and required fields check the field set, so not every field is read.
#![allow(dead_code)]

mod common;

use std::collections::BTreeSet;

use common::{on_shared_index, search};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum HistoryLine {
    Version(Box<Version>),
    History(Summary),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Chunk {
    key: String,
    doc: String,
    file: String,
    report: Option<String>,
    draft: String,
    date: Option<String>,
    label: String,
    citation: String,
    section: Option<serde_json::Value>,
    pillar: String,
    text: String,
    lines: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Version {
    #[serde(flatten)]
    chunk: Chunk,
    previous: Vec<Link>,
    next: Vec<Link>,
    diff: Option<Vec<Segment>>,
    #[serde(flatten)]
    shifts: Shifts,
}

/// How a version's wording was softened and hardened (`modal: shall →
/// should`), and the bracketed passages it cleared and added, in `version`
/// and `changed` lines.
#[derive(Debug, Deserialize)]
struct Shifts {
    softened: Vec<String>,
    hardened: Vec<String>,
    cleared: Vec<String>,
    bracketed: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Link {
    id: String,
    draft: String,
    label: String,
    score: f32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Segment {
    change: String,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    lineage: String,
    report: String,
    drafts: Vec<String>,
    versions: usize,
    aligned: bool,
    new_in: Option<String>,
    dropped_after: Option<String>,
}

fn history(args: &[&str]) -> (Vec<Version>, Summary) {
    let mut all = args.to_vec();
    all.push("--json");
    let output = on_shared_index("history", &all);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut versions = Vec::new();
    let mut summary = None;
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        match serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")) {
            HistoryLine::Version(version) => {
                assert!(summary.is_none(), "versions come before the history line");
                versions.push(*version);
            }
            HistoryLine::History(s) => summary = Some(s),
        }
    }
    let summary = summary.expect("a history line");
    assert_eq!(summary.versions, versions.len());
    (versions, summary)
}

/// The text a diff turns into (`new`) or comes from (`old`).
fn rebuilt(diff: &[Segment], new: bool) -> String {
    let skip = if new { "delete" } else { "insert" };
    diff.iter()
        .filter(|s| s.change != skip)
        .map(|s| s.text.as_str())
        .collect()
}

#[test]
fn history_of_crp1_16a_goes_back_to_the_zero_draft() {
    let (versions, summary) = history(&["crp1", "16(a)"]);
    let keys: Vec<&str> = versions.iter().map(|v| v.chunk.key.as_str()).collect();
    for key in ["zero-draft 6(a)", "rev1 10(a)", "crp1 16(a)"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    // Oldest first.
    let position = |key: &str| keys.iter().position(|k| *k == key).unwrap();
    assert!(position("zero-draft 6(a)") < position("rev1 10(a)"));
    assert!(position("rev1 10(a)") < position("crp1 16(a)"));
    assert_eq!(summary.report, "apr1");
    assert_eq!(summary.drafts, ["zero-draft", "rev1", "crp1"]);
    assert_eq!(summary.new_in, None);
    assert_eq!(summary.dropped_after, None);
    for version in &versions {
        match version.chunk.draft.as_str() {
            "zero-draft" => assert!(version.diff.is_none() && version.previous.is_empty()),
            _ => {
                let diff = version.diff.as_ref().expect("a diff after the first draft");
                assert_eq!(rebuilt(diff, true), version.chunk.text);
                assert!(!version.previous.is_empty());
            }
        }
    }
    let rev1 = versions
        .iter()
        .find(|v| v.chunk.key == "rev1 10(a)")
        .unwrap();
    let zd = versions
        .iter()
        .find(|v| v.chunk.key == "zero-draft 6(a)")
        .unwrap();
    assert_eq!(rebuilt(rev1.diff.as_ref().unwrap(), false), zd.chunk.text);
    // Rev.1 added "inter-governmental" without marking it.
    assert!(
        rev1.diff
            .as_ref()
            .unwrap()
            .iter()
            .any(|s| s.change == "insert" && s.text.contains("inter-governmental")),
        "{:?}",
        rev1.diff
    );
    // The human form marks changes when piped.
    let output = on_shared_index("history", &["crp1", "16(a)"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("[+") && text.contains("[-"), "{text}");
    assert!(!text.contains('\x1b'));
}

#[test]
fn history_of_a_struck_item() {
    let (versions, summary) = history(&["rev1", "7(b)(vi)-deleted"]);
    let struck = versions
        .iter()
        .find(|v| v.chunk.key == "rev1 7(b)(vi)-deleted")
        .expect("the struck item");
    assert_eq!(struck.chunk.text, "");
    assert!(struck.next.is_empty(), "a struck item goes no further");
    let origin = &struck.previous;
    assert_eq!(origin.len(), 1, "{origin:?}");
    assert_eq!(
        (origin[0].draft.as_str(), origin[0].label.as_str()),
        ("zero-draft", "3(a)(iii)")
    );
    let diff = struck.diff.as_ref().unwrap();
    assert!(
        diff.iter().all(|s| s.change == "delete"),
        "all of it struck: {diff:?}"
    );
    assert!(!diff.is_empty());
    assert_eq!(summary.dropped_after.as_deref(), Some("rev1"));
    let output = on_shared_index("history", &["rev1", "7(b)(vi)-deleted"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("(struck out whole)"), "{text}");
    assert!(text.contains("dropped after Rev.1"), "{text}");
}

#[test]
fn letters_are_not_followed_across_drafts() {
    let (versions, summary) = history(&["crp1", "letter.1"]);
    assert!(!summary.aligned);
    assert_eq!(versions.len(), 1);
    assert_eq!((summary.new_in, summary.dropped_after), (None, None));
}

#[test]
fn new_paragraphs_say_so() {
    let (versions, summary) = history(&["crp1", "9"]);
    assert!(summary.aligned);
    assert_eq!(summary.new_in.as_deref(), Some("crp1"), "{versions:?}");
    assert!(versions.iter().all(|v| v.chunk.draft == "crp1"));
}

#[test]
fn added_finds_the_drafts_that_introduced_a_word() {
    let found = search("added:\"inter-governmental\"", &[]);
    let keys = found.keys();
    for key in ["rev1 10(a)", "rev1 next-steps-E.2"] {
        assert!(keys.contains(&key.to_string()), "{key} in {keys:?}");
    }
    for hit in &found.hits {
        assert_eq!(
            hit["draft"], "rev1",
            "only Rev.1 introduced it: {}",
            hit["key"]
        );
    }
    // Every spelling, as for text.
    assert_eq!(
        search("added:intergovernmental", &[])
            .keys()
            .into_iter()
            .collect::<BTreeSet<_>>(),
        search("added:inter-governmental", &[])
            .keys()
            .into_iter()
            .collect::<BTreeSet<_>>()
    );
}

#[test]
fn removed_finds_what_crp1_dropped() {
    let found = search("removed:hotlines", &["--draft", "crp1"]);
    assert!(!found.hits.is_empty());
    let (rev1, _) = history(&["rev1", "10(a)"]);
    let successors: BTreeSet<String> = rev1
        .iter()
        .find(|v| v.chunk.key == "rev1 10(a)")
        .unwrap()
        .next
        .iter()
        .map(|link| format!("{} {}", link.draft, link.label))
        .collect();
    for hit in &found.hits {
        let key = hit["key"].as_str().unwrap();
        assert!(
            successors.contains(key),
            "{key} continues Rev.1 10(a): {successors:?}"
        );
        assert_eq!(hit["snippet_view"], "removed");
        // The snippet is the run that holds the word, not every fragment
        // removed from the paragraph (`…… (PoCs) … , policy … ,`).
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(snippet.contains("hotlines"), "{snippet}");
        assert!(
            !snippet.starts_with([',', '…']) && !snippet.contains("… …"),
            "{snippet}"
        );
        assert!(!snippet.contains("(PoCs) …"), "{snippet}");
        assert!(
            hit["removed"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r.as_str().unwrap().contains("hotlines"))
        );
    }
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum DiffLine {
    Changed(Box<Changed>),
    Added(Box<Chunk>),
    Dropped(Box<Chunk>),
    Summary(DiffSummary),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Changed {
    older: Vec<Chunk>,
    newer: Chunk,
    score: f32,
    diff: Vec<Segment>,
    #[serde(flatten)]
    shifts: Shifts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DiffSummary {
    report: String,
    from: String,
    to: String,
    changed: usize,
    added: usize,
    dropped: usize,
    unchanged: usize,
}

fn diff_lines(args: &[&str]) -> Vec<DiffLine> {
    let mut all = args.to_vec();
    all.push("--json");
    let output = on_shared_index("diff", &all);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    common::parse_lines(&String::from_utf8(output.stdout).unwrap())
}

#[test]
fn diff_is_a_redline_that_reads_back() {
    let lines = diff_lines(&["rev1", "crp1"]);
    let Some((DiffLine::Summary(summary), entries)) = lines.split_last() else {
        panic!("a summary last");
    };
    assert_eq!(
        (
            summary.report.as_str(),
            summary.from.as_str(),
            summary.to.as_str()
        ),
        ("apr1", "rev1", "crp1")
    );
    let (mut changed, mut added, mut dropped) = (0, 0, 0);
    let mut shifts = Vec::new();
    for entry in entries {
        match entry {
            DiffLine::Changed(c) => {
                changed += 1;
                assert!(c.score > 0.0 && c.score <= 1.0);
                assert_eq!(rebuilt(&c.diff, true), c.newer.text);
                let older: Vec<&str> = c.older.iter().map(|o| o.text.as_str()).collect();
                assert_eq!(rebuilt(&c.diff, false), older.join(" "));
                assert_eq!(c.newer.draft, "crp1");
                assert!(c.older.iter().all(|o| o.draft == "rev1"));
                for shift in c.shifts.softened.iter().chain(&c.shifts.hardened) {
                    shifts.push(format!("{} {shift}", c.newer.key));
                }
                // A passage cleared was in brackets in the older text.
                for passage in &c.shifts.cleared {
                    assert!(c.older.iter().any(|o| o.text.contains(passage.as_str())));
                }
                for passage in &c.shifts.bracketed {
                    assert!(c.newer.text.contains(passage.as_str()), "{passage}");
                }
            }
            DiffLine::Added(chunk) => {
                added += 1;
                assert_eq!(chunk.draft, "crp1");
            }
            DiffLine::Dropped(chunk) => {
                dropped += 1;
                assert_eq!(chunk.draft, "rev1");
            }
            DiffLine::Summary(_) => panic!("one summary"),
        }
    }
    assert_eq!(
        (changed, added, dropped),
        (summary.changed, summary.added, summary.dropped)
    );
    assert!(changed > 10 && added > 0 && dropped > 0);
    // CRP.1 2 keeps "could be built upon" but lost Rev.1 1's "should be
    // guided" to 1; CRP.1 15(a) says "should" where Rev.1 9(a) said
    // "could" (`history::strength`).
    shifts.sort();
    assert_eq!(
        shifts,
        [
            "crp1 15(a) modal: could → should",
            "crp1 2 modal: should → could"
        ]
    );
    // The new paragraphs of CRP.1's threats section are there.
    assert!(
        entries
            .iter()
            .any(|e| matches!(e, DiffLine::Added(c) if c.label == "9"))
    );

    // --pillar keeps one pillar.
    for entry in diff_lines(&["rev1", "crp1", "--pillar", "cbm"]) {
        match entry {
            DiffLine::Changed(c) => assert_eq!(c.newer.pillar, "cbm"),
            DiffLine::Added(c) | DiffLine::Dropped(c) => assert_eq!(c.pillar, "cbm"),
            DiffLine::Summary(_) => {}
        }
    }
}

#[test]
fn diff_refuses_drafts_of_different_reports() {
    let output = on_shared_index("diff", &["rev1", "l1"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("different reports"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn collapse_groups_the_versions_of_a_paragraph() {
    let found = search("\"points of contact\"", &["--collapse"]);
    let paragraphs = found.summary["paragraphs"].as_u64().unwrap() as usize;
    let total = found.summary["total_hits"].as_u64().unwrap() as usize;
    assert_eq!(found.hits.len(), paragraphs);
    assert!(
        paragraphs < total,
        "{paragraphs} paragraphs, {total} versions"
    );
    let lineages: BTreeSet<&str> = found
        .hits
        .iter()
        .map(|h| h["lineage"].as_str().unwrap())
        .collect();
    assert_eq!(lineages.len(), paragraphs, "one hit per lineage");
    let versions: usize = found
        .hits
        .iter()
        .map(|h| h["versions"].as_array().unwrap().len())
        .sum();
    assert_eq!(versions, total, "every matching version is listed once");
    let pillars: u64 = found.summary["facets"]["pillar"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(
        pillars as usize, paragraphs,
        "pillar facets count paragraphs"
    );
    // The directory paragraph lists its versions across the drafts.
    let directory = found
        .hits
        .iter()
        .find(|h| {
            h["versions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["key"] == "crp1 16(a)")
        })
        .expect("CRP.1 16(a) among the versions");
    let keys: Vec<&str> = directory["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["key"].as_str().unwrap())
        .collect();
    assert!(
        keys.contains(&"zero-draft 6(a)") && keys.contains(&"rev1 10(a)"),
        "{keys:?}"
    );
}

#[test]
fn links_never_cross_reports_and_match_both_ends() {
    use negotext::index::ChunkIndex;
    use std::collections::HashMap;
    let index = ChunkIndex::open(&common::shared_index()).unwrap();
    let records = negotext::search::records_matching(&index, &tantivy::query::AllQuery).unwrap();
    let by_id: HashMap<String, &negotext::model::Record> = records
        .iter()
        .map(|r| (format!("{}#{}", r.chunk.doc, r.chunk.ordinal), r))
        .collect();
    let mut links = 0;
    for record in &records {
        let id = format!("{}#{}", record.chunk.doc, record.chunk.ordinal);
        for (link, forward) in record
            .links
            .previous
            .iter()
            .map(|l| (l, false))
            .chain(record.links.next.iter().map(|l| (l, true)))
        {
            links += 1;
            let other = by_id[&link.id];
            assert_eq!(
                other.document.report, record.document.report,
                "{id} → {}",
                link.id
            );
            assert_eq!(other.links.lineage, record.links.lineage);
            // The other end knows the link too.
            let back = if forward {
                &other.links.previous
            } else {
                &other.links.next
            };
            assert!(back.iter().any(|l| l.id == id), "{id} ↔ {}", link.id);
            // Forward links go to a later draft.
            let (older, newer) = if forward {
                (record, other)
            } else {
                (other, record)
            };
            assert!(older.document.draft < newer.document.draft);
        }
    }
    assert!(links > 200, "{links} link ends");
}

/// Rev.1 written again with the characters that print alike swapped in —
/// non-breaking and Unicode hyphens, soft hyphens inside words, no-break
/// spaces, word joiners — and given to the manifest as a second draft of
/// the same report: `diff` says exactly what it says of an unchanged copy,
/// and the chunks read the same.
#[test]
fn hyphens_and_spaces_that_print_alike_are_no_change() {
    let shipped = common::corpus_dir();
    let rev1 = std::fs::read_to_string(shipped.join(common::REV1)).unwrap();
    let variant = printed_alike(&rev1);
    assert!(variant.chars().filter(|c| !c.is_ascii()).count() > 300);

    let copy_name = "2022-07-21-rev1-copy.txt";
    let redline = |copy: &str| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join(common::REV1), &rev1).unwrap();
        std::fs::write(corpus.join(copy_name), copy).unwrap();
        let mut manifest = std::fs::read_to_string(shipped.join("manifest.toml")).unwrap();
        manifest.push_str(&format!("\n[files.\"{copy_name}\"]\ndraft = \"rev2\"\n"));
        std::fs::write(corpus.join("manifest.toml"), manifest).unwrap();
        let index = dir.path().join("index");
        common::index(&corpus, &index);
        let output = common::run(&["diff", "rev1", "rev2", "--json"], &corpus, &index);
        assert!(
            output.status.code().is_some(),
            "{}",
            common::stderr(&output)
        );
        (output.status.code(), common::stdout(&output))
    };
    let (same_code, same) = redline(&rev1);
    let (variant_code, of_variant) = redline(&variant);
    assert_eq!((variant_code, of_variant), (same_code, same.clone()));
    let lines: Vec<DiffLine> = common::parse_lines(&same);
    let Some(DiffLine::Summary(summary)) = lines.last() else {
        panic!("a summary last");
    };
    assert!(summary.unchanged > 50, "{summary:?}");
    for line in &lines {
        if let DiffLine::Changed(changed) = line {
            // Only struck-out items (no live text) are paired differently.
            assert!(changed.newer.text.is_empty(), "{changed:?}");
        }
    }

    let manifest = negotext::corpus::Manifest::load(&shipped).unwrap();
    let read = |text: &str| {
        let parsed = negotext::parse::parse_text(common::REV1, text, &manifest);
        parsed
            .chunks
            .into_iter()
            .map(|c| (c.label, c.text, c.inserted, c.deleted, c.footnotes))
            .collect::<Vec<_>>()
    };
    assert_eq!(read(&variant), read(&rev1));
}

/// `text` with every hyphen between letters written U+2011 or U+2010, some
/// spaces between letters written U+00A0, soft hyphens in "natio-nal" and
/// word joiners in "inter-national".
fn printed_alike(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut swapped = 0;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i + 1).copied();
        let between_letters =
            before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic);
        match c {
            '-' if between_letters => {
                out.push(if swapped % 2 == 0 {
                    '\u{2011}'
                } else {
                    '\u{2010}'
                });
                swapped += 1;
            }
            ' ' if between_letters && swapped % 3 == 0 => {
                out.push('\u{A0}');
                swapped += 1;
            }
            'n' if between_letters && before == Some('o') && after == Some('a') => {
                out.push_str("\u{AD}n");
                swapped += 1;
            }
            'n' if before == Some('r') && after == Some('a') => {
                out.push_str("\u{2060}n");
                swapped += 1;
            }
            c => out.push(c),
        }
    }
    out
}

#[test]
fn a_split_is_said_in_the_text_output() {
    let output = common::on_shared_index("history", &["crp1", "16(a)", "--color", "never"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let text = common::stdout(&output);
    // Rev.1 10(a) became CRP.1 16(a) and 16(b): said under Rev.1 10(a), so
    // that what moved to 16(b) is not read as deleted.
    let rev1 = text.find("rev1 10(a)").expect("rev1 10(a) is listed");
    let crp1 = text.find("\ncrp1 16(a)").expect("crp1 16(a) is listed");
    let split = text
        .find("split into crp1 16(a) (0.")
        .expect("the split is said");
    assert!(rev1 < split && split < crp1, "{text}");
    assert!(text[split..crp1].contains("crp1 16(b) (0."), "{text}");
}
