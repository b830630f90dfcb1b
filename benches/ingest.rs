//! Ingestion throughput of the formats negotext reads natively: PDF and
//! Word (DOCX) files, in MB/s of the file as it lies on disk.
//!
//! Run with `cargo bench --bench ingest`. The files are read once, outside
//! the measurement. For each file two numbers:
//!
//! - `read`: the reader alone, from the file's bytes to the text the
//!   grammars read ([`negotext::corpus::extract`]);
//! - `parse`: reading and cutting into chunks
//!   ([`negotext::parse::parse_bytes`]), what `negotext index` does per file
//!   before the index.
//!
//! Files: the real PDFs of `tests/fixtures/real/dev/` (resolutions, a
//! decision, the BBNJ Agreement in English and French, an 80-page report),
//! and the Word files of `tests/fixtures/docx/`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use negotext::corpus::{DEFAULT_MAX_FILE_SIZE, Decoded, Manifest, extract};
use negotext::parse::parse_bytes;

/// The files of `dir` ending in `.extension`, read, in name order.
fn files(dir: &str, extension: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == extension))
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, std::fs::read(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn ingest(c: &mut Criterion, group_name: &str, files: &[(String, Vec<u8>)]) {
    let manifest = Manifest::builtin();
    let mut group = c.benchmark_group(group_name);
    group.sample_size(10);
    for (name, bytes) in files {
        // A file that does not read would measure nothing.
        let read = extract(name, bytes, DEFAULT_MAX_FILE_SIZE);
        assert!(matches!(read, Decoded::Text { .. }), "{name}: {read:?}");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("read/{name}"), |b| {
            b.iter(
                || match extract(name, black_box(bytes), DEFAULT_MAX_FILE_SIZE) {
                    Decoded::Text { text, .. } => text.len(),
                    _ => 0,
                },
            )
        });
        group.bench_function(format!("parse/{name}"), |b| {
            b.iter(|| parse_bytes(name, black_box(bytes), &manifest).chunks.len())
        });
    }
    group.finish();
}

fn pdf(c: &mut Criterion) {
    ingest(c, "ingest/pdf", &files("tests/fixtures/real/dev", "pdf"));
}

fn docx(c: &mut Criterion) {
    ingest(c, "ingest/docx", &files("tests/fixtures/docx", "docx"));
}

criterion_group!(benches, pdf, docx);
criterion_main!(benches);
