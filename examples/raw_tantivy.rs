//! The raw Tantivy baseline of `benches/compare.sh`: the same paragraphs
//! through tantivy's own `en_stem` analyzer and `QueryParser`, with no
//! domain parsing.
//!
//! ```text
//! cargo run --release --example raw_tantivy -- build --corpus DIR --index DIR
//! cargo run --release --example raw_tantivy -- query --index DIR --queries benches/queries.tsv --runs 50 [--json]
//! ```
//!
//! `build` reads every `*.txt` file of the corpus (nothing else), cuts it into
//! paragraphs at blank lines and indexes one document per paragraph: `text`
//! (`en_stem`, stored), `file` (stored), `draft` (the draft named by the file
//! name, for the draft filter) and the facet `/draft/<report>/<draft>` from
//! the file name (`2022-01-15-r081-rev1.txt` → `/draft/r081/rev1`; a name
//! without a report → `/draft/none/other`). Two indexing threads sharing
//! 128 MB — negotext's default budget — and one commit.
//!
//! `query` runs each query of the list (`kind<TAB>query<TAB>draft or -`)
//! `--runs` times after a few warm-up runs; each run is what `negotext
//! search` does for a page: the top 10, the total and the facet counts of
//! every match in one search (`FacetCollector` on `/draft`: counts per
//! report; `--facets draft`: on every `/draft/<report>`, counts per draft as
//! negotext gives them), then a snippet of each of the 10 hits from its
//! stored text. A space means AND, as in negotext. It prints p50/p99 per
//! query in ms (one JSON object with `--json`, every run's time included).

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, TermQuery,
};
use tantivy::schema::{
    Facet, FacetOptions, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexWriter, TantivyDocument, Term, doc};

#[path = "../benches/support/queries.rs"]
mod queries;
use queries::{print_results, read_queries};

/// negotext's default indexing memory budget, shared by the threads.
const WRITER_MEMORY: usize = 128 << 20;
const WRITER_THREADS: usize = 2;
/// Hits per page, as `negotext search` shows.
const PAGE: usize = 10;
/// Snippet length, as negotext's `SNIPPET_CHARS`.
const SNIPPET_CHARS: usize = 240;
/// Untimed runs before the timed ones.
const WARMUP_RUNS: usize = 3;

#[derive(Parser)]
#[command(about = "Raw Tantivy baseline: paragraphs through en_stem, no domain parsing")]
struct Opts {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the index from the corpus' *.txt files.
    Build {
        #[arg(long, value_name = "DIR")]
        corpus: PathBuf,
        /// Created; must not exist or be empty.
        #[arg(long, value_name = "DIR")]
        index: PathBuf,
    },
    /// Time the queries of a query list.
    Query {
        #[arg(long, value_name = "DIR")]
        index: PathBuf,
        #[arg(long, value_name = "FILE")]
        queries: PathBuf,
        #[arg(long, default_value_t = 50)]
        runs: usize,
        /// What the facet counts count: the children of `/draft` (per
        /// report), or of every `/draft/<report>` (per draft, as negotext).
        #[arg(long, value_enum, default_value_t = FacetDepth::Report)]
        facets: FacetDepth,
        /// One JSON object on stdout instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FacetDepth {
    Report,
    Draft,
}

fn main() -> Result<()> {
    match Opts::parse().command {
        Command::Build { corpus, index } => build(&corpus, &index),
        Command::Query {
            index,
            queries,
            runs,
            facets,
            json,
        } => query(&index, &queries, runs.max(1), facets, json),
    }
}

struct Fields {
    text: tantivy::schema::Field,
    file: tantivy::schema::Field,
    draft: tantivy::schema::Field,
    facet: tantivy::schema::Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text_options = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        text: builder.add_text_field("text", text_options),
        file: builder.add_text_field("file", STRING | STORED),
        draft: builder.add_text_field("draft", STRING),
        facet: builder.add_facet_field("facet", FacetOptions::default()),
    };
    (builder.build(), fields)
}

fn fields_of(schema: &Schema) -> Result<Fields> {
    Ok(Fields {
        text: schema.get_field("text")?,
        file: schema.get_field("file")?,
        draft: schema.get_field("draft")?,
        facet: schema.get_field("facet")?,
    })
}

/// `(report, draft)` from a generated file name: `2022-01-15-r081-rev1.txt`
/// → `("r081", "rev1")`; `("none", "other")` when the name has no report.
fn report_and_draft(file_name: &str) -> (String, String) {
    let stem = file_name.strip_suffix(".txt").unwrap_or(file_name);
    let parts: Vec<&str> = stem.splitn(5, '-').collect();
    if let [year, month, day, report, draft] = parts[..] {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let is_report = report.len() > 1
            && report.starts_with('r')
            && report[1..].bytes().all(|b| b.is_ascii_digit());
        if digits(year, 4) && digits(month, 2) && digits(day, 2) && is_report && !draft.is_empty() {
            return (report.to_string(), draft.to_string());
        }
    }
    ("none".to_string(), "other".to_string())
}

