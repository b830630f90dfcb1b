//! A Word corpus end to end: the clean previous draft (`L20-rev0.docx`) and
//! its Rev.1 with tracked changes by two authors (`L20-rev1.docx`, written
//! by LibreOffice: `tests/fixtures/docx/make_fixtures.py`), plus a file of
//! computed numbering with a comment (`numbering.docx`). Indexed, then
//! searched as a delegate would: struck words only under `deleted:`, who
//! changed what under `author:` and in the `by author` counts, comments
//! only under `comment:`, and `diff` and `history` between the two drafts.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{json_lines, run, stderr, stdout};
use serde_json::Value;

/// The corpus in a temporary directory, indexed: (the directory, corpus, index).
fn indexed() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).expect("a corpus");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx");
    for name in ["L20-rev0.docx", "L20-rev1.docx", "numbering.docx"] {
        fs::copy(fixtures.join(name), corpus.join(name)).expect("a fixture copy");
    }
    // Both drafts print the same symbol: the manifest says which is which.
    let manifest = "[files.\"L20-rev0.docx\"]\ndraft = \"zero-draft\"\n\n\
                    [files.\"L20-rev1.docx\"]\ndraft = \"rev1\"\n";
    fs::write(corpus.join("manifest.toml"), manifest).expect("a manifest");
    let index = dir.path().join("index");
    let output = run(&["index", "--quiet"], &corpus, &index);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    (dir, corpus, index)
}

/// The hits and the summary of `search --json QUERY`.
fn search(corpus: &Path, index: &Path, query: &str) -> (Vec<Value>, Value) {
    let symbol = "A/C.1/80/L.20";
    let args = [
        "search", "--json", "--limit", "50", "--symbol", symbol, query,
    ];
    let output = run(&args, corpus, index);
    let lines = json_lines(&output);
    let hits = lines
        .iter()
        .filter(|l| l["type"] == "hit")
        .map(|l| l["data"].clone())
        .collect();
    let summary = lines
        .iter()
        .find(|l| l["type"] == "summary")
        .map(|l| l["data"].clone())
        .expect("a summary");
    (hits, summary)
}

fn keys(hits: &[Value]) -> Vec<&str> {
    hits.iter().filter_map(|h| h["key"].as_str()).collect()
}

#[test]
fn struck_words_are_found_under_deleted_only_and_authors_are_counted() {
    let (_dir, corpus, index) = indexed();
    let (hits, _) = search(&corpus, &index, "deleted:\"smooth and\"");
    assert_eq!(keys(&hits), ["rev1 2"]);
    assert_eq!(hits[0]["snippet_view"], "deleted");
    assert_eq!(hits[0]["format"], "docx");
    let change = &hits[0]["changes"][0];
    assert_eq!(
        (&change["kind"], &change["author"], &change["text"]),
        (
            &"deleted".into(),
            &"Delegation A".into(),
            &"smooth and".into()
        )
    );
    assert!(change["date"].as_str().is_some_and(|d| d.starts_with("20")));
    // The default search reads what each draft says: the Zero Draft still
    // says "smooth and", Rev.1 no longer does.
    let (hits, _) = search(&corpus, &index, "\"smooth and\"");
    assert_eq!(keys(&hits), ["zero-draft 2"]);
    // Every chunk of the two drafts: both authors counted.
    let (_, summary) = search(&corpus, &index, "Recalling OR requests OR decides");
    let authors = &summary["facets"]["author"];
    assert_eq!(authors["Delegation A"], 3, "{summary}");
    assert_eq!(authors["Delegation B"], 3, "{summary}");
    // Who changed what.
    let (hits, _) = search(&corpus, &index, "author:\"Delegation B\"");
    let mut found = keys(&hits);
    found.sort();
    assert_eq!(found, ["rev1 3", "rev1 4", "rev1 PP2", "rev1 PP4"]);
}

#[test]
fn comments_are_searched_apart_from_the_text() {
    let (_dir, corpus, index) = indexed();
    let found = |query: &str| {
        let output = run(&["search", "--json", query], &corpus, &index);
        let lines = json_lines(&output);
        let hits: Vec<Value> = lines.into_iter().filter(|l| l["type"] == "hit").collect();
        hits
    };
    let hits = found("comment:\"cannot accept\"");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["data"]["file"], "numbering.docx");
    assert_eq!(hits[0]["data"]["comments"][0]["author"], "Delegation C");
    assert!(found("\"cannot accept\"").is_empty());
}

#[test]
fn diff_and_history_run_between_the_clean_draft_and_its_rev1() {
    let (_dir, corpus, index) = indexed();
    let diff = run(&["diff", "--json", "zero-draft", "rev1"], &corpus, &index);
    assert_eq!(diff.status.code(), Some(0), "{}", stderr(&diff));
    let lines = json_lines(&diff);
    let changed: Vec<&Value> = lines.iter().filter(|l| l["type"] == "changed").collect();
    let para_2 = changed
        .iter()
        .find(|l| l["data"]["newer"]["label"] == "2")
        .expect("paragraph 2 changed");
    assert_eq!(para_2["data"]["older"][0]["label"], "2");
    assert_eq!(para_2["data"]["newer"]["file"], "L20-rev1.docx");
    let history = run(&["history", "rev1", "3"], &corpus, &index);
    let out = stdout(&history);
    assert_eq!(history.status.code(), Some(0), "{}", stderr(&history));
    assert!(out.contains("zero-draft 3"), "{out}");
    // Wrapped to 80 columns: the words may be on two lines.
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("adequate resources"), "{out}");
}
