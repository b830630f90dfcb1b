//! The index: every chunk of the corpus in a tantivy index on disk.
//!
//! - [`schema`]: the fields, defined once;
//! - [`record`]: what is stored for a hit;
//! - [`state`]: what the index holds, committed atomically with it;
//! - [`indexer`]: corpus → index, incrementally, one writer at a time
//!   ([`lock`]), files compared by [`fingerprint`];
//! - [`ChunkIndex`]: an index opened for searching.

pub mod fingerprint;
pub mod indexer;
pub mod lock;
pub mod record;
pub mod schema;
pub mod state;

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::analysis;
use crate::error::{Error, Result};

pub use indexer::{Options, Plan, Progress, Rebuild, Report, check, restamp, update, update_with};
pub use record::Record;
pub use schema::{Fields, View};
pub use state::IndexState;

/// The file tantivy writes at each commit; its presence makes a directory an
/// index.
const META_FILE: &str = "meta.json";

/// Files that may sit in an index directory besides the index itself.
const FOREIGN_FILES_ALLOWED: &[&str] = &["README.md", lock::LOCK_FILE];

/// An index opened for searching, with its analyzers registered.
pub struct ChunkIndex {
    pub dir: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub state: IndexState,
    /// `state.drafts()`, computed once: the `(report, draft)` pairs in
    /// negotiation order.
    pub drafts: Vec<(String, crate::model::Draft)>,
    /// The [`draft_key`](indexer::draft_key) of each of `drafts`.
    pub draft_keys: Vec<String>,
}

impl ChunkIndex {
    /// Opens the index at `dir`: [`Error::NoIndex`] when there is none,
    /// [`Error::IndexVersion`] when another version made it.
    pub fn open(dir: &Path) -> Result<ChunkIndex> {
        let (index, state) = match open_existing(dir)? {
            Existing::None => {
                return Err(Error::NoIndex {
                    path: dir.to_path_buf(),
                });
            }
            Existing::OtherVersion(version) => {
                return Err(Error::IndexVersion {
                    found: format!("schema version {version}"),
                });
            }
            Existing::Current(index, state) => (index, *state),
        };
        let fields = Fields::of(&index.schema())?;
        analysis::register(&index, &state.lexicon);
        let drafts = state.drafts();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|err| Error::tantivy(dir, err))?;
        Ok(ChunkIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            draft_keys: drafts
                .iter()
                .map(|(report, draft)| indexer::draft_key(report, *draft))
                .collect(),
            drafts,
            state,
        })
    }
}

/// What a directory holds.
pub(crate) enum Existing {
    /// No index (an empty or missing directory).
    None,
    /// An index of another schema version (0: unreadable).
    OtherVersion(u32),
    /// An index of this version.
    Current(Index, Box<IndexState>),
}

/// Opens the index at `dir`, if there is one, without writing anything.
pub(crate) fn open_existing(dir: &Path) -> Result<Existing> {
    if !dir.join(META_FILE).is_file() {
        if dir.exists() && !is_empty_dir(dir)? {
            return Err(Error::NotAnIndex {
                path: dir.to_path_buf(),
            });
        }
        return Ok(Existing::None);
    }
    // An index tantivy cannot open (another format) is another version.
    let Ok(index) = Index::open_in_dir(dir) else {
        return Ok(Existing::OtherVersion(0));
    };
    let metas = index.load_metas().map_err(|err| Error::tantivy(dir, err))?;
    let payload = metas.payload.unwrap_or_default();
    Ok(match IndexState::from_payload(&payload) {
        Ok(state) if Fields::of(&index.schema()).is_ok() => {
            Existing::Current(index, Box::new(state))
        }
        Ok(_) => Existing::OtherVersion(0),
        Err(version) => Existing::OtherVersion(version),
    })
}

/// Whether `dir` holds no index, only the files allowed beside one or left
/// by an index build that was killed before its first commit.
fn is_empty_dir(dir: &Path) -> Result<bool> {
    let managed = managed_files(dir);
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, err))?;
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let allowed = FOREIGN_FILES_ALLOWED.contains(&name.as_ref())
            || name.starts_with(".tantivy")
            || name == MANAGED_FILE
            || managed.iter().any(|m| *m == name);
        if !allowed {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The file where tantivy lists the files it manages.
const MANAGED_FILE: &str = ".managed.json";

/// The plain file names tantivy lists as its own in `dir`.
fn managed_files(dir: &Path) -> Vec<String> {
    let names: Vec<String> = std::fs::read_to_string(dir.join(MANAGED_FILE))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    // Never a path out of the directory.
    names
        .into_iter()
        .filter(|name| !name.contains(['/', '\\']) && name != ".." && name != ".")
        .collect()
}

/// Removes the index in `dir` — `meta.json` first, so that an interrupted
/// removal leaves no index rather than half of one — and only the files
/// tantivy lists as its own.
pub(crate) fn remove_index_files(dir: &Path) -> Result<()> {
    let remove = |name: &str| -> Result<()> {
        let path = dir.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(Error::io(path, err)),
        }
    };
    remove(META_FILE)?;
    for name in managed_files(dir) {
        remove(&name)?;
    }
    remove(MANAGED_FILE)
}
