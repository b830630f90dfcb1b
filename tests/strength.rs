//! The strength of language: a paragraph whose `shall` became `should`
//! (or `may`) is flagged softened in `diff` and `history`, and found by
//! `softened:`; one whose `should` became `shall` hardened. On a fixture
//! (the shipped Zero Draft with a `shall` put in) and on the real Paris
//! drafts of 23 October and 4 December 2015.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{REV1, ZERO_DRAFT, corpus_dir, json_lines, run, stderr, stdout};
use serde_json::Value;

fn lines_of(args: &[&str], corpus: &Path, index: &Path) -> Vec<Value> {
    let output = run(args, corpus, index);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr(&output)
    );
    json_lines(&output)
}

/// The `changed` lines of `diff from to --json`, by their newer key.
fn changed(from: &str, to: &str, corpus: &Path, index: &Path) -> Vec<(String, Value)> {
    lines_of(&["diff", from, to, "--json"], corpus, index)
        .into_iter()
        .filter(|line| line["type"] == "changed")
        .map(|line| {
            let key = line["data"]["newer"]["key"].as_str().unwrap().to_string();
            (key, line["data"].clone())
        })
        .collect()
}

fn hit_keys(query: &str, corpus: &Path, index: &Path) -> Vec<String> {
    lines_of(
        &["search", query, "--json", "--limit", "1000"],
        corpus,
        index,
    )
    .iter()
    .filter(|line| line["type"] == "hit")
    .map(|line| line["data"]["key"].as_str().unwrap().to_string())
    .collect()
}

/// The Zero Draft and Rev.1, the Zero Draft's 6(a) saying `shall` where
/// it said `may` (Rev.1 10(a), its next version, still says `may`).
fn fixture(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).unwrap();
    let shipped = corpus_dir();
    for name in [ZERO_DRAFT, REV1, "manifest.toml", "glossary.toml"] {
        fs::copy(shipped.join(name), corpus.join(name)).unwrap();
    }
    let zero = fs::read_to_string(corpus.join(ZERO_DRAFT)).unwrap();
    let firm = zero.replacen(
        "States may, on a voluntary basis, provide points of contact",
        "States shall, on a voluntary basis, provide points of contact",
        1,
    );
    assert_ne!(firm, zero);
    fs::write(corpus.join(ZERO_DRAFT), firm).unwrap();
    corpus
}

#[test]
fn shall_to_may_is_softened_in_diff_history_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = fixture(dir.path());
    let index = dir.path().join("index");

    let changed = changed("zero-draft", "rev1", &corpus, &index);
    let (_, para) = changed
        .iter()
        .find(|(key, _)| key == "rev1 10(a)")
        .expect("rev1 10(a) changed");
    assert_eq!(
        para["softened"],
        serde_json::json!(["modal: shall → could"])
    );
    assert_eq!(para["hardened"], serde_json::json!([]));
    // Only there: no other paragraph's strength moved.
    let moved: Vec<&String> = changed
        .iter()
        .filter(|(_, line)| {
            !line["softened"].as_array().unwrap().is_empty()
                || !line["hardened"].as_array().unwrap().is_empty()
        })
        .map(|(key, _)| key)
        .collect();
    assert_eq!(moved, ["rev1 10(a)"]);

    assert_eq!(hit_keys("softened:shall", &corpus, &index), ["rev1 10(a)"]);
    assert_eq!(hit_keys("softened:modal", &corpus, &index), ["rev1 10(a)"]);
    assert!(hit_keys("hardened:modal", &corpus, &index).is_empty());

    let history = run(
        &["history", "rev1", "10(a)", "--color", "never"],
        &corpus,
        &index,
    );
    assert!(
        stdout(&history).contains("\n  softened: modal: shall → could\n"),
        "{}",
        stdout(&history)
    );
    let versions: Vec<Value> = lines_of(&["history", "rev1", "10(a)", "--json"], &corpus, &index)
        .into_iter()
        .filter(|line| line["type"] == "version")
        .collect();
    assert_eq!(versions[1]["data"]["key"], "rev1 10(a)");
    assert_eq!(
        versions[1]["data"]["softened"],
        serde_json::json!(["modal: shall → could"])
    );
    assert_eq!(versions[0]["data"]["softened"], serde_json::json!([]));
}

#[test]
fn the_paris_drafts_soften_and_harden_where_their_modals_changed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = common::paris_corpus(dir.path());
    let index = dir.path().join("index");

    let changed = changed("rev1", "rev2", &corpus, &index);
    let flagged = |key: &str| {
        let (_, line) = changed
            .iter()
            .find(|(k, _)| k == key)
            .unwrap_or_else(|| panic!("{key}"));
        (line["softened"].clone(), line["hardened"].clone())
    };
    // Art. 4(6): "[shall][should] engage" (23 Oct) → "should engage" (4 Dec).
    assert_eq!(
        flagged("rev2 art.4(6)").0,
        serde_json::json!(["modal: shall → should"])
    );
    // Art. 8(2): "should" → "shall".
    assert_eq!(
        flagged("rev2 art.8(2)").1,
        serde_json::json!(["modal: should → shall"])
    );
    let softened = hit_keys("softened:shall", &corpus, &index);
    assert!(
        softened.contains(&"rev2 art.4(6)".to_string()),
        "{softened:?}"
    );
    assert!(
        !softened.contains(&"rev2 art.8(2)".to_string()),
        "{softened:?}"
    );
    let hardened = hit_keys("hardened:shall", &corpus, &index);
    assert!(
        hardened.contains(&"rev2 art.8(2)".to_string()),
        "{hardened:?}"
    );

    // `stats` counts, per draft, the paragraphs `diff` flags against the
    // draft before it.
    let flagged_in = |field: &str| {
        changed
            .iter()
            .filter(|(_, line)| !line[field].as_array().unwrap().is_empty())
            .count() as u64
    };
    let stats = lines_of(&["stats", "--json"], &corpus, &index);
    let drafts = stats[0]["data"]["drafts"].as_array().unwrap();
    let rev2 = drafts.iter().find(|d| d["key"] == "paris/rev2").unwrap();
    assert_eq!(rev2["softened"].as_u64(), Some(flagged_in("softened")));
    assert_eq!(rev2["hardened"].as_u64(), Some(flagged_in("hardened")));
    assert!(flagged_in("softened") >= 5, "{}", flagged_in("softened"));
    let rev1 = drafts.iter().find(|d| d["key"] == "paris/rev1").unwrap();
    assert_eq!(
        (rev1["softened"].as_u64(), rev1["hardened"].as_u64()),
        (Some(0), Some(0))
    );
}
