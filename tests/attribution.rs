//! Who proposed it: a compilation's `[EU: …]` proposals and a draft
//! resolution's sponsors are found with `by:` and counted in the author
//! facet; headings in brackets (`[Option 1: …]`) are not proposers.

mod common;

use std::fs;
use std::path::Path;

use common::{json_lines, run, stderr};
use serde_json::Value;

const COMPILATION: &str = "Compilation of proposals on capacity-building

1. [EU: States should share best practices on incident response.]

2. [G77/China: Developed States shall provide capacity-building.] [EU: Capacity-building should be demand-driven.]

3. [Option 1: States shall cooperate on capacity-building.]

4. Proposed by Norway: States may establish a fund for capacity-building.
";

/// `search QUERY --json`: the hits' keys and the summary's author facet.
fn searched(query: &str, corpus: &Path, index: &Path) -> (Vec<String>, Value) {
    searched_in(query, &[], corpus, index)
}

/// [`searched`] with more arguments (filters).
fn searched_in(query: &str, more: &[&str], corpus: &Path, index: &Path) -> (Vec<String>, Value) {
    let mut args = vec!["search", query, "--json", "--limit", "100"];
    args.extend_from_slice(more);
    let output = run(&args, corpus, index);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    let lines = json_lines(&output);
    let keys = lines
        .iter()
        .filter(|line| line["type"] == "hit")
        .map(|line| line["data"]["key"].as_str().unwrap().to_string())
        .collect();
    let summary = lines.last().unwrap()["data"]["facets"]["author"].clone();
    (keys, summary)
}

#[test]
fn proposals_and_sponsors_are_found_by_who_made_them() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("compilation.txt"), COMPILATION).unwrap();
    let dev2 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/dev2");
    let l20 = "2025-10-13-A-C.1-80-L.20.txt";
    fs::copy(dev2.join(l20), corpus.join(l20)).unwrap();
    let index = dir.path().join("index");

    let (eu, _) = searched("by:EU", &corpus, &index);
    assert_eq!(eu.len(), 2, "{eu:?}");
    let (states, authors) = searched_in("States", &["--doc", "compilation.txt"], &corpus, &index);
    assert_eq!(states.len(), 4, "{states:?}");
    assert_eq!(authors["EU"], 2, "{authors}");
    assert_eq!(authors["G77/China"], 1, "{authors}");
    assert_eq!(authors["Norway"], 1, "{authors}");
    assert!(authors.get("Option 1").is_none(), "{authors}");
    let (g77, _) = searched("by:\"G77/China\"", &corpus, &index);
    assert_eq!(g77.len(), 1, "{g77:?}");
    assert_eq!(searched("author:Norway", &corpus, &index).0.len(), 1);

    // Every chunk of the draft resolution is its sponsor's.
    let (singapore, authors) = searched("by:Singapore", &corpus, &index);
    assert_eq!(singapore.len(), 10, "{singapore:?}");
    assert_eq!(authors["Singapore"], 10, "{authors}");
}
