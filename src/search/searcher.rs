//! Running searches on an index: [`run`], [`show`], [`stats`].

use std::collections::HashMap;
use std::time::Instant;

use tantivy::collector::{Collector, Count, DocSetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::compile::{Analyzers, Compiled, compile};
use super::filter::{self, Filters};
use super::highlight::{Pattern, highlight};
use super::query;
use super::results::{Counts, Facets, Hit, Results, VersionRef};
use super::snippet::{SNIPPET_CHARS, Snippet, snippet};
use super::tally::{PerPillar, Tallied, Tally};
use crate::error::{Error, Result};
use crate::index::damage;
use crate::index::indexer::draft_key;
use crate::index::{ChunkIndex, Record, View};
use crate::model::{Date, Draft, Pillar};

/// A search, as the command line gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The query, in the syntax of [`query`].
    pub query: String,
    pub filters: Filters,
    /// How many hits to return (0: only count).
    pub limit: usize,
    /// How many of the best hits to skip.
    pub offset: usize,
    /// No stemming, no compound or acronym expansion.
    pub exact: bool,
    /// One hit per paragraph: its versions in the drafts grouped.
    pub collapse: bool,
    /// Phrases through the word-pair field (the default); `false` reads
    /// the words' positions instead — same hits, for measuring the
    /// difference.
    pub pairs: bool,
}

impl Request {
    /// A request for `query` with the defaults: 10 hits, no filter.
    pub fn new(query: impl Into<String>) -> Request {
        Request {
            query: query.into(),
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            exact: false,
            collapse: false,
            pairs: true,
        }
    }
}

/// Runs `request` on `index`: the page of hits, the total and the facet
/// counts of all matches, in one pass.
pub fn run(index: &ChunkIndex, request: &Request) -> Result<Results> {
    let started = Instant::now();
    let parsed = query::parse(&request.query)?;
    let mut analyzers = Analyzers::of(index)?;
    let Some(Compiled { query, patterns }) =
        compile(&parsed, index, &mut analyzers, request.exact, request.pairs)?
    else {
        return Err(Error::Query(query::QueryError {
            message: format!(
                "nothing to search for in '{}': it has no words, only punctuation",
                query::excerpt(&request.query)
            ),
        }));
    };
    let mut clauses = vec![(Occur::Must, query)];
    clauses.extend(
        request
            .filters
            .queries(index)?
            .into_iter()
            .map(|q| (Occur::Must, q)),
    );
    let query = BooleanQuery::new(clauses);

    let searcher = index.reader.searcher();
    // A page never holds more than the index: a huge --limit or --offset
    // asks for nothing bigger.
    let chunks = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let offset = request.offset.min(chunks);
    let limit = request.limit.min(chunks - offset);
    let page: Vec<(f32, Record, Vec<VersionRef>)>;
    let (total, facets, paragraphs) = if request.collapse {
        let everything = TopDocs::with_limit(chunks.max(1)).order_by_score();
        let all = search(index, &searcher, &query, &everything)?;
        let total = all.len();
        let groups = group_by_lineage(index, &searcher, all)?;
        let facets = group_facets(index, &groups);
        let paragraphs = groups.len();
        page = groups
            .into_iter()
            .skip(offset)
            .take(limit)
            .filter_map(|group| {
                let mut versions: Vec<VersionRef> = group
                    .iter()
                    .map(|(score, record)| VersionRef {
                        key: key(index, record),
                        draft: record.document.draft,
                        label: record.chunk.label.clone(),
                        score: *score,
                    })
                    .collect();
                versions.sort_by_key(|v| v.draft);
                let (score, record) = group.into_iter().next()?;
                Some((score, record, versions))
            })
            .collect();
        (total, facets, Some(paragraphs))
    } else {
        let (top, (total, tallied)) = if limit == 0 {
            let counts = search(index, &searcher, &query, &(Count, Tally))?;
            (Vec::new(), counts)
        } else {
            let top = TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_score();
            search(index, &searcher, &query, &(top, (Count, Tally)))?
        };
        page = top
            .into_iter()
            .map(|(score, address)| Ok((score, record(index, &searcher, address)?, Vec::new())))
            .collect::<Result<_>>()?;
        (total, facets(index, &tallied), None)
    };

    let analyzer = analyzers.get(request.exact);
    // Inserted and added words are part of the text; deleted and removed
    // words are not.
    let (in_text, elsewhere): (Vec<_>, Vec<_>) =
        patterns.into_iter().partition(|(view, _)| view.in_text());
    let in_text: Vec<Pattern> = in_text.into_iter().map(|(_, p)| p).collect();
    let hits = page
        .into_iter()
        .map(|(score, record, versions)| {
            let (snippet, snippet_view) = snippet_of(analyzer, &record, &in_text, &elsewhere);
            Hit {
                key: key(index, &record),
                record,
                score,
                snippet,
                snippet_view,
                versions,
            }
        })
        .collect();
    Ok(Results {
        hits,
        total,
        paragraphs,
        facets,
        elapsed: started.elapsed(),
    })
}

