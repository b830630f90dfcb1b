//! A phrase with a slop (`"a b c"~N`), matched in bounded work.
//!
//! tantivy 0.27's own sloppy phrase matching (`PhraseScorer` with more than
//! two terms) keeps, between one term and the next, a list of candidate
//! positions that is neither sorted nor deduplicated; with a word repeated
//! (`"the the the …"~100`) the list doubles at each term, and a phrase of 16
//! words takes gigabytes. [`SloppyPhrase`] matches instead with a greedy scan
//! whose work is at most (positions of the first word) × (words of the
//! phrase) binary searches per chunk, and whose memory is the positions of
//! the phrase's words in one chunk. That product can still be large (a
//! phrase of 9,000 words on a paragraph of 500,000), so the steps of one
//! search are counted against a [`MatchBudget`]: past
//! [`MatchBudget::STEPS`] the search stops and says so
//! ([`MatchBudget::exhausted`]) instead of running for minutes.
//!
//! A match is the one the highlighter marks ([`super::highlight`]): the
//! groups of terms (terms at one offset must be at one position) in order,
//! the extra positions between them adding up to at most the slop. The
//! score is BM25 over the phrase's terms with the number of matches as
//! frequency, as tantivy scores a phrase.
//!
//! ```
//! use negotext::search::sloppy::count_matches;
//!
//! // "a b"~1 in `a x b a b`: positions of a = [0, 3], of b = [2, 4].
//! let (a, b): (&[u32], &[u32]) = (&[0, 3], &[2, 4]);
//! assert_eq!(count_matches(&[(0, a), (1, b)], 1), 2);
//! assert_eq!(count_matches(&[(0, a), (1, b)], 0), 1);
//! ```

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// The matching steps a search may take, shared by its sloppy phrases.
#[derive(Debug)]
pub struct MatchBudget {
    left: AtomicU64,
    exhausted: AtomicBool,
}

impl MatchBudget {
    /// The steps (binary searches) of one search: about a second of work.
    pub const STEPS: u64 = 10_000_000;

    /// A budget of [`MatchBudget::STEPS`].
    pub fn new() -> MatchBudget {
        MatchBudget::of(MatchBudget::STEPS)
    }

    /// A budget of `steps`.
    pub fn of(steps: u64) -> MatchBudget {
        MatchBudget {
            left: AtomicU64::new(steps),
            exhausted: AtomicBool::new(false),
        }
    }

    /// Whether a search ran out of steps (and so may have missed matches).
    pub fn exhausted(&self) -> bool {
        self.exhausted.load(Ordering::Relaxed)
    }

    /// Takes `steps` from the budget; `false` (and exhausted from then on)
    /// when there were not as many left.
    fn spend(&self, steps: u64) -> bool {
        let taken = self
            .left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(steps)
            })
            .is_ok();
        if !taken {
            self.exhausted.store(true, Ordering::Relaxed);
        }
        taken
    }
}

impl Default for MatchBudget {
    fn default() -> Self {
        MatchBudget::new()
    }
}

/// A phrase whose terms may be apart by `slop` extra positions in all,
/// kept in order.
#[derive(Debug, Clone)]
pub struct SloppyPhrase {
    /// `(offset, term)`, sorted by offset; all in one field.
    terms: Vec<(usize, Term)>,
    slop: u32,
    budget: Arc<MatchBudget>,
}

impl SloppyPhrase {
    /// `terms` are `(offset, term)` as for tantivy's `PhraseQuery`; the
    /// matching takes its steps from `budget`.
    pub fn new(mut terms: Vec<(usize, Term)>, slop: u32, budget: Arc<MatchBudget>) -> SloppyPhrase {
        terms.sort_by_key(|(offset, _)| *offset);
        terms.dedup();
        SloppyPhrase {
            terms,
            slop,
            budget,
        }
    }
}

impl Query for SloppyPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let terms: Vec<Term> = self.terms.iter().map(|(_, term)| term.clone()).collect();
        let bm25 = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } if !terms.is_empty() => Some(Bm25Weight::for_terms(statistics_provider, &terms)?),
            _ => None,
        };
        Ok(Box::new(SloppyWeight {
            phrase: self.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, term) in &self.terms {
            visitor(term, true);
        }
    }
}

