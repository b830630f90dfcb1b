//! An update stopped inside tantivy's commit window — after it wrote the
//! delete files (`<segment>.<opstamp>.del`) of the segments it changes,
//! before it replaced `meta.json` — or by a full disk: the next `negotext
//! index` collects what the stopped update left, succeeds and gives what a
//! clean build gives, and the directory does not grow round after round.

mod common;

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{answers, copies, copy_name, index, run, stderr};

/// Rounds of change, interrupted update, update.
const ROUNDS: usize = 5;

/// The file a paragraph is appended to each round.
const CHANGED: &str = "2022-07-28-crp1.txt";

/// The delete files in `dir`.
fn delete_files(dir: &Path) -> BTreeSet<OsString> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name())
                .filter(|name| name.to_string_lossy().ends_with(".del"))
                .collect()
        })
        .unwrap_or_default()
}

/// Runs `negotext index` and SIGKILLs it as soon as a delete file that was
/// not there before appears in `dir`; whether it was killed so (rather
/// than finishing first).
fn index_killed_at_first_delete_file(corpus: &Path, dir: &Path) -> bool {
    let before = delete_files(dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_negotext"))
        .args(["index", "--quiet", "--corpus"])
        .arg(corpus)
        .arg("--index")
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if delete_files(dir).difference(&before).next().is_some() {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        assert!(started.elapsed() < common::HANG, "the update never ended");
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// Appends a new paragraph to the changed file of `corpus`.
fn append_paragraph(corpus: &Path, round: usize) {
    let path = corpus.join(copy_name(0, CHANGED));
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(&format!(
        "\n\nA paragraph appended in round {round} about maritime confidence {round}.\n"
    ));
    fs::write(&path, text).unwrap();
}

/// The bytes of the files of `dir`.
fn size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().metadata().unwrap().len())
        .sum()
}

/// The files of `dir` that its `meta.json` does not reference: a segment
/// it does not list, a delete file of another opstamp, a state file of a
/// commit that never landed.
fn unreferenced(dir: &Path) -> Vec<String> {
    let meta: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("meta.json")).unwrap()).unwrap();
    let mut live = BTreeSet::new();
    for segment in meta["segments"].as_array().unwrap() {
        let id = segment["segment_id"].as_str().unwrap().replace('-', "");
        live.insert(id.clone());
        if let Some(opstamp) = segment["deletes"]["opstamp"].as_u64() {
            live.insert(format!("{id}.{opstamp}"));
        }
    }
    // The state's files: those the payload names must be there; none of
    // a later generation (an update stopped before its commit), nor
    // temporary ones.
    let payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    let generation = payload["generation"].as_u64().unwrap();
    for name in [
        format!("state-{generation}.json"),
        format!("stamps-{generation}.json"),
    ] {
        assert!(dir.join(&name).is_file(), "{name} is missing");
    }
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let stem = name.rsplit_once('.').map_or("", |(stem, _)| stem);
            let segment = name.len() > 32 && name.as_bytes()[32] == b'.';
            let state = ["state-", "stamps-"]
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix))
                .and_then(|rest| rest.split('.').next())
                .and_then(|digits| digits.parse::<u64>().ok())
                .is_some_and(|g| g > generation || name.ends_with(".tmp"));
            ((segment || name.starts_with(".tmp")) && !live.contains(stem)) || state
        })
        .collect()
}

/// A clean build of `corpus` in `dir` (removed first).
fn clean_build(corpus: &Path, dir: &Path) {
    let _ = fs::remove_dir_all(dir);
    index(corpus, dir);
}

