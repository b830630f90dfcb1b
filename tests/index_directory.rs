//! Which directories negotext writes in: its own index directories (marked
//! by `negotext-index.toml`), empty or new ones, and indexes it made before
//! it marked them. Any other directory is refused by `index`, `index
//! --rebuild` and `search`, with one line, and left exactly as it was.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Output;

use sha2::{Digest, Sha256};

use common::{answers, corpus_dir, run, stderr};

const MARKER: &str = "negotext-index.toml";

/// Every file of `dir` (hidden ones too) with the SHA-256 of its bytes.
fn checksums(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let digest = Sha256::digest(fs::read(entry.path()).unwrap());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            (entry.file_name().to_string_lossy().into_owned(), hex)
        })
        .collect()
}

/// `output` refused `dir` in one line that says why and what to do.
fn refused(output: &Output, what: &str) {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{what}: {message}");
    assert_eq!(message.lines().count(), 1, "{what}: {message}");
    assert!(
        message.contains("neither a negotext index nor empty (it has no negotext-index.toml)"),
        "{what}: {message}"
    );
    assert!(
        message.contains("pass --index with a new or empty directory"),
        "{what}: {message}"
    );
    assert!(!message.contains("--rebuild"), "{what}: {message}");
}

/// `index`, `index --rebuild` and `search` (with the corpus, and without)
/// each refuse `dir`, and every file of it stays as it was, none added.
fn refused_untouched(dir: &Path) {
    let before = checksums(dir);
    let no_corpus = dir.with_extension("no-corpus");
    let attempts: [(&[&str], &Path); 4] = [
        (&["index"], &corpus_dir()),
        (&["index", "--rebuild"], &corpus_dir()),
        (&["search", "PoC"], &corpus_dir()),
        (&["search", "PoC"], &no_corpus),
    ];
    for (args, corpus) in attempts {
        let output = run(args, corpus, dir);
        if corpus == no_corpus.as_path() {
            // Without a corpus, the missing corpus is what is said.
            assert_eq!(output.status.code(), Some(2), "{args:?}");
        } else {
            refused(&output, &format!("{args:?}"));
        }
        assert_eq!(checksums(dir), before, "{args:?} changed {}", dir.display());
    }
}

#[test]
fn a_project_with_its_own_meta_json_is_never_written_to() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = tmp.path().join("proj");
    fs::create_dir_all(&proj).unwrap();
    fs::write(proj.join("meta.json"), "{\"name\":\"my-app\"}\n").unwrap();
    // Files named as tantivy names its own, which a rebuild used to remove.
    fs::write(
        proj.join("6e9f2c69386a4c0288b92977d65e4df2.idx"),
        "user data",
    )
    .unwrap();
    fs::write(proj.join(".managed.json"), "[\"notes.txt\"]").unwrap();
    fs::write(proj.join("notes.txt"), "mine").unwrap();
    refused_untouched(&proj);
}

#[test]
fn a_directory_of_tantivy_files_alone_or_a_readme_alone_is_not_negotexts() {
    let tmp = tempfile::tempdir().unwrap();
    let readme = tmp.path().join("readme");
    fs::create_dir_all(&readme).unwrap();
    fs::write(readme.join("README.md"), "# my notes\n").unwrap();
    refused_untouched(&readme);

    // An index negotext did not make: tantivy's files, no negotext state.
    let other = tmp.path().join("other");
    fs::create_dir_all(&other).unwrap();
    let schema = tantivy::schema::Schema::builder().build();
    tantivy::Index::create_in_dir(&other, schema).unwrap();
    refused_untouched(&other);
}

#[test]
fn an_empty_or_new_directory_gets_an_index_and_the_marker() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    for dir in [&empty, &tmp.path().join("new")] {
        common::index(&corpus_dir(), dir);
        let marker = fs::read_to_string(dir.join(MARKER)).unwrap();
        assert!(marker.contains("negotext_index = 1"), "{marker}");
        let searched = run(&["search", "PoC"], &corpus_dir(), dir);
        assert_eq!(searched.status.code(), Some(0), "{}", stderr(&searched));
    }
}

#[test]
fn an_index_made_before_the_marker_is_searched_then_adopted() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    common::index(&corpus_dir(), &dir);
    let expected = answers(&dir);
    // As negotext left its index before it marked it, beside the
    // project's README.md.
    fs::remove_file(dir.join(MARKER)).unwrap();
    fs::write(dir.join("README.md"), "# index/\n").unwrap();

    // A search reads it as it is, writing nothing.
    let before = checksums(&dir);
    assert_eq!(answers(&dir), expected);
    assert_eq!(checksums(&dir), before);

    // `index` takes it as negotext's: it marks it, and nothing else changes.
    let output = run(&["index"], &corpus_dir(), &dir);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.join(MARKER).is_file());
    assert_eq!(answers(&dir), expected);
}

/// A copy of the shipped corpus in `dir`.
fn copy_corpus(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for entry in fs::read_dir(corpus_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
}

/// `output` refused an index inside its corpus, in one line.
fn refused_inside(output: &Output, what: &str) {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{what}: {message}");
    assert_eq!(message.lines().count(), 1, "{what}: {message}");
    assert!(
        message.contains("is inside the corpus"),
        "{what}: {message}"
    );
    assert!(
        message.contains("pass --index with a directory outside the corpus"),
        "{what}: {message}"
    );
}

#[test]
fn an_index_in_its_own_corpus_is_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_corpus(&corpus);
    let before = checksums(&corpus);

    // The corpus as the index; a directory inside it; the same through a
    // path with `..` and through a symbolic link to the corpus.
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&corpus, &link).unwrap();
    let places = [
        corpus.clone(),
        corpus.join("index"),
        corpus.join("sub/../index"),
        link.join("index"),
    ];
    for index in &places {
        for args in [&["index"][..], &["index", "--rebuild"], &["search", "PoC"]] {
            let output = run(args, &corpus, index);
            refused_inside(&output, &format!("{args:?} --index {}", index.display()));
            assert_eq!(checksums(&corpus), before, "{args:?} {}", index.display());
        }
    }

    // A search run from inside the corpus with its default index, `index`.
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_negotext"));
    command
        .args(["search", "PoC", "--corpus", "."])
        .env_remove("NEGOTEXT_INDEX")
        .current_dir(&corpus);
    let output = common::output_within(command, common::HANG, "search from inside the corpus");
    refused_inside(&output, "search --corpus . from inside the corpus");
    assert_eq!(checksums(&corpus), before);

    // Beside the corpus is fine, even with a name that starts alike.
    common::index(&corpus, &tmp.path().join("corpus-index"));
}
