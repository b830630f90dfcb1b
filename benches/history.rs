//! Linking the drafts of a report: alignment and word diffs together.
//!
//! Run with `cargo bench --bench history`. `history/link apr1` is what the
//! indexer does for the first annual progress report: align Zero Draft →
//! Rev.1 → CRP.1 (259 chunks), name the lineages, and diff every version
//! against the one it continues. `history/diff` is one word diff (Rev.1
//! 10(a) → CRP.1 16(a)). The files are parsed once, outside the
//! measurement. (`benches/align.rs` measures alignment alone, and how it
//! scales on larger generated drafts.)

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use negotext::analysis::{self, Lexicon};
use negotext::corpus::Decoded;
use negotext::corpus::{Corpus, decode};
use negotext::history::diff::WordDiff;
use negotext::history::lineage::link_report;
use negotext::model::Record;
use negotext::parse::parse_bytes;

fn link(c: &mut Criterion) {
    let corpus = Corpus::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .expect("shipped corpus");
    let mut texts = Vec::new();
    let mut records = Vec::new();
    for file in &corpus.files {
        let bytes = std::fs::read(&file.path).expect("corpus file reads");
        if let Decoded::Text { text, .. } = decode(&bytes) {
            texts.push(text);
        }
        let parsed = parse_bytes(&file.name, &bytes, &corpus.manifest);
        records.extend(
            Record::of(parsed.documents, parsed.chunks)
                .filter(|record| record.document.report.as_deref() == Some("apr1")),
        );
    }
    let lexicon = Lexicon::learn(texts.iter().map(String::as_str), &corpus.glossary);
    let analyzer = analysis::analyzer(&lexicon);
    let mut group = c.benchmark_group("history");
    group.bench_function("link apr1", |b| {
        b.iter(|| {
            let mut linked = records.clone();
            link_report(black_box(&mut linked), &mut analyzer.clone());
            let links = linked
                .iter()
                .filter(|r| !r.links.previous.is_empty())
                .count();
            assert!(links > 100, "most paragraphs continue one before: {links}");
            links
        })
    });
    let text = |draft: &str, label: &str| {
        records
            .iter()
            .find(|r| r.document.draft.short() == draft && r.chunk.label == label)
            .map(|r| r.chunk.text.clone())
            .expect("the paragraph is parsed")
    };
    let (old, new) = (text("rev1", "10(a)"), text("crp1", "16(a)"));
    group.bench_function("diff", |b| {
        b.iter(|| {
            let diff = WordDiff::between(black_box(&old), black_box(&new));
            assert!(!diff.is_unchanged());
            diff.segments.len()
        })
    });
    group.finish();
}

criterion_group!(benches, link);
criterion_main!(benches);
