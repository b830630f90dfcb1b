//! A damaged index — a segment file cut short, overwritten with random
//! bytes or deleted, `meta.json` missing, bytes damaged inside a file — and
//! one of another schema version: `search` and `index` each say what is
//! wrong and how to fix it in one line, exit 2, never panic and never
//! delete anything; `negotext index --rebuild` builds it again.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{assert_foreign_dir_refused, corpus_dir, foreign_dir, negotext, run, stderr, stdout};

const PHRASE: &str = "\"inter-governmental points of contact\"";

/// An index of the shipped corpus, built once; each test damages a copy.
fn pristine() -> &'static Path {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, index) = INDEX.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("index");
        common::index(&corpus_dir(), &index);
        (tmp, index)
    });
    index
}

/// A copy of the pristine index in a new temp dir.
fn copy_of_index() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    fs::create_dir_all(&index).unwrap();
    for entry in fs::read_dir(pristine()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), index.join(entry.file_name())).unwrap();
    }
    (tmp, index)
}

/// The segment files of `index` with `extension`, largest first.
fn segment_files(index: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(index)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    files.sort_by_key(|path| std::cmp::Reverse(fs::metadata(path).unwrap().len()));
    assert!(
        !files.is_empty(),
        "no .{extension} file in {}",
        index.display()
    );
    files
}

/// Every file of `dir` with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

/// Deterministic noise.
fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

/// `search` (with the corpus, and on the index as it is) and `index` are
/// refused with one line naming `problem` and the fix, and leave every file
/// of the index as it was; then `index --rebuild` builds it again and the
/// phrase's four paragraphs are found.
fn refused_then_rebuilt(index: &Path, problem: &str) {
    let before = contents(index);
    let no_corpus = index.with_extension("no-corpus");
    let attempts: [(&[&str], &Path); 3] = [
        (&["search", PHRASE], &corpus_dir()),
        (&["search", PHRASE], &no_corpus),
        (&["index"], &corpus_dir()),
    ];
    for (args, corpus) in attempts {
        let output = run(args, corpus, index);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert_eq!(message.lines().count(), 1, "{args:?}: {message}");
        assert!(message.contains(problem), "{args:?}: {message}");
        assert!(
            message.contains("run `negotext index --rebuild`"),
            "{args:?}: {message}"
        );
        assert!(!message.contains("panicked"), "{args:?}: {message}");
        assert_eq!(stdout(&output), "", "{args:?}");
        assert!(contents(index) == before, "{args:?} changed the index");
    }
    let rebuilt = run(&["index", "--rebuild"], &corpus_dir(), index);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr(&rebuilt));
    let found = run(&["search", PHRASE, "--json"], &no_corpus, index);
    assert_eq!(found.status.code(), Some(0), "{}", stderr(&found));
    let hits = stdout(&found)
        .lines()
        .filter(|line| line.contains(r#""type":"hit""#))
        .count();
    assert_eq!(hits, 4);
}

#[test]
fn a_segment_file_cut_short() {
    let (_tmp, index) = copy_of_index();
    let term = &segment_files(&index, "term")[0];
    let bytes = fs::read(term).unwrap();
    fs::write(term, &bytes[..bytes.len() / 2]).unwrap();
    refused_then_rebuilt(&index, "is damaged (");
}

#[test]
fn a_segment_file_of_random_bytes() {
    let (_tmp, index) = copy_of_index();
    let postings = &segment_files(&index, "idx")[0];
    let len = fs::metadata(postings).unwrap().len() as usize;
    fs::write(postings, random_bytes(len, 7)).unwrap();
    refused_then_rebuilt(&index, "is damaged (");
}

#[test]
fn bytes_damaged_inside_a_segment_file() {
    // The footer is intact, so the file opens; tantivy panics reading it.
    let (_tmp, index) = copy_of_index();
    for fast in segment_files(&index, "fast") {
        let mut bytes = fs::read(&fast).unwrap();
        let (start, end) = (bytes.len() / 10, bytes.len() * 3 / 4);
        bytes[start..end].copy_from_slice(&random_bytes(end - start, 11));
        fs::write(&fast, bytes).unwrap();
    }
    refused_then_rebuilt(&index, "is damaged (");
}

#[test]
fn a_missing_meta_json() {
    let (_tmp, index) = copy_of_index();
    fs::remove_file(index.join("meta.json")).unwrap();
    refused_then_rebuilt(&index, "is damaged (meta.json is missing)");
}

#[test]
fn a_missing_state_file() {
    // The files the commit names: the whole state (what a search reads)
    // and the stamps (what the freshness check reads).
    for prefix in ["state-", "stamps-"] {
        let (_tmp, index) = copy_of_index();
        let meta: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(index.join("meta.json")).unwrap()).unwrap();
        let payload: serde_json::Value =
            serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
        let file = format!("{prefix}{}.json", payload["generation"]);
        fs::remove_file(index.join(&file)).unwrap();
        refused_then_rebuilt(&index, &format!("is damaged ({file} is missing)"));
    }
}

