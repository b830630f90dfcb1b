//! Searches while the index is rebuilt and updated, and two indexers at
//! once: every search answers with the old index or the new one, never an
//! error or a mix; the second indexer is told the index is busy.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::{Answer, answer, answers, copies, copy_name, full, index, run, stderr};

const COPIES: usize = 2;
const COPIES_FULL: usize = 8;
const CRP1: &str = "2022-07-28-crp1.txt";

/// Searches `index` (as it is) in a loop on `readers` threads until `stop`;
/// each answer must be one of `allowed` (per query). Returns how many
/// searches ran.
fn search_until(
    index: &Path,
    readers: usize,
    stop: &Arc<AtomicBool>,
    allowed: &[BTreeMap<&'static str, Answer>],
) -> std::thread::Result<usize> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..readers)
            .map(|reader| {
                let stop = stop.clone();
                scope.spawn(move || {
                    let mut searches = 0;
                    let mut round = reader;
                    while !stop.load(Ordering::Relaxed) {
                        let query = common::PROBES[round % common::PROBES.len()];
                        let got = answer(index, query).unwrap_or_else(|e| panic!("{e}"));
                        assert!(
                            allowed.iter().any(|set| set[query] == got),
                            "{query}: an answer of neither index: {got:?}"
                        );
                        searches += 1;
                        round += 1;
                    }
                    searches
                })
            })
            .collect();
        let mut total = 0;
        for handle in handles {
            total += handle.join()?;
        }
        Ok(total)
    })
}

#[test]
fn searches_during_rebuilds_and_updates_see_the_old_or_the_new_index() {
    let tmp = tempfile::tempdir().unwrap();
    let copies_made = if full() { COPIES_FULL } else { COPIES };
    let corpus = copies(&tmp.path().join("corpus"), copies_made);
    let index_dir = tmp.path().join("index");
    index(&corpus, &index_dir);
    let old = answers(&index_dir);

    // The new corpus: a changed file, a new file, and a new glossary (every
    // file indexed again: tantivy's old segments are all replaced).
    let crp1 = corpus.join(copy_name(1, CRP1));
    let text = fs::read_to_string(&crp1).unwrap();
    let glossary = corpus.join("glossary.toml");
    let glossary_text = fs::read_to_string(&glossary).unwrap();
    let change = |changed: bool| {
        if changed {
            fs::write(&crp1, text.replace("points of contact", "focal points")).unwrap();
            fs::write(&glossary, format!("{glossary_text}\n# changed\n")).unwrap();
            fs::copy(&crp1, corpus.join("new-crp1.txt")).unwrap();
        } else {
            fs::write(&crp1, &text).unwrap();
            fs::write(&glossary, &glossary_text).unwrap();
            fs::remove_file(corpus.join("new-crp1.txt")).unwrap();
        }
    };
    change(true);
    let clean = tmp.path().join("clean");
    index(&corpus, &clean);
    let new = answers(&clean);
    assert_ne!(old, new);

    // Readers on two threads while the index goes new, old, new: rebuilt
    // whole each time (the glossary), with the files changed too.
    let stop = Arc::new(AtomicBool::new(false));
    let stopper = stop.clone();
    let rounds = if full() { 6 } else { 2 };
    let (searches, writes) = std::thread::scope(|scope| {
        let readers =
            scope.spawn(|| search_until(&index_dir, 2, &stop, &[old.clone(), new.clone()]));
        let writer = scope.spawn(|| {
            let mut outcomes = Vec::new();
            for round in 0..rounds {
                change(round % 2 == 0);
                outcomes.push(run(&["index", "--quiet"], &corpus, &index_dir));
            }
            stopper.store(true, Ordering::Relaxed);
            outcomes
        });
        let writes = writer.join().unwrap();
        (readers.join().unwrap(), writes)
    });
    for write in &writes {
        assert_eq!(write.status.code(), Some(0), "{}", stderr(write));
    }
    let searches = searches.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    assert!(searches >= 4, "only {searches} searches ran");
    let expected = if rounds % 2 == 0 { &old } else { &new };
    assert_eq!(&answers(&index_dir), expected);
}

#[test]
fn a_second_indexer_is_told_the_index_is_busy_and_nothing_breaks() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copies(&tmp.path().join("corpus"), COPIES);
    let index_dir = tmp.path().join("index");
    index(&corpus, &index_dir);
    let before = answers(&index_dir);
    // A new glossary: the first indexer rebuilds everything, a second.
    let glossary = corpus.join("glossary.toml");
    let text = fs::read_to_string(&glossary).unwrap();
    fs::write(&glossary, format!("{text}\n# changed\n")).unwrap();

    let first = std::process::Command::new(env!("CARGO_BIN_EXE_negotext"))
        .args(["index", "--quiet", "--corpus"])
        .arg(&corpus)
        .arg("--index")
        .arg(&index_dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once it holds the lock, it is stopped (not timed: a fast machine
    // could finish the rebuild before a second indexer starts), and the
    // second one runs; then the first goes on.
    let lock = index_dir.join(negotext::index::lock::LOCK_FILE);
    wait_until_locked_by(first.id(), &lock);
    signal(first.id(), "STOP");
    let second = run(&["index"], &corpus, &index_dir);
    signal(first.id(), "CONT");
    let first = common::finish(first, common::HANG, "the first indexer");
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    let message = stderr(&second);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("another negotext is updating the index"),
        "{message}"
    );
    // Not corrupted: it searches, and indexes again.
    assert_eq!(answers(&index_dir), before, "a comment changes no answer");
    let again = run(&["index"], &corpus, &index_dir);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        common::stdout(&again).contains("is up to date"),
        "{}",
        common::stdout(&again)
    );
}

