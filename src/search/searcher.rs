//! Running searches on an index: [`run`], [`show`], [`stats`].

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use tantivy::collector::{Collector, Count, DocSetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query as TantivyQuery};
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::compile::{Analyzers, Compiled, compile};
use super::filter::{self, Filters};
use super::highlight::{Pattern, highlight};
use super::query;
use super::results::{Counts, Facets, Hit, Results, VersionRef, natural_order};
use super::sloppy::MatchBudget;
use super::snippet::{SNIPPET_CHARS, Snippet, snippet};
use super::suggest;
use super::tally::{PerPillar, Tallied, Tally};
use crate::error::{Error, Result};
use crate::history::strength;
use crate::index::ChunkIndex;
use crate::index::damage;
use crate::index::entry::DraftEntry;
use crate::index::entry::draft_key;
use crate::model::{Date, DocumentKind, Draft, Pillar};
use crate::model::{Record, View};

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
    let Some(Compiled {
        query,
        patterns,
        budget,
    }) = compile(&parsed, index, &mut analyzers, request.exact, request.pairs)?
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
    let mut page: Vec<(f32, Record, Vec<VersionRef>)>;
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
        // Equal scores in the corpus's order, not the index's (which
        // depends on how its segments were written).
        page.sort_by(|(a, x, _), (b, y, _)| {
            b.total_cmp(a)
                .then_with(|| x.document.id.cmp(&y.document.id))
                .then_with(|| x.chunk.ordinal.cmp(&y.chunk.ordinal))
        });
        (total, facets(index, &tallied), None)
    };

    if budget.exhausted() {
        return Err(Error::Query(query::QueryError {
            message: format!(
                "a phrase with a slop in '{}' takes more than {} steps to match here: \
                 search for fewer words or with a smaller slop",
                query::excerpt(&request.query),
                MatchBudget::STEPS
            ),
        }));
    }
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
                draft_key: index.draft_key(&record.document),
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
/// best version, and once for every draft (kind of document, symbol) it
/// has a matching version in.
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
    let mut drafts: HashMap<String, u64> = HashMap::new();
    let mut doc_kinds: HashMap<String, u64> = HashMap::new();
    let mut symbols: HashMap<String, u64> = HashMap::new();
    let mut authors: HashMap<String, u64> = HashMap::new();
    for group in groups {
        let documents = || group.iter().map(|(_, r)| &*r.document);
        let keys: BTreeSet<String> = documents().map(|d| index.draft_key(d)).collect();
        let kinds: BTreeSet<&str> = documents().map(|d| d.kind.name()).collect();
        let named: BTreeSet<&str> = documents().filter_map(|d| d.symbol.as_deref()).collect();
        for key in keys {
            *drafts.entry(key).or_default() += 1;
        }
        for kind in kinds {
            *doc_kinds.entry(kind.to_string()).or_default() += 1;
        }
        for symbol in named {
            *symbols.entry(symbol.to_string()).or_default() += 1;
        }
        let changed: BTreeSet<&str> = group.iter().flat_map(|(_, r)| r.chunk.authors()).collect();
        for author in changed {
            *authors.entry(author.to_string()).or_default() += 1;
        }
    }
    Facets {
        pillar: Counts(pillar),
        draft: draft_counts(index, |entry| drafts.get(&entry.key).copied().unwrap_or(0)),
        doc_kind: doc_kind_counts(&doc_kinds),
        symbol: natural_counts(&symbols),
        author: natural_counts(&authors),
    }
}

/// The snippet of a hit: from its text, or — when only they match, or
/// there is no text left (an item struck out whole) — from its deleted or
/// removed words (the runs that match, joined by ` … `).
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
            // Only the runs that match, when some do: the others are
            // fragments of other sentences (`(PoCs)`, `, policy`).
            let matching: Vec<&str> = words
                .iter()
                .filter(|run| !highlight(analyzer, run, &patterns).is_empty())
                .map(|run| run.trim_start_matches([',', ';', ':', ' ']))
                .collect();
            let joined = if matching.is_empty() {
                words.join(" … ")
            } else {
                matching.join(" … ")
            };
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
            command: "show",
            citation: citation.to_string(),
            message: "give a draft and a label, e.g. `negotext show crp1 16(a)`".to_string(),
        });
    };
    let label = typed_label(label);
    let selection: Box<dyn TantivyQuery> = match filter::draft_terms(index, selector) {
        Ok(terms) => Box::new(BooleanQuery::new_multiterms_query(terms)),
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
        .filter(|r| r.chunk.label.eq_ignore_ascii_case(&label))
        .cloned()
        .collect();
    if found.is_empty() {
        const SHOWN: usize = 12;
        // The labels nearest to the one typed first, then in draft order.
        let typed = label.to_lowercase();
        let mut labels: Vec<(usize, &str)> = records
            .iter()
            .map(|r| {
                let distance = suggest::edit_distance(&typed, &r.chunk.label.to_lowercase());
                (distance, r.chunk.label.as_str())
            })
            .collect();
        labels.sort_by_key(|(distance, _)| *distance);
        let mut list = labels
            .iter()
            .take(SHOWN)
            .map(|(_, label)| *label)
            .collect::<Vec<_>>()
            .join(", ");
        if labels.len() > SHOWN {
            list.push_str(&format!(", … ({} labels)", labels.len()));
        }
        return Err(Error::Citation {
            command: "show",
            citation: citation.to_string(),
            message: format!("no chunk labelled '{label}' in {selector} (nearest labels: {list})"),
        });
    }
    Ok(found)
}

