//! An index that cannot be written — on a read-only mount, or with every
//! file and the directory without write permission for the user — answers
//! `search`, `show` and `stats`. When the corpus changed since, it answers
//! from its last commit, says why on stderr and in the JSON summary
//! (`stale`), and `negotext index` fails with one line naming the cause.
//!
//! root ignores permission bits, so the permission case runs the binary as
//! `nobody` (with `setpriv`) when the tests run as root; the read-only
//! mount, which root respects, needs root to mount (skipped otherwise,
//! with a printed line).

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{User, corpus_dir, is_root, run_as, stderr};

/// `show` and `stats` answer from `index` as `user`.
fn show_and_stats_answer(user: User, corpus: &Path, index: &Path) {
    for args in [&["show", "crp1", "16(a)"][..], &["stats"]] {
        let output = run_as(user, args, corpus, index);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

/// A copy of the shipped corpus in `dir/corpus`, and an index of it in
/// `dir/index`.
fn corpus_and_index(dir: &Path) -> (PathBuf, PathBuf) {
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    for entry in fs::read_dir(corpus_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
    }
    let index = dir.join("index");
    common::index(&corpus, &index);
    (corpus, index)
}

/// The `stale` of the summary `search --json` printed.
fn stale(output: &Output) -> Option<String> {
    let summary = common::json_lines(output).pop().unwrap();
    assert_eq!(summary["type"], "summary");
    summary["data"]["stale"].as_str().map(str::to_string)
}

/// `search`, `show` and `stats` answer from `index` as `user`; then, the
/// corpus changed, they answer from the last commit with `cause` in the
/// summary's `stale`, and `index` fails with one line naming `cause`.
fn answers_though_unwritable(user: User, corpus: &Path, index: &Path, cause: &str) {
    let searched = run_as(user, &["search", "PoC", "--json"], corpus, index);
    assert_eq!(searched.status.code(), Some(0), "{}", stderr(&searched));
    assert_eq!(stale(&searched), None);
    show_and_stats_answer(user, corpus, index);

    let crp1 = corpus.join(common::CRP1);
    let mut text = fs::read_to_string(&crp1).unwrap();
    text.push_str("\n\nA paragraph added after the index was made read-only.\n");
    fs::write(&crp1, text).unwrap();

    let searched = run_as(user, &["search", "PoC", "--json"], corpus, index);
    assert_eq!(searched.status.code(), Some(0), "{}", stderr(&searched));
    let why = stale(&searched).expect("the summary says the answer is stale");
    assert!(why.contains(cause), "{why}");
    assert!(
        stderr(&searched).contains("searching its last version"),
        "{}",
        stderr(&searched)
    );
    show_and_stats_answer(user, corpus, index);
    let indexed = run_as(user, &["index"], corpus, index);
    let message = stderr(&indexed);
    assert_eq!(indexed.status.code(), Some(2), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains(cause), "{message}");
    assert!(!message.contains("damaged"), "{message}");
}

/// `path` and everything under it: `mode` for directories, and `mode`
/// without the execute bits for files.
fn chmod_all(path: &Path, mode: u32) {
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            chmod_all(&entry.unwrap().path(), mode);
        }
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    } else {
        fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o666)).unwrap();
    }
}

#[test]
fn an_index_without_write_permission_is_searched() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, index) = corpus_and_index(tmp.path());
    let user = if is_root() {
        // root may write anything: another user stands for the reader.
        eprintln!("running as root: the reader is `nobody`, through setpriv");
        User::Nobody
    } else {
        User::Me
    };
    // Others may read the corpus and the index, and write neither.
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    chmod_all(&corpus, 0o755);
    chmod_all(&index, 0o555);
    answers_though_unwritable(user, &corpus, &index, "permission denied");
    // So that the temporary directory can be removed.
    chmod_all(&index, 0o755);
}

/// A read-only bind mount, unmounted when dropped.
struct ReadOnlyMount {
    dir: PathBuf,
}

impl ReadOnlyMount {
    /// `source` seen read-only at `dir`; `None` (with a line saying why)
    /// where this process may not mount.
    fn of(source: &Path, dir: PathBuf) -> Option<ReadOnlyMount> {
        fs::create_dir_all(&dir).unwrap();
        let bound = Command::new("mount")
            .arg("--bind")
            .arg(source)
            .arg(&dir)
            .stderr(Stdio::piped())
            .output();
        match bound {
            Ok(output) if output.status.success() => {}
            Ok(output) => {
                eprintln!(
                    "skipped: cannot bind-mount here ({}); the read-only mount is not tested",
                    String::from_utf8_lossy(&output.stderr).trim()
                );
                return None;
            }
            Err(err) => {
                eprintln!("skipped: no mount command ({err}); the read-only mount is not tested");
                return None;
            }
        }
        let mount = ReadOnlyMount { dir };
        let remounted = Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(&mount.dir)
            .status()
            .unwrap();
        assert!(remounted.success(), "remounting read-only failed");
        Some(mount)
    }
}

impl Drop for ReadOnlyMount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

#[test]
fn an_index_on_a_read_only_mount_is_searched() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, index) = corpus_and_index(tmp.path());
    let Some(mount) = ReadOnlyMount::of(&index, tmp.path().join("read-only")) else {
        return;
    };
    answers_though_unwritable(User::Me, &corpus, &mount.dir, "read-only");
}
