//! A draft resolution and the resolution adopted from it are one family:
//! `history` and `diff` follow their paragraphs from A/C.1/80/L.20 to
//! A/RES/80/16, read from the texts alone (no manifest).

mod common;

use std::path::Path;

use common::{index, run, stdout};

fn corpus() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/dev2");
    for name in ["2025-10-13-A-C.1-80-L.20.txt", "2025-12-05-A-RES-80-16.txt"] {
        std::fs::copy(fixtures.join(name), corpus.join(name)).unwrap();
    }
    let index_dir = dir.path().join("index");
    index(&corpus, &index_dir);
    (dir, corpus, index_dir)
}

fn json(output: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn the_draft_and_the_adopted_resolution_are_versions_of_one_family() {
    let (_dir, corpus, index_dir) = corpus();
    let output = run(&["history", "adopted", "2", "--json"], &corpus, &index_dir);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let versions: Vec<(String, String)> = json(&output)
        .iter()
        .filter(|v| v["type"] == "version")
        .map(|v| {
            (
                v["data"]["draft"].as_str().unwrap_or("").to_string(),
                v["data"]["label"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        versions,
        [
            ("l20".to_string(), "2".to_string()),
            ("adopted".to_string(), "2".to_string())
        ]
    );
}

#[test]
fn diff_from_the_draft_to_the_resolution_finds_every_paragraph_unchanged() {
    let (_dir, corpus, index_dir) = corpus();
    let output = run(&["diff", "l20", "adopted", "--json"], &corpus, &index_dir);
    // Exit 1: no paragraph changed, none added or dropped.
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    let lines = json(&output);
    let summary = lines
        .iter()
        .find(|v| v["type"] == "summary")
        .expect("a summary");
    let data = &summary["data"];
    assert_eq!(data["changed"], 0, "{data}");
    assert_eq!(data["added"], 0, "{data}");
    assert_eq!(data["dropped"], 0, "{data}");
    assert_eq!(
        data["unchanged"], 7,
        "3 preambular and 4 operative paragraphs: {data}"
    );
}
