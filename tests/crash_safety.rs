//! An indexer killed at any moment, and a corpus that changes under a
//! running indexer: the last commit still answers, and the next `negotext
//! index` gives what a clean build of the same corpus gives.
//!
//! The corpus is the shipped drafts copied a few times ([`COPIES`]; more
//! with `NEGOTEXT_TEST_FULL=1`), so that a build takes a few seconds.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use common::{answers, copies, copy_name, full, index, run, stderr, stdout};

/// Copies of the shipped drafts in the test corpus.
const COPIES: usize = 2;
const COPIES_FULL: usize = 12;

fn copies_wanted() -> usize {
    if full() { COPIES_FULL } else { COPIES }
}

const CRP1: &str = "2022-07-28-crp1.txt";
const REV1: &str = "2022-07-20-rev1.txt";
const ZERO_DRAFT: &str = "2022-06-22-zero-draft.txt";
const THIRD: &str = "2024-06-21-third-progress-report-draft.txt";
const LETTER: &str = "2022-03-24-capacity-building-meeting.txt";

/// `negotext index --quiet`, started and left running.
fn spawn_index(corpus: &Path, index: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_negotext"))
        .args(["index", "--quiet", "--corpus"])
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Builds the index of `corpus` in a new directory `dir`; how long it took.
fn clean_build(corpus: &Path, dir: &Path) -> Duration {
    let started = Instant::now();
    index(corpus, dir);
    started.elapsed()
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// A change that touches every kind of update: a new glossary (so every
/// file is indexed again, the longest commit), a changed file, a removed
/// file and a new one.
fn change(corpus: &Path, copies: usize) {
    let glossary = corpus.join("glossary.toml");
    let text = fs::read_to_string(&glossary).unwrap();
    fs::write(&glossary, format!("{text}\n# changed\n")).unwrap();
    let crp1 = corpus.join(copy_name(1, CRP1));
    let text = fs::read_to_string(&crp1).unwrap();
    fs::write(&crp1, text.replace("points of contact", "focal points")).unwrap();
    fs::remove_file(corpus.join(copy_name(0, REV1))).unwrap();
    fs::copy(
        common::corpus_dir().join(LETTER),
        corpus.join(format!("extra-{copies}-{LETTER}")),
    )
    .unwrap();
}

#[test]
fn killed_indexers_leave_the_last_commit_and_the_next_run_converges() {
    let tmp = tempfile::tempdir().unwrap();
    let copies_made = copies_wanted();
    let corpus = copies(&tmp.path().join("corpus"), copies_made);
    let index_dir = tmp.path().join("index");
    index(&corpus, &index_dir);
    let before = answers(&index_dir);

    change(&corpus, copies_made);
    let clean = tmp.path().join("clean");
    let build = clean_build(&corpus, &clean);
    let after = answers(&clean);
    assert_ne!(before, after, "the change shows in the answers");

    // Killed early, mid-build, late, and right after the commit landed
    // (meta.json replaced): each time the index answers as the last commit
    // does, before the change or after it, never an error or a mix.
    let meta = index_dir.join("meta.json");
    let mut kills: Vec<Option<Duration>> = [0.0, 0.2, 0.5, 0.8]
        .into_iter()
        .map(|share| Some(build.mul_f64(share)))
        .collect();
    if full() {
        kills.extend([0.1, 0.35, 0.65, 0.95].map(|share| Some(build.mul_f64(share))));
    }
    kills.push(None);
    for (round, kill) in kills.into_iter().enumerate() {
        let committed = modified(&meta);
        let mut child = spawn_index(&corpus, &index_dir);
        match kill {
            Some(delay) => std::thread::sleep(delay),
            None => {
                // Around the commit: as soon as meta.json is replaced.
                let started = Instant::now();
                while modified(&meta) == committed && started.elapsed() < common::HANG {
                    if child.try_wait().unwrap().is_some() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = answers(&index_dir);
        assert!(
            now == before || now == after,
            "round {round} (kill at {kill:?}, {status}): the answers mix the two commits"
        );
        if round == 0 {
            assert_eq!(now, before, "killed at once: nothing committed");
        }
    }

    let finished = run(&["index"], &corpus, &index_dir);
    assert_eq!(finished.status.code(), Some(0), "{}", stderr(&finished));
    assert_eq!(answers(&index_dir), after, "the same as a clean build");
    let again = run(&["index"], &corpus, &index_dir);
    assert!(
        stdout(&again).contains("is up to date"),
        "{}",
        stdout(&again)
    );
}

/// Builds started while files vanish, stopped after [`SCAN_TIME`].
const SCAN_ROUNDS: usize = 5;
const SCAN_TIME: Duration = Duration::from_millis(400);

/// The first `share` of `text`, cut at a character boundary.
fn head(text: &str, share: f64) -> &str {
    let at = (text.len() as f64 * share) as usize;
    let at = (at..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    &text[..at]
}

/// Runs `flip` over and over on another thread until the returned guard is
/// dropped.
struct Flipping {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<usize>>,
}

impl Flipping {
    fn start(mut flip: impl FnMut(usize) + Send + 'static) -> Flipping {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut round = 0;
            while !stopped.load(Ordering::Relaxed) {
                flip(round);
                round += 1;
                std::thread::sleep(Duration::from_micros(500));
            }
            round
        });
        Flipping {
            stop,
            thread: Some(thread),
        }
    }

    /// Stops; how many flips were made.
    fn stop(mut self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.take().unwrap().join().unwrap()
    }
}

#[test]
fn files_removed_or_cut_short_while_indexing_never_fail_the_indexer() {
    let tmp = tempfile::tempdir().unwrap();
    let copies_made = copies_wanted();
    let corpus = copies(&tmp.path().join("corpus"), copies_made);
    let index_dir = tmp.path().join("index");
    let aside = tmp.path().join("aside");
    fs::create_dir_all(&aside).unwrap();

    // While the first build runs: the CRP.1 copies are cut to half and
    // restored, again and again; the other drafts vanish and come back.
    // Whenever the indexer reads one, in its scan or when it parses, it may
    // find it whole, cut short, or gone.
    let cut: Vec<(PathBuf, String)> = (0..copies_made)
        .map(|k| {
            let path = corpus.join(copy_name(k, CRP1));
            let text = fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    let vanishing: Vec<(PathBuf, PathBuf)> = (0..copies_made)
        .flat_map(|k| [REV1, ZERO_DRAFT, LETTER, THIRD].map(|name| copy_name(k, name)))
        .map(|name| (corpus.join(&name), aside.join(&name)))
        .collect();
    let (cut_files, vanishing_files) = (cut.clone(), vanishing.clone());
    let flipping = Flipping::start(move |round| {
        for (path, text) in &cut_files {
            let share = if round % 2 == 0 { 0.7 } else { 1.0 };
            let _ = fs::write(path, head(text, share));
        }
        for (there, away) in &vanishing_files {
            let (from, to) = if round % 2 == 0 {
                (there, away)
            } else {
                (away, there)
            };
            let _ = fs::rename(from, to);
        }
    });
    // The scan, where a file that vanished once failed the build, is the
    // first fraction of a second: several builds are started and stopped
    // after it, then one runs to the end.
    for round in 0..SCAN_ROUNDS {
        let mut child = spawn_index(&corpus, &index_dir);
        let started = Instant::now();
        while started.elapsed() < SCAN_TIME && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = child.kill();
        let stopped = common::finish(child, common::HANG, "index while files change");
        assert!(
            stopped.status.success() || stopped.status.code().is_none(),
            "round {round}: {}",
            stderr(&stopped)
        );
    }
    let built = common::finish(
        spawn_index(&corpus, &index_dir),
        common::HANG,
        "index while files change",
    );
    let flips = flipping.stop();
    assert!(
        flips > 10,
        "the files changed during the build ({flips} times)"
    );
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    assert!(!stderr(&built).contains("panicked"), "{}", stderr(&built));

    // Left as they ended up: one copy of CRP.1 cut short, one Rev.1 gone
    // for good, the others whole.
    for (path, text) in &cut {
        fs::write(path, text).unwrap();
    }
    for (there, away) in &vanishing {
        if away.exists() {
            fs::rename(away, there).unwrap();
        }
    }
    let (cut_short, text) = &cut[0];
    fs::write(cut_short, head(text, 0.3)).unwrap();
    fs::remove_file(&vanishing[1 % copies_made].0).unwrap();

    let next = run(&["index"], &corpus, &index_dir);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    let clean = tmp.path().join("clean");
    clean_build(&corpus, &clean);
    assert_eq!(
        answers(&index_dir),
        answers(&clean),
        "the same as a clean build"
    );
}

#[test]
fn a_file_changed_and_changed_back_while_indexing_is_indexed_again() {
    let tmp = tempfile::tempdir().unwrap();
    let copies_made = copies_wanted();
    let corpus = copies(&tmp.path().join("corpus"), copies_made);
    let clean = tmp.path().join("clean");
    clean_build(&corpus, &clean);
    let expected = answers(&clean);

    // Once the scan has fingerprinted them (the index directory gets its
    // meta.json only after the scan), the CRP.1 copies lose the phrase,
    // atomically; once the build is over they get it back. The indexer
    // parsed other bytes than it fingerprinted, and the same acronyms and
    // compounds, so no rebuild hides a stale file.
    let files: Vec<(PathBuf, String)> = (0..copies_made)
        .map(|k| {
            let path = corpus.join(copy_name(k, CRP1));
            let text = fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    let replace = |text: &str, path: &Path| {
        let staged = path.with_extension("staged");
        fs::write(&staged, text).unwrap();
        fs::rename(&staged, path).unwrap();
    };
    let index_dir = tmp.path().join("index");
    let mut child = spawn_index(&corpus, &index_dir);
    let started = Instant::now();
    while !index_dir.join("meta.json").exists() && child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < common::HANG, "the build never began");
        std::thread::sleep(Duration::from_millis(1));
    }
    for (path, text) in &files {
        replace(&text.replace("points of contact", "focal points"), path);
    }
    let built = common::finish(child, common::HANG, "index while files change");
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    for (path, text) in &files {
        replace(text, path);
    }
    let next = run(&["index"], &corpus, &index_dir);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    assert_eq!(answers(&index_dir), expected, "the same as a clean build");
}
