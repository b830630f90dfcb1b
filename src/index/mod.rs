//! The index: every chunk of the corpus in a tantivy index on disk.
//!
//! - [`schema`]: the fields, defined once;
//! - [`state`]: what the index holds, committed atomically with it, in
//!   files of its own (`state_file`);
//! - [`update`](mod@update): corpus → index, incrementally, one writer at a time
//!   ([`lock`]), files compared by [`fingerprint`]: a scan, a [`plan`],
//!   the reports indexed in parallel, one commit;
//! - [`ChunkIndex`]: an index opened for searching;
//! - [`freshness`]: an index brought up to date before it answers.

pub mod damage;
pub(crate) mod directory;
mod document;
pub mod entry;
pub mod fingerprint;
pub mod freshness;
pub(crate) mod leftovers;
pub mod lock;
pub mod marker;
mod merge;
pub mod placement;
pub mod plan;
mod reports;
mod scan;
pub mod schema;
pub mod state;
pub(crate) mod state_file;
pub mod update;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tantivy::index::SegmentId;
use tantivy::{Index, IndexMeta, IndexReader, Opstamp, ReloadPolicy, TantivyError};

use crate::analysis;
use crate::error::{Error, Result};
use directory::{IndexDirectory, Writes};
use state_file::Depth;

pub use freshness::{Freshness, Ready, ready, recorded_corpus};
pub use plan::{Plan, Rebuild};
pub use reports::Progress;
pub use schema::{Fields, View};
pub use state::{CorpusPlace, IndexState};
pub(crate) use state_file::write_synced;
pub use update::{Options, Report, check, restamp, update, update_with};

/// The file tantivy writes at each commit; its presence makes a directory an
/// index.
const META_FILE: &str = "meta.json";

/// Written before an index is built from scratch (its old files removed
/// first), removed at its first commit: an index directory without
/// [`META_FILE`] is then the leftover of an interrupted build, not a
/// damaged index.
pub(crate) const BUILD_MARKER: &str = ".negotext-building";

/// negotext's own files in an index directory: a directory holding only
/// these is empty.
const OWN_FILES: &[&str] = &[
    marker::MARKER_FILE,
    lock::LOCK_FILE,
    BUILD_MARKER,
    WATCHES_FILE,
];

/// The file of the saved searches (`negotext watch`, see `crate::watch`):
/// the user's, kept by `index --rebuild`.
pub const WATCHES_FILE: &str = "watches.json";

/// Files that may sit beside an index (the project's `index/README.md`).
const FILES_BESIDE: &[&str] = &["README.md"];

/// How many times [`ChunkIndex::open`] opens the index again when a commit
/// landed while it was opening it.
const OPEN_ATTEMPTS: usize = 20;

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
    /// The entries of the draft facet (`state`'s, computed once): the
    /// drafts of the reports, then the files of no report.
    pub entries: entry::DraftEntries,
}

impl ChunkIndex {
    /// The key of the draft-facet entry `document` counts under:
    /// `apr1/rev1`, or the name its file of no report is shown as.
    pub fn draft_key(&self, document: &crate::model::Document) -> String {
        let (file, report) = (&document.file, document.report.as_deref());
        let column = match self.state.files.get(file) {
            Some(state) => {
                let symbols = state.documents.iter().map(|d| d.symbol.as_deref());
                entry::column_key(file, report, document.draft, symbols)
            }
            None => entry::column_key(file, report, document.draft, [document.symbol.as_deref()]),
        };
        self.entries
            .by_column(&column)
            .map_or(column, |entry| entry.key.clone())
    }

    /// Opens the index at `dir`: [`Error::NoIndex`] when there is none,
    /// [`Error::IndexVersion`] when another version made it,
    /// [`Error::IndexDamaged`] when a file of it is missing or unreadable.
    ///
    /// The reader and the [`IndexState`] are of the same commit: when an
    /// indexer commits while the index is being opened, it is opened again.
    pub fn open(dir: &Path) -> Result<ChunkIndex> {
        for _ in 0..OPEN_ATTEMPTS {
            let index = match open_index(dir)? {
                Found::Index(index) => index,
                Found::Not(existing) => return Err(refusal(dir, existing)),
            };
            let reader = open_reader(&index, dir)?;
            // The reader opened the segments of the last commit, which may
            // be newer than the one `open_index` read.
            let metas = load_metas(&index, dir)?;
            if segments_of_reader(&reader) != segments_of_commit(&metas) {
                continue;
            }
            let state = match current(dir, &index, &metas, Depth::Whole)? {
                Existing::Current(_, state) => *state,
                // The state's files of a commit replaced meanwhile, removed
                // by the commit after it.
                Existing::Damaged(_) if load_metas(&index, dir)?.payload != metas.payload => {
                    continue;
                }
                existing => return Err(refusal(dir, existing)),
            };
            let fields = Fields::of(&index.schema())?;
            // Shared with the reader's copy of the index.
            analysis::register(&index, &state.lexicon);
            return Ok(ChunkIndex {
                dir: dir.to_path_buf(),
                index,
                reader,
                fields,
                drafts: state.drafts(),
                entries: entry::DraftEntries::of(&state),
                state,
            });
        }
        Err(Error::IndexBusy {
            path: dir.to_path_buf(),
        })
    }
}

