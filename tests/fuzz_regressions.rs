//! What the fuzz targets (`fuzz/`) found, replayed on every `cargo test`.
//!
//! Each input a target failed on is kept under `tests/fuzz-regressions/`,
//! `parse/` or `search/`, as the target read it (`invariants::parse_input`,
//! `invariants::search_input`), and replayed through the target's checks;
//! a named test says what each one was about. `parse/` also holds the
//! inputs the property tests (`tests/properties.rs`, whose checks are the
//! parse target's) failed on once, shrunk, from
//! `tests/properties.proptest-regressions`: the first byte picks the file
//! name they were parsed as. A missing or empty directory fails the replay.

mod common;
mod invariants;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use negotext::corpus::Manifest;
use negotext::index::ChunkIndex;
use negotext::parse;
use negotext::search::{self, Request};

/// The targets whose inputs are replayed here, each from a directory of
/// its own under `tests/fuzz-regressions/`.
const TARGETS: [&str; 2] = ["parse", "search"];

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions")
}

/// The inputs kept for `target`: a missing or empty directory fails, so
/// that a replay never passes on no input at all.
fn regressions(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = regressions_dir().join(target);
    let entries = fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}: no regression to replay", dir.display()));
    let mut inputs: Vec<(PathBuf, Vec<u8>)> = entries
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let bytes = fs::read(&path).expect("a regression input reads");
            (path, bytes)
        })
        .collect();
    assert!(
        !inputs.is_empty(),
        "{} is empty: no regression to replay",
        dir.display()
    );
    inputs.sort();
    inputs
}

/// Every directory of inputs is one a test here replays: inputs kept for
/// a target nobody replays would pass unseen.
#[test]
fn every_regression_directory_is_replayed() {
    let dir = regressions_dir();
    for entry in fs::read_dir(&dir).expect("tests/fuzz-regressions lists") {
        let name = entry.expect("a directory entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            TARGETS.contains(&name.as_ref()),
            "tests/fuzz-regressions/{name} is replayed by no test (replayed: {TARGETS:?})"
        );
    }
    for target in TARGETS {
        assert!(!regressions(target).is_empty());
    }
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
