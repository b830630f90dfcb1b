//! Keeping a served index up to date while it answers: the corpus
//! directory is watched (inotify and its kin, through `notify`); once a
//! burst of changes has settled, the index is updated in the background,
//! exactly as the CLI would before a search, and the new commit is swapped
//! in ([`Live::replace`]). Searches meanwhile answer from the last commit.
//!
//! The corpus is also compared with the index on a timer, which catches
//! what a watcher cannot see (a corpus on a network file system, an index
//! updated by another negotext); without a watcher (too many watches, an
//! unsupported file system) the timer is all there is, and runs often.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::snapshot::{Live, commit_of};
use crate::index::{self, Freshness, Options};

/// How long the corpus must be quiet after a change before the index is
/// updated: saving a file, or copying in a batch, is many events.
const SETTLE: Duration = Duration::from_millis(300);

/// How often the corpus is compared with the index anyway, when watched.
const CHECK_WATCHED: Duration = Duration::from_secs(30);

/// How often, when it cannot be watched.
const CHECK_UNWATCHED: Duration = Duration::from_secs(3);

/// What the refresher needs to know of the corpus and the index.
#[derive(Debug, Clone)]
pub struct Places {
    pub corpus: PathBuf,
    pub max_file_size: u64,
    pub index: PathBuf,
}

enum Signal {
    Changed,
    Stop,
}

/// The background refresher: stopped (and joined) when dropped.
pub struct Refresher {
    signals: Sender<Signal>,
    thread: Option<JoinHandle<()>>,
    /// Whether the corpus is watched, or only checked on a timer.
    pub watching: bool,
}

impl Refresher {
    /// Starts watching `places.corpus` and refreshing `live`.
    pub fn start(places: Places, live: Arc<Live>) -> Refresher {
        let (signals, received) = mpsc::channel();
        let watcher = watch(&places, signals.clone());
        let watching = watcher.is_some();
        let period = if watching {
            CHECK_WATCHED
        } else {
            CHECK_UNWATCHED
        };
        let thread = std::thread::Builder::new()
            .name("negotext-refresh".to_string())
            .spawn(move || {
                // Kept alive as long as the loop runs.
                let _watcher = watcher;
                run(&places, &live, &received, period);
            })
            .ok();
        Refresher {
            signals,
            thread,
            watching,
        }
    }
}

impl Drop for Refresher {
    fn drop(&mut self) {
        let _ = self.signals.send(Signal::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A watcher of the corpus that signals each change that matters, or
/// `None` when the corpus cannot be watched.
fn watch(places: &Places, signals: Sender<Signal>) -> Option<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // An error from the watcher (events lost) is a reason to look.
        if event.as_ref().map_or(true, |event| matters(&event.kind)) {
            let _ = signals.send(Signal::Changed);
        }
    })
    .ok()?;
    watcher
        .watch(&places.corpus, RecursiveMode::Recursive)
        .ok()?;
    Some(watcher)
}

/// Whether an event may change what the corpus holds: not a file being
/// read (the indexer reads every file it parses) or its access time.
fn matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Refreshes on every settled change and every `period`, until stopped.
fn run(places: &Places, live: &Live, signals: &Receiver<Signal>, period: Duration) {
    loop {
        match signals.recv_timeout(period) {
            Ok(Signal::Changed) => {
                if !settle(signals) {
                    return;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return,
        }
        refresh(places, live);
    }
}

/// Waits until no change has come for [`SETTLE`]; `false` when asked to
/// stop meanwhile.
fn settle(signals: &Receiver<Signal>) -> bool {
    loop {
        match signals.recv_timeout(SETTLE) {
            Ok(Signal::Changed) => {}
            Err(RecvTimeoutError::Timeout) => return true,
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// Brings the index up to date with the corpus and serves its last commit.
pub fn refresh(places: &Places, live: &Live) {
    let ready = index::ready(
        &places.corpus,
        places.max_file_size,
        &places.index,
        Options::default(),
    );
    match ready {
        Ok(ready) => {
            let stale = ready.stale().map(str::to_string);
            let newer = commit_of(&ready.index) != live.current().commit;
            if newer || matches!(ready.freshness, Freshness::Updated(_)) {
                live.replace(ready.index);
            }
            live.checked(stale);
        }
        Err(err) => live.checked(Some(format!("cannot update the index: {err}"))),
    }
}
