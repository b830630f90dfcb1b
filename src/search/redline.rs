//! `negotext diff`: the redline of one draft against another.

use std::collections::HashSet;

use tantivy::Term;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;

use super::results::Cited;
use super::{self as search, compile::Analyzers, filter};
use crate::error::{Error, Result};
use crate::history::align::Link;
use crate::history::diff::WordDiff;
use crate::history::lineage::{DraftWords, align_drafts, is_aligned};
use crate::history::strength;
use crate::index::ChunkIndex;
use crate::index::entry::draft_key;
use crate::index::schema::draft_facet;
use crate::model::brackets::Brackets;
use crate::model::{Draft, Pillar, Record};

/// What happened to one paragraph between the two drafts.
#[derive(Debug, Clone)]
pub enum Entry {
    /// Continued by `newer`, with changes.
    Changed {
        older: Vec<Cited>,
        newer: Cited,
        score: f32,
        diff: WordDiff,
        /// How its wording was softened, then hardened
        /// (`modal: shall → should`, see `history::strength`).
        softened: Vec<String>,
        hardened: Vec<String>,
        /// Bracketed passages of the older text the newer no longer holds
        /// (cleared: agreed or dropped), then those new in the newer
        /// (`model::brackets`).
        cleared: Vec<String>,
        bracketed: Vec<String>,
    },
    /// In the newer draft only.
    Added(Cited),
    /// In the older draft only.
    Dropped(Cited),
}

/// The redline of `to` against `from`.
#[derive(Debug, Clone)]
pub struct Redline {
    pub report: String,
    pub from: Draft,
    pub to: Draft,
    /// The changed paragraphs, then the new ones, both in the newer
    /// draft's order, then the dropped ones in the older draft's order.
    pub entries: Vec<Entry>,
    /// Paragraphs continued without a change.
    pub unchanged: usize,
}

/// How many paragraphs changed, are new and were dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub changed: usize,
    pub added: usize,
    pub dropped: usize,
}

impl Redline {
    /// The entries counted by kind.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for entry in &self.entries {
            match entry {
                Entry::Changed { .. } => counts.changed += 1,
                Entry::Added(_) => counts.added += 1,
                Entry::Dropped(_) => counts.dropped += 1,
            }
        }
        counts
    }
}

/// The redline between two drafts of one report (`rev1`, `apr1/crp1`),
/// only for paragraphs of `pillars` when some are given.
pub fn redline(index: &ChunkIndex, from: &str, to: &str, pillars: &[Pillar]) -> Result<Redline> {
    let (report, from_draft) = one_draft(index, from)?;
    let (to_report, to_draft) = one_draft(index, to)?;
    if (&report, from_draft) == (&to_report, to_draft) {
        return Err(Error::Citation {
            command: "diff",
            citation: format!("{from} {to}"),
            message: format!(
                "{from} and {to} are the same draft ({}): give two drafts of one report",
                draft_key(&report, from_draft)
            ),
        });
    }
    if report != to_report {
        return Err(Error::Citation {
            command: "diff",
            citation: format!("{from} {to}"),
            message: format!(
                "{from} and {to} are drafts of different reports ({report}, {to_report}): compare drafts of one report"
            ),
        });
    }
    let older = draft_records(index, &report, from_draft)?;
    let newer = draft_records(index, &report, to_draft)?;
    let mut analyzers = Analyzers::of(index)?;
    let analyzer = analyzers.get(false);
    let older_chunks: Vec<&Record> = older.iter().collect();
    let newer_chunks: Vec<&Record> = newer.iter().collect();
    let links = align_drafts(
        &older_chunks,
        &DraftWords::of(analyzer, older_chunks.iter().copied()),
        &newer_chunks,
        &DraftWords::of(analyzer, newer_chunks.iter().copied()),
    );

    let cited = |record: &Record| Cited {
        key: search::key(index, record),
        record: record.clone(),
    };
    let wanted = |r: &Record| pillars.is_empty() || pillars.contains(&r.chunk.pillar);
    let mut entries = Vec::new();
    let mut added = Vec::new();
    let mut unchanged = 0;
    // Each newer version's links, and the older versions that have one
    // (looked up once: a filter per version was quadratic in the draft).
    let mut links_to: Vec<Vec<&Link>> = vec![Vec::new(); newer.len()];
    for link in &links {
        if let Some(to) = links_to.get_mut(link.newer) {
            to.push(link);
        }
    }
    let continued: HashSet<usize> = links.iter().map(|l| l.older).collect();
    for (record, from) in newer.iter().zip(links_to) {
        if !wanted(record) {
            continue;
        }
        if from.is_empty() {
            added.push(Entry::Added(cited(record)));
            continue;
        }
        let old_text = from
            .iter()
            .filter_map(|l| older.get(l.older))
            .map(|r| r.chunk.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let diff = WordDiff::between(&old_text, &record.chunk.text);
        if diff.is_unchanged() {
            unchanged += 1;
            continue;
        }
        let (softened, hardened) = strength::softened_and_hardened(&old_text, &record.chunk.text);
        let (cleared, bracketed) = Brackets::changed(&old_text, &record.chunk.text);
        entries.push(Entry::Changed {
            older: from
                .iter()
                .filter_map(|l| older.get(l.older))
                .map(cited)
                .collect(),
            newer: cited(record),
            score: from.iter().map(|l| l.score).fold(0.0, f32::max),
            diff,
            softened,
            hardened,
            cleared,
            bracketed,
        });
    }
    entries.append(&mut added);
    for (i, record) in older.iter().enumerate() {
        if wanted(record) && !continued.contains(&i) {
            entries.push(Entry::Dropped(cited(record)));
        }
    }
    Ok(Redline {
        report,
        from: from_draft,
        to: to_draft,
        entries,
        unchanged,
    })
}

/// The one `(report, draft)` a value names.
fn one_draft(index: &ChunkIndex, value: &str) -> Result<(String, Draft)> {
    let mut found = filter::resolve_draft(index, value)?;
    if found.len() > 1 {
        let choices: Vec<String> = found
            .iter()
            .map(|(report, draft)| draft_key(report, *draft))
            .collect();
        return Err(Error::UnknownName {
            what: "draft (it is in several reports)",
            value: value.to_string(),
            valid: choices.join(", "),
        });
    }
    found.pop().ok_or_else(|| Error::UnknownName {
        what: "draft",
        value: value.to_string(),
        valid: String::new(),
    })
}

/// The aligned chunks of one draft, in document order.
fn draft_records(index: &ChunkIndex, report: &str, draft: Draft) -> Result<Vec<Record>> {
    let term = Term::from_facet(index.fields.facets, &draft_facet(report, &draft.short()));
    let mut records =
        search::records_matching(index, &TermQuery::new(term, IndexRecordOption::Basic))?;
    records.retain(is_aligned);
    Ok(records)
}