/// The matches grouped by lineage — the versions of one paragraph — in
/// the order of each group's best match; each group best first.
fn group_by_lineage(
    index: &ChunkIndex,
    searcher: &Searcher,
    matches: Vec<(f32, DocAddress)>,
) -> Result<Vec<Vec<(f32, Record)>>> {
    let mut groups: Vec<Vec<(f32, Record)>> = Vec::new();
    let mut by_lineage: HashMap<String, usize> = HashMap::new();
    for (score, address) in matches {
        let record = record(index, searcher, address)?;
        match by_lineage
            .get(&record.links.lineage)
            .and_then(|&group| groups.get_mut(group))
        {
            Some(group) => group.push((score, record)),
            None => {
                by_lineage.insert(record.links.lineage.clone(), groups.len());
                groups.push(vec![(score, record)]);
            }
        }
    }
    Ok(groups)
}

/// Facet counts per paragraph: a paragraph counts for the pillar of its
/// best version, and once for every draft it has a matching version in.
fn group_facets(index: &ChunkIndex, groups: &[Vec<(f32, Record)>]) -> Facets {
    let mut pillar = Vec::new();
    for p in Pillar::ALL {
        let count = groups
            .iter()
            .filter(|group| group.first().is_some_and(|(_, r)| r.chunk.pillar == p))
            .count() as u64;
        if count > 0 {
            pillar.push((p.name().to_string(), count));
        }
    }
    let mut draft = Vec::new();
    for (report, d) in index.drafts.iter().cloned() {
        let count = groups
            .iter()
            .filter(|group| {
                group
                    .iter()
                    .any(|(_, r)| r.document.draft == d && r.document.report_or_none() == report)
            })
            .count() as u64;
        if count > 0 {
            draft.push((draft_key(&report, d), count));
        }
    }
    Facets {
        pillar: Counts(pillar),
        draft: Counts(draft),
    }
}

/// The snippet of a hit: from its text, or — when only they match, or
/// there is no text left (an item struck out whole) — from its deleted or
/// removed words.
fn snippet_of(
    analyzer: &mut TextAnalyzer,
    record: &Record,
    in_text: &[Pattern],
    elsewhere: &[(View, Pattern)],
) -> (Snippet, View) {
    let text = &record.chunk.text;
    let ranges = highlight(analyzer, text, in_text);
    if ranges.is_empty() {
        for (view, words) in [
            (View::Deleted, &record.chunk.deleted),
            (View::Removed, &record.links.removed),
        ] {
            if words.is_empty() {
                continue;
            }
            let patterns: Vec<Pattern> = elsewhere
                .iter()
                .filter(|(v, _)| *v == view)
                .map(|(_, p)| p.clone())
                .collect();
            let joined = words.join(" … ");
            let found = highlight(analyzer, &joined, &patterns);
            if !found.is_empty() || text.is_empty() {
                return (snippet(&joined, &found, SNIPPET_CHARS), view);
            }
        }
    }
    (snippet(text, &ranges, SNIPPET_CHARS), View::Text)
}

/// The chunks a citation names: `crp1 16(a)`, `apr1/rev1 next-steps-E.2`,
/// `2022-07-28-crp1/draft 16(a)` — a draft or a document, then a label
/// (case-insensitive; `para. 16(a)` is read as `16(a)`). Several chunks
/// when the label is in more than one document of the draft.
pub fn show(index: &ChunkIndex, citation: &str) -> Result<Vec<Record>> {
    let citation = citation.trim();
    let Some((selector, label)) = citation.split_once(char::is_whitespace) else {
        return Err(Error::Citation {
            citation: citation.to_string(),
            message: "give a draft and a label, e.g. `negotext show crp1 16(a)`".to_string(),
        });
    };
    let label = label.trim();
    let label = label
        .strip_prefix("para.")
        .or_else(|| label.strip_prefix("para "))
        .unwrap_or(label)
        .trim();
    let selection: Box<dyn TantivyQuery> = match filter::draft_term(index, selector) {
        Ok(term) => Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        Err(draft_error) => Filters {
            doc: Some(selector.to_string()),
            ..Filters::default()
        }
        .queries(index)
        .ok()
        .and_then(|mut queries| queries.pop())
        .ok_or(draft_error)?,
    };
    let records = records_matching(index, &*selection)?;
    let found: Vec<Record> = records
        .iter()
        .filter(|r| r.chunk.label.eq_ignore_ascii_case(label))
        .cloned()
        .collect();
    if found.is_empty() {
        const SHOWN: usize = 12;
        let labels: Vec<&str> = records.iter().map(|r| r.chunk.label.as_str()).collect();
        let mut list = labels
            .iter()
            .take(SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if labels.len() > SHOWN {
            list.push_str(&format!(", … ({} labels)", labels.len()));
        }
        return Err(Error::Citation {
            citation: citation.to_string(),
            message: format!("no chunk labelled '{label}' in {selector} (labels: {list})"),
        });
    }
    Ok(found)
}

/// Every record `query` matches, in corpus order (file, then place in the
/// file).
pub fn records_matching(index: &ChunkIndex, query: &dyn TantivyQuery) -> Result<Vec<Record>> {
    let searcher = index.reader.searcher();
    let addresses = search(index, &searcher, query, &DocSetCollector)?;
    let mut records = addresses
        .into_iter()
        .map(|address| record(index, &searcher, address))
        .collect::<Result<Vec<_>>>()?;
    records.sort_by(|a, b| {
        (&a.document.file, a.document.lines.start, a.chunk.ordinal).cmp(&(
            &b.document.file,
            b.document.lines.start,
            b.chunk.ordinal,
        ))
    });
    Ok(records)
}

/// Chunk counts of one draft.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DraftStats {
    pub report: String,
    pub draft: Draft,
    /// The earliest date of its documents.
    pub date: Option<Date>,
    pub documents: usize,
    pub chunks: u64,
    /// By pillar name.
    pub pillars: Counts,
}

