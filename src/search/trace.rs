//! `negotext history`: one paragraph through every draft of its report.

use tantivy::Term;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;

use std::collections::{HashMap, HashSet};

use super as search;
use crate::error::Result;
use crate::history::diff::WordDiff;
use crate::history::lineage::{chunk_id, is_aligned};
use crate::index::ChunkIndex;
use crate::model::brackets::Brackets;
use crate::model::{Draft, Record};

/// The versions of one paragraph, oldest first.
#[derive(Debug, Clone)]
pub struct History {
    pub lineage: String,
    pub report: String,
    /// The drafts of the report, in negotiation order.
    pub drafts: Vec<Draft>,
    pub versions: Vec<Version>,
    /// Whether the chunk is followed across drafts at all (paragraphs and
    /// recommended next steps of a draft are; letters and annexes are not).
    pub aligned: bool,
    /// The first draft with a version, when it is not the report's first
    /// draft: "new in Rev.1".
    pub new_in: Option<Draft>,
    /// The last draft with a version, when it is not the report's last
    /// draft: "dropped after Rev.1".
    pub dropped_after: Option<Draft>,
}

/// The versions `record` comes from and leads to (following links back,
/// then forward — not its siblings from a shared ancestor), itself
/// included, in draft then document order.
fn ancestry(record: &Record, lineage: Vec<Record>) -> Vec<Record> {
    let by_id: HashMap<String, &Record> = lineage.iter().map(|r| (chunk_id(r), r)).collect();
    let mut kept: HashSet<String> = HashSet::new();
    for backwards in [true, false] {
        let mut queue = vec![chunk_id(record)];
        while let Some(id) = queue.pop() {
            let Some(current) = by_id.get(&id) else {
                continue;
            };
            kept.insert(id);
            let links = if backwards {
                &current.links.previous
            } else {
                &current.links.next
            };
            queue.extend(
                links
                    .iter()
                    .filter(|link| !kept.contains(&link.id))
                    .map(|link| link.id.clone()),
            );
        }
    }
    let mut records: Vec<Record> = lineage
        .into_iter()
        .filter(|r| kept.contains(&chunk_id(r)))
        .collect();
    records.sort_by_key(|r| (r.document.draft, r.document.lines.start, r.chunk.ordinal));
    records
}

/// One version of the paragraph.
#[derive(Debug, Clone)]
pub struct Version {
    pub record: Record,
    /// What to give `negotext show`.
    pub key: String,
    /// Against the version(s) it continues; `None` in the first draft it
    /// appears in.
    pub diff: Option<WordDiff>,
    /// Bracketed passages of the version(s) it continues that it no longer
    /// holds, then those new in it (`model::brackets`).
    pub cleared: Vec<String>,
    pub bracketed: Vec<String>,
}

/// The history of the chunk(s) `citation` names (`crp1 16(a)`), one per
/// lineage.
pub fn trace(index: &ChunkIndex, citation: &str) -> Result<Vec<History>> {
    let mut histories: Vec<History> = Vec::new();
    for record in search::show(index, citation)? {
        let lineage = record.links.lineage.clone();
        if histories.iter().any(|h| h.lineage == lineage) {
            continue;
        }
        histories.push(history(index, &record, lineage)?);
    }
    Ok(histories)
}

fn history(index: &ChunkIndex, record: &Record, lineage: String) -> Result<History> {
    let term = Term::from_field_text(index.fields.lineage, &lineage);
    let lineage_records =
        search::records_matching(index, &TermQuery::new(term, IndexRecordOption::Basic))?;
    let records = ancestry(record, lineage_records);
    let report = record.document.report_or_none().to_string();
    let drafts: Vec<Draft> = index
        .drafts
        .iter()
        .filter(|(r, _)| *r == report)
        .map(|(_, d)| *d)
        .collect();
    let versions: Vec<Version> = records
        .iter()
        .map(|r| {
            let previous: Vec<&str> = r
                .links
                .previous
                .iter()
                .filter_map(|link| {
                    records
                        .iter()
                        .find(|p| chunk_id(p) == link.id)
                        .map(|p| p.chunk.text.as_str())
                })
                .collect();
            let old = previous.join(" ");
            let continues = !r.links.previous.is_empty();
            let diff = continues.then(|| WordDiff::between(&old, &r.chunk.text));
            let (cleared, bracketed) = match continues {
                true => Brackets::changed(&old, &r.chunk.text),
                false => Default::default(),
            };
            Version {
                key: search::key(index, r),
                record: r.clone(),
                diff,
                cleared,
                bracketed,
            }
        })
        .collect();
    let aligned = is_aligned(record);
    let first = versions.first().map(|v| v.record.document.draft);
    let last = versions.last().map(|v| v.record.document.draft);
    Ok(History {
        aligned,
        new_in: first.filter(|d| aligned && drafts.first() != Some(d)),
        dropped_after: last.filter(|d| aligned && drafts.last() != Some(d)),
        lineage,
        report,
        drafts,
        versions,
    })
}
