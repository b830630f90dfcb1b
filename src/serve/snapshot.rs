//! The index a server answers from: one commit, opened once, swapped for a
//! newer one when the corpus changes. A request takes the current snapshot
//! and keeps it until it has answered, so an update never pulls an index
//! from under a search.

use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use crate::index::ChunkIndex;

/// An index opened at one commit.
pub struct Snapshot {
    pub index: ChunkIndex,
    /// When this commit was opened for serving.
    pub opened: SystemTime,
    /// The commit it reads (tantivy's opstamp), when it can be told.
    pub commit: Option<u64>,
    /// 1 for the index the server started with, then one more for each
    /// snapshot that replaced it.
    pub generation: u64,
}

/// How the served index stands with the corpus.
#[derive(Debug, Clone)]
pub struct Status {
    /// When the corpus was last compared with the index.
    pub checked: SystemTime,
    /// Why the index may be behind the corpus (another negotext is
    /// updating it, the update failed), if it may.
    pub stale: Option<String>,
}

/// The current snapshot and status, shared by the request handlers and the
/// refresher.
pub struct Live {
    current: RwLock<Arc<Snapshot>>,
    status: Mutex<Status>,
}

impl Live {
    pub fn new(index: ChunkIndex, stale: Option<String>) -> Live {
        let now = SystemTime::now();
        Live {
            current: RwLock::new(Arc::new(Snapshot {
                commit: commit_of(&index),
                index,
                opened: now,
                generation: 1,
            })),
            status: Mutex::new(Status {
                checked: now,
                stale,
            }),
        }
    }

    /// The snapshot to answer a request from.
    pub fn current(&self) -> Arc<Snapshot> {
        // A lock poisoned by a panicking writer still holds a whole `Arc`.
        let current = self.current.read().unwrap_or_else(|p| p.into_inner());
        Arc::clone(&current)
    }

    /// How the served index stands with the corpus.
    pub fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Serves `index` (a newer commit) from now on.
    pub fn replace(&self, index: ChunkIndex) {
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        let generation = current.generation + 1;
        *current = Arc::new(Snapshot {
            commit: commit_of(&index),
            index,
            opened: SystemTime::now(),
            generation,
        });
        drop(current);
        self.checked(None);
    }

    /// Records a comparison of the corpus with the index, just now: the
    /// index is up to date, or `stale` says why it may not be.
    pub fn checked(&self, stale: Option<String>) {
        let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
        *status = Status {
            checked: SystemTime::now(),
            stale,
        };
    }
}

/// The commit `index` reads, just after it was opened: the last commit on
/// disk, which [`ChunkIndex::open`] made sure its reader reads.
pub fn commit_of(index: &ChunkIndex) -> Option<u64> {
    index.index.load_metas().ok().map(|metas| metas.opstamp)
}