struct SloppyWeight {
    phrase: SloppyPhrase,
    bm25: Option<Bm25Weight>,
}

impl SloppyWeight {
    fn sloppy_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<SloppyScorer>> {
        let Some((_, first)) = self.phrase.terms.first() else {
            return Ok(None);
        };
        let field = first.field();
        let inverted = reader.inverted_index(field)?;
        // One postings list per distinct term; groups refer to them.
        let mut distinct: Vec<&Term> = Vec::new();
        let mut postings = Vec::new();
        let mut groups: Vec<(u64, Vec<usize>)> = Vec::new();
        for (offset, term) in &self.phrase.terms {
            let index = match distinct.iter().position(|known| *known == term) {
                Some(index) => index,
                None => {
                    let Some(list) =
                        inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
                    else {
                        return Ok(None);
                    };
                    distinct.push(term);
                    postings.push(list);
                    postings.len() - 1
                }
            };
            let offset = u64::try_from(*offset).unwrap_or(u64::MAX);
            match groups.last_mut() {
                Some((last, group)) if *last == offset => group.push(index),
                _ => groups.push((offset, vec![index])),
            }
        }
        // One list per distinct set of terms: a word repeated 9,000 times
        // is one list, not 9,000 copies.
        let mut known: HashMap<Vec<usize>, usize> = HashMap::new();
        let mut sets: Vec<Vec<usize>> = Vec::new();
        let groups: Vec<(u64, usize)> = groups
            .into_iter()
            .map(|(offset, members)| {
                let next = sets.len();
                let set = *known.entry(members.clone()).or_insert(next);
                if set == next {
                    sets.push(members);
                }
                (offset, set)
            })
            .collect();
        let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
            Some(fieldnorms) if self.bm25.is_some() => fieldnorms,
            _ => FieldNormReader::constant(reader.max_doc(), 1),
        };
        let mut scorer = SloppyScorer {
            positions: vec![Vec::new(); postings.len()],
            postings,
            common: vec![Vec::new(); sets.len()],
            sets,
            groups,
            slop: u64::from(self.phrase.slop),
            bm25: self.bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
            fieldnorms,
            budget: Arc::clone(&self.phrase.budget),
            doc: 0,
            count: 0,
        };
        scorer.settle();
        Ok(Some(scorer))
    }
}

impl Weight for SloppyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.sloppy_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.sloppy_scorer(reader, 1.0)?;
        let found = scorer.as_mut().map(|scorer| (scorer.seek(doc), scorer));
        match found {
            Some((at, scorer)) if at == doc => {
                Ok(Explanation::new("sloppy phrase", scorer.score()))
            }
            _ => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            ))),
        }
    }
}

/// The chunks where the phrase matches: the intersection of its terms'
/// postings, kept where [`count_matches`] finds a match.
struct SloppyScorer {
    postings: Vec<SegmentPostings>,
    /// The positions of each term in the current chunk (reused buffers).
    positions: Vec<Vec<u32>>,
    /// The distinct sets of terms (indices into `postings`) that must be
    /// at one position.
    sets: Vec<Vec<usize>>,
    /// The positions of each set in the current chunk (reused buffers).
    common: Vec<Vec<u32>>,
    /// `(offset, index into sets)`, in offset order.
    groups: Vec<(u64, usize)>,
    slop: u64,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
    budget: Arc<MatchBudget>,
    doc: DocId,
    /// The matches in `doc`.
    count: u32,
}

impl SloppyScorer {
    /// From the postings' current documents on, moves to the first chunk
    /// where every term is and the phrase matches (or `TERMINATED`).
    fn settle(&mut self) -> DocId {
        loop {
            let doc = if self.budget.exhausted() {
                TERMINATED
            } else {
                self.align()
            };
            self.doc = doc;
            if doc == TERMINATED {
                return doc;
            }
            self.count = self.matches();
            if self.count > 0 {
                return doc;
            }
            if let Some(first) = self.postings.first_mut() {
                first.advance();
            }
        }
    }

