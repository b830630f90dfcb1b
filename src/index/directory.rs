//! The directory tantivy reads and writes an index through: tantivy's
//! memory-mapped directory, with two things added.
//!
//! - **The cause of a failed write is kept.** tantivy writes a segment on
//!   its own threads; when a write fails there (no space left, too many
//!   open files) the writer only reports that "a worker thread encountered
//!   an error". [`IndexDirectory`] remembers the first failed write
//!   ([`Writes::failure`]), so that the update's error names its cause.
//! - **An index that cannot be written is read without a lock.** tantivy
//!   takes a lock file (`.tantivy-meta.lock`) while it reads `meta.json`,
//!   so that a writer's garbage collection does not remove the files of the
//!   commit being opened. Where the lock file cannot be written (a
//!   read-only mount, a directory of another user), nobody reading with
//!   these rights can collect files either, so the index is read without
//!   it.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

use crate::error::{Error, Result, copy_io_error};

/// The first write that failed in an index directory, shared by the
/// directory and the writers it hands out.
#[derive(Debug, Clone, Default)]
pub(crate) struct Writes {
    failed: Arc<Mutex<Option<(PathBuf, io::Error)>>>,
}

impl Writes {
    fn record(&self, path: &Path, err: &io::Error) {
        if let Ok(mut failed) = self.failed.lock()
            && failed.is_none()
        {
            *failed = Some((path.to_path_buf(), copy_io_error(err)));
        }
    }

    /// The error of a tantivy write that failed at `dir`: the first failed
    /// write's own (its file and cause), when one was recorded — tantivy's
    /// error then only says that a worker thread failed.
    pub(crate) fn explain(&self, dir: &Path, err: tantivy::TantivyError) -> Error {
        self.failure().unwrap_or_else(|| Error::tantivy(dir, err))
    }

    /// The first failed write, as [`Error::Io`]: the file and its cause.
    pub(crate) fn failure(&self) -> Option<Error> {
        let failed = self.failed.lock().ok()?;
        failed
            .as_ref()
            .map(|(path, err)| Error::io(path.clone(), copy_io_error(err)))
    }
}

/// tantivy's memory-mapped directory at a path, keeping the cause of a
/// failed write and reading an unwritable index without a lock (see the
/// module docs).
#[derive(Debug, Clone)]
pub(crate) struct IndexDirectory {
    root: PathBuf,
    inner: MmapDirectory,
    writes: Writes,
}

impl IndexDirectory {
    /// The directory at `dir` (which must exist).
    pub(crate) fn open(dir: &Path) -> Result<IndexDirectory> {
        let inner = MmapDirectory::open(dir)
            .map_err(|err| Error::tantivy(dir, tantivy::TantivyError::from(err)))?;
        Ok(IndexDirectory {
            root: dir.to_path_buf(),
            inner,
            writes: Writes::default(),
        })
    }

    /// What records this directory's failed writes (and its clones').
    pub(crate) fn writes(&self) -> Writes {
        self.writes.clone()
    }
}

/// Whether `err` says the file system refuses writes here for good: a
/// read-only file system, or no permission.
pub(crate) fn is_unwritable(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

/// A lock that locks nothing: reading an index nobody here can write.
struct NoLock;

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let writer = self.inner.open_write(path).inspect_err(|err| {
            if let OpenWriteError::IoError { io_error, .. } = err {
                self.writes.record(&self.root.join(path), io_error);
            }
        })?;
        let inner = writer.into_inner().map_err(|err| {
            let io_error = copy_io_error(err.error());
            self.writes.record(&self.root.join(path), &io_error);
            OpenWriteError::wrap_io_error(io_error, path.to_path_buf())
        })?;
        Ok(BufWriter::new(Box::new(Recorded {
            path: self.root.join(path),
            inner,
            writes: self.writes.clone(),
        })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner
            .atomic_write(path, data)
            .inspect_err(|err| self.writes.record(&self.root.join(path), err))
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // Only a reader's lock: a writer needs its lock whatever happens.
            Err(LockError::IoError(err)) if lock.is_blocking && is_unwritable(&err) => {
                Ok(DirectoryLock::from(Box::new(NoLock)))
            }
            locked => locked,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A file being written, whose first failure is recorded.
struct Recorded {
    path: PathBuf,
    inner: Box<dyn TerminatingWrite + Send + Sync>,
    writes: Writes,
}

impl Recorded {
    fn check<T>(&self, result: io::Result<T>) -> io::Result<T> {
        result.inspect_err(|err| self.writes.record(&self.path, err))
    }
}

impl Write for Recorded {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf);
        self.check(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        let flushed = self.inner.flush();
        self.check(flushed)
    }
}

impl TerminatingWrite for Recorded {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        let terminated = self.inner.terminate_ref(token);
        self.check(terminated)
    }
}
