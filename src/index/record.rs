//! The stored record of a chunk: everything a hit shows.

use serde::{Deserialize, Serialize};

use crate::model::{Chunk, Document, Links};

/// A chunk and the document it belongs to, stored as JSON in the
/// [`RECORD`](super::schema::RECORD) field: the same serde model that
/// `negotext parse --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub document: Document,
    pub chunk: Chunk,
    /// Its versions in the other drafts of its report.
    #[serde(default)]
    pub links: Links,
}