#[test]
fn a_meta_json_that_is_not_json() {
    let (_tmp, index) = copy_of_index();
    fs::write(index.join("meta.json"), "{\"segments\": [").unwrap();
    refused_then_rebuilt(&index, "is damaged (meta.json cannot be read");
}

#[test]
fn a_deleted_segment_file() {
    for extension in ["store", "pos"] {
        let (_tmp, index) = copy_of_index();
        fs::remove_file(&segment_files(&index, extension)[0]).unwrap();
        refused_then_rebuilt(&index, "is damaged (");
    }
}

#[test]
fn an_index_of_another_schema_version() {
    let (_tmp, index) = copy_of_index();
    let meta = index.join("meta.json");
    let text = fs::read_to_string(&meta).unwrap();
    let version = negotext::index::schema::SCHEMA_VERSION;
    let other = text.replace(
        &format!(r#"\"schema_version\":{version}"#),
        &format!(r#"\"schema_version\":{}"#, version + 1),
    );
    assert_ne!(other, text);
    fs::write(&meta, other).unwrap();
    refused_then_rebuilt(
        &index,
        &format!(
            "made by another version of negotext (schema version {}, now {version})",
            version + 1
        ),
    );
}

#[test]
fn rebuild_still_refuses_a_directory_that_is_not_an_index() {
    let tmp = foreign_dir();
    let output = negotext(&[
        "index",
        "--rebuild",
        "--corpus",
        corpus_dir().to_str().unwrap(),
        "--index",
        tmp.path().to_str().unwrap(),
    ]);
    assert_foreign_dir_refused(&output, tmp.path());
}

#[test]
fn rebuild_of_a_sound_index_keeps_it_searchable_and_the_same() {
    let (_tmp, index) = copy_of_index();
    let no_corpus = index.with_extension("no-corpus");
    let before = common::answers(&index);
    let rebuilt = run(&["index", "--rebuild"], &corpus_dir(), &index);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr(&rebuilt));
    assert!(
        stdout(&rebuilt).contains("rebuilt as asked"),
        "{}",
        stdout(&rebuilt)
    );
    assert_eq!(common::answers(&index), before);
    let searched = run(&["search", PHRASE], &no_corpus, &index);
    assert_eq!(searched.status.code(), Some(0), "{}", stderr(&searched));
}

#[test]
fn a_build_killed_before_its_first_commit_is_no_damage() {
    // What such a build leaves: a created index with no commit, and the
    // mark of a build from scratch.
    let (_tmp, index) = copy_of_index();
    fs::remove_file(index.join("meta.json")).unwrap();
    fs::write(index.join(".negotext-building"), "").unwrap();
    let searched = run(&["search", PHRASE, "--json"], &corpus_dir(), &index);
    assert_eq!(searched.status.code(), Some(0), "{}", stderr(&searched));
    assert!(
        stderr(&searched).contains("there was no index"),
        "{}",
        stderr(&searched)
    );
    assert!(!index.join(".negotext-building").exists());
}
