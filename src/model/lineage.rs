//! Lineage: how a chunk is linked to its versions in the other drafts of
//! its report (computed by [`crate::history`], stored with the chunk).

use serde::{Deserialize, Serialize};

use super::Draft;

/// A chunk's place in the history of its report, stored with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Links {
    /// The lineage id: the chunk id (`<doc>#<ordinal>`) of the paragraph's
    /// first version.
    pub lineage: String,
    /// The versions in the previous draft this one continues.
    pub previous: Vec<LinkRef>,
    /// The versions in the next draft that continue this one.
    pub next: Vec<LinkRef>,
    /// Runs of words added since `previous` (all the text when it is new in
    /// a later draft).
    pub added: Vec<String>,
    /// Runs of words removed since `previous`.
    pub removed: Vec<String>,
    /// How its wording was softened since `previous`, one scale each:
    /// `modal: shall → should` (see `history::strength`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub softened: Vec<String>,
    /// How its wording was hardened since `previous`: `operative: encourages → urges`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hardened: Vec<String>,
}

/// A link to another version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkRef {
    /// Its chunk id, `<doc>#<ordinal>`.
    pub id: String,
    pub draft: Draft,
    pub label: String,
    /// Similarity of the two versions, in [0, 1].
    pub score: f32,
}