/// The paragraphs of `text`: runs of lines between blank (or
/// whitespace-only) lines.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

fn corpus_files(corpus: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(corpus).with_context(|| format!("reading {}", corpus.display()))? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("no *.txt file in {}", corpus.display());
    }
    Ok(files)
}

fn build(corpus: &Path, index_dir: &Path) -> Result<()> {
    let started = Instant::now();
    let files = corpus_files(corpus)?;
    fs::create_dir_all(index_dir)?;
    if fs::read_dir(index_dir)?.next().is_some() {
        bail!("{} is not empty", index_dir.display());
    }
    let (schema, fields) = schema();
    let index = Index::create_in_dir(index_dir, schema)?;
    let mut writer: IndexWriter = index.writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY)?;
    let (mut bytes, mut docs) = (0usize, 0usize);
    for path in &files {
        let raw = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        bytes += raw.len();
        let text = String::from_utf8_lossy(&raw);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (report, draft) = report_and_draft(&name);
        let facet = Facet::from_path(["draft", report.as_str(), draft.as_str()]);
        for paragraph in paragraphs(&text) {
            writer.add_document(doc!(
                fields.text => paragraph,
                fields.file => name.as_str(),
                fields.draft => draft.as_str(),
                fields.facet => facet.clone(),
            ))?;
            docs += 1;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "raw_tantivy: {} files, {docs} paragraphs, {:.1} MB in {secs:.2} s ({:.1} MB/s)",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}

fn query(
    index_dir: &Path,
    queries: &Path,
    runs: usize,
    facets: FacetDepth,
    json: bool,
) -> Result<()> {
    let index = Index::open_in_dir(index_dir)
        .with_context(|| format!("opening {}", index_dir.display()))?;
    let fields = fields_of(&index.schema())?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    // The facets whose children are counted: `/draft` (counts per report),
    // or with `--facets draft` every `/draft/<report>` (counts per draft,
    // as negotext's), listed once here.
    let parents: Vec<Facet> = match facets {
        FacetDepth::Report => vec![Facet::from("/draft")],
        FacetDepth::Draft => {
            let mut reports = FacetCollector::for_field("facet");
            reports.add_facet("/draft");
            searcher
                .search(&AllQuery, &reports)?
                .get("/draft")
                .map(|(facet, _)| facet.clone())
                .collect()
        }
    };
    let mut parser = QueryParser::for_index(&index, vec![fields.text]);
    // A space means AND, as in negotext.
    parser.set_conjunction_by_default();

    let mut results = Vec::new();
    for line in read_queries(queries)? {
        let parsed = parser
            .parse_query(&line.query)
            .with_context(|| format!("parsing {}", line.query))?;
        let query: Box<dyn Query> = match &line.draft {
            None => parsed,
            Some(draft) => {
                let term = match draft.split_once('/') {
                    Some((report, d)) => {
                        Term::from_facet(fields.facet, &Facet::from_path(["draft", report, d]))
                    }
                    None => Term::from_field_text(fields.draft, draft),
                };
                let filter: Box<dyn Query> = Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                    0.0,
                ));
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, parsed),
                    (Occur::Must, filter),
                ]))
            }
        };
        let run_once = || -> Result<usize> {
            let mut facets = FacetCollector::for_field("facet");
            for parent in &parents {
                facets.add_facet(parent.clone());
            }
            let top = TopDocs::with_limit(PAGE).order_by_score();
            let (hits, (total, counts)) = searcher.search(&*query, &(top, (Count, facets)))?;
            let mut by_facet: Vec<(String, u64)> = Vec::new();
            for parent in &parents {
                by_facet.extend(counts.get(parent.clone()).map(|(f, c)| (f.to_string(), c)));
            }
            let mut snippets = SnippetGenerator::create(&searcher, &*query, fields.text)?;
            snippets.set_max_num_chars(SNIPPET_CHARS);
            let mut page = Vec::with_capacity(hits.len());
            for (score, address) in hits {
                let doc: TantivyDocument = searcher.doc(address)?;
                let snippet = snippets.snippet_from_doc(&doc);
                page.push((score, snippet.to_html()));
            }
            black_box((&page, &by_facet));
            Ok(total)
        };
        let mut total = 0;
        for _ in 0..WARMUP_RUNS {
            total = run_once()?;
        }
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = Instant::now();
            black_box(run_once()?);
            times.push(started.elapsed().as_secs_f64() * 1e3);
        }
        results.push((line, total, times));
    }
    print_results("raw-tantivy", runs, &results, json);
    Ok(())
}
