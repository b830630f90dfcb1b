//! In-process query latency of negotext, through its library: the
//! counterpart of `raw_tantivy query` in `benches/compare.sh`.
//!
//! ```text
//! target/release/negotext index --corpus DIR --index INDEX
//! cargo run --release --example query_latency -- --index INDEX --queries benches/queries.tsv --runs 50 [--json]
//! ```
//!
//! The index is opened once; each query of the list (`kind<TAB>query<TAB>draft
//! or -`) then goes `--runs` times, after a few warm-up runs, through
//! `negotext::search::run` with the defaults of `negotext search` (10 hits,
//! `--draft` from the third column): parsing, the search, the total and the
//! facet counts of every match, the stored records and the snippets of the
//! page. Prints p50/p99 per query in ms (one JSON object with `--json`, every
//! run's time included).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use negotext::index::ChunkIndex;
use negotext::search::{Filters, Request, run};

#[path = "../benches/support/queries.rs"]
mod queries;
use queries::{print_results, read_queries};

/// Untimed runs before the timed ones.
const WARMUP_RUNS: usize = 3;

#[derive(Parser)]
#[command(about = "In-process query latency of negotext::search::run")]
struct Opts {
    #[arg(long, value_name = "DIR")]
    index: PathBuf,
    #[arg(long, value_name = "FILE")]
    queries: PathBuf,
    #[arg(long, default_value_t = 50)]
    runs: usize,
    /// One JSON object on stdout instead of a table.
    #[arg(long)]
    json: bool,
    /// Phrases through the words' positions, not the word-pair field (to
    /// measure what the pairs save).
    #[arg(long)]
    no_pairs: bool,
}

fn main() -> Result<()> {
    let opts = Opts::parse();
    let runs = opts.runs.max(1);
    let index = ChunkIndex::open(&opts.index)
        .with_context(|| format!("opening {}", opts.index.display()))?;
    let mut results = Vec::new();
    for line in read_queries(&opts.queries)? {
        let request = Request {
            filters: Filters {
                drafts: line.draft.iter().cloned().collect(),
                ..Filters::default()
            },
            pairs: !opts.no_pairs,
            ..Request::new(line.query.as_str())
        };
        let mut total = 0;
        for _ in 0..WARMUP_RUNS {
            total = run(&index, &request)
                .with_context(|| format!("searching {}", line.query))?
                .total;
        }
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = Instant::now();
            let results = run(&index, &request)?;
            black_box(&results);
            times.push(started.elapsed().as_secs_f64() * 1e3);
        }
        results.push((line, total, times));
    }

    let engine = if opts.no_pairs {
        "negotext-positions"
    } else {
        "negotext"
    };
    print_results(engine, runs, &results, opts.json);
    Ok(())
}