/// After round `round`, the next `negotext index` of `corpus` into `dir`
/// succeeds; then `dir` answers as a clean build of `corpus` does, holds
/// no file its last commit does not use, and is no bigger than a clean
/// build nor than `steady`, the same index updated the same way without
/// interruption — each within 5% (segments of the same chunks can differ
/// by their compression blocks, and a clean build by how its threads split
/// them). The chunks an update replaces stay in their segments, marked
/// deleted, until a merge: negotext merges a segment once a fifth of it is
/// replaced, and an `index` with nothing to update runs the merges an
/// interrupted one left undone.
fn converged(round: usize, corpus: &Path, dir: &Path, steady: &Path, clean: &Path) {
    let next = run(&["index", "--quiet"], corpus, dir);
    assert_eq!(
        next.status.code(),
        Some(0),
        "round {round}: the update after the interrupted one failed: {}",
        stderr(&next)
    );
    clean_build(corpus, clean);
    assert_eq!(answers(dir), answers(clean), "round {round}");
    assert_eq!(unreferenced(dir), Vec::<String>::new(), "round {round}");
    let (updated, uninterrupted, fresh) = (size(dir), size(steady), size(clean));
    eprintln!(
        "round {round}: {updated} bytes; updated without interruption {uninterrupted}, a clean build {fresh}"
    );
    assert!(
        updated <= uninterrupted + uninterrupted / 20,
        "round {round}: {updated} bytes, updated without interruption {uninterrupted}"
    );
    assert!(
        updated <= fresh + fresh / 20,
        "round {round}: {updated} bytes, a clean build {fresh}"
    );
}

#[test]
fn a_kill_in_the_commit_window_never_wedges_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copies(&tmp.path().join("corpus"), 1);
    let dir = tmp.path().join("index");
    index(&corpus, &dir);
    let clean = tmp.path().join("clean");
    let steady = tmp.path().join("steady");
    index(&corpus, &steady);
    let mut killed = 0;
    for round in 0..ROUNDS {
        append_paragraph(&corpus, round);
        index(&corpus, &steady);
        if index_killed_at_first_delete_file(&corpus, &dir) {
            killed += 1;
        }
        converged(round, &corpus, &dir, &steady, &clean);
    }
    eprintln!("{killed} of {ROUNDS} updates killed inside the commit window");
    assert!(killed > 0, "no update was killed inside the commit window");
}