/// `existing` when it can be searched and updated (or there is none);
/// otherwise the error that says why not and what to do.
pub(crate) fn usable(dir: &Path, existing: Existing) -> Result<Existing> {
    match existing {
        Existing::OtherVersion(_) | Existing::Damaged(_) => Err(refusal(dir, existing)),
        Existing::None | Existing::Current(..) => Ok(existing),
    }
}

/// Marks `dir` as holding an index being built from scratch (see
/// [`BUILD_MARKER`]).
pub(crate) fn mark_building(dir: &Path) -> Result<()> {
    let path = dir.join(BUILD_MARKER);
    std::fs::write(&path, b"").map_err(|err| Error::io(path, err))
}

/// Removes the mark of [`mark_building`], once the index has a commit.
pub(crate) fn unmark_building(dir: &Path) -> Result<()> {
    let path = dir.join(BUILD_MARKER);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(Error::io(path, err)),
    }
}

/// The error for an index that cannot be searched.
fn refusal(dir: &Path, existing: Existing) -> Error {
    match existing {
        Existing::None => Error::NoIndex {
            path: dir.to_path_buf(),
        },
        Existing::OtherVersion(version) => Error::IndexVersion {
            found: if version == 0 {
                "an unknown schema".to_string()
            } else {
                format!("schema version {version}, now {}", schema::SCHEMA_VERSION)
            },
        },
        Existing::Damaged(problem) => Error::damaged(dir, problem),
        Existing::Current(..) => Error::NoIndex {
            path: dir.to_path_buf(),
        },
    }
}

/// A reader of every segment of the last commit of `index`: opening the
/// segments checks their files, so a file missing, cut short or
/// overwritten is [`Error::IndexDamaged`].
pub(crate) fn open_reader(index: &Index, dir: &Path) -> Result<IndexReader> {
    damage::guard(dir, || {
        index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|err| damage::damaged(dir, &err))
    })
}

/// The segments (and their deletions) a reader reads.
fn segments_of_reader(reader: &IndexReader) -> BTreeSet<(SegmentId, Option<Opstamp>)> {
    reader
        .searcher()
        .generation()
        .segments()
        .iter()
        .map(|(id, deletes)| (*id, *deletes))
        .collect()
}

/// The segments (and their deletions) of a commit.
fn segments_of_commit(metas: &IndexMeta) -> BTreeSet<(SegmentId, Option<Opstamp>)> {
    metas
        .segments
        .iter()
        .map(|segment| (segment.id(), segment.delete_opstamp()))
        .collect()
}

/// What a directory holds.
pub(crate) enum Existing {
    /// No index (an empty or missing directory, the leftover of a build
    /// killed before its first commit).
    None,
    /// An index of another schema version (0: unknown).
    OtherVersion(u32),
    /// An index that cannot be read: what is wrong with it.
    Damaged(String),
    /// An index of this version.
    Current(Index, Box<IndexState>),
}

/// Opens the index at `dir`, if there is one, without writing anything;
/// [`Error::NotAnIndex`] when the directory holds something else.
pub(crate) fn open_existing(dir: &Path) -> Result<Existing> {
    open_existing_to(dir, Depth::Whole)
}

/// [`open_existing`], reading the state only as deep as `depth`: an
/// [`Existing::Current`] then holds only that much of it.
pub(crate) fn open_existing_to(dir: &Path, depth: Depth) -> Result<Existing> {
    match open_index(dir)? {
        Found::Index(index) => {
            let metas = load_metas(&index, dir)?;
            current(dir, &index, &metas, depth)
        }
        Found::Not(existing) => Ok(existing),
    }
}

/// A directory's index opened by tantivy, or what the directory holds
/// instead.
enum Found {
    Index(Index),
    Not(Existing),
}

fn open_index(dir: &Path) -> Result<Found> {
    if !dir.exists() {
        return Ok(Found::Not(Existing::None));
    }
    let marked = marker::is_marked(dir);
    let contents = contents(dir)?;
    if contents.foreign || (!marked && contents.beside && !contents.index) {
        return Err(not_an_index(dir));
    }
    if !dir.join(META_FILE).is_file() {
        let building = dir.join(BUILD_MARKER).exists();
        return match (contents.index, marked || building) {
            (false, _) => Ok(Found::Not(Existing::None)),
            // The leftover of a build killed before its first commit.
            (true, true) if building => Ok(Found::Not(Existing::None)),
            (true, true) => Ok(Found::Not(Existing::Damaged(format!(
                "{META_FILE} is missing"
            )))),
            // tantivy's files, but nothing says negotext made them.
            (true, false) => Err(not_an_index(dir)),
        };
    }
    match Index::open(IndexDirectory::open(dir)?) {
        Ok(index) if marked || made_by_negotext(&index, dir) => Ok(Found::Index(index)),
        Ok(_) => Err(not_an_index(dir)),
        Err(err) => match Error::environmental(dir, &err) {
            Some(cause) => Err(cause),
            None if !marked => Err(not_an_index(dir)),
            // Another on-disk format: another version of negotext made it.
            None if matches!(err, TantivyError::IncompatibleIndex(_)) => {
                Ok(Found::Not(Existing::OtherVersion(0)))
            }
            None => Ok(Found::Not(Existing::Damaged(format!(
                "{META_FILE} cannot be read: {}",
                damage::describe(&err)
            )))),
        },
    }
}

