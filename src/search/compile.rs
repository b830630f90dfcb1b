//! A parsed [`Query`] → a tantivy query, and the patterns a hit highlights.
//!
//! Each literal is analysed with the analyzer of its field — the full one, or
//! the exact one under `--exact` — exactly as the indexer analysed the text:
//! one token is a term query; several (a phrase, a compound, an acronym
//! stacked on its expansion) are a phrase query whose terms keep their
//! relative positions (a phrase with a slop is a [`SloppyPhrase`], matched
//! in bounded work). Boolean structure maps to tantivy's `BooleanQuery`; a
//! clause that only excludes (`-foo`) excludes from everything.

use std::sync::Arc;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query as TantivyQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;

use super::exclusion::Excluded;
use super::highlight::Pattern;
use super::query::{Literal, Query};
use super::sloppy::{MatchBudget, SloppyPhrase};
use crate::analysis::{ANALYZER, EXACT_ANALYZER, pairs};
use crate::error::{Error, Result};
use crate::index::{ChunkIndex, View};

/// A query ready to run.
pub struct Compiled {
    pub query: Box<dyn TantivyQuery>,
    /// What each positive literal matches, and in which view: what a hit
    /// highlights.
    pub patterns: Vec<(View, Pattern)>,
    /// The matching steps its sloppy phrases share: when a search has
    /// [exhausted](MatchBudget::exhausted) it, its answer is incomplete.
    pub budget: Arc<MatchBudget>,
}

/// The two analyzers of an index, by `--exact`.
pub struct Analyzers {
    full: TextAnalyzer,
    exact: TextAnalyzer,
}

impl Analyzers {
    /// The analyzers registered on `index`.
    pub fn of(index: &ChunkIndex) -> Result<Analyzers> {
        let get = |name: &str| {
            index
                .index
                .tokenizers()
                .get(name)
                .ok_or_else(|| Error::IndexVersion {
                    found: format!("no analyzer '{name}'"),
                })
        };
        Ok(Analyzers {
            full: get(ANALYZER)?,
            exact: get(EXACT_ANALYZER)?,
        })
    }

    /// The analyzer of a search, exact or not.
    pub fn get(&mut self, exact: bool) -> &mut TextAnalyzer {
        if exact {
            &mut self.exact
        } else {
            &mut self.full
        }
    }
}

/// Compiles `query` for `index`; `Ok(None)` when it has no word left to
/// search for once analysed (only punctuation).
pub fn compile(
    query: &Query,
    index: &ChunkIndex,
    analyzers: &mut Analyzers,
    exact: bool,
    pairs: bool,
) -> Result<Option<Compiled>> {
    let mut compiler = Compiler {
        index,
        analyzer: analyzers.get(exact),
        exact,
        pairs,
        patterns: Vec::new(),
        budget: Arc::new(MatchBudget::new()),
    };
    let query = compiler.clause(query, true);
    Ok(query.map(|query| Compiled {
        query,
        patterns: compiler.patterns,
        budget: compiler.budget,
    }))
}

struct Compiler<'a> {
    index: &'a ChunkIndex,
    analyzer: &'a mut TextAnalyzer,
    exact: bool,
    /// Phrases through the word-pair field when they can.
    pairs: bool,
    patterns: Vec<(View, Pattern)>,
    budget: Arc<MatchBudget>,
}

impl Compiler<'_> {
    /// `positive`: not under an exclusion (its matches are highlighted).
    fn clause(&mut self, query: &Query, positive: bool) -> Option<Box<dyn TantivyQuery>> {
        match query {
            Query::Literal(literal) => self.literal(literal, positive),
            Query::And(parts) => {
                let mut clauses = Vec::new();
                for part in parts {
                    match part {
                        Query::Not(inner) => {
                            if let Some(q) = self.clause(inner, !positive) {
                                clauses.push((Occur::MustNot, excluded(q)));
                            }
                        }
                        part => {
                            if let Some(q) = self.clause(part, positive) {
                                clauses.push((Occur::Must, q));
                            }
                        }
                    }
                }
                boolean(clauses)
            }
            Query::Or(parts) => {
                let clauses: Vec<_> = parts
                    .iter()
                    .filter_map(|part| self.clause(part, positive))
                    .map(|q| (Occur::Should, q))
                    .collect();
                boolean(clauses)
            }
            Query::Not(inner) => {
                let inner = self.clause(inner, !positive)?;
                boolean(vec![(Occur::MustNot, excluded(inner))])
            }
        }
    }

    fn literal(&mut self, literal: &Literal, positive: bool) -> Option<Box<dyn TantivyQuery>> {
        let pattern = Pattern::analyze(self.analyzer, &literal.text, literal.slop)?;
        let field = self.index.fields.view(literal.view, self.exact);
        let mut terms: Vec<(usize, Term)> = pattern
            .terms
            .iter()
            .map(|(offset, text)| (*offset, Term::from_field_text(field, text)))
            .collect();
        if self.pairs
            && literal.view == View::Text
            && !self.exact
            && pattern.slop == 0
            && let Some(pairs) = pair_terms(&pattern)
        {
            terms = pairs
                .into_iter()
                .map(|(offset, pair)| {
                    (
                        offset,
                        Term::from_field_text(self.index.fields.text_pairs, &pair),
                    )
                })
                .collect();
        }
        let query: Box<dyn TantivyQuery> = if terms.len() == 1 {
            let (_, term) = terms.remove(0);
            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
        } else if pattern.slop > 0 {
            // Not tantivy's sloppy `PhraseQuery`: its work grows
            // exponentially with a repeated word (see `sloppy`).
            Box::new(SloppyPhrase::new(
                terms,
                pattern.slop,
                Arc::clone(&self.budget),
            ))
        } else {
            Box::new(PhraseQuery::new_with_offset_and_slop(terms, pattern.slop))
        };
        if positive {
            self.patterns.push((literal.view, pattern));
        }
        Some(query)
    }
}

/// The pair terms that find a phrase through the pairs field: every
/// adjacent pair of its positions, when it has two positions or more and
/// no gap; `None` for a single word.
fn pair_terms(pattern: &Pattern) -> Option<Vec<(usize, String)>> {
    let last = pattern.terms.iter().map(|(offset, _)| *offset).max()?;
    let covered = (0..=last).all(|p| pattern.terms.iter().any(|(offset, _)| *offset == p));
    if last == 0 || !covered {
        return None;
    }
    Some(pairs::pairs(
        pattern
            .terms
            .iter()
            .map(|(offset, text)| (*offset, text.as_str())),
    ))
}

/// `query` guarded for use as an exclusion (see [`Excluded`]).
fn excluded(query: Box<dyn TantivyQuery>) -> Box<dyn TantivyQuery> {
    Box::new(Excluded(query))
}

/// A boolean query of `clauses`; one that only excludes excludes from
/// everything; none is nothing.
fn boolean(mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)>) -> Option<Box<dyn TantivyQuery>> {
    if clauses.is_empty() {
        return None;
    }
    if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    if matches!(clauses.as_slice(), [(occur, _)] if *occur != Occur::MustNot) {
        return clauses.pop().map(|(_, q)| q);
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}
