//! What an interrupted update leaves in the index directory, and how the
//! next update removes it before it writes.
//!
//! tantivy lists every file it creates in `.managed.json` before it writes
//! it, and removes the files no commit uses after each commit. An update
//! stopped before its commit — killed, interrupted, out of space — leaves
//! its files behind: new segments, and the delete files
//! (`<segment>.<opstamp>.del`) that tantivy writes about 10 ms before it
//! replaces `meta.json`. The next update computes the same opstamp, so a
//! delete file left there made every later update fail with
//! `FileAlreadyExists`, and abandoned segments piled up.
//!
//! [`collect`] runs when an update opens its writer, under the
//! [`IndexLock`](super::lock::IndexLock): tantivy's garbage collection
//! removes every listed file that the last commit does not use, and the
//! temporary files of tantivy's atomic writes (`.tmpXXXXXX`, never listed)
//! go too, and the state's files no commit names (see
//! [`state_file`](super::state_file)). Searches meanwhile read the last
//! commit, whose files stay. An
//! update with nothing to write opens a writer for that only when
//! [`present`] finds such files.

use std::collections::HashSet;
use std::path::Path;

use tantivy::{IndexMeta, IndexWriter};

use super::damage::is_index_file;
use super::directory::Writes;
use super::state_file;
use crate::error::{Error, Result};

/// Removes what interrupted updates left in `dir`, whose index `writer`
/// writes.
pub(crate) fn collect(writer: &IndexWriter, dir: &Path, writes: &Writes) -> Result<()> {
    writer
        .garbage_collect_files()
        .wait()
        .map_err(|err| writes.explain(dir, err))?;
    // The state's files of the last commit and the one before stay.
    if let Some(generation) = writer
        .index()
        .load_metas()
        .ok()
        .as_ref()
        .and_then(state_file::generation)
    {
        state_file::remove_old(dir, generation)?;
    }
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, err))?;
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".tmp") && is_index_file(&name) {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => {}
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => return Err(Error::io(entry.path(), err)),
            }
        }
    }
    Ok(())
}

/// Whether `dir` holds files of tantivy's that the commit `metas` does not
/// use: a segment it does not list, a delete file of another opstamp, a
/// temporary file.
pub(crate) fn present(dir: &Path, metas: &IndexMeta) -> bool {
    let segments: HashSet<String> = metas
        .segments
        .iter()
        .map(|segment| segment.id().uuid_string())
        .collect();
    let deletes: HashSet<String> = metas
        .segments
        .iter()
        .filter_map(|segment| {
            let opstamp = segment.delete_opstamp()?;
            Some(format!("{}.{opstamp}.del", segment.id().uuid_string()))
        })
        .collect();
    if state_file::generation(metas).is_some_and(|generation| state_file::stray(dir, generation)) {
        return true;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.filter_map(|entry| entry.ok()).any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let segment = name.split('.').next().unwrap_or_default();
        is_index_file(&name)
            && (name.starts_with(".tmp")
                || !segments.contains(segment)
                || (name.ends_with(".del") && !deletes.contains(name.as_ref())))
    })
}
