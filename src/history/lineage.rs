//! Lineage: the versions of each paragraph across the drafts of a report.
//!
//! The drafts of one report are put in negotiation order (Zero Draft,
//! Rev.1, …, CRP.1) and each is [aligned](super::align) with the one
//! before: only the paragraphs and recommended next steps of draft
//! reports take part. The links make a graph whose connected components are
//! the paragraphs' lineages: a lineage is named after its first version
//! (the earliest draft, then document order) and shared by every version,
//! splits and merges included.
//!
//! Each version also gets the words it **added** and **removed** relative
//! to the version(s) it continues — a word diff, so drafts without
//! track changes (CRP.1) get them too. A version with no predecessor in a
//! later draft is new: all its words are added. Versions in the first draft
//! of a report have nothing to compare with, and no added or removed words.

use std::collections::BTreeMap;

use tantivy::tokenizer::TextAnalyzer;

use super::align::{Link, Version, align, words};
use super::diff::WordDiff;
use super::strength;
use crate::model::{ChunkKind, Draft, LinkRef, Links, Record};

/// The id of a chunk in the index: `<doc>#<ordinal>`.
pub fn chunk_id(record: &Record) -> String {
    format!("{}#{}", record.chunk.doc, record.chunk.ordinal)
}

/// Whether a chunk takes part in alignment: a paragraph or a recommended
/// next step of a draft report or a negotiating text.
pub fn is_aligned(record: &Record) -> bool {
    record.document.kind.is_negotiated_draft()
        && matches!(
            record.chunk.kind,
            ChunkKind::Paragraph | ChunkKind::NextStep
        )
}

/// The words of a chunk as the older side of an alignment sees it: what
/// the draft says (an item struck out whole says nothing, and so links
/// forward to nothing).
fn as_older(analyzer: &mut TextAnalyzer, record: &Record) -> Vec<String> {
    words(analyzer, &record.chunk.text)
}

/// The words of a chunk as the newer side sees it: what it says and what
/// it struck out — the struck words are what the older draft said, so a
/// struck item links back to its origin.
fn as_newer(analyzer: &mut TextAnalyzer, record: &Record) -> Vec<String> {
    let mut text = record.chunk.text.clone();
    for deleted in &record.chunk.deleted {
        text.push(' ');
        text.push_str(deleted);
    }
    words(analyzer, &text)
}

/// A record as alignment sees it, with its `words`.
fn version<'a>(record: &'a Record, words: &'a [String]) -> Version<'a> {
    Version {
        label: &record.chunk.label,
        section: record.chunk.section.as_ref().map(|s| s.number.as_str()),
        words,
    }
}

/// The words of each chunk of one draft, as alignment sees them: what it
/// says (as the older side), and what it says and struck out (as the
/// newer side; kept only for a chunk with struck text, the same otherwise).
#[derive(Debug, Default)]
pub struct DraftWords {
    said: Vec<Vec<String>>,
    came_from: Vec<Option<Vec<String>>>,
}

impl DraftWords {
    /// The words of `records`, the chunks of one draft in document order.
    pub fn of<'r>(
        analyzer: &mut TextAnalyzer,
        records: impl IntoIterator<Item = &'r Record>,
    ) -> DraftWords {
        let mut words = DraftWords::default();
        for record in records {
            words.said.push(as_older(analyzer, record));
            words
                .came_from
                .push((!record.chunk.deleted.is_empty()).then(|| as_newer(analyzer, record)));
        }
        words
    }

    /// Only what the older side of an alignment needs: a draft's struck
    /// words are not held once it has been aligned with the one before.
    pub fn as_older(self) -> DraftWords {
        DraftWords {
            said: self.said,
            came_from: Vec::new(),
        }
    }
}

/// Which chunk of the draft `newer` continues which chunk of the draft
/// before it, `older` (two drafts of one report, their chunks in document
/// order), given their [`DraftWords`]: what both the index-time
/// [lineage](link_report) and the query-time redline (`negotext diff`)
/// align.
pub fn align_drafts(
    older: &[&Record],
    older_words: &DraftWords,
    newer: &[&Record],
    newer_words: &DraftWords,
) -> Vec<Link> {
    let older_versions: Vec<Version> = older
        .iter()
        .zip(&older_words.said)
        .map(|(r, words)| version(r, words))
        .collect();
    let newer_versions: Vec<Version> = newer
        .iter()
        .zip(newer_words.came_from.iter().zip(&newer_words.said))
        .map(|(r, (came_from, said))| version(r, came_from.as_ref().unwrap_or(said)))
        .collect();
    align(&older_versions, &newer_versions)
}

/// Sets the [`Links`] of every record of one report (all its drafts;
/// records of other reports must not be mixed in). Records that take no
/// part in alignment get a lineage of their own and nothing else.
pub fn link_report(records: &mut [Record], analyzer: &mut TextAnalyzer) {
    let links = links_of(records, analyzer);
    for (record, links) in records.iter_mut().zip(links) {
        record.links = links;
    }
}