/// What an index holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub files: usize,
    pub documents: usize,
    pub chunks: u64,
    pub drafts: Vec<DraftStats>,
    /// By pillar name, over all drafts.
    pub pillars: Counts,
    /// Acronyms and compounds the analyzer learned.
    pub acronyms: usize,
    pub compounds: usize,
}

/// Chunks per draft and pillar.
pub fn stats(index: &ChunkIndex) -> Result<Stats> {
    let searcher = index.reader.searcher();
    let (chunks, tallied) = search(index, &searcher, &AllQuery, &(Count, Tally))?;
    let mut drafts = Vec::new();
    for ((report, draft), key) in index.drafts.iter().cloned().zip(&index.draft_keys) {
        let documents: Vec<_> = index
            .state
            .documents()
            .filter(|d| d.report == report && d.draft == draft)
            .collect();
        let per_pillar = tallied.draft(key);
        drafts.push(DraftStats {
            date: documents.iter().filter_map(|d| d.date).min(),
            documents: documents.len(),
            chunks: per_pillar.iter().sum(),
            pillars: pillars(per_pillar),
            report,
            draft,
        });
    }
    Ok(Stats {
        files: index.state.files.len(),
        documents: index.state.documents().count(),
        chunks: chunks as u64,
        pillars: pillars(tallied.pillars()),
        drafts,
        acronyms: index.state.lexicon.acronyms.len(),
        compounds: index.state.lexicon.compounds.len(),
    })
}

/// The counts of a search: per draft in negotiation order, per pillar in
/// the mandate's order; zeros left out.
fn facets(index: &ChunkIndex, tallied: &Tallied) -> Facets {
    let draft = index
        .draft_keys
        .iter()
        .filter_map(|key| {
            let count: u64 = tallied.0.get(key)?.iter().sum();
            (count > 0).then(|| (key.clone(), count))
        })
        .collect();
    Facets {
        pillar: pillars(tallied.pillars()),
        draft: Counts(draft),
    }
}

/// Counts per pillar, in the mandate's order; zeros left out.
fn pillars(counts: PerPillar) -> Counts {
    Counts(
        Pillar::ALL
            .iter()
            .zip(counts)
            .filter(|(_, count)| *count > 0)
            .map(|(pillar, count)| (pillar.name().to_string(), count))
            .collect(),
    )
}

/// Runs `collector` over what `query` matches. An index is read lazily, so
/// damage may show only now: it is [`Error::IndexDamaged`], even when
/// tantivy panics on it.
fn search<C: Collector>(
    index: &ChunkIndex,
    searcher: &Searcher,
    query: &dyn TantivyQuery,
    collector: &C,
) -> Result<C::Fruit> {
    damage::guard(&index.dir, || {
        searcher
            .search(query, collector)
            .map_err(|err| damage::damaged(&index.dir, &err))
    })
}

/// The stored record of a document (damage as in [`search`]).
fn record(index: &ChunkIndex, searcher: &Searcher, address: DocAddress) -> Result<Record> {
    let doc: TantivyDocument = damage::guard(&index.dir, || {
        searcher
            .doc(address)
            .map_err(|err| damage::damaged(&index.dir, &err))
    })?;
    let json = doc
        .get_first(index.fields.record)
        .and_then(|value| value.as_str())
        .unwrap_or_default();
    serde_json::from_str(json)
        .map_err(|err| Error::damaged(&index.dir, format!("a stored chunk cannot be read: {err}")))
}

/// What to give `negotext show` for `record`: the draft (with its report
/// when the draft name alone is ambiguous, the document id when it has no
/// draft), then the label.
pub fn key(index: &ChunkIndex, record: &Record) -> String {
    let document = &record.document;
    let selector = if document.draft == Draft::None {
        document.id.clone()
    } else {
        let reports = index
            .drafts
            .iter()
            .filter(|(_, d)| *d == document.draft)
            .count();
        if reports > 1 {
            draft_key(document.report_or_none(), document.draft)
        } else {
            document.draft.short()
        }
    };
    format!("{selector} {}", record.chunk.label)
}
