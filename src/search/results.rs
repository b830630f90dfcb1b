//! What a search answers: hits, the total, facet counts.

use std::cmp::Ordering;
use std::time::Duration;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::snippet::Snippet;
use crate::model::{Record, View};

/// A chunk, and what to give `negotext show` for it (`crp1 16(a)`).
#[derive(Debug, Clone)]
pub struct Cited {
    pub key: String,
    pub record: Record,
}

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
    /// The draft-facet entry it counts under: `apr1/crp1`, or the name its
    /// file of no report is shown as.
    pub draft_key: String,
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
/// drafts in negotiation order, kinds of document in the order of
/// [`DocumentKind`](crate::model::DocumentKind), symbols in natural order);
/// serialized as a JSON object.
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

/// Symbols in natural order: runs of digits compared as numbers, so that
/// `A/78/L.9` comes before `A/78/L.10`; then as text.
pub fn natural_order(a: &str, b: &str) -> Ordering {
    let (a_runs, b_runs) = (digit_runs(a), digit_runs(b));
    for ((a_digits, a_run), (b_digits, b_run)) in a_runs.iter().zip(&b_runs) {
        let order = if *a_digits && *b_digits {
            let (a_n, b_n) = (a_run.trim_start_matches('0'), b_run.trim_start_matches('0'));
            a_n.len().cmp(&b_n.len()).then_with(|| a_n.cmp(b_n))
        } else {
            a_run.cmp(b_run)
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a_runs.len().cmp(&b_runs.len()).then_with(|| a.cmp(b))
}

/// A text cut into runs of ASCII digits and of other characters, each
/// marked whether it is digits.
fn digit_runs(text: &str) -> Vec<(bool, &str)> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut digits = None;
    for (at, c) in text.char_indices() {
        let is_digit = c.is_ascii_digit();
        if digits.is_some_and(|d| d != is_digit) {
            runs.push((
                digits == Some(true),
                text.get(start..at).unwrap_or_default(),
            ));
            start = at;
        }
        digits = Some(is_digit);
    }
    if let Some(d) = digits {
        runs.push((d, text.get(start..).unwrap_or_default()));
    }
    runs
}

/// Facet counts over the whole result set.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Facets {
    /// By pillar name.
    pub pillar: Counts,
    /// By `report/draft`, or by the name a file of no report is shown as.
    pub draft: Counts,
    /// By kind of document (`draft-report`).
    pub doc_kind: Counts,
    /// By document symbol; chunks of documents without one are not
    /// counted.
    pub symbol: Counts,
    /// By author of tracked changes (a DOCX): a chunk counts once for each
    /// of its authors; chunks without tracked changes are not counted.
    pub author: Counts,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_sort_in_natural_order() {
        let mut symbols = vec![
            "A/78/L.10",
            "A/RES/77/321",
            "A/78/L.9",
            "A/AC.292/2022/CRP.1",
            "A/78/L.9/Rev.1",
            "A/RES/77/9",
            "A/78/L.09",
        ];
        symbols.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            symbols,
            [
                "A/78/L.09",
                "A/78/L.9",
                "A/78/L.9/Rev.1",
                "A/78/L.10",
                "A/AC.292/2022/CRP.1",
                "A/RES/77/9",
                "A/RES/77/321",
            ]
        );
    }
}
