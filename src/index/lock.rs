//! One indexer at a time: an exclusive lock on a file in the index directory.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::error::{Error, Result};

/// The lock file, inside the index directory.
pub const LOCK_FILE: &str = ".negotext.lock";

/// Held while an index is written; released when dropped (or when the
/// process dies, so a killed indexer never leaves a stale lock).
#[derive(Debug)]
pub struct IndexLock {
    _file: File,
}

impl IndexLock {
    /// Takes the lock of the index at `dir` (which must exist), or fails at
    /// once with [`Error::IndexBusy`] when another process holds it.
    pub fn acquire(dir: &Path) -> Result<IndexLock> {
        let path = dir.join(LOCK_FILE);
        let file = open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(IndexLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::IndexBusy {
                path: dir.to_path_buf(),
            }),
            Err(TryLockError::Error(err)) => Err(Error::io(&path, err)),
        }
    }

    /// Takes the lock of the index at `dir` (which must exist), waiting
    /// for as long as another process holds it.
    pub fn wait(dir: &Path) -> Result<IndexLock> {
        let path = dir.join(LOCK_FILE);
        let file = open(&path)?;
        file.lock().map_err(|err| Error::io(&path, err))?;
        Ok(IndexLock { _file: file })
    }
}

/// The lock file at `path`, created if needed (never truncated: its bytes
/// do not matter, only the lock on it).
fn open(path: &Path) -> Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|err| Error::io(path, err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = IndexLock::acquire(dir.path()).unwrap();
        assert!(matches!(
            IndexLock::acquire(dir.path()),
            Err(Error::IndexBusy { .. })
        ));
        drop(first);
        assert!(IndexLock::acquire(dir.path()).is_ok());
    }

    #[test]
    fn waiting_takes_the_lock_once_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = IndexLock::acquire(dir.path()).unwrap();
        let waiter = {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || IndexLock::wait(&dir).map(|_| ()))
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!waiter.is_finished(), "the lock is held");
        drop(first);
        assert!(waiter.join().unwrap().is_ok());
    }
}