/// A label as people type it, as the drafts write it: a leading `para`,
/// `para.` or `paragraph` dropped, spaces dropped, a letter after the
/// number bracketed (`para 16 (a)`, `16a` → `16(a)`).
fn typed_label(typed: &str) -> String {
    let typed = typed.trim();
    let lower = typed.to_lowercase();
    let rest = ["paragraph", "para.", "para"]
        .iter()
        .find_map(|prefix| {
            let after = lower.strip_prefix(prefix)?;
            // `para` and a label, not a label that starts with `para`.
            let next = after.chars().next()?;
            (next.is_whitespace() || next.is_ascii_digit() || prefix.ends_with('.'))
                .then(|| typed.get(prefix.len()..))
                .flatten()
        })
        .unwrap_or(typed);
    let label: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = label.chars().take_while(char::is_ascii_digit).count();
    match (label.get(..digits), label.get(digits..)) {
        (Some(number), Some(letter))
            if digits > 0
                && letter.chars().count() == 1
                && letter.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            format!("{number}({letter})")
        }
        _ => label,
    }
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

/// Chunk counts of one entry of the draft facet: a draft of a report, or
/// files of no report shown by one name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DraftStats {
    /// `apr1/rev1`, or the name files of no report are shown as.
    pub key: String,
    /// The report, or `none`.
    pub report: String,
    pub draft: Draft,
    /// The earliest date of its documents.
    pub date: Option<Date>,
    pub documents: usize,
    pub chunks: u64,
    /// By pillar name.
    pub pillars: Counts,
    /// Chunks whose wording was softened since the previous draft, and
    /// hardened (`history::strength`).
    pub softened: u64,
    pub hardened: u64,
    /// Matched pairs of square brackets over its documents' chunk texts,
    /// each document's read in order (`model::brackets`).
    pub brackets: usize,
    /// Distinct options (`….option-2` labels, an option counted once
    /// whatever the chunks under it).
    pub options: usize,
}

/// Documents and chunks of one kind of document, or of one symbol.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetStats {
    /// The kind (`draft-report`) or the symbol.
    pub name: String,
    pub documents: usize,
    pub chunks: u64,
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
    /// By kind of document, in the order of the kinds.
    pub doc_kinds: Vec<FacetStats>,
    /// By symbol, in natural order (documents without one left out).
    pub symbols: Vec<FacetStats>,
    /// Acronyms and compounds the analyzer learned.
    pub acronyms: usize,
    pub compounds: usize,
}

/// Chunks per draft and pillar, per kind of document and per symbol.
pub fn stats(index: &ChunkIndex) -> Result<Stats> {
    let searcher = index.reader.searcher();
    let (chunks, tallied) = search(index, &searcher, &AllQuery, &(Count, Tally))?;
    let softened = shifted(index, View::Softened)?;
    let hardened = shifted(index, View::Hardened)?;
    let drafts = index
        .entries
        .iter()
        .map(|entry| {
            let per_pillar = tallied.draft(&entry.column);
            DraftStats {
                softened: softened.get(&entry.key),
                hardened: hardened.get(&entry.key),
                brackets: entry.unsettled.brackets,
                options: entry.unsettled.options,
                key: entry.key.clone(),
                report: entry.report.clone(),
                draft: entry.draft,
                date: entry.date,
                documents: entry.documents,
                chunks: per_pillar.iter().sum(),
                pillars: pillars(per_pillar),
            }
        })
        .collect();
    let mut kind_documents: HashMap<&str, usize> = HashMap::new();
    let mut symbol_documents: HashMap<&str, usize> = HashMap::new();
    for document in index.state.documents() {
        *kind_documents.entry(document.kind.name()).or_default() += 1;
        if let Some(symbol) = &document.symbol {
            *symbol_documents.entry(symbol).or_default() += 1;
        }
    }
    let facet_stats = |counts: Counts, documents: &HashMap<&str, usize>| -> Vec<FacetStats> {
        counts
            .0
            .into_iter()
            .map(|(name, chunks)| FacetStats {
                documents: documents.get(name.as_str()).copied().unwrap_or(0),
                name,
                chunks,
            })
            .collect()
    };
    Ok(Stats {
        files: index.state.files.len(),
        documents: index.state.documents().count(),
        chunks: chunks as u64,
        pillars: pillars(tallied.pillars()),
        drafts,
        doc_kinds: facet_stats(doc_kind_counts(&tallied.doc_kinds), &kind_documents),
        symbols: facet_stats(natural_counts(&tallied.symbols), &symbol_documents),
        acronyms: index.state.lexicon.acronyms.len(),
        compounds: index.state.lexicon.compounds.len(),
    })
}

