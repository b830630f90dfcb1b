//! `negotext index` and the index on first use: incremental updates,
//! rebuilds, the lock, and indexers killed half-way.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{assert_foreign_dir_refused, corpus_dir, foreign_dir, run, stderr, stdout};

const PHRASE: &str = "\"inter-governmental points of contact\"";

/// A copy of the shipped corpus in `dir/corpus`.
fn copy_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    for entry in fs::read_dir(corpus_dir()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
        }
    }
    corpus
}

/// A temp dir holding a fresh index of the shipped corpus, and the index.
fn shipped_index() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let output = run(&["index", "--quiet"], &corpus_dir(), &index);
    assert!(output.status.success(), "{}", stderr(&output));
    (tmp, index)
}

fn hit_count(output: &Output) -> usize {
    common::json_lines(output)
        .iter()
        .filter(|line| line["type"] == "hit")
        .count()
}

#[test]
fn search_builds_the_index_on_first_use_with_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let first = run(&["search", PHRASE], &corpus_dir(), &index);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let message = stderr(&first);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("indexed") && message.contains("there was no index"),
        "{message}"
    );
    let again = run(&["search", PHRASE], &corpus_dir(), &index);
    assert_eq!(stderr(&again), "", "nothing to say when the index is fresh");
    let without_timing = |output: &Output| {
        let text = stdout(output);
        text.lines()
            .filter(|l| !l.contains(" ms"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_timing(&again), without_timing(&first));
}

#[test]
fn only_changed_files_are_indexed_again_and_removed_files_leave() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copy_corpus(tmp.path());
    let index = tmp.path().join("index");
    let built = run(&["index"], &corpus, &index);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    assert!(stdout(&built).contains("5 files"), "{}", stdout(&built));

    let fresh = run(&["index"], &corpus, &index);
    assert!(
        stdout(&fresh).contains("is up to date"),
        "{}",
        stdout(&fresh)
    );

    // Change CRP.1: its para. 16(a) loses the phrase.
    let crp1 = corpus.join(common::CRP1);
    let text = fs::read_to_string(&crp1).unwrap();
    fs::write(&crp1, text.replace("points of contact", "focal points")).unwrap();
    let updated = run(&["index"], &corpus, &index);
    let report = stdout(&updated);
    assert!(
        report.contains(&format!("{} changed", common::CRP1)),
        "{report}"
    );
    // The other drafts of its report are linked again; other files are not
    // touched.
    assert!(report.contains(common::REV1), "{report}");
    assert!(
        report.contains("2 files of the same report linked again"),
        "{report}"
    );
    assert!(!report.contains(common::MARCH_LETTER), "{report}");
    assert!(!report.contains(common::THIRD_REPORT), "{report}");
    let found = run(&["search", PHRASE, "--json"], &corpus, &index);
    assert_eq!(hit_count(&found), 2, "only Rev.1's two are left");

    // Remove Rev.1: nothing is left.
    fs::remove_file(corpus.join(common::REV1)).unwrap();
    let searched = run(&["search", PHRASE, "--json"], &corpus, &index);
    assert_eq!(searched.status.code(), Some(1));
    assert!(
        stderr(&searched).contains(&format!("{} removed", common::REV1)),
        "{}",
        stderr(&searched)
    );
    let stats = run(&["stats", "--json"], &corpus, &index);
    assert_eq!(common::json_lines(&stats)[0]["data"]["files"], 4);
}

