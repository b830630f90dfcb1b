//! Throughput and latency at scale, on the shipped corpus and on a
//! generated corpus (100 MB unless `NEGOTEXT_BENCH_MB` says otherwise).
//!
//! Run with `cargo bench --bench scale`. The generated corpus is made once by
//! `examples/gen_corpus.rs` (seed 42) and cached outside the repository, in
//! `$NEGOTEXT_BENCH_DIR` (default `~/.cache/negotext-bench`) as
//! `corpus-<MB>m` — the directory `benches/compare.sh` uses too. Measured,
//! per corpus:
//!
//! - `parse/<corpus>`: every file decoded and parsed into chunks on one
//!   core (throughput in MB/s);
//! - `build/<corpus>`: corpus → a new on-disk index with the default writer
//!   budget (128 MB, two indexing threads on two cores): scan, parse, link
//!   the drafts, index, commit (MB/s);
//! - `query/<corpus>/<kind>/<query>`: each query of `benches/queries.tsv`,
//!   in-process on the built index, with its top 10 hits, their snippets
//!   and the facet counts of every match — the work of one `negotext
//!   search`. Each iteration checks that the query found something.

#[path = "support/generated.rs"]
mod generated;
#[path = "support/queries.rs"]
mod queries;

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use generated::{bench_mb, generated};
use negotext::corpus::Corpus;
use negotext::index::{self, ChunkIndex};
use negotext::parse;
use negotext::search::{self, Filters, Request};
use queries::{QUERY_LIST, read_queries};

/// The corpora measured: the shipped one and the generated one.
fn corpora() -> Vec<(String, PathBuf)> {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mb = bench_mb();
    vec![
        ("shipped".to_string(), shipped),
        (format!("gen-{mb}m"), generated(mb)),
    ]
}

/// Bytes of the corpus files.
fn corpus_bytes(corpus: &Corpus) -> u64 {
    corpus
        .files
        .iter()
        .map(|f| std::fs::metadata(&f.path).map_or(0, |m| m.len()))
        .sum()
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for (name, dir) in corpora() {
        let corpus = Corpus::open(&dir).expect("corpus opens");
        let files: Vec<(String, Vec<u8>)> = corpus
            .files
            .iter()
            .map(|f| (f.name.clone(), std::fs::read(&f.path).expect("file reads")))
            .collect();
        let bytes: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(&name, |b| {
            b.iter(|| {
                let chunks: usize = files
                    .iter()
                    .map(|(name, bytes)| {
                        parse::parse_bytes(name, bytes, &corpus.manifest)
                            .chunks
                            .len()
                    })
                    .sum();
                assert!(chunks > 0);
            })
        });
    }
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    for (name, dir) in corpora() {
        let corpus = Corpus::open(&dir).expect("corpus opens");
        group.throughput(Throughput::Bytes(corpus_bytes(&corpus)));
        group.bench_function(&name, |b| {
            b.iter_batched(
                || tempfile::tempdir().expect("a temp dir"),
                |index_dir| {
                    let report = index::update(&corpus, index_dir.path()).expect("index builds");
                    assert!(report.chunks > 0);
                    index_dir
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

fn query(c: &mut Criterion) {
    let lines = read_queries(Path::new(QUERY_LIST)).expect("query list reads");
    let mut group = c.benchmark_group("query");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for (name, dir) in corpora() {
        let corpus = Corpus::open(&dir).expect("corpus opens");
        let index_dir = tempfile::tempdir().expect("a temp dir");
        index::update(&corpus, index_dir.path()).expect("index builds");
        let index = ChunkIndex::open(index_dir.path()).expect("index opens");
        for line in &lines {
            let request = Request {
                filters: Filters {
                    drafts: line.draft.iter().cloned().collect(),
                    ..Filters::default()
                },
                ..Request::new(line.query.as_str())
            };
            // Only the queries this corpus answers (the shipped corpus has
            // not every word, nor a Rev.1 of every report).
            if !search::run(&index, &request).is_ok_and(|found| found.total > 0) {
                continue;
            }
            let draft = line.draft.as_deref().map(|d| format!(" --draft {d}"));
            let id = format!(
                "{name}/{}/{}{}",
                line.kind,
                line.query,
                draft.unwrap_or_default()
            );
            group.bench_function(id, |b| {
                b.iter(|| {
                    let results = search::run(&index, &request).expect("query runs");
                    assert!(results.total > 0 && !results.hits.is_empty());
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, parse, build, query);
criterion_main!(benches);