/// How many chunks of each draft (by draft-facet key) shifted in `view`
/// (`View::Softened` or `View::Hardened`) on any scale of the strength
/// table.
fn shifted(index: &ChunkIndex, view: View) -> Result<Counts> {
    let query = strength::scales()
        .iter()
        .map(|scale| format!("{}:{scale}", view.name()))
        .collect::<Vec<_>>()
        .join(" OR ");
    let request = Request {
        limit: 0,
        ..Request::new(query)
    };
    Ok(run(index, &request)?.facets.draft)
}

/// The counts of a search: per draft in the order of the index's
/// entries, per pillar in the mandate's order, per kind of document in
/// the kinds' order, per symbol in natural order; zeros left out.
fn facets(index: &ChunkIndex, tallied: &Tallied) -> Facets {
    Facets {
        pillar: pillars(tallied.pillars()),
        draft: draft_counts(index, |entry| tallied.draft(&entry.column).iter().sum()),
        doc_kind: doc_kind_counts(&tallied.doc_kinds),
        symbol: natural_counts(&tallied.symbols),
        author: natural_counts(&tallied.authors),
    }
}

/// Counts per entry of the draft facet, in the index's order; zeros left
/// out.
fn draft_counts(index: &ChunkIndex, count: impl Fn(&DraftEntry) -> u64) -> Counts {
    Counts(
        index
            .entries
            .iter()
            .filter_map(|entry| {
                let count = count(entry);
                (count > 0).then(|| (entry.key.clone(), count))
            })
            .collect(),
    )
}

/// Counts per kind of document, in the order of [`DocumentKind`]; zeros
/// left out.
fn doc_kind_counts(counts: &HashMap<String, u64>) -> Counts {
    let mut kinds: Vec<(Option<DocumentKind>, &String, u64)> = counts
        .iter()
        .filter(|(_, count)| **count > 0)
        .map(|(name, count)| (DocumentKind::from_name(name), name, *count))
        .collect();
    kinds.sort_by(|a, b| (a.0.is_none(), a.0, a.1).cmp(&(b.0.is_none(), b.0, b.1)));
    Counts(
        kinds
            .into_iter()
            .map(|(_, name, count)| (name.clone(), count))
            .collect(),
    )
}

/// Counts per name (symbol, author), in natural order; zeros left out.
fn natural_counts(counts: &HashMap<String, u64>) -> Counts {
    let mut symbols: Vec<(String, u64)> = counts
        .iter()
        .filter(|(_, count)| **count > 0)
        .map(|(name, count)| (name.clone(), *count))
        .collect();
    symbols.sort_by(|a, b| natural_order(&a.0, &b.0));
    Counts(symbols)
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

#[cfg(test)]
mod tests {
    use super::typed_label;

    #[test]
    fn labels_are_read_as_people_type_them() {
        for typed in [
            "16(a)",
            "16a",
            "16 (a)",
            "para 16(a)",
            "para. 16 (a)",
            "paragraph 16a",
            "Para.16(a)",
        ] {
            assert_eq!(typed_label(typed), "16(a)", "{typed}");
        }
        assert_eq!(typed_label("next-steps-E.2"), "next-steps-E.2");
        assert_eq!(typed_label("7(b)(vi)-deleted"), "7(b)(vi)-deleted");
        assert_eq!(typed_label("16"), "16");
        assert_eq!(typed_label("art.3(1)"), "art.3(1)");
        assert_eq!(
            typed_label("paragraphs"),
            "paragraphs",
            "a label, not `para`"
        );
    }
}
