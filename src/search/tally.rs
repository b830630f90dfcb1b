//! Facet counts from fast fields: how many matches per draft and per
//! pillar, in the same pass as the hits.
//!
//! tantivy's `FacetCollector` resolves every facet it counts through the
//! term dictionary at the end of each search, which on a large index cost
//! more than the search itself. A chunk has exactly one draft and one
//! pillar, so [`Tally`] counts the *ordinals* of two fast columns
//! ([`DRAFT_KEY`] and [`PILLAR`]) into a small matrix per segment, and
//! names only the drafts it saw, in one ordered pass over the dictionary.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::schema::{DRAFT_KEY, PILLAR};
use crate::model::Pillar;

/// Matches of one draft, per pillar (in the order of [`Pillar::ALL`]).
pub type PerPillar = [u64; Pillar::ALL.len()];

/// Counts matches per draft and pillar; see the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally;

/// The counts of one search: per draft key (`report/draft`), per pillar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallied(pub HashMap<String, PerPillar>);

impl Tallied {
    /// Matches of the draft `key`, per pillar.
    pub fn draft(&self, key: &str) -> PerPillar {
        self.0.get(key).copied().unwrap_or_default()
    }

    /// Matches per pillar, over all drafts.
    pub fn pillars(&self) -> PerPillar {
        let mut total = PerPillar::default();
        for counts in self.0.values() {
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
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallied>) -> tantivy::Result<Tallied> {
        let mut fruits = fruits.into_iter();
        let mut merged = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (key, counts) in fruit.0 {
                let sums = merged.0.entry(key).or_default();
                for (sum, count) in sums.iter_mut().zip(counts) {
                    *sum += count;
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
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallied;

    fn collect(&mut self, doc: DocId, _: Score) {
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
        let Some(drafts) = &self.drafts else {
            return Tallied::default();
        };
        let seen: Vec<u64> = (0..)
            .zip(&self.counts)
            .filter(|(_, counts)| counts.iter().any(|&c| c > 0))
            .map(|(ord, _)| ord)
            .collect();
        let mut names = Vec::with_capacity(seen.len());
        let resolved = drafts.dictionary().sorted_ords_to_term_cb(&seen, |bytes| {
            names.push(String::from_utf8_lossy(bytes).into_owned());
        });
        if !matches!(resolved, Ok(true)) || names.len() != seen.len() {
            return Tallied::default();
        }
        Tallied(
            names
                .into_iter()
                .zip(seen)
                .map(|(name, ord)| {
                    let counts = self.counts.get(ord as usize).copied();
                    (name, counts.unwrap_or_default())
                })
                .collect(),
        )
    }
}
