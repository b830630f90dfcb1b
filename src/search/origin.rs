//! `negotext origin`: where a phrase — agreed language — first appears in
//! the corpus, every later document that repeats it, and the drafts that
//! dropped it.
//!
//! The phrase is searched as `negotext search` searches it (same
//! analyzers: stems, compounds, acronyms, or `exact`). The documents that
//! hold it are put in time order — by date (the first day of a range),
//! then by draft in negotiation order, then by file — across every report
//! and document family of the corpus: the first is where the language
//! comes from. Within a report, a draft that lacks the phrase after one
//! that had it has dropped it.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::results::Cited;
use super::searcher::{Request, run};
use crate::error::Result;
use crate::index::ChunkIndex;
use crate::model::{Date, Document, Draft};

/// How many matching chunks are read at most: past it, the answer says it
/// is cut.
pub const MAX_CHUNKS: usize = 10_000;

/// One document that holds the phrase.
#[derive(Debug, Clone)]
pub struct Appearance {
    pub document: Arc<Document>,
    /// The draft-facet entry it counts under (`apr1/rev1`, `A/RES/77/321`).
    pub draft_key: String,
    /// Its chunks that hold the phrase, in the document's order.
    pub chunks: Vec<Cited>,
}

/// A draft of a report that lacks the phrase after a draft that had it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Dropped {
    pub report: String,
    pub draft: Draft,
    /// The draft before it, which had the phrase.
    pub after: Draft,
}

/// Where a phrase comes from and where it went.
#[derive(Debug, Clone)]
pub struct Origin {
    pub query: String,
    /// The documents that hold it, oldest first: the first is its origin.
    pub appearances: Vec<Appearance>,
    pub dropped: Vec<Dropped>,
    /// How many chunks hold it in all.
    pub chunks: usize,
    /// Whether more than [`MAX_CHUNKS`] chunks hold it (only the best
    /// ranked were read).
    pub cut: bool,
}

/// The origin of `query` in `index` (`exact`: words as typed).
pub fn origin(index: &ChunkIndex, query: &str, exact: bool) -> Result<Origin> {
    let request = Request {
        limit: MAX_CHUNKS,
        exact,
        ..Request::new(query)
    };
    let results = run(index, &request)?;
    let mut by_document: BTreeMap<String, Appearance> = BTreeMap::new();
    for hit in results.hits {
        let appearance = by_document
            .entry(hit.record.document.id.clone())
            .or_insert_with(|| Appearance {
                document: Arc::clone(&hit.record.document),
                draft_key: hit.draft_key.clone(),
                chunks: Vec::new(),
            });
        appearance.chunks.push(Cited {
            key: hit.key,
            record: hit.record,
        });
    }
    let mut appearances: Vec<Appearance> = by_document.into_values().collect();
    for appearance in &mut appearances {
        appearance.chunks.sort_by_key(|c| c.record.chunk.ordinal);
    }
    appearances.sort_by(|a, b| in_time(&a.document, &b.document));
    let dropped = dropped(&index.drafts, &appearances);
    Ok(Origin {
        query: query.to_string(),
        appearances,
        dropped,
        chunks: results.total,
        cut: results.total > MAX_CHUNKS,
    })
}

/// Time order: by first date (undated last), then by draft, then by file.
fn in_time(a: &Document, b: &Document) -> Ordering {
    let first = |d: &Document| d.dates().map(|range| range.start);
    let dated = |d: Option<Date>| (d.is_none(), d);
    dated(first(a))
        .cmp(&dated(first(b)))
        .then_with(|| a.draft.cmp(&b.draft))
        .then_with(|| a.file.cmp(&b.file))
        .then_with(|| a.id.cmp(&b.id))
}

/// The drafts of each report (`drafts`, in negotiation order) that lack
/// the phrase right after a draft that had it.
fn dropped(drafts: &[(String, Draft)], appearances: &[Appearance]) -> Vec<Dropped> {
    let holds = |report: &str, draft: Draft| {
        appearances
            .iter()
            .any(|a| a.document.report.as_deref() == Some(report) && a.document.draft == draft)
    };
    drafts
        .windows(2)
        .filter_map(|pair| match pair {
            [(report, before), (same, draft)]
                if report == same && holds(report, *before) && !holds(report, *draft) =>
            {
                Some(Dropped {
                    report: report.clone(),
                    draft: *draft,
                    after: *before,
                })
            }
            _ => None,
        })
        .collect()
}
