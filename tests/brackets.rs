//! Square brackets and options of a negotiating text, on the real Paris
//! drafts of 23 October and 4 December 2015: `stats` counts them as the
//! reference's COUNTS.md does (`tests/fixtures/real/dev2/COUNTS.md`:
//! matched pairs over the concatenated chunk texts, distinct option
//! units), `diff` and `history` list the brackets cleared and added, and
//! `bracketed:` searches the bracketed passages alone.

mod common;

use std::collections::BTreeSet;

use common::{json_lines, paris_corpus, run, stderr, stdout};
use serde_json::Value;

#[test]
fn the_paris_drafts_count_cleared_and_search_their_brackets() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = paris_corpus(dir.path());
    let index = dir.path().join("index");
    let json = |args: &[&str]| -> Vec<Value> {
        let output = run(args, &corpus, &index);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{}",
            stderr(&output)
        );
        json_lines(&output)
    };

    // The counts of COUNTS.md, draft by draft.
    let stats = json(&["stats", "--json"]);
    let drafts = stats[0]["data"]["drafts"].as_array().unwrap();
    let counts: Vec<(&str, u64, u64)> = drafts
        .iter()
        .map(|d| {
            let key = d["key"].as_str().unwrap();
            (
                key,
                d["brackets"].as_u64().unwrap(),
                d["options"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [("paris/rev1", 1020, 161), ("paris/rev2", 1008, 116)]
    );
    let human = stdout(&run(&["stats"], &corpus, &index));
    assert!(
        human.contains("\nparis/rev1      1020      161\n"),
        "{human}"
    );

    // Art. 4(6): "[shall][should] engage in [a] [national] adaptation
    // planning [process]" (23 Oct) → "should engage in … processes" (4 Dec).
    let changed = json(&["diff", "rev1", "rev2", "--json"]);
    let article = changed
        .iter()
        .find(|line| line["type"] == "changed" && line["data"]["newer"]["key"] == "rev2 art.4(6)")
        .expect("art. 4(6) changed");
    let cleared: BTreeSet<&str> = article["data"]["cleared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for passage in ["[shall]", "[should]", "[a]", "[national]", "[process]"] {
        assert!(cleared.contains(passage), "{passage} in {cleared:?}");
    }
    let history = stdout(&run(
        &["history", "rev2", "art.4(6)", "--color", "never"],
        &corpus,
        &index,
    ));
    assert!(
        history.contains("\n  cleared: [Article 4, paragraph 1 of the Convention and], [shall],"),
        "{history}"
    );

    // The bracketed passages alone: a subset of the phrase's hits, with
    // the Oct draft's art. 4(6) "[including national adaptation plans,]".
    let keys = |query: &str| -> BTreeSet<String> {
        json(&["search", query, "--json", "--limit", "100"])
            .iter()
            .filter(|line| line["type"] == "hit")
            .map(|line| line["data"]["key"].as_str().unwrap().to_string())
            .collect()
    };
    let bracketed = keys("bracketed:\"national adaptation plans\"");
    let anywhere = keys("\"national adaptation plans\"");
    assert!(bracketed.contains("rev1 art.4(6)"), "{bracketed:?}");
    assert!(
        bracketed.is_subset(&anywhere) && bracketed.len() < anywhere.len(),
        "{bracketed:?} {anywhere:?}"
    );
}

/// In the shipped corpus, only what a chunk's text holds counts: Rev.1's
/// "[text moved above]" notes are not text (`moved` in the parse
/// contract), the third report's "[A/77/275]" references are.
#[test]
fn the_shipped_corpus_counts_the_brackets_of_its_texts() {
    let output = common::on_shared_index("stats", &["--json"]);
    let stats = json_lines(&output);
    let counts: Vec<(String, u64)> = stats[0]["data"]["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["key"].as_str().unwrap().to_string(),
                d["brackets"].as_u64().unwrap(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let expected = [("apr1/rev1".to_string(), 1), ("apr3/l1".to_string(), 2)];
    assert_eq!(counts, expected);
}
