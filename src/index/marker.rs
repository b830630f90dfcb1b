//! The mark of a negotext index directory: a small file of negotext's own,
//! [`MARKER_FILE`], written before anything else when negotext makes an
//! index in an empty or new directory.
//!
//! tantivy's `meta.json` alone does not make a directory negotext's: a
//! project's own `meta.json` once read as a damaged index, and `--rebuild`
//! then overwrote it and removed files named like segments. negotext
//! writes, removes or rebuilds only in a directory that holds the marker, or
//! is empty (nothing but negotext's own lock and build files), or holds an
//! index negotext made before the marker existed (see
//! `open_existing` in the module above), which it then marks.
//!
//! ```
//! use negotext::index::marker::{MARKER_FILE, is_marked, mark};
//!
//! let dir = tempfile::tempdir().unwrap();
//! assert!(!is_marked(dir.path()));
//! mark(dir.path()).unwrap();
//! assert!(is_marked(dir.path()));
//! assert!(dir.path().join(MARKER_FILE).is_file());
//! ```

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The marker's name, in the index directory.
pub const MARKER_FILE: &str = "negotext-index.toml";

/// The version of the marker's format.
pub const MARKER_FORMAT: u32 = 1;

/// A marker is a few lines; anything longer is not one.
const MARKER_MAX_BYTES: u64 = 4096;

/// What the marker holds.
#[derive(serde::Deserialize)]
struct Marker {
    negotext_index: u32,
}

/// The marker's text.
fn text() -> String {
    format!(
        "# This directory is a negotext index: `negotext index` rewrites and\n\
         # removes the files in it. Delete the directory to start afresh.\n\
         negotext_index = {MARKER_FORMAT}\n"
    )
}

/// Whether `dir` holds a negotext marker: a regular file (never a FIFO or
/// a link to one) of that name whose text says so.
pub fn is_marked(dir: &Path) -> bool {
    let path = dir.join(MARKER_FILE);
    let regular = std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_file());
    if !regular {
        return false;
    }
    let mut text = String::new();
    let read = std::fs::File::open(&path)
        .and_then(|file| file.take(MARKER_MAX_BYTES).read_to_string(&mut text));
    read.is_ok() && toml::from_str::<Marker>(&text).is_ok_and(|marker| marker.negotext_index >= 1)
}

/// Marks `dir` as a negotext index.
pub fn mark(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER_FILE);
    std::fs::write(&path, text()).map_err(|err| Error::io(path, err))
}