/// A tmpfs of `bytes` mounted at a new directory, unmounted when dropped.
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    /// `None` (with a line saying why) where this process may not mount.
    fn mount(dir: PathBuf, bytes: u64) -> Option<Tmpfs> {
        fs::create_dir_all(&dir).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(&dir)
            .stderr(Stdio::piped())
            .output();
        match mounted {
            Ok(output) if output.status.success() => Some(Tmpfs { dir }),
            Ok(output) => {
                eprintln!(
                    "skipped: cannot mount a tmpfs here ({}); the full disk is not tested",
                    String::from_utf8_lossy(&output.stderr).trim()
                );
                None
            }
            Err(err) => {
                eprintln!("skipped: no mount command ({err}); the full disk is not tested");
                None
            }
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

/// Fills the file system of `dir` with `filler`, leaving about `free`
/// bytes.
fn fill(filler: &Path, dir: &Path, free: u64) {
    let _ = fs::remove_file(filler);
    let output = Command::new("df")
        .args(["--output=avail", "-B1"])
        .arg(dir)
        .output()
        .unwrap();
    let available: u64 = String::from_utf8_lossy(&output.stdout)
        .lines()
        .nth(1)
        .and_then(|line| line.trim().parse().ok())
        .unwrap();
    let bytes = available.saturating_sub(free);
    fs::write(filler, vec![b'x'; bytes as usize]).unwrap();
}

#[test]
fn an_update_on_a_full_disk_fails_with_the_cause_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copies(&tmp.path().join("corpus"), 1);
    let clean = tmp.path().join("clean");
    index(&corpus, &clean);
    let room = size(&clean) * 4;
    let Some(disk) = Tmpfs::mount(tmp.path().join("disk"), room) else {
        return;
    };
    let dir = disk.dir.join("index");
    let filler = disk.dir.join("filler");
    index(&corpus, &dir);
    let steady = tmp.path().join("steady");
    index(&corpus, &steady);
    let mut failed = 0;
    // From no room at all to most of what an update writes.
    for (round, free) in [0u64, 16 << 10, 64 << 10, 256 << 10, 512 << 10]
        .into_iter()
        .enumerate()
    {
        append_paragraph(&corpus, round);
        index(&corpus, &steady);
        fill(&filler, &disk.dir, free);
        let full = run(&["index", "--quiet"], &corpus, &dir);
        if full.status.code() == Some(2) {
            failed += 1;
            // A search answers from the last commit, and its summary says
            // why.
            let searched = run(&["search", "PoC", "--json"], &corpus, &dir);
            assert_eq!(searched.status.code(), Some(0), "{}", stderr(&searched));
            let summary = common::json_lines(&searched).pop().unwrap();
            assert!(
                summary["data"]["stale"]
                    .as_str()
                    .is_some_and(|why| why.contains("no space left on the device")),
                "round {round}: {summary}"
            );
            let message = stderr(&full);
            assert_eq!(message.lines().count(), 1, "round {round}: {message}");
            assert!(
                message.contains("no space left on the device"),
                "round {round}: {message}"
            );
            assert!(!message.contains("--rebuild"), "round {round}: {message}");
        } else {
            assert_eq!(full.status.code(), Some(0), "{}", stderr(&full));
        }
        fs::remove_file(&filler).unwrap();
        converged(round, &corpus, &dir, &steady, &clean);
    }
    eprintln!("{failed} of {ROUNDS} updates failed on the full disk");
    assert!(failed > 0, "no update ran out of space");
}

#[test]
fn an_update_out_of_file_descriptors_says_so_and_the_next_one_converges() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copies(&tmp.path().join("corpus"), 1);
    let dir = tmp.path().join("index");
    let steady = tmp.path().join("steady");
    let clean = tmp.path().join("clean");
    index(&corpus, &dir);
    index(&corpus, &steady);
    let mut failed = 0;
    // Limits from too few to open the corpus to enough for a whole update.
    for (round, limit) in (12..=22).step_by(2).enumerate() {
        append_paragraph(&corpus, round);
        index(&corpus, &steady);
        let limited = Command::new("prlimit")
            .arg(format!("--nofile={limit}:{limit}"))
            .arg(env!("CARGO_BIN_EXE_negotext"))
            .args(["index", "--quiet", "--corpus"])
            .arg(&corpus)
            .arg("--index")
            .arg(&dir)
            .output();
        let Ok(limited) = limited else {
            eprintln!("skipped: no prlimit command; a low open-files limit is not tested");
            return;
        };
        if limited.status.code() == Some(2) {
            failed += 1;
            let message = stderr(&limited);
            assert_eq!(message.lines().count(), 1, "limit {limit}: {message}");
            assert!(
                message.contains("too many open files (raise the limit"),
                "limit {limit}: {message}"
            );
        } else {
            assert_eq!(limited.status.code(), Some(0), "{}", stderr(&limited));
        }
        converged(round, &corpus, &dir, &steady, &clean);
    }
    eprintln!("{failed} updates failed for lack of file descriptors");
    assert!(failed > 0, "no update ran out of file descriptors");
}

#[test]
fn what_a_killed_update_left_goes_even_when_there_is_nothing_to_update() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copies(&tmp.path().join("corpus"), 1);
    let dir = tmp.path().join("index");
    index(&corpus, &dir);
    let expected = answers(&dir);
    let changed = corpus.join(copy_name(0, CHANGED));
    let committed = fs::read(&changed).unwrap();
    let mut left = false;
    for round in 0..ROUNDS {
        append_paragraph(&corpus, round);
        let killed = index_killed_at_first_delete_file(&corpus, &dir);
        // The corpus put back as the last commit has it: nothing to update.
        fs::write(&changed, &committed).unwrap();
        if !killed {
            continue;
        }
        left |= !unreferenced(&dir).is_empty();
        let next = run(&["index"], &corpus, &dir);
        assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
        assert!(
            common::stdout(&next).contains("is up to date"),
            "{}",
            common::stdout(&next)
        );
        assert_eq!(unreferenced(&dir), Vec::<String>::new(), "round {round}");
        assert_eq!(answers(&dir), expected, "round {round}");
    }
    assert!(left, "no killed update left files behind");
}
