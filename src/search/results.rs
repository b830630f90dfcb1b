//! What a search answers: hits, the total, facet counts.

use std::time::Duration;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::snippet::Snippet;
use crate::index::{Record, View};

/// One matching chunk.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The chunk and its document, as stored.
    pub record: Record,
    /// BM25 score (0 for a query that only filters or excludes).
    pub score: f32,
    /// The part of the text to show, with highlights.
    pub snippet: Snippet,
    /// Which view the snippet is from: the text, or the deleted words when
    /// only they match.
    pub snippet_view: View,
    /// What to give `negotext show` to see the chunk: `crp1 16(a)`.
    pub key: String,
    /// With `--collapse`: every matching version of the paragraph, in
    /// negotiation order (this one included); empty otherwise.
    pub versions: Vec<VersionRef>,
}

/// A matching version of a collapsed paragraph.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct VersionRef {
    pub key: String,
    pub draft: crate::model::Draft,
    pub label: String,
    pub score: f32,
}

/// Counts by facet value, in a fixed order (pillars in mandate order,
/// drafts in negotiation order); serialized as a JSON object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts(pub Vec<(String, u64)>);

impl Counts {
    /// The count of `key`, 0 when absent.
    pub fn get(&self, key: &str) -> u64 {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map_or(0, |(_, count)| *count)
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, count) in &self.0 {
            map.serialize_entry(key, count)?;
        }
        map.end()
    }
}

/// Facet counts over the whole result set.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Facets {
    /// By pillar name.
    pub pillar: Counts,
    /// By `report/draft`.
    pub draft: Counts,
}

/// The answer to a search.
#[derive(Debug, Clone)]
pub struct Results {
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// How many chunks match in all.
    pub total: usize,
    /// With `--collapse`: how many paragraphs (lineages) match.
    pub paragraphs: Option<usize>,
    pub facets: Facets,
    pub elapsed: Duration,
}
