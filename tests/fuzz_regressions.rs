//! What the fuzz targets (`fuzz/`) found, replayed on every `cargo test`.
//!
//! Each input a target failed on is kept under `tests/fuzz-regressions/`,
//! `parse/` or `search/`, as the target read it (`invariants::parse_input`,
//! `invariants::search_input`), and replayed through the target's checks;
//! a named test says what each one was about.

mod common;
mod invariants;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use negotext::corpus::Manifest;
use negotext::index::ChunkIndex;
use negotext::parse;
use negotext::search::{self, Request};

fn regressions(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut inputs: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .map(|entry| {
                    let path = entry.expect("a directory entry").path();
                    let bytes = fs::read(&path).expect("a regression input reads");
                    (path, bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    inputs.sort();
    inputs
}

/// An index of the shipped corpus, built once per run of this test binary.
fn shipped_index() -> &'static ChunkIndex {
    static INDEX: OnceLock<ChunkIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("index-fuzz-regressions");
        // Built afresh: one left by a build of another schema is refused.
        let _ = std::fs::remove_dir_all(&dir);
        invariants::open_index(&common::corpus_dir(), &dir)
    })
}

/// Runs a request as the `search` target does.
fn replay_search(request: &Request) -> negotext::Result<search::Results> {
    let index = shipped_index();
    let answer = search::run(index, request);
    match &answer {
        Ok(results) => invariants::check_results(index, request, results),
        Err(err) => invariants::check_error(request, err),
    }
    answer
}

#[test]
fn every_parse_regression_passes_the_parse_target() {
    let manifest = Manifest::load(&common::corpus_dir()).expect("the shipped manifest loads");
    for (path, data) in regressions("parse") {
        println!("{}", path.display());
        let (name, bytes) = invariants::parse_input(&data);
        let parsed = parse::parse_bytes(name, bytes, &manifest);
        invariants::check_parse(bytes, &parsed);
        invariants::check_report(name, bytes, &manifest, &parsed);
    }
}

#[test]
fn every_search_regression_passes_the_search_target() {
    for (path, data) in regressions("search") {
        println!("{}", path.display());
        let _ = replay_search(&invariants::search_input(&data));
    }
}

/// `search/no-words-then-a-newline`: a query of U+FFFD and a newline has
/// no word to search for; the error quoted the whole query as typed, so
/// the one-line message became two (and could carry any control
/// character to the terminal). It now quotes an excerpt, as the query
/// parser's own errors do.
#[test]
fn a_query_without_words_is_quoted_on_one_line() {
    let err =
        replay_search(&Request::new("\u{FFFD}\u{FFFD}\n")).expect_err("nothing to search for");
    assert_eq!(
        err.to_string(),
        "invalid query: nothing to search for in '\u{FFFD}\u{FFFD}': it has no words, only punctuation"
    );
    let long = format!("\u{1b}\t{}", "…".repeat(60));
    let err = replay_search(&Request::new(long)).expect_err("nothing to search for");
    // 40 characters, the escape escaped, the tab a space, then a cut mark.
    let excerpt = format!("\\u{{1b}} {}…", "…".repeat(38));
    assert_eq!(
        err.to_string(),
        format!(
            "invalid query: nothing to search for in '{excerpt}': it has no words, only punctuation"
        )
    );
}
