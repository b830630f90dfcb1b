//! What an index holds, saved with every commit.
//!
//! The [`IndexState`] is the commit's payload (tantivy stores it in
//! `meta.json` with the list of segments), so it changes atomically with the
//! documents: the schema version, the settings fingerprint, every indexed
//! file's fingerprint and documents, and the [`Lexicon`] the text was
//! analysed with — which the searcher must analyse queries with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Lexicon;
use crate::model::{Date, DocumentKind, Draft};

/// This build's identity (see `build.rs`).
pub(super) const BUILD: &str = env!("NEGOTEXT_BUILD");

/// The payload of an index commit.
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
        let modified = metadata.modified().ok()?;
        if now.duration_since(modified).ok()? < Stamp::SETTLE {
            return None;
        }
        Some(Stamp {
            len: metadata.len(),
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
}

/// Just the version, to read before trusting the rest of a payload.
#[derive(Deserialize)]
struct Versioned {
    schema_version: u32,
}

impl IndexState {
    /// Reads a payload: `Err(version)` when it is of another schema version
    /// (0 when it cannot be read at all).
    pub fn from_payload(payload: &str) -> Result<IndexState, u32> {
        let version = serde_json::from_str::<Versioned>(payload)
            .map(|v| v.schema_version)
            .unwrap_or(0);
        if version != super::schema::SCHEMA_VERSION {
            return Err(version);
        }
        serde_json::from_str(payload).map_err(|_| version)
    }

    /// The payload text.
    pub fn to_payload(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }

    /// Every indexed document, in file order.
    pub fn documents(&self) -> impl Iterator<Item = &DocumentSummary> {
        self.files.values().flat_map(|file| &file.documents)
    }

    /// The `(report, draft)` pairs of the index, in negotiation order.
    pub fn drafts(&self) -> Vec<(String, Draft)> {
        let mut drafts: Vec<(Option<Date>, String, Draft)> = Vec::new();
        for doc in self.documents() {
            match drafts
                .iter_mut()
                .find(|(_, report, draft)| *report == doc.report && *draft == doc.draft)
            {
                Some(entry) => entry.0 = entry.0.min(doc.date).or(doc.date),
                None => drafts.push((doc.date, doc.report.clone(), doc.draft)),
            }
        }
        drafts.sort_by(|a, b| (&a.1, a.2, a.0).cmp(&(&b.1, b.2, b.0)));
        drafts
            .into_iter()
            .map(|(_, report, draft)| (report, draft))
            .collect()
    }

    /// How many chunks the index holds.
    pub fn chunks(&self) -> usize {
        self.files.values().map(|file| file.chunks).sum()
    }
}
