//! Filters: `--draft`, `--pillar`, `--doc`, `--kind`, checked against what
//! the index holds and turned into queries that select without scoring.
//!
//! Values within one flag are alternatives (`--draft rev1 --draft crp1`);
//! different flags must all hold.

use std::str::FromStr;

use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::error::{Error, Result};
use crate::index::ChunkIndex;
use crate::index::indexer::{draft_facet, draft_key, pillar_facet};
use crate::model::{ChunkKind, Draft, Pillar};

/// The filters of a search, as the user typed them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// `rev1`, `Rev.1`, `zero-draft`, or `apr1/rev1`.
    pub drafts: Vec<String>,
    /// Pillar names.
    pub pillars: Vec<String>,
    /// A document id (`2022-07-28-crp1/draft`) or a corpus file
    /// (`2022-07-28-crp1.txt`, or its stem).
    pub doc: Option<String>,
    /// A chunk kind.
    pub kind: Option<String>,
}

impl Filters {
    /// The queries that select what the filters allow (none when there is
    /// no filter), or an error naming a value the index does not know.
    pub fn queries(&self, index: &ChunkIndex) -> Result<Vec<Box<dyn TantivyQuery>>> {
        let mut queries = Vec::new();
        if !self.drafts.is_empty() {
            let terms = self
                .drafts
                .iter()
                .map(|draft| draft_term(index, draft))
                .collect::<Result<Vec<_>>>()?;
            queries.push(any_of(terms));
        }
        if !self.pillars.is_empty() {
            let terms = self
                .pillars
                .iter()
                .map(|pillar| {
                    let pillar = Pillar::from_str(pillar)?;
                    Ok(Term::from_facet(
                        index.fields.facets,
                        &pillar_facet(pillar.name()),
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            queries.push(any_of(terms));
        }
        if let Some(doc) = &self.doc {
            queries.push(any_of(vec![doc_term(index, doc)?]));
        }
        if let Some(kind) = &self.kind {
            let kind = ChunkKind::from_str(kind)?;
            queries.push(any_of(vec![text_term(index.fields.kind, kind.name())]));
        }
        Ok(queries)
    }
}

/// The term a `--draft` value selects.
pub(crate) fn draft_term(index: &ChunkIndex, value: &str) -> Result<Term> {
    let fields = &index.fields;
    let drafts = resolve_draft(index, value)?;
    Ok(match (value.contains('/'), drafts.first()) {
        (true, Some((report, draft))) => {
            Term::from_facet(fields.facets, &draft_facet(report, &draft.short()))
        }
        (_, Some((_, draft))) => text_term(fields.draft, &draft.short()),
        (_, None) => text_term(fields.draft, ""),
    })
}

/// The `(report, draft)` pairs of the index a `--draft` value names:
/// `apr1/rev1` one, `rev1` every report's Rev.1; an error listing the
/// valid values when there is none.
pub fn resolve_draft(index: &ChunkIndex, value: &str) -> Result<Vec<(String, Draft)>> {
    let drafts = &index.drafts;
    let unknown = || Error::UnknownName {
        what: "draft",
        value: value.to_string(),
        valid: valid_drafts(drafts),
    };
    let (report, draft) = match value.split_once('/') {
        Some((report, draft)) => (Some(report.trim().to_lowercase()), draft),
        None => (None, value),
    };
    let draft = Draft::from_str(draft).map_err(|_| unknown())?;
    let found: Vec<(String, Draft)> = drafts
        .iter()
        .filter(|(r, d)| *d == draft && report.as_ref().is_none_or(|report| report == r))
        .cloned()
        .collect();
    if found.is_empty() {
        return Err(unknown());
    }
    Ok(found)
}

/// The drafts of the index, for an error message: `zero-draft, rev1, …
/// (or report/draft: apr1/zero-draft, …)`.
fn valid_drafts(drafts: &[(String, Draft)]) -> String {
    let mut short: Vec<String> = Vec::new();
    for (_, draft) in drafts {
        if !short.contains(&draft.short()) {
            short.push(draft.short());
        }
    }
    let long: Vec<String> = drafts
        .iter()
        .map(|(report, draft)| draft_key(report, *draft))
        .collect();
    format!("{}; or report/draft: {}", short.join(", "), long.join(", "))
}

/// The term a `--doc` value selects: a document id, or a file.
fn doc_term(index: &ChunkIndex, value: &str) -> Result<Term> {
    let fields = &index.fields;
    if index.state.documents().any(|doc| doc.id == value) {
        return Ok(text_term(fields.doc, value));
    }
    let file = index
        .state
        .files
        .keys()
        .find(|name| *name == value || crate::corpus::stem(name) == value);
    match file {
        Some(file) => Ok(text_term(fields.file, file)),
        None => Err(Error::UnknownName {
            what: "document",
            value: value.to_string(),
            valid: index
                .state
                .documents()
                .map(|doc| doc.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
                + " (or a corpus file name)",
        }),
    }
}

fn text_term(field: Field, text: &str) -> Term {
    Term::from_field_text(field, text)
}

/// A query matching any of `terms`, scoring nothing.
fn any_of(terms: Vec<Term>) -> Box<dyn TantivyQuery> {
    let clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = terms
        .into_iter()
        .map(|term| {
            let query: Box<dyn TantivyQuery> =
                Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, query)
        })
        .collect();
    Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::new(clauses)),
        0.0,
    ))
}
