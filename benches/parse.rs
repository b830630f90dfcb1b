//! Parse throughput: the whole shipped corpus, from bytes to chunks.
//!
//! Run with `cargo bench --bench parse`. The files are read once, outside
//! the measurement; each iteration decodes, segments, cuts, reads and
//! repairs all five files and checks the chunk count.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use negotext::corpus::{Manifest, list_files};
use negotext::parse::parse_bytes;

fn parse_corpus(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let manifest = Manifest::load(&dir).expect("shipped manifest");
    let files: Vec<(String, Vec<u8>)> = list_files(&dir)
        .expect("corpus lists")
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f.path).expect("corpus file reads");
            (f.name, bytes)
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("shipped corpus (5 files)", |b| {
        b.iter(|| {
            let chunks: usize = files
                .iter()
                .map(|(name, bytes)| parse_bytes(name, black_box(bytes), &manifest).chunks.len())
                .sum();
            assert_eq!(chunks, 299);
            chunks
        })
    });
    for (name, file) in &files {
        group.throughput(Throughput::Bytes(file.len() as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| parse_bytes(name, black_box(file), &manifest).chunks.len())
        });
    }
    group.finish();
}

criterion_group!(benches, parse_corpus);
criterion_main!(benches);