    /// Seeks every postings list to the first document they all contain.
    fn align(&mut self) -> DocId {
        let mut target = self
            .postings
            .iter()
            .map(DocSet::doc)
            .max()
            .unwrap_or(TERMINATED);
        loop {
            if target == TERMINATED {
                return TERMINATED;
            }
            let mut agreed = true;
            for postings in &mut self.postings {
                let doc = postings.seek(target);
                if doc != target {
                    target = doc;
                    agreed = false;
                    break;
                }
            }
            if agreed {
                return target;
            }
        }
    }

    /// The matches of the phrase in the current chunk.
    fn matches(&mut self) -> u32 {
        for (postings, positions) in self.postings.iter_mut().zip(&mut self.positions) {
            postings.positions(positions);
        }
        for (set, common) in self.sets.iter().zip(&mut self.common) {
            let mut lists = set.iter().filter_map(|&index| self.positions.get(index));
            common.clear();
            if let Some(first) = lists.next() {
                common.extend_from_slice(first);
            }
            for list in lists {
                common.retain(|position| list.binary_search(position).is_ok());
            }
        }
        let groups: Vec<(u64, &[u32])> = self
            .groups
            .iter()
            .filter_map(|&(offset, set)| Some((offset, self.common.get(set)?.as_slice())))
            .collect();
        // Steps are taken from the shared budget a batch at a time.
        const BATCH: u64 = 4096;
        let mut count: u32 = 0;
        let mut batch: u64 = 0;
        let budget = &self.budget;
        for_each_match(
            &groups,
            self.slop,
            || {
                if batch == 0 {
                    if !budget.spend(BATCH) {
                        return false;
                    }
                    batch = BATCH;
                }
                batch -= 1;
                true
            },
            |_| count = count.saturating_add(1),
        );
        count
    }
}

impl DocSet for SloppyScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if let Some(first) = self.postings.first_mut() {
            first.advance();
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        if let Some(first) = self.postings.first_mut() {
            first.seek(target);
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings
            .iter()
            .map(DocSet::size_hint)
            .min()
            .unwrap_or(0)
    }
}

impl Scorer for SloppyScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => bm25.score(self.fieldnorms.fieldnorm_id(self.doc), self.count),
            None => 1.0,
        }
    }
}

/// How many non-overlapping in-order matches the phrase has (see
/// [`for_each_match`]).
pub fn count_matches<P: Copy + Into<u64>>(groups: &[(u64, &[P])], slop: u64) -> u32 {
    let mut count: u32 = 0;
    for_each_match(groups, slop, || true, |_| count = count.saturating_add(1));
    count
}

