//! Index build and query latency on the shipped corpus.
//!
//! Run with `cargo bench --bench search`. Measured:
//!
//! - `index/build`: corpus → a new on-disk index (read, fingerprint, learn
//!   the lexicon, parse in parallel, write, commit), into a fresh directory
//!   each iteration;
//! - `index/check`: what every search pays to know the index is fresh
//!   (read and fingerprint every file, read the commit payload);
//! - `query/*`: a fixed mix run in-process on an opened index — parse,
//!   analyse, search with facets over all matches, and build the top 10
//!   hits with snippets and highlights. Each iteration checks the hit
//!   count, so a query that silently found nothing would fail the bench.

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use negotext::corpus::Corpus;
use negotext::index::{self, ChunkIndex};
use negotext::search::{self, Filters, Request};

fn corpus() -> Corpus {
    Corpus::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).expect("shipped corpus")
}

fn build(c: &mut Criterion) {
    let corpus = corpus();
    let mut group = c.benchmark_group("index");
    group.sample_size(20);
    group.bench_function("build", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temp dir"),
            |dir| {
                let report = index::update(&corpus, dir.path()).expect("index builds");
                assert_eq!(report.chunks, 299);
                dir
            },
            BatchSize::PerIteration,
        )
    });
    let dir = tempfile::tempdir().expect("a temp dir");
    index::update(&corpus, dir.path()).expect("index builds");
    group.bench_function("check", |b| {
        b.iter(|| {
            let plan = index::check(black_box(&corpus), dir.path()).expect("check runs");
            assert!(plan.is_fresh());
        })
    });
    group.finish();
}

fn queries(c: &mut Criterion) {
    let corpus = corpus();
    let dir = tempfile::tempdir().expect("a temp dir");
    index::update(&corpus, dir.path()).expect("index builds");
    let index = ChunkIndex::open(dir.path()).expect("index opens");
    let with_draft = |query: &str, draft: &str| Request {
        filters: Filters {
            drafts: vec![draft.to_string()],
            ..Filters::default()
        },
        ..Request::new(query)
    };
    // (name, request, expected total hits)
    let mix = [
        ("term", Request::new("States"), None),
        (
            "phrase",
            Request::new("\"inter-governmental points of contact\""),
            Some(4),
        ),
        (
            "phrase+draft",
            with_draft("\"inter-governmental points of contact\"", "crp1"),
            Some(2),
        ),
        (
            "boolean",
            Request::new("(PoC OR CBM) -directory capacity"),
            None,
        ),
        ("acronym", Request::new("CII"), None),
    ];
    let mut group = c.benchmark_group("query");
    for (name, request, expected) in &mix {
        let total = search::run(&index, request).expect("query runs").total;
        assert!(total > 0, "{name} finds something");
        if let Some(expected) = expected {
            assert_eq!(total, *expected, "{name}");
        }
        group.bench_function(*name, |b| {
            b.iter(|| {
                let results = search::run(&index, black_box(request)).expect("query runs");
                assert_eq!(results.total, total);
                results.hits.len()
            })
        });
    }
    group.bench_function("mix", |b| {
        b.iter(|| {
            mix.iter()
                .map(|(_, request, _)| {
                    search::run(&index, black_box(request))
                        .map(|r| r.total)
                        .unwrap_or(0)
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, build, queries);
criterion_main!(benches);
