//! Parse throughput, from bytes to chunks.
//!
//! Run with `cargo bench --bench parse`. The files are read once, outside
//! the measurement; each iteration decodes, segments, cuts, reads and
//! repairs them.
//!
//! - `parse`: the shipped corpus, all five files together (checking the
//!   chunk count) and each alone.
//! - `parse/dev`: the real documents of the test fixtures
//!   (`tests/fixtures/real/dev/*.pdftotext.txt` and the `.txt` and `.md`
//!   sources of `tests/fixtures/real/dev2/`: treaties, resolutions, a
//!   report, negotiating texts), all together and each alone, with the
//!   built-in manifest as the tests parse them.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use negotext::corpus::{Manifest, list_files};
use negotext::parse::parse_bytes;

/// One benchmark per file of `files`, its throughput its size.
fn each_file(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    files: &[(String, Vec<u8>)],
    manifest: &Manifest,
) {
    for (name, file) in files {
        group.throughput(Throughput::Bytes(file.len() as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| parse_bytes(name, black_box(file), manifest).chunks.len())
        });
    }
}

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
    each_file(&mut group, &files, &manifest);
    group.finish();
}

/// The sources of the real test fixtures: not the references (`.tsv`)
/// nor the notes (`README.md`, `COUNTS.md`).
fn dev_sources() -> Vec<(String, Vec<u8>)> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut files = Vec::new();
    for dir in ["dev", "dev2"] {
        let mut names: Vec<String> = std::fs::read_dir(fixtures.join(dir))
            .expect("fixture directory lists")
            .map(|entry| {
                let entry = entry.expect("fixture entry");
                entry.file_name().to_string_lossy().into_owned()
            })
            .filter(|name| {
                (name.ends_with(".txt") || name.ends_with(".md"))
                    && !name.starts_with("README")
                    && !name.starts_with("COUNTS")
            })
            .collect();
        names.sort();
        for name in names {
            let bytes = std::fs::read(fixtures.join(dir).join(&name)).expect("fixture reads");
            files.push((name, bytes));
        }
    }
    files
}

fn parse_dev(c: &mut Criterion) {
    let manifest = Manifest::builtin();
    let files = dev_sources();
    assert_eq!(files.len(), 11, "the dev and dev2 sources");
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("parse/dev");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("all ({} files)", files.len()), |b| {
        b.iter(|| {
            let chunks: usize = files
                .iter()
                .map(|(name, bytes)| parse_bytes(name, black_box(bytes), &manifest).chunks.len())
                .sum();
            assert!(chunks > 3000, "{chunks} chunks");
            chunks
        })
    });
    each_file(&mut group, &files, &manifest);
    group.finish();
}

criterion_group!(benches, parse_corpus, parse_dev);
criterion_main!(benches);
