//! What an index holds, saved with every commit.
//!
//! The [`IndexState`] is committed with the documents (its files are named
//! by the commit's payload, see `index/state_file.rs`), so it
//! changes atomically with them: the schema version, the settings
//! fingerprint, every indexed file's fingerprint and documents, and the
//! [`Lexicon`] the text was analysed with — which the searcher must
//! analyse queries with.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::analysis::Lexicon;
use crate::error::{Error, Result};
use crate::model::{Date, DocumentKind, Draft, Unsettled};

/// This build's identity (see `build.rs`).
pub(super) const BUILD: &str = env!("NEGOTEXT_BUILD");

/// What an index holds, as of one commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexState {
    /// The [`SCHEMA_VERSION`](super::schema::SCHEMA_VERSION) it was built with.
    pub schema_version: u32,
    /// The negotext version that built it.
    pub negotext_version: String,
    /// The build that made it (a hash of the sources): another build may
    /// parse, analyse or link differently.
    #[serde(default)]
    pub build: String,
    /// Fingerprint of the corpus' manifest and glossary.
    pub settings: String,
    /// Every indexed file, by corpus name.
    pub files: BTreeMap<String, FileState>,
    /// Compounds and acronyms the text was analysed with.
    pub lexicon: Lexicon,
    /// The corpus it was built from (none in an index made before negotext
    /// recorded it: the next update records it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corpus: Option<CorpusPlace>,
}

/// Where an index's corpus is: searching the index without `--corpus`
/// searches that corpus, and another corpus is refused (see
/// [`CorpusPlace::same`]) unless the index is rebuilt from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusPlace {
    /// Its directory, canonical (links and `..` resolved).
    pub path: PathBuf,
    /// The directory's identity on its file system (`device:inode` on
    /// Unix), which stays when the directory is moved or renamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
}

impl CorpusPlace {
    /// The place of the corpus directory `dir`, which must exist.
    pub fn of(dir: &Path) -> Result<CorpusPlace> {
        let path = std::fs::canonicalize(dir).map_err(|err| Error::io(dir, err))?;
        let identity = identity(&path);
        // As text (JSON has no other bytes); both sides of a comparison
        // are made here.
        let path = PathBuf::from(path.to_string_lossy().into_owned());
        Ok(CorpusPlace { path, identity })
    }

    /// Whether `other` is the same corpus: the same directory, or the
    /// same one moved (the same identity).
    pub fn same(&self, other: &CorpusPlace) -> bool {
        self.path == other.path || (self.identity.is_some() && self.identity == other.identity)
    }
}

/// `device:inode` of the directory at `path`.
#[cfg(unix)]
fn identity(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let metadata = std::fs::metadata(path).ok()?;
    Some(format!("{}:{}", metadata.dev(), metadata.ino()))
}

/// No identity beyond the path elsewhere.
#[cfg(not(unix))]
fn identity(_path: &Path) -> Option<String> {
    None
}

/// One indexed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    /// Fingerprint of its bytes.
    pub fingerprint: String,
    /// Its size and modification time when it was read, if they can vouch
    /// for the fingerprint (see [`Stamp`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    /// How many chunks it gave.
    pub chunks: usize,
    pub documents: Vec<DocumentSummary>,
    /// For a file of no report: the name the draft facet, `stats` and
    /// `--draft` give it (see [`entry`](super::entry)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown_as: Option<String>,
}

/// A file's size and modification time, as `stat` gives them: while they
/// stay the same, the freshness check that runs before every search takes
/// the fingerprint on trust instead of reading the file again.
///
/// A file modified within [`Stamp::SETTLE`] of being read gets no stamp: a
/// write in the same clock tick as the read could leave size and time as
/// they were with other bytes (git's "racily clean" entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified_ns: u128,
}

impl Stamp {
    /// How old a modification must be for its stamp to vouch for the bytes.
    pub const SETTLE: std::time::Duration = std::time::Duration::from_secs(2);

    /// The stamp of a file with `metadata`, looked at `now`; `None` when
    /// the time is unknown or too recent.
    pub fn of(metadata: &std::fs::Metadata, now: std::time::SystemTime) -> Option<Stamp> {
        Stamp::at(metadata.len(), metadata.modified().ok(), now)
    }

    /// The stamp of a file of `len` bytes modified at `modified`, looked
    /// at `now` (see [`Stamp::of`]).
    pub fn at(
        len: u64,
        modified: Option<std::time::SystemTime>,
        now: std::time::SystemTime,
    ) -> Option<Stamp> {
        let modified = modified?;
        if now.duration_since(modified).ok()? < Stamp::SETTLE {
            return None;
        }
        Some(Stamp {
            len,
            modified_ns: modified
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_nanos(),
        })
    }
}

/// A document as filters and facets need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: String,
    /// The report id, or `none`.
    pub report: String,
    pub draft: Draft,
    pub date: Option<Date>,
    pub kind: DocumentKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Its brackets and options.
    #[serde(default, skip_serializing_if = "Unsettled::is_settled")]
    pub unsettled: Unsettled,
}

impl IndexState {
    /// Every indexed document, in file order.
    pub fn documents(&self) -> impl Iterator<Item = &DocumentSummary> {
        self.files.values().flat_map(|file| &file.documents)
    }

    /// The `(report, draft)` pairs of the index, in negotiation order.
    pub fn drafts(&self) -> Vec<(String, Draft)> {
        // A set, not a list searched for each document: that was
        // quadratic, a fifth of a whole search at 2,800 files.
        let drafts: std::collections::BTreeSet<(&str, Draft)> = self
            .documents()
            .map(|doc| (doc.report.as_str(), doc.draft))
            .collect();
        drafts
            .into_iter()
            .map(|(report, draft)| (report.to_string(), draft))
            .collect()
    }

    /// How many chunks the index holds.
    pub fn chunks(&self) -> usize {
        self.files.values().map(|file| file.chunks).sum()
    }
}