/// Waits until process `pid` holds a lock on `file`, as `/proc/locks` lists
/// them (`1: FLOCK ADVISORY WRITE <pid> <major>:<minor>:<inode> 0 EOF`).
fn wait_until_locked_by(pid: u32, file: &Path) {
    use std::os::unix::fs::MetadataExt;
    let inode = fs::metadata(file).unwrap().ino();
    let started = std::time::Instant::now();
    loop {
        let locks = fs::read_to_string("/proc/locks").unwrap();
        let held = locks.lines().any(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            fields.get(4) == Some(&pid.to_string().as_str())
                && fields
                    .get(5)
                    .and_then(|id| id.rsplit(':').next())
                    .is_some_and(|ino| ino == inode.to_string())
        });
        if held {
            return;
        }
        assert!(
            started.elapsed() < common::HANG,
            "process {pid} never took the lock {}",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Sends `SIG<name>` to process `pid` (with the shell's `kill`).
fn signal(pid: u32, name: &str) {
    let status = std::process::Command::new("sh")
        .args(["-c", &format!("kill -{name} {pid}")])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{name} {pid}");
}

/// `negotext search <query> --json` of `corpus` into `index`, started and
/// not waited for.
fn spawn_search(query: &str, corpus: &Path, index: &Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_negotext"))
        .args(["search", query, "--json", "--corpus"])
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// The hits of a `search --json` output.
fn hits_of(output: &std::process::Output) -> Vec<serde_json::Value> {
    common::json_lines(output)
        .into_iter()
        .filter(|line| line["type"] == "hit")
        .collect()
}

const WAITING: &str = "negotext: waiting for another negotext to build the index…";

/// Three searches finished: each exits 0 with the same hits (some), one
/// of them built the index; each says nothing else than that it indexed
/// or waited.
fn assert_same_answers(outputs: &[std::process::Output]) {
    for output in outputs {
        assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    }
    let first = hits_of(&outputs[0]);
    assert!(!first.is_empty());
    let mut built = 0;
    for output in outputs {
        let err = stderr(output);
        assert_eq!(hits_of(output), first);
        for line in err.lines() {
            if line.starts_with("negotext: indexed ") {
                built += 1;
            } else {
                assert_eq!(line, WAITING, "{err}");
            }
        }
        assert!(err.matches(WAITING).count() <= 1, "{err}");
    }
    assert_eq!(built, 1, "one of them built the index");
}

#[test]
fn three_first_searches_started_together_all_succeed_with_the_same_hits() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = copies(&tmp.path().join("corpus"), 1);
    let index = tmp.path().join("index");
    let searches: Vec<_> = (0..3)
        .map(|_| spawn_search("\"points of contact\"", &corpus, &index))
        .collect();
    let outputs: Vec<_> = searches
        .into_iter()
        .map(|child| common::finish(child, common::HANG, "a first search"))
        .collect();
    assert_same_answers(&outputs);
}

/// The same, with the wait made certain: the test holds the lock of the
/// (empty) index directory, as a first negotext building it would, until
/// the three searches wait for it; they say so, once each.
#[test]
fn first_searches_wait_for_the_one_that_builds_the_index() {
    use std::os::unix::fs::MetadataExt;

    let tmp = tempfile::tempdir().unwrap();
    let corpus = copies(&tmp.path().join("corpus"), 1);
    let index = tmp.path().join("index");
    fs::create_dir(&index).unwrap();
    let lock = negotext::index::lock::IndexLock::acquire(&index).unwrap();
    let searches: Vec<_> = (0..3)
        .map(|_| spawn_search("\"points of contact\"", &corpus, &index))
        .collect();
    // Blocked requests on the lock file are listed in /proc/locks with
    // `->` (`1: -> FLOCK ADVISORY WRITE <pid> <major>:<minor>:<inode> 0 EOF`).
    let inode = fs::metadata(index.join(negotext::index::lock::LOCK_FILE))
        .unwrap()
        .ino()
        .to_string();
    let pids: Vec<String> = searches.iter().map(|s| s.id().to_string()).collect();
    let started = std::time::Instant::now();
    loop {
        let locks = fs::read_to_string("/proc/locks").unwrap();
        let waiting = locks
            .lines()
            .filter(|line| {
                let fields: Vec<&str> = line.split_whitespace().collect();
                fields.get(1) == Some(&"->")
                    && fields
                        .get(5)
                        .is_some_and(|pid| pids.iter().any(|p| p == pid))
                    && fields
                        .get(6)
                        .and_then(|id| id.rsplit(':').next())
                        .is_some_and(|ino| ino == inode)
            })
            .count();
        if waiting == 3 {
            break;
        }
        assert!(
            started.elapsed() < common::HANG,
            "the searches never waited for the lock:\n{locks}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(lock);
    let outputs: Vec<_> = searches
        .into_iter()
        .map(|child| common::finish(child, common::HANG, "a first search"))
        .collect();
    assert_same_answers(&outputs);
    for output in &outputs {
        assert!(stderr(output).contains(WAITING), "{}", stderr(output));
    }
}
