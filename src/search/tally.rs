//! Facet counts from fast fields: how many matches per draft and per
//! pillar, per kind of document and per symbol, in the same pass as the
//! hits.
//!
//! tantivy's `FacetCollector` resolves every facet it counts through the
//! term dictionary at the end of each search, which on a large index cost
//! more than the search itself. A chunk has exactly one draft and one
//! pillar, so [`Tally`] counts the *ordinals* of two fast columns
//! ([`DRAFT_KEY`] and [`PILLAR`]) into a small matrix per segment, and
//! names only the drafts it saw, in one ordered pass over the dictionary.
//! The kind of document ([`DOC_KIND`]) and the symbol ([`SYMBOL`], which a
//! chunk may lack) are counted the same way, each on its own.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::schema::{AUTHORS, DOC_KIND, DRAFT_KEY, PILLAR, SYMBOL};
use crate::model::Pillar;

/// Matches of one draft, per pillar (in the order of [`Pillar::ALL`]).
pub type PerPillar = [u64; Pillar::ALL.len()];

/// Counts matches per draft and pillar, kind of document and symbol; see
/// the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally;

/// The counts of one search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallied {
    /// Per value of the `draft_key` column (`report/draft`, or a file of
    /// no report's [column key](crate::index::entry::column_key)), per
    /// pillar.
    pub drafts: HashMap<String, PerPillar>,
    /// Per kind of document (`draft-report`).
    pub doc_kinds: HashMap<String, u64>,
    /// Per symbol; chunks of documents without one are not counted.
    pub symbols: HashMap<String, u64>,
    /// Per author of tracked changes: a chunk counts once for each of its
    /// authors.
    pub authors: HashMap<String, u64>,
}

impl Tallied {
    /// Matches of the draft `key`, per pillar.
    pub fn draft(&self, key: &str) -> PerPillar {
        self.drafts.get(key).copied().unwrap_or_default()
    }

    /// Matches per pillar, over all drafts.
    pub fn pillars(&self) -> PerPillar {
        let mut total = PerPillar::default();
        for counts in self.drafts.values() {
            for (sum, count) in total.iter_mut().zip(counts) {
                *sum += count;
            }
        }
        total
    }
}

impl Collector for Tally {
    type Fruit = Tallied;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast = segment.fast_fields();
        let drafts = fast.str(DRAFT_KEY)?;
        // The pillar of each ordinal of this segment's pillar column.
        let mut pillars = Vec::new();
        let mut pillar_ords = None;
        if let Some(column) = fast.str(PILLAR)? {
            let ords: Vec<u64> = (0..column.num_terms() as u64).collect();
            column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                let name = String::from_utf8_lossy(bytes);
                pillars.push(Pillar::ALL.iter().position(|p| p.name() == name));
            })?;
            pillar_ords = Some(column);
        }
        let drafts_seen = drafts.as_ref().map_or(0, |d| d.num_terms());
        Ok(SegmentTally {
            counts: vec![PerPillar::default(); drafts_seen],
            drafts,
            pillar_ords,
            pillars,
            doc_kinds: OrdinalCounts::new(fast.str(DOC_KIND)?),
            symbols: OrdinalCounts::new(fast.str(SYMBOL)?),
            authors: OrdinalCounts::new(fast.str(AUTHORS)?),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallied>) -> tantivy::Result<Tallied> {
        let mut fruits = fruits.into_iter();
        let mut merged = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (key, counts) in fruit.drafts {
                let sums = merged.drafts.entry(key).or_default();
                for (sum, count) in sums.iter_mut().zip(counts) {
                    *sum += count;
                }
            }
            for (into, from) in [
                (&mut merged.doc_kinds, fruit.doc_kinds),
                (&mut merged.symbols, fruit.symbols),
                (&mut merged.authors, fruit.authors),
            ] {
                for (key, count) in from {
                    *into.entry(key).or_default() += count;
                }
            }
        }
        Ok(merged)
    }
}

/// The counts of one segment, by draft ordinal.
pub struct SegmentTally {
    counts: Vec<PerPillar>,
    drafts: Option<StrColumn>,
    pillar_ords: Option<StrColumn>,
    /// Position in [`Pillar::ALL`] of each pillar ordinal.
    pillars: Vec<Option<usize>>,
    doc_kinds: OrdinalCounts,
    symbols: OrdinalCounts,
    authors: OrdinalCounts,
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallied;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.doc_kinds.collect(doc);
        self.symbols.collect(doc);
        self.authors.collect(doc);
        let (Some(drafts), Some(pillar_ords)) = (&self.drafts, &self.pillar_ords) else {
            return;
        };
        let draft = drafts.ords().first(doc);
        let pillar = pillar_ords.ords().first(doc);
        if let (Some(draft), Some(pillar)) = (draft, pillar)
            && let Some(Some(pillar)) = self.pillars.get(pillar as usize)
            && let Some(count) = self
                .counts
                .get_mut(draft as usize)
                .and_then(|counts| counts.get_mut(*pillar))
        {
            *count += 1;
        }
    }

    fn harvest(self) -> Tallied {
        let doc_kinds = self.doc_kinds.harvest();
        let symbols = self.symbols.harvest();
        let authors = self.authors.harvest();
        let seen: Vec<u64> = (0..)
            .zip(&self.counts)
            .filter(|(_, counts)| counts.iter().any(|&c| c > 0))
            .map(|(ord, _)| ord)
            .collect();
        let names = self
            .drafts
            .as_ref()
            .and_then(|drafts| names(drafts, &seen))
            .unwrap_or_default();
        Tallied {
            drafts: names
                .into_iter()
                .zip(seen)
                .map(|(name, ord)| {
                    let counts = self.counts.get(ord as usize).copied();
                    (name, counts.unwrap_or_default())
                })
                .collect(),
            doc_kinds,
            symbols,
            authors,
        }
    }
}

/// Matches per ordinal of one column of a segment (none counted for a
/// chunk without a value).
struct OrdinalCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl OrdinalCounts {
    fn new(column: Option<StrColumn>) -> OrdinalCounts {
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        OrdinalCounts {
            column,
            counts: vec![0; terms],
        }
    }

    fn collect(&mut self, doc: DocId) {
        let Some(column) = &self.column else {
            return;
        };
        for ord in column.term_ords(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    /// The counts by name, of the values seen only.
    fn harvest(self) -> HashMap<String, u64> {
        let Some(column) = &self.column else {
            return HashMap::new();
        };
        let (seen, counts): (Vec<u64>, Vec<u64>) = (0..)
            .zip(self.counts)
            .filter(|&(_, count)| count > 0)
            .unzip();
        names(column, &seen)
            .map(|names| names.into_iter().zip(counts).collect())
            .unwrap_or_default()
    }
}

/// The terms of `ords` (sorted) in `column`'s dictionary; `None` when the
/// dictionary cannot name them all.
fn names(column: &StrColumn, ords: &[u64]) -> Option<Vec<String>> {
    let mut names = Vec::with_capacity(ords.len());
    let resolved = column.dictionary().sorted_ords_to_term_cb(ords, |bytes| {
        names.push(String::from_utf8_lossy(bytes).into_owned());
    });
    (matches!(resolved, Ok(true)) && names.len() == ords.len()).then_some(names)
}