/// The links of each of `records` (see [`link_report`]).
fn links_of(records: &[Record], analyzer: &mut TextAnalyzer) -> Vec<Links> {
    let mut links: Vec<Links> = records
        .iter()
        .map(|record| Links {
            lineage: chunk_id(record),
            ..Links::default()
        })
        .collect();
    // Aligned records (with their place in `records`) by draft, in
    // negotiation then document order.
    let mut drafts: BTreeMap<Draft, Vec<(usize, &Record)>> = BTreeMap::new();
    for (i, record) in records.iter().enumerate() {
        if is_aligned(record) {
            drafts
                .entry(record.document.draft)
                .or_default()
                .push((i, record));
        }
    }
    for members in drafts.values_mut() {
        members.sort_by_key(|(_, r)| (r.document.lines.start, r.chunk.ordinal));
    }
    let order: Vec<&Vec<(usize, &Record)>> = drafts.values().collect();
    // Consecutive drafts are aligned pair by pair, so only two drafts' words
    // are held at a time (none for a report of one draft): a report's
    // words take several times the memory of its text.
    let mut edges: Vec<(usize, usize, f32)> = Vec::new();
    let mut older_words = DraftWords::default();
    for (step, pair) in order.windows(2).enumerate() {
        let &[older, newer] = pair else { continue };
        let older: Vec<&Record> = older.iter().map(|&(_, r)| r).collect();
        let newer_at: Vec<usize> = newer.iter().map(|&(i, _)| i).collect();
        let newer: Vec<&Record> = newer.iter().map(|&(_, r)| r).collect();
        if step == 0 {
            older_words = DraftWords::of(analyzer, older.iter().copied());
        }
        let newer_words = DraftWords::of(analyzer, newer.iter().copied());
        let older_at: Vec<usize> = order
            .get(step)
            .map(|members| members.iter().map(|&(i, _)| i).collect())
            .unwrap_or_default();
        for link in align_drafts(&older, &older_words, &newer, &newer_words) {
            if let (Some(&from), Some(&to)) = (older_at.get(link.older), newer_at.get(link.newer)) {
                edges.push((from, to, link.score));
            }
        }
        older_words = newer_words.as_older();
    }

    let reference = |record: &Record, score: f32| LinkRef {
        id: chunk_id(record),
        draft: record.document.draft,
        label: record.chunk.label.clone(),
        score,
    };
    for &(from, to, score) in &edges {
        let (Some(older), Some(newer)) = (records.get(from), records.get(to)) else {
            continue;
        };
        if let Some(links) = links.get_mut(from) {
            links.next.push(reference(newer, score));
        }
        if let Some(links) = links.get_mut(to) {
            links.previous.push(reference(older, score));
        }
    }

    // Lineages: connected components, named after their first member.
    let mut parent: Vec<usize> = (0..records.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&up) = parent.get(i)
            && up != i
        {
            let grand = parent.get(up).copied().unwrap_or(up);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = grand;
        }
        i
    }
    for &(from, to, _) in &edges {
        let (a, b) = (root(&mut parent, from), root(&mut parent, to));
        if a != b
            && let Some(slot) = parent.get_mut(a.max(b))
        {
            *slot = a.min(b);
        }
    }
    let position: BTreeMap<usize, (Draft, usize, u32)> = order
        .iter()
        .flat_map(|members| members.iter())
        .map(|&(i, r)| {
            (
                i,
                (r.document.draft, r.document.lines.start, r.chunk.ordinal),
            )
        })
        .collect();
    // Per component, its first member and that member's position.
    let mut first: BTreeMap<usize, (usize, (Draft, usize, u32))> = BTreeMap::new();
    for (&i, &at) in &position {
        let best = first.entry(root(&mut parent, i)).or_insert((i, at));
        if at < best.1 {
            *best = (i, at);
        }
    }
    for &i in position.keys() {
        let r = root(&mut parent, i);
        if let Some(head) = first.get(&r).and_then(|&(head, _)| records.get(head))
            && let Some(links) = links.get_mut(i)
        {
            links.lineage = chunk_id(head);
        }
    }

    // Added and removed words, against the previous version(s).
    let mut previous: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
    for &(from, to, _) in &edges {
        if let Some(before) = previous.get_mut(to) {
            before.push(from);
        }
    }
    let first_draft = drafts.keys().next().copied();
    for (&draft, members) in &drafts {
        if Some(draft) == first_draft {
            continue;
        }
        for &(i, record) in members {
            let before: Vec<&Record> = previous
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|&p| records.get(p))
                .collect();
            // An unchanged version (the common case) needs no diff.
            if let [only] = before[..]
                && only.chunk.text == record.chunk.text
            {
                continue;
            }
            let old = before
                .iter()
                .map(|r| r.chunk.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let diff = WordDiff::between(&old, &record.chunk.text);
            if let Some(links) = links.get_mut(i) {
                links.added = diff.inserted().into_iter().map(str::to_string).collect();
                links.removed = diff.deleted().into_iter().map(str::to_string).collect();
                (links.softened, links.hardened) =
                    strength::softened_and_hardened(&old, &record.chunk.text);
            }
        }
    }
    links
}
