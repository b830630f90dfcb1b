//! The stored record of a chunk: everything a hit shows.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Chunk, Document, Links};

/// A chunk and the document it belongs to, stored as JSON in the index's
/// `record` field: the same serde model that `negotext parse --json`
/// prints, and what a hit shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Shared by the records of the document's chunks (stored whole with
    /// each).
    pub document: Arc<Document>,
    pub chunk: Chunk,
    /// Its versions in the other drafts of its report.
    #[serde(default)]
    pub links: Links,
}

impl Record {
    /// The records of a parsed file's `chunks`, each with its document
    /// among `documents` (a chunk of no listed document is left out), not
    /// linked yet.
    pub fn of(documents: Vec<Document>, chunks: Vec<Chunk>) -> impl Iterator<Item = Record> {
        let documents: Vec<Arc<Document>> = documents.into_iter().map(Arc::new).collect();
        chunks.into_iter().filter_map(move |chunk| {
            let document = documents.iter().find(|d| d.id == chunk.doc)?;
            Some(Record {
                document: Arc::clone(document),
                chunk,
                links: Links::default(),
            })
        })
    }
}