#[test]
fn an_index_of_another_version_is_refused_until_rebuilt() {
    let (_tmp, index) = shipped_index();
    let meta = index.join("meta.json");
    let text = fs::read_to_string(&meta).unwrap();
    let version = negotext::index::schema::SCHEMA_VERSION;
    let older = text.replace(
        &format!(r#"\"schema_version\":{version}"#),
        r#"\"schema_version\":0"#,
    );
    assert!(older != text, "the payload holds the schema version");
    fs::write(&meta, &older).unwrap();
    // Neither search nor index throws it away unasked.
    for args in [&["search", PHRASE, "--json"][..], &["index"][..]] {
        let refused = run(args, &corpus_dir(), &index);
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        let message = stderr(&refused);
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(
            message.contains("another version of negotext")
                && message.contains("negotext index --rebuild"),
            "{message}"
        );
        assert_eq!(fs::read_to_string(&meta).unwrap(), older, "{args:?}");
    }
    let rebuilt = run(&["index", "--rebuild"], &corpus_dir(), &index);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr(&rebuilt));
    assert!(
        stdout(&rebuilt).contains("another version of negotext"),
        "{}",
        stdout(&rebuilt)
    );
    let searched = run(&["search", PHRASE, "--json"], &corpus_dir(), &index);
    assert_eq!(searched.status.code(), Some(0), "{}", stderr(&searched));
    assert_eq!(hit_count(&searched), 4);
}

#[test]
fn a_directory_that_is_not_an_index_is_refused() {
    let tmp = foreign_dir();
    let output = run(&["index"], &corpus_dir(), tmp.path());
    assert_foreign_dir_refused(&output, tmp.path());
}

#[test]
fn missing_corpus_or_index_is_one_clear_line() {
    let tmp = tempfile::tempdir().unwrap();
    let output = run(
        &["search", "PoC"],
        &tmp.path().join("nope"),
        &tmp.path().join("index"),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output).lines().count(), 1);
    assert!(
        stderr(&output).contains("no corpus directory"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_second_indexer_is_refused_while_one_holds_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copy_corpus(tmp.path());
    let index = tmp.path().join("index");
    common::index(&corpus, &index);
    let lock = negotext::index::lock::IndexLock::acquire(&index).unwrap();
    fs::remove_file(corpus.join(common::MARCH_LETTER)).unwrap();
    let second = run(&["index"], &corpus, &index);
    assert_eq!(second.status.code(), Some(2));
    assert!(
        stderr(&second).contains("another negotext is updating"),
        "{}",
        stderr(&second)
    );
    // A search meanwhile uses the last commit, and says so: on stderr,
    // and in the JSON summary.
    let searched = run(&["search", PHRASE, "--json"], &corpus, &index);
    assert_eq!(hit_count(&searched), 4);
    assert!(
        stderr(&searched).contains("searching its last version"),
        "{}",
        stderr(&searched)
    );
    let summary = common::json_lines(&searched).pop().unwrap();
    assert!(
        summary["data"]["stale"]
            .as_str()
            .is_some_and(|why| why.contains("another negotext is updating")),
        "{summary}"
    );
    drop(lock);
    let third = run(&["index"], &corpus, &index);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
}

#[test]
fn a_killed_indexer_leaves_a_searchable_index() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copy_corpus(tmp.path());
    let index = tmp.path().join("index");
    assert!(run(&["index", "--quiet"], &corpus, &index).status.success());
    let glossary = corpus.join("glossary.toml");
    let original = fs::read_to_string(&glossary).unwrap();
    // Kill rebuilds at different moments: each time, the index answers as
    // before (the old commit, or the new one once it landed).
    for (round, delay_ms) in [0u64, 5, 20, 60, 150].into_iter().enumerate() {
        // A changed glossary forces a whole rebuild.
        fs::write(&glossary, format!("{original}\n# round {round}\n")).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_negotext"))
            .args(["index", "--quiet", "--corpus"])
            .arg(&corpus)
            .arg("--index")
            .arg(&index)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let searched = run(&["search", PHRASE, "--json"], &corpus, &index);
        assert_eq!(
            searched.status.code(),
            Some(0),
            "round {round}: {}",
            stderr(&searched)
        );
        assert_eq!(hit_count(&searched), 4, "round {round}");
    }
}