/// Whether the unmarked index `index` at `dir` is one negotext made before
/// it marked its directories: its commit carries negotext's state (of any
/// schema version), or it has no commit yet and `dir` holds the mark of a
/// negotext build from scratch.
fn made_by_negotext(index: &Index, dir: &Path) -> bool {
    let Ok(metas) = index.load_metas() else {
        return false;
    };
    match &metas.payload {
        Some(payload) => match state_file::header_of(payload) {
            Ok(_) => true,
            Err(version) => version > 0,
        },
        None => metas.segments.is_empty() && dir.join(BUILD_MARKER).exists(),
    }
}

/// [`Error::NotAnIndex`] for `dir`.
fn not_an_index(dir: &Path) -> Error {
    Error::NotAnIndex {
        path: dir.to_path_buf(),
    }
}

/// The index at `dir` opened for writing, and what records its failed
/// writes (see [`directory`]).
pub(crate) fn open_for_writing(dir: &Path) -> Result<(Index, Writes)> {
    let directory = IndexDirectory::open(dir)?;
    let writes = directory.writes();
    let index = Index::open(directory).map_err(|err| Error::tantivy(dir, err))?;
    Ok((index, writes))
}

/// A new, empty index in `dir`, and what records its failed writes.
pub(crate) fn create(dir: &Path) -> Result<(Index, Writes)> {
    let directory = IndexDirectory::open(dir)?;
    let writes = directory.writes();
    let index = Index::create(directory, schema::schema(), schema::settings())
        .map_err(|err| writes.explain(dir, err))?;
    Ok((index, writes))
}

fn load_metas(index: &Index, dir: &Path) -> Result<IndexMeta> {
    index.load_metas().map_err(|err| {
        Error::damaged(
            dir,
            format!("{META_FILE} cannot be read: {}", damage::describe(&err)),
        )
    })
}

/// What the commit `metas` of `index` is to negotext, with its state read
/// as deep as `depth`.
fn current(dir: &Path, index: &Index, metas: &IndexMeta, depth: Depth) -> Result<Existing> {
    let Some(payload) = &metas.payload else {
        // Created, never committed: a first build was killed.
        if metas.segments.is_empty() {
            return Ok(Existing::None);
        }
        // Documents without negotext's state: another program's index.
        return Err(not_an_index(dir));
    };
    Ok(match state_file::header_of(payload) {
        Ok(header) if Fields::of(&index.schema()).is_ok() => {
            match state_file::read(dir, header, depth) {
                Ok(state) => Existing::Current(index.clone(), Box::new(state)),
                Err(problem) => Existing::Damaged(problem),
            }
        }
        Ok(_) => Existing::OtherVersion(0),
        Err(version) if version == schema::SCHEMA_VERSION => {
            Existing::Damaged(format!("the state in {META_FILE} cannot be read"))
        }
        Err(version) => Existing::OtherVersion(version),
    })
}

/// What a directory holds, besides negotext's own files ([`OWN_FILES`]).
#[derive(Debug, Default)]
struct Contents {
    /// Files of an index: tantivy's list of them, its lock files,
    /// `meta.json`, segments, temporary files.
    index: bool,
    /// Files that may sit beside an index ([`FILES_BESIDE`]).
    beside: bool,
    /// Anything else.
    foreign: bool,
}

fn contents(dir: &Path) -> Result<Contents> {
    let managed = managed_files(dir);
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, err))?;
    let mut found = Contents::default();
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if OWN_FILES.contains(&name.as_ref()) {
            continue;
        }
        if FILES_BESIDE.contains(&name.as_ref()) {
            found.beside = true;
        } else if name == META_FILE
            || name == MANAGED_FILE
            || name.starts_with(".tantivy")
            || state_file::is_state_file(&name)
            || managed.iter().any(|m| *m == name)
            || damage::is_index_file(&name)
        {
            found.index = true;
        } else {
            found.foreign = true;
        }
    }
    Ok(found)
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
/// tantivy lists as its own or names as it names them (a damaged index
/// may have lost its list).
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
    state_file::remove_all(dir)?;
    for name in managed_files(dir) {
        remove(&name)?;
    }
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, err))?;
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if damage::is_index_file(&name) {
            remove(&name)?;
        }
    }
    remove(MANAGED_FILE)
}
