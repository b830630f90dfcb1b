//! `history` and `diff` between the two Paris Agreement drafts of 2015
//! (`tests/fixtures/real/dev2/`), indexed in a corpus of their own whose
//! manifest says what the markdown does not: that both are drafts of one
//! text, and their order. The reference is `paris-lineage.tsv`: fifteen
//! paragraphs of the 4 December draft, each with the 23 October label it
//! continues, or `new`.

mod common;
mod real;

use std::path::Path;

use common::{index, run, stderr};
use serde_json::Value;

const OCTOBER: &str = "2015-10-23-paris-draft-agreement.md";
const DECEMBER: &str = "2015-12-04-paris-draft-agreement.md";

/// A corpus of the two drafts and its index.
fn indexed() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let fixtures = real::fixtures().join("dev2");
    for name in [OCTOBER, DECEMBER] {
        std::fs::copy(fixtures.join(name), corpus.join(name)).unwrap();
    }
    std::fs::copy(
        fixtures.join("paris-manifest.toml"),
        corpus.join("manifest.toml"),
    )
    .unwrap();
    let index_dir = dir.path().join("index");
    index(&corpus, &index_dir);
    (dir, corpus, index_dir)
}

fn lines(output: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The reference pairs: (4 Dec label, 23 Oct label or `new`), each label
/// as negotext gives it (the reference's, or the one its deviation in
/// `deviations.tsv` records).
fn lineage() -> Vec<(String, String)> {
    let deviations = real::deviations();
    let ours = |stem: &str, label: String| {
        deviations
            .iter()
            .find(|d| d.stem == stem && d.label == label && d.field == "label")
            .map_or(label, |d| d.ours.clone())
    };
    let path = real::fixtures().join("dev2/paris-lineage.tsv");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut fields = l.split('\t');
            let december = fields.next().unwrap().to_string();
            let october = fields.next().unwrap().to_string();
            (
                ours("2015-12-04-paris-draft-agreement", december),
                ours("2015-10-23-paris-draft-agreement", october),
            )
        })
        .collect()
}

/// What `history rev2 LABEL` says the December paragraph continues:
/// the October labels it links to, and the draft it is new in.
fn continues(corpus: &Path, index_dir: &Path, label: &str) -> (Vec<String>, Option<String>) {
    let output = run(&["history", "rev2", label, "--json"], corpus, index_dir);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{label}: {}",
        stderr(&output)
    );
    let all = lines(&output);
    let version = all
        .iter()
        .find(|l| {
            l["type"] == "version" && l["data"]["label"] == label && l["data"]["draft"] == "rev2"
        })
        .unwrap_or_else(|| panic!("{label}: no version in {all:?}"));
    let previous = version["data"]["previous"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|link| link["draft"] == "rev1")
        .map(|link| link["label"].as_str().unwrap().to_string())
        .collect();
    let summary = all.iter().find(|l| l["type"] == "history").unwrap();
    assert_eq!(summary["data"]["report"], "paris");
    assert_eq!(
        summary["data"]["drafts"],
        serde_json::json!(["rev1", "rev2"])
    );
    let new_in = summary["data"]["new_in"].as_str().map(str::to_string);
    (previous, new_in)
}

#[test]
fn the_december_draft_continues_the_october_one_as_the_reference_says() {
    let (_dir, corpus, index_dir) = indexed();
    let pairs = lineage();
    assert_eq!(pairs.len(), 15);
    let mut linked = Vec::new();
    let mut missed = Vec::new();
    for (december, october) in &pairs {
        let (previous, new_in) = continues(&corpus, &index_dir, december);
        let right = if october == "new" {
            previous.is_empty() && new_in.as_deref() == Some("rev2")
        } else {
            previous.iter().any(|p| p == october)
        };
        let line = format!("{december} ← {october}: got {previous:?}, new in {new_in:?}");
        if right {
            linked.push(line);
        } else {
            missed.push(line);
        }
    }
    println!("linked:\n  {}", linked.join("\n  "));
    println!("missed:\n  {}", missed.join("\n  "));
    assert!(
        linked.len() >= 13,
        "{} of 15 linked; missed:\n{}",
        linked.len(),
        missed.join("\n")
    );
    // The stocktake outcome (10(3)) is new. The transparency flexibility
    // (9(2)) is linked to October 9(6) option 1 (a), "The need for
    // flexibility in the light of capability", the item its idea came
    // from by the reference's own note, which calls it new.
    let (previous, new_in) = continues(&corpus, &index_dir, "art.10(3)");
    assert!(previous.is_empty(), "{previous:?}");
    assert_eq!(new_in.as_deref(), Some("rev2"));
}

#[test]
fn the_redline_of_the_two_drafts() {
    let (_dir, corpus, index_dir) = indexed();
    let output = run(&["diff", "rev1", "rev2", "--json"], &corpus, &index_dir);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let all = lines(&output);
    let summary = all.iter().find(|l| l["type"] == "summary").unwrap();
    assert_eq!(summary["data"]["report"], "paris");
    assert!(
        summary["data"]["changed"].as_u64().unwrap() > 100,
        "{summary}"
    );
    // The renumbered stocktake paragraph, October 10(4) → December 10(2).
    let stocktake = all
        .iter()
        .find(|l| l["type"] == "changed" && l["data"]["newer"]["label"] == "art.10(2)")
        .expect("art.10(2) changed");
    let older: Vec<&str> = stocktake["data"]["older"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert!(older.contains(&"art.10(4)"), "{older:?}");
    // The new stocktake paragraph is among the added ones.
    let added: Vec<&str> = all
        .iter()
        .filter(|l| l["type"] == "added")
        .map(|l| l["data"]["label"].as_str().unwrap())
        .collect();
    assert!(added.contains(&"art.10(3)"), "{added:?}");
    // Citations name the article and paragraph.
    let citation = stocktake["data"]["newer"]["citation"].as_str().unwrap();
    assert!(citation.contains("art. 10(2)"), "{citation}");
}
