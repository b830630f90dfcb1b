//! A damaged index: how it is recognised, and how reading one fails with
//! [`Error::IndexDamaged`] instead of a crash.
//!
//! tantivy checks each file's footer when it opens a segment, so a file cut
//! short, overwritten or missing shows when the index is opened. Bytes
//! damaged in the middle of a file only show when a search reads them, and
//! tantivy may then panic (a slice out of bounds, an arithmetic overflow)
//! rather than return an error. [`guard`] turns such a panic into the typed
//! error; the binary's panic hook stays silent while a guard is up
//! ([`reading`]), so the user sees one line, not a backtrace.
//!
//! ```
//! use std::path::Path;
//! use negotext::Error;
//! use negotext::index::damage::guard;
//!
//! let read: Result<(), Error> = guard(Path::new("index"), || panic!("mid > len"));
//! assert!(matches!(read, Err(Error::IndexDamaged { .. })));
//! ```

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use tantivy::directory::error::OpenReadError;
use tantivy::{IndexReader, TantivyError};

use crate::error::{Error, Result};

thread_local! {
    /// How many [`guard`]s are up on this thread.
    static GUARDS: Cell<usize> = const { Cell::new(0) };
}

/// Runs `read` (which reads the index at `dir`); a panic inside it is
/// reported as [`Error::IndexDamaged`].
pub fn guard<T>(dir: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    GUARDS.with(|guards| guards.set(guards.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(read));
    GUARDS.with(|guards| guards.set(guards.get().saturating_sub(1)));
    match outcome {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Error::damaged(
                dir,
                format!("reading it failed: {message}").trim_end_matches([' ', ':']),
            ))
        }
    }
}

/// Whether this thread is inside a [`guard`]: a panic now is the index's
/// damage, reported as an error, not a bug to print a backtrace for.
pub fn reading() -> bool {
    GUARDS.with(|guards| guards.get() > 0)
}

/// What a tantivy error says is wrong with an index, as briefly as it can:
/// the file, and what is wrong with it.
pub fn describe(err: &TantivyError) -> String {
    match err {
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            format!("{} is missing", path.display())
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            format!("{} cannot be read: {io_error}", filepath.display())
        }
        err => err.to_string(),
    }
}

/// [`Error::IndexDamaged`] for a tantivy error reading the index at `dir`
/// — unless the error's cause lies outside the index (read-only, no
/// permission, no memory, too many open files: [`Error::environmental`]),
/// which is said instead.
pub fn damaged(dir: &Path, err: &TantivyError) -> Error {
    Error::environmental(dir, err).unwrap_or_else(|| Error::damaged(dir, describe(err)))
}

/// Opens every part of every segment `reader` reads — the terms,
/// postings and positions of each indexed field, the fast columns, the
/// stored records — as a search would: what opening the reader leaves for
/// later (a missing positions file shows only when a phrase is searched).
/// The bytes themselves are not read through.
pub fn verify(reader: &IndexReader, dir: &Path) -> Result<()> {
    guard(dir, || {
        let searcher = reader.searcher();
        let schema = searcher.schema();
        for segment in searcher.segment_readers() {
            for (field, entry) in schema.fields() {
                if entry.is_indexed() {
                    segment
                        .inverted_index(field)
                        .map_err(|err| damaged(dir, &err))?;
                }
                if entry.is_fast() {
                    segment
                        .fast_fields()
                        .str(entry.name())
                        .map_err(|err| damaged(dir, &err))?;
                }
            }
            segment.get_store_reader(0).map_err(|err| {
                if crate::error::Cause::of(&err).is_some() {
                    // Not damage: memory, file descriptors, permissions.
                    return Error::io(dir, err);
                }
                Error::damaged(dir, format!("the stored records: {err}"))
            })?;
        }
        Ok(())
    })
}

/// Whether `name` is a file tantivy writes in an index directory: a
/// segment's component (`<32 hex digits>.idx`, `….<opstamp>.del`) or the
/// temporary file of an atomic write (`.tmpXXXXXX`).
pub(crate) fn is_index_file(name: &str) -> bool {
    if let Some(random) = name.strip_prefix(".tmp") {
        return random.len() == 6 && random.chars().all(|c| c.is_ascii_alphanumeric());
    }
    let mut parts = name.split('.');
    let segment = parts.next().unwrap_or_default();
    let hex = segment.len() == 32 && segment.chars().all(|c| c.is_ascii_hexdigit());
    let rest: Vec<&str> = parts.collect();
    hex && match rest.as_slice() {
        [extension] => SEGMENT_EXTENSIONS.contains(extension),
        [opstamp, "del"] => opstamp.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// The extensions of a segment's files (tantivy's `SegmentComponent`).
const SEGMENT_EXTENSIONS: &[&str] = &["idx", "pos", "term", "store", "temp", "fast", "fieldnorm"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_and_temporary_files_are_recognised() {
        for name in [
            "6e9f2c69386a4c0288b92977d65e4df2.idx",
            "6e9f2c69386a4c0288b92977d65e4df2.fieldnorm",
            "6e9f2c69386a4c0288b92977d65e4df2.12.del",
            ".tmpAb12Cd",
        ] {
            assert!(is_index_file(name), "{name}");
        }
        for name in [
            "notes.txt",
            "6e9f2c69386a4c0288b92977d65e4df2.txt",
            "6e9f2c69.idx",
            "6e9f2c69386a4c0288b92977d65e4df2.x.del",
            ".tmp",
            ".tmpfile-of-mine",
        ] {
            assert!(!is_index_file(name), "{name}");
        }
    }

    #[test]
    fn a_panic_inside_a_guard_is_an_error() {
        let dir = Path::new("somewhere");
        let result: Result<u8> = guard(dir, || panic!("attempt to add with overflow"));
        let message = result.unwrap_err().to_string();
        assert!(message.contains("damaged"), "{message}");
        assert!(
            message.contains("attempt to add with overflow"),
            "{message}"
        );
        assert!(message.contains("negotext index --rebuild"), "{message}");
        assert!(!reading());
        assert_eq!(guard(dir, || Ok(7)).unwrap(), 7);
    }
}
