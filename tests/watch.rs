//! `negotext watch`: a saved search reports exactly the hits that are new,
//! changed and gone since its last run, checked against `search --json` on
//! a copy of the shipped corpus to which a draft is added, in which a
//! paragraph is edited, and from which the draft is then removed.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{CRP1, REV1, corpus_dir, json_lines, run, stderr, stdout};
use serde_json::Value;

const QUERY: &str = "\"points of contact\"";

/// The keys of the hits of `search QUERY --pillar cbm` limited to `draft`.
fn search_keys(corpus: &Path, index: &Path, draft: &str) -> BTreeSet<String> {
    let output = run(
        &[
            "search", QUERY, "--pillar", "cbm", "--draft", draft, "--json", "--limit", "1000",
        ],
        corpus,
        index,
    );
    json_lines(&output)
        .iter()
        .filter(|line| line["type"] == "hit")
        .map(|line| line["data"]["key"].as_str().unwrap().to_string())
        .collect()
}

/// The one `watch` line of `watch --json`.
fn watched(corpus: &Path, index: &Path) -> (Option<i32>, Value) {
    let output = run(&["watch", "--json"], corpus, index);
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1, "{}", stdout(&output));
    assert_eq!(lines[0]["type"], "watch");
    (output.status.code(), lines[0]["data"].clone())
}

fn keys(hits: &Value) -> BTreeSet<String> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["key"].as_str().unwrap().to_string())
        .collect()
}

fn strings(values: &Value) -> BTreeSet<String> {
    values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn watch_reports_exactly_the_new_changed_and_gone_hits() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for entry in fs::read_dir(corpus_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
    }
    let index = dir.path().join("index");

    // Nothing saved: one line, exit 1.
    let none = run(&["watch"], &corpus, &index);
    assert_eq!(none.status.code(), Some(1));
    assert!(stderr(&none).contains("negotext watch add NAME QUERY"));

    let added = run(
        &["watch", "add", "pocs", QUERY, "--pillar", "cbm"],
        &corpus,
        &index,
    );
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    let again = run(&["watch", "add", "pocs", "x"], &corpus, &index);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(stderr(&again).lines().count(), 1, "{}", stderr(&again));

    // Right after adding it, nothing has changed.
    let (code, quiet) = watched(&corpus, &index);
    assert_eq!(code, Some(1));
    assert!(quiet["new"].as_array().unwrap().is_empty());
    assert!(quiet["changed"].as_array().unwrap().is_empty());
    assert!(quiet["gone"].as_array().unwrap().is_empty());

    // A new draft dropped in, and Rev.1 10(a) edited.
    let crp1 = fs::read_to_string(corpus.join(CRP1)).unwrap();
    let crp2 = crp1
        .replace("CRP.1", "CRP.2")
        .replace("28 July 2022", "5 August 2022");
    fs::write(corpus.join("2022-08-05-crp2.txt"), crp2).unwrap();
    let rev1 = fs::read_to_string(corpus.join(REV1)).unwrap();
    let edited = rev1.replacen(
        "provide points of contact (PoCs) at the diplomatic",
        "provide points of contact (PoCs), where possible, at the diplomatic",
        1,
    );
    assert_ne!(edited, rev1);
    fs::write(corpus.join(REV1), edited).unwrap();

    let (code, moved) = watched(&corpus, &index);
    assert_eq!(code, Some(0));
    let crp2_keys = search_keys(&corpus, &index, "crp2");
    assert!(!crp2_keys.is_empty());
    assert_eq!(keys(&moved["new"]), crp2_keys);
    assert_eq!(
        keys(&moved["changed"]),
        BTreeSet::from(["rev1 10(a)".to_string()])
    );
    assert!(moved["gone"].as_array().unwrap().is_empty());
    let changed = &moved["changed"][0];
    assert!(changed["text"].as_str().unwrap().contains("where possible"));
    assert_eq!(
        changed["citation"],
        "Draft first annual progress report, Rev.1 (20 July 2022), para. 10(a)"
    );

    // Seen now: nothing more to say.
    let (code, _) = watched(&corpus, &index);
    assert_eq!(code, Some(1));

    // The saved search outlives a rebuild of the index.
    let rebuilt = run(&["index", "--rebuild", "--quiet"], &corpus, &index);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr(&rebuilt));
    let listed = run(&["watch", "list"], &corpus, &index);
    assert!(stdout(&listed).starts_with("pocs  \"points of contact\" --pillar cbm  ("));

    // The draft removed: its hits are gone.
    fs::remove_file(corpus.join("2022-08-05-crp2.txt")).unwrap();
    let (code, removed) = watched(&corpus, &index);
    assert_eq!(code, Some(0));
    assert_eq!(strings(&removed["gone"]), crp2_keys);
    assert!(removed["new"].as_array().unwrap().is_empty());

    // The human report says the same.
    fs::write(corpus.join(REV1), rev1).unwrap();
    let human = run(&["watch", "--color", "never"], &corpus, &index);
    let text = stdout(&human);
    assert!(
        text.starts_with("pocs: \"points of contact\" · 1 changed · "),
        "{text}"
    );
    assert!(text.contains("\nchanged\nrev1 10(a)"), "{text}");

    let removed = run(&["watch", "remove", "pocs"], &corpus, &index);
    assert_eq!(removed.status.code(), Some(0));
    let unknown = run(&["watch", "remove", "pocs"], &corpus, &index);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("unknown watch 'pocs'"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn a_damaged_watch_file_is_one_line_and_nothing_else_changes() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let added = run(&["watch", "add", "hot", "hotlines"], &corpus_dir(), &index);
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    fs::write(index.join("watches.json"), "{ not json").unwrap();
    let output = run(&["watch"], &corpus_dir(), &index);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("watches.json") && err.contains("move it away"),
        "{err}"
    );
    let search = run(&["search", "hotlines"], &corpus_dir(), &index);
    assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
}