/// Calls `found` with the positions (one per group) of each
/// non-overlapping in-order match of a phrase: `groups` are `(offset,
/// sorted positions)` in offset order; a match takes one position per
/// group, each at least the offsets' difference after the previous, with
/// at most `slop` extra positions in all.
///
/// Each start (a position of the first group) is followed greedily — every
/// group at the earliest position it may take, which finds a match from
/// that start whenever there is one. The greedy positions only move forward
/// as the start does, so a failed start lets the scan skip every start that
/// would fail at the same group, and a group that runs out ends the scan.
/// Work: at most (positions of the first group) × (groups) binary searches,
/// each first allowed by `step` (the scan stops at the first `false`);
/// memory: one position per group.
pub fn for_each_match<P: Copy + Into<u64>>(
    groups: &[(u64, &[P])],
    slop: u64,
    mut step: impl FnMut() -> bool,
    mut found: impl FnMut(&[u64]),
) {
    let Some(&(first_offset, starts)) = groups.first() else {
        return;
    };
    // Per group, the index of the first position not yet ruled out.
    let mut cursors = vec![0usize; groups.len()];
    let mut matched: Vec<u64> = Vec::with_capacity(groups.len());
    let mut next = 0usize;
    while let Some(&start) = starts.get(next) {
        let base: u64 = start.into();
        matched.clear();
        matched.push(base);
        let (mut previous, mut previous_offset) = (base, first_offset);
        // The position the scan resumes from: past the match, or the
        // first start that could get past the group that failed.
        let mut resume = None;
        for ((offset, list), cursor) in groups.iter().zip(&mut cursors).skip(1) {
            if !step() {
                return;
            }
            let earliest = previous.saturating_add(offset.saturating_sub(previous_offset));
            let latest = base
                .saturating_add(offset.saturating_sub(first_offset))
                .saturating_add(slop);
            let rest = list.get(*cursor..).unwrap_or_default();
            *cursor += rest.partition_point(|&position| position.into() < earliest);
            let Some(&position) = list.get(*cursor) else {
                // No later start can place this group either.
                return;
            };
            let position: u64 = position.into();
            if position > latest {
                // Every start before `position - distance - slop` fails here.
                resume = Some(
                    position
                        .saturating_sub(offset.saturating_sub(first_offset))
                        .saturating_sub(slop),
                );
                break;
            }
            matched.push(position);
            (previous, previous_offset) = (position, *offset);
        }
        let from = match resume {
            Some(from) => from,
            None => {
                found(&matched);
                previous.saturating_add(1)
            }
        };
        // Always past `start`: `from > base` in both cases.
        let skip = starts
            .get(next..)
            .unwrap_or_default()
            .partition_point(|&position| position.into() < from);
        next += skip.max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(groups: &[(u64, &[u32])], slop: u64) -> u32 {
        count_matches(groups, slop)
    }

    #[test]
    fn matches_do_not_overlap_and_give_their_positions() {
        let a: &[u32] = &[0, 1, 2, 3, 4];
        let mut all = Vec::new();
        for_each_match(
            &[(0, a), (1, a)],
            0,
            || true,
            |positions| all.push(positions.to_vec()),
        );
        assert_eq!(all, [vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn the_scan_stops_when_the_budget_does() {
        // 15 groups of one word: every start is a chain of 15 steps.
        let the: Vec<u32> = (0..1000).collect();
        let groups: Vec<(u64, &[u32])> = (0..16).map(|o| (o, the.as_slice())).collect();
        let budget = MatchBudget::of(15 * 3);
        let mut found = 0;
        for_each_match(&groups, 0, || budget.spend(1), |_| found += 1);
        assert_eq!(found, 3);
        assert!(budget.exhausted());
        // 62 matches, then a start that runs out of positions.
        let plenty = MatchBudget::of(15 * 63);
        for_each_match(&groups, 0, || plenty.spend(1), |_| {});
        assert!(!plenty.exhausted());
    }

    #[test]
    fn exact_and_sloppy_matches() {
        // a b c at 0 1 2, and a x b c at 10 12 13.
        let (a, b, c): (&[u32], &[u32], &[u32]) = (&[0, 10], &[1, 12], &[2, 13]);
        assert_eq!(count(&[(0, a), (1, b), (2, c)], 0), 1);
        assert_eq!(count(&[(0, a), (1, b), (2, c)], 1), 2);
        // Out of order never matches: every a is before every c.
        assert_eq!(count(&[(0, c), (1, &[0, 1])], 100), 0);
    }

    #[test]
    fn a_repeated_word_takes_one_position_per_group() {
        let the: Vec<u32> = (0..100).map(|p| p * 3).collect();
        let groups: Vec<(u64, &[u32])> = (0..16).map(|o| (o, the.as_slice())).collect();
        // Gaps of 2 per step: 15 steps need 30 extra positions.
        assert_eq!(count(&groups, 29), 0);
        assert_eq!(count(&groups, 30), 6);
        assert_eq!(count(&groups, u64::from(u32::MAX)), 6);
        let many: Vec<(u64, &[u32])> = (0..9000).map(|o| (o, the.as_slice())).collect();
        assert_eq!(count(&many, u64::from(u32::MAX)), 0);
    }

    #[test]
    fn a_failed_start_skips_to_one_that_can_pass() {
        // b is 5 after each a but the slop is 1: no match, few steps.
        let a: Vec<u32> = (0..1000).map(|p| p * 10).collect();
        let b: Vec<u32> = a.iter().map(|p| p + 5).collect();
        assert_eq!(count(&[(0, &a), (1, &b)], 1), 0);
        assert_eq!(count(&[(0, &a), (1, &b)], 4), 1000);
    }
}
