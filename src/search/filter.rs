//! Filters: `--draft`, `--pillar`, `--doc`, `--kind`, `--doc-kind`,
//! `--symbol`, checked against what the index holds and turned into
//! queries that select without scoring.
//!
//! Values within one flag are alternatives (`--draft rev1 --draft crp1`);
//! different flags must all hold.

use std::str::FromStr;

use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::error::{Error, Result};
use crate::index::ChunkIndex;
use crate::index::entry::DraftEntry;
use crate::index::entry::draft_key;
use crate::index::schema::{draft_facet, pillar_facet};
use crate::model::{ChunkKind, DocumentKind, Draft, NO_REPORT, Pillar};

/// The filters of a search, as the user typed them (saved so by `watch`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filters {
    /// `rev1`, `Rev.1`, `zero-draft`, or `apr1/rev1`; or the name a file
    /// of no report is shown as (`A/RES/77/321`, `Letter of 24 March
    /// 2022`).
    pub drafts: Vec<String>,
    /// Pillar names.
    pub pillars: Vec<String>,
    /// A document id (`2022-07-28-crp1/draft`) or a corpus file
    /// (`2022-07-28-crp1.txt`, or its stem).
    pub doc: Option<String>,
    /// A chunk kind.
    pub kind: Option<String>,
    /// Kinds of document (`draft-report`, `letter`).
    pub doc_kinds: Vec<String>,
    /// Document symbols (`A/AC.292/2022/CRP.1`), in any case.
    pub symbols: Vec<String>,
}

impl Filters {
    /// The queries that select what the filters allow (none when there is
    /// no filter), or an error naming a value the index does not know.
    pub fn queries(&self, index: &ChunkIndex) -> Result<Vec<Box<dyn TantivyQuery>>> {
        let mut queries = Vec::new();
        if !self.drafts.is_empty() {
            let mut terms = Vec::new();
            for draft in &self.drafts {
                terms.extend(draft_terms(index, draft)?);
            }
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
        if !self.doc_kinds.is_empty() {
            let terms = self
                .doc_kinds
                .iter()
                .map(|kind| {
                    let kind = doc_kind(index, kind)?;
                    Ok(text_term(index.fields.doc_kind, kind.name()))
                })
                .collect::<Result<Vec<_>>>()?;
            queries.push(any_of(terms));
        }
        if !self.symbols.is_empty() {
            let terms = self
                .symbols
                .iter()
                .map(|value| Ok(text_term(index.fields.symbol, symbol(index, value)?)))
                .collect::<Result<Vec<_>>>()?;
            queries.push(any_of(terms));
        }
        Ok(queries)
    }
}

/// The kind of document a `--doc-kind` value names, if the index holds
/// documents of it; else an error listing the kinds it holds.
pub fn doc_kind(index: &ChunkIndex, value: &str) -> Result<DocumentKind> {
    let mut held: Vec<DocumentKind> = index.state.documents().map(|d| d.kind).collect();
    held.sort();
    held.dedup();
    DocumentKind::from_name(value)
        .filter(|kind| held.contains(kind))
        .ok_or_else(|| Error::UnknownName {
            what: "kind of document",
            value: value.to_string(),
            valid: held
                .iter()
                .map(|kind| kind.name())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The symbol, as the index spells it, that a `--symbol` value names in
/// any case; else an error listing some symbols of the index.
pub fn symbol<'a>(index: &'a ChunkIndex, value: &str) -> Result<&'a str> {
    let value = value.trim();
    let symbols = || index.state.documents().filter_map(|d| d.symbol.as_deref());
    if let Some(found) = symbols().find(|s| s.eq_ignore_ascii_case(value)) {
        return Ok(found);
    }
    let mut all: Vec<&str> = symbols().collect();
    all.sort_by(|a, b| super::results::natural_order(a, b));
    all.dedup();
    Err(Error::UnknownName {
        what: "symbol",
        value: value.to_string(),
        valid: if all.is_empty() {
            "none: no document of the index has a symbol".to_string()
        } else {
            some_of(&all)
        },
    })
}

/// How many names an "unknown name" message lists at most.
const LISTED: usize = 12;

/// `a, b, c`, or the first [`LISTED`] and how many more.
fn some_of(names: &[&str]) -> String {
    let mut list = names
        .iter()
        .take(LISTED)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > LISTED {
        list.push_str(&format!(
            ", … ({} in all; see `negotext stats`)",
            names.len()
        ));
    }
    list
}

/// The entries of files of no report that a `--draft` value names by the
/// name they are shown as, in any case: the one whose name it is
/// (`Statement (d01/statement-7)`), else every one shown by it
/// (`Statement`; a shortened title with or without its `…`, or whole).
pub fn standalone<'a>(index: &'a ChunkIndex, value: &str) -> Vec<&'a DraftEntry> {
    let value = folded(value);
    let standalone = || index.entries.iter().filter(|entry| entry.is_standalone());
    if let Some(entry) = standalone().find(|entry| folded(&entry.key) == value) {
        return vec![entry];
    }
    standalone()
        .filter(|entry| {
            let name = folded(&entry.name);
            name == value
                || name.strip_suffix('…').is_some_and(|start| {
                    let start = start.trim_end();
                    !start.is_empty() && value.starts_with(start)
                })
        })
        .collect()
}