#[test]
fn quiet_is_quiet_and_the_memory_budget_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let quiet = run(
        &["index", "--quiet", "--memory", "32"],
        &corpus_dir(),
        &index,
    );
    assert_eq!(quiet.status.code(), Some(0), "{}", stderr(&quiet));
    assert_eq!(
        (stdout(&quiet), stderr(&quiet)),
        (String::new(), String::new())
    );
    let small = run(&["index", "--memory", "8"], &corpus_dir(), &index);
    assert_eq!(small.status.code(), Some(2));
    assert!(stderr(&small).contains("--memory"), "{}", stderr(&small));
}

/// Every file under `dir` with its bytes.
fn files_of(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// `negotext <args>` run in `cwd`, without `NEGOTEXT_CORPUS`.
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_negotext"));
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("NEGOTEXT_CORPUS");
    common::output_within(command, common::HANG, &format!("negotext {args:?}"))
}

/// The files of the hits of `output` (`--json`).
fn hit_files(output: &Output) -> Vec<String> {
    common::json_lines(output)
        .iter()
        .filter(|line| line["type"] == "hit")
        .map(|line| line["data"]["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_index_searched_with_another_corpus_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let first = copy_corpus(&tmp.path().join("first"));
    let other = tmp.path().join("other");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("notes.txt"), "A. Notes\n\n1. A zqother note.\n").unwrap();
    let index = tmp.path().join("index");
    common::index(&first, &index);
    let before = files_of(&index);

    let (first_dir, other_dir) = (
        fs::canonicalize(&first).unwrap(),
        fs::canonicalize(&other).unwrap(),
    );
    for args in [&["search", PHRASE][..], &["index"][..], &["stats"][..]] {
        let output = run(args, &other, &index);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stdout(&output)
        );
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "{message}");
        for named in [
            first_dir.to_str().unwrap(),
            other_dir.to_str().unwrap(),
            "negotext index --rebuild --corpus",
        ] {
            assert!(message.contains(named), "{named}: {message}");
        }
        assert!(files_of(&index) == before, "{args:?} changed the index");
    }

    // A rebuild moves the index to the other corpus, which it then names.
    let output = run(&["index", "--rebuild", "--quiet"], &other, &index);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = run_in(
        tmp.path(),
        &[
            "search",
            "zqother",
            "--json",
            "--index",
            index.to_str().unwrap(),
        ],
    );
    assert_eq!(hit_files(&output), ["notes.txt"], "{}", stderr(&output));
    let output = run(&["search", PHRASE], &first, &index);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn an_index_without_corpus_searches_and_refreshes_the_corpus_it_was_built_from() {
    let tmp = tempfile::tempdir().unwrap();
    let built_from = copy_corpus(&tmp.path().join("elsewhere"));
    let index = tmp.path().join("index");
    common::index(&built_from, &index);
    // Run from a directory with a `corpus/` of its own, which must not be
    // taken for the index's corpus.
    let cwd = tmp.path().join("project");
    fs::create_dir_all(cwd.join("corpus")).unwrap();
    fs::write(
        cwd.join("corpus/local.txt"),
        "A. Notes\n\n1. A zqlocal note on inter-governmental points of contact.\n",
    )
    .unwrap();
    let search = |query: &str| {
        run_in(
            &cwd,
            &[
                "search",
                query,
                "--json",
                "--limit",
                "100",
                "--index",
                index.to_str().unwrap(),
            ],
        )
    };
    let output = search(PHRASE);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "nothing was indexed again");
    let files = hit_files(&output);
    assert!(
        !files.is_empty() && !files.contains(&"local.txt".to_string()),
        "{files:?}"
    );
    assert_eq!(hit_count(&search("zqlocal")), 0);

    // A file added to the recorded corpus is seen by the next search.
    fs::write(
        built_from.join("added.txt"),
        "A. Notes\n\n1. A zqadded note.\n",
    )
    .unwrap();
    let output = search("zqadded");
    assert_eq!(hit_files(&output), ["added.txt"], "{}", stderr(&output));
}
