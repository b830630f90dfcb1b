//! Facet counts from fast fields: how many matches per draft and per
//! pillar, in the same pass as the hits.
//!
//! tantivy's `FacetCollector` resolves every facet it counts through the
//! term dictionary at the end of each search, which on a large index cost
//! more than the search itself. A chunk has exactly one draft and one
//! pillar, so [`Tally`] counts the *ordinals* of two fast columns
//! ([`DRAFT_KEY`] and [`PILLAR`]) into a small matrix per segment, and
//! names only the ordinals it saw, in one ordered pass over each
//! dictionary.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::schema::{DRAFT_KEY, PILLAR};

/// Counts matches per `(draft key, pillar)`; see the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally;

/// The counts of one search: matches per `(report/draft, pillar)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallied(pub BTreeMap<(String, String), u64>);

impl Tallied {
    /// Matches per draft key (`report/draft`).
    pub fn by_draft(&self) -> BTreeMap<&str, u64> {
        let mut counts = BTreeMap::new();
        for ((draft, _), count) in &self.0 {
            *counts.entry(draft.as_str()).or_default() += count;
        }
        counts
    }

    /// Matches per pillar name, of the drafts `keep` accepts.
    pub fn by_pillar(&self, keep: impl Fn(&str) -> bool) -> BTreeMap<&str, u64> {
        let mut counts = BTreeMap::new();
        for ((draft, pillar), count) in &self.0 {
            if keep(draft) {
                *counts.entry(pillar.as_str()).or_default() += count;
            }
        }
        counts
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
        let (drafts, pillars) = (fast.str(DRAFT_KEY)?, fast.str(PILLAR)?);
        let width = pillars.as_ref().map_or(0, |p| p.num_terms());
        let height = drafts.as_ref().map_or(0, |d| d.num_terms());
        Ok(SegmentTally {
            counts: vec![0; width * height],
            width,
            drafts,
            pillars,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallied>) -> tantivy::Result<Tallied> {
        let mut merged = Tallied::default();
        for fruit in fruits {
            for (key, count) in fruit.0 {
                *merged.0.entry(key).or_default() += count;
            }
        }
        Ok(merged)
    }
}

/// The counts of one segment, by ordinal.
pub struct SegmentTally {
    /// `counts[draft * width + pillar]`.
    counts: Vec<u64>,
    width: usize,
    drafts: Option<StrColumn>,
    pillars: Option<StrColumn>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallied;

    fn collect(&mut self, doc: DocId, _: Score) {
        let (Some(drafts), Some(pillars)) = (&self.drafts, &self.pillars) else {
            return;
        };
        if let (Some(draft), Some(pillar)) = (drafts.ords().first(doc), pillars.ords().first(doc))
            && let Some(count) = self
                .counts
                .get_mut(draft as usize * self.width + pillar as usize)
        {
            *count += 1;
        }
    }

    fn harvest(self) -> Tallied {
        let (Some(drafts), Some(pillars)) = (&self.drafts, &self.pillars) else {
            return Tallied::default();
        };
        let seen = |axis: fn(usize, usize) -> usize| -> Vec<u64> {
            let mut ords: Vec<u64> = (0..self.counts.len())
                .filter(|&i| self.counts[i] > 0)
                .map(|i| axis(i, self.width) as u64)
                .collect();
            ords.sort_unstable();
            ords.dedup();
            ords
        };
        let (draft_ords, pillar_ords) = (seen(|i, w| i / w), seen(|i, w| i % w));
        let (Some(draft_names), Some(pillar_names)) =
            (names(drafts, &draft_ords), names(pillars, &pillar_ords))
        else {
            return Tallied::default();
        };
        let mut tallied = Tallied::default();
        for (i, &count) in self.counts.iter().enumerate().filter(|(_, c)| **c > 0) {
            let (draft, pillar) = ((i / self.width) as u64, (i % self.width) as u64);
            if let (Some(draft), Some(pillar)) =
                (draft_names.get(&draft), pillar_names.get(&pillar))
            {
                tallied.0.insert((draft.clone(), pillar.clone()), count);
            }
        }
        tallied
    }
}

/// The strings of sorted ordinals of a column, in one pass.
fn names(column: &StrColumn, ords: &[u64]) -> Option<BTreeMap<u64, String>> {
    let mut strings = Vec::with_capacity(ords.len());
    column
        .dictionary()
        .sorted_ords_to_term_cb(ords, |bytes| {
            strings.push(String::from_utf8_lossy(bytes).into_owned());
        })
        .ok()?;
    (strings.len() == ords.len()).then(|| ords.iter().copied().zip(strings).collect())
}