/// `text` in lower case, each run of white space one space.
fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The terms a `--draft` value selects: a draft (of one report or all) as
/// [`resolve_draft`] reads it; else files of no report by the name they
/// are shown as ([`standalone`]).
pub(crate) fn draft_terms(index: &ChunkIndex, value: &str) -> Result<Vec<Term>> {
    let fields = &index.fields;
    let drafts = match resolve_draft(index, value) {
        Ok(drafts) => drafts,
        Err(unknown) => {
            let entries = standalone(index, value);
            if entries.is_empty() {
                return Err(unknown);
            }
            return Ok(entries
                .iter()
                .map(|entry| text_term(fields.draft_key, &entry.column))
                .collect());
        }
    };
    Ok(vec![match (value.contains('/'), drafts.first()) {
        (true, Some((report, draft))) => {
            Term::from_facet(fields.facets, &draft_facet(report, &draft.short()))
        }
        (_, Some((_, draft))) => text_term(fields.draft, &draft.short()),
        (_, None) => text_term(fields.draft, ""),
    }])
}

/// The `(report, draft)` pairs of the index a `--draft` value names:
/// `apr1/rev1` one, `rev1` every report's Rev.1; an error listing the
/// valid values when there is none.
pub fn resolve_draft(index: &ChunkIndex, value: &str) -> Result<Vec<(String, Draft)>> {
    let drafts = &index.drafts;
    let unknown = || Error::UnknownName {
        what: "draft",
        value: value.to_string(),
        valid: valid_drafts(index),
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
/// (or report/draft: apr1/zero-draft, …)`, and the names of files of no
/// report.
fn valid_drafts(index: &ChunkIndex) -> String {
    let drafts: Vec<(String, Draft)> = index
        .drafts
        .iter()
        .filter(|(report, _)| report != NO_REPORT)
        .cloned()
        .collect();
    let standalone: Vec<&str> = index
        .entries
        .iter()
        .filter(|entry| entry.is_standalone())
        .map(|entry| entry.key.as_str())
        .collect();
    let mut valid = Vec::new();
    if !drafts.is_empty() {
        valid.push(report_drafts(&drafts));
    }
    if !standalone.is_empty() {
        let or = if valid.is_empty() { "" } else { "or " };
        valid.push(format!(
            "{or}a document of no report: {}",
            some_of(&standalone)
        ));
    }
    valid.join("; ")
}

/// The drafts of reports, for an error message.
fn report_drafts(drafts: &[(String, Draft)]) -> String {
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
