//! The PDFs of the real documents, read natively: each gives the labels
//! its `pdftotext` text gives, and agrees with its reference at least as
//! well (`tests/fixtures/real/dev/<stem>.pdf`).

mod real;

use negotext::corpus::Manifest;
use negotext::model::Format;
use std::collections::BTreeSet;

use negotext::parse::{ParsedFile, parse_bytes};
use real::{agreement, expected, fixtures};

const PDFS: [&str; 6] = [
    "2023-08-01-A-RES-77-321",
    "2024-04-24-A-RES-78-272",
    "2024-08-13-decision-78-560",
    "2023-06-19-bbnj-agreement-en",
    "2023-06-19-bbnj-agreement-fr",
    "2026-04-02-bbnj-prepcom3-report-advance",
];

fn parse_pdf(stem: &str) -> ParsedFile {
    let name = format!("{stem}.pdf");
    let bytes = std::fs::read(fixtures().join("dev").join(&name)).expect("a dev PDF");
    parse_bytes(&name, &bytes, &Manifest::builtin())
}

fn labels(parsed: &ParsedFile) -> Vec<String> {
    parsed.chunks.iter().map(|c| c.label.clone()).collect()
}

/// Prints how each PDF agrees with its reference and with its `pdftotext`
/// text (run with `--nocapture`; `NEGOTEXT_DIFF=<stem>` prints the
/// labels that differ).
#[test]
fn pdf_agreement_report() {
    let wanted = std::env::var("NEGOTEXT_DIFF").unwrap_or_default();
    for stem in PDFS {
        let pdf = parse_pdf(stem);
        let text = real::parse("dev", stem);
        let a = agreement(&pdf.chunks, &expected("dev", stem));
        println!(
            "{stem:<44} ref {:>5} pdf {:>5} pdftotext {:>5} labels {:>6.1}% texts {:>6.1}%",
            a.reference,
            a.ours,
            text.chunks.len(),
            100.0 * a.label_ratio(),
            100.0 * a.text_ratio(),
        );
        if !wanted.is_empty() && stem.contains(&wanted) {
            if let Ok(dir) = std::env::var("NEGOTEXT_DUMP") {
                let bytes = std::fs::read(fixtures().join("dev").join(format!("{stem}.pdf")));
                let decoded = negotext::corpus::extract("x.pdf", &bytes.expect("a PDF"), 1 << 30);
                if let negotext::corpus::Decoded::Text { text, .. } = decoded {
                    std::fs::write(format!("{dir}/{stem}.txt"), text).expect("a dump");
                }
            }
            let (old, new) = (labels(&text), labels(&pdf));
            let old: Vec<&str> = old.iter().map(String::as_str).collect();
            let new: Vec<&str> = new.iter().map(String::as_str).collect();
            let diff = similar::TextDiff::from_slices(&old, &new);
            for change in diff
                .iter_all_changes()
                .filter(|c| c.tag() != similar::ChangeTag::Equal)
            {
                println!("  {}{}", change.tag(), change.value());
            }
            for d in &a.differences {
                println!("  {d}");
            }
        }
    }
}

#[test]
fn resolutions_and_the_decision_are_cut_exactly_as_their_references() {
    for stem in PDFS.iter().take(3) {
        let pdf = parse_pdf(stem);
        assert!(pdf.documents.iter().all(|d| d.format == Format::Pdf));
        let a = agreement(&pdf.chunks, &expected("dev", stem));
        assert!(a.exact(), "{stem}:\n{}", a.differences.join("\n"));
        assert_eq!(labels(&pdf), labels(&real::parse("dev", stem)), "{stem}");
    }
}

/// Read from the PDF, the treaty is cut as its reference where `pdftotext`
/// scrambled it (`extractor-damage.tsv`); it differs only where the PDF
/// reader loses text (`pdf-reader-damage.tsv`).
#[test]
fn the_treaty_pdfs_differ_from_their_references_only_where_the_reader_loses_text() {
    let damage = real::pdf_reader_damage();
    for stem in [
        "2023-06-19-bbnj-agreement-en",
        "2023-06-19-bbnj-agreement-fr",
    ] {
        let pdf = parse_pdf(stem);
        // The reader says where it lost characters, once per file.
        let lost = pdf
            .warnings
            .iter()
            .filter(|w| w.message.contains("in a font without a map to text"))
            .count();
        let loses = damage.iter().any(|d| d.stem == stem);
        assert_eq!(lost, usize::from(loses), "{stem}: {:?}", pdf.warnings);
        let a = agreement(&pdf.chunks, &expected("dev", stem));
        let found: BTreeSet<String> = a.differing().into_iter().collect();
        let listed: BTreeSet<String> = damage
            .iter()
            .filter(|d| d.stem == stem)
            .map(|d| d.difference.clone())
            .collect();
        assert_eq!(found, listed, "{stem}:\n{}", a.differences.join("\n"));
        let mended = real::extractor_damage();
        assert!(mended.iter().any(|d| d.stem == stem));
        for d in mended.iter().filter(|d| d.stem == stem) {
            assert!(!found.contains(&d.difference), "{stem}: {}", d.difference);
        }
    }
}

/// Every dev PDF gives the labels of its `pdftotext` text, but for the
/// items `pdftotext` scrambled out of existence (`miss` lines of
/// `extractor-damage.tsv`), which the PDF gives.
#[test]
fn every_dev_pdf_gives_the_labels_of_its_pdftotext_text() {
    let damage = real::extractor_damage();
    for stem in PDFS {
        let missed: Vec<&str> = damage
            .iter()
            .filter(|d| d.stem == stem)
            .filter_map(|d| d.difference.strip_prefix("miss "))
            .collect();
        let pdf = labels(&parse_pdf(stem));
        for label in &missed {
            assert!(pdf.iter().any(|l| l == label), "{stem}: no {label}");
        }
        let without: Vec<String> = pdf
            .into_iter()
            .filter(|l| !missed.contains(&l.as_str()))
            .collect();
        assert_eq!(without, labels(&real::parse("dev", stem)), "{stem}");
    }
}

/// Every chunk of a PDF has its pages, in order through the document,
/// within the file's pages.
#[test]
fn every_pdf_chunk_knows_its_pages() {
    for (stem, pages) in [
        ("2024-04-24-A-RES-78-272", 4),
        ("2023-06-19-bbnj-agreement-en", 64),
    ] {
        let pdf = parse_pdf(stem);
        let mut last = 0;
        for chunk in &pdf.chunks {
            let range = chunk
                .pages
                .unwrap_or_else(|| panic!("{stem} {}: no pages", chunk.label));
            assert!(1 <= range.start && range.start <= range.end && range.end <= pages);
            assert!(
                range.start >= last,
                "{stem} {}: {range:?} after {last}",
                chunk.label
            );
            last = range.start;
        }
        assert!(last > pages / 2, "{stem}: the last chunk on page {last}");
    }
    let resolution = parse_pdf("2024-04-24-A-RES-78-272");
    let pp3 = resolution
        .chunks
        .iter()
        .find(|c| c.label == "PP3")
        .expect("PP3");
    // PP3 runs from page 1 to page 2 across its footnotes (README of dev/).
    assert_eq!(pp3.pages.map(|p| (p.start, p.end)), Some((1, 2)));
}

/// The French treaty prints its title and headings in a font embedded
/// without any map to text; the reader reads it by the font's glyph order,
/// which the widths of the same font embedded on the same pages bear out
/// (`src/corpus/pdf_glyphs.rs`): every letter, apostrophe and space is
/// there, part headings too, and nothing is reported lost.
#[test]
fn a_font_without_a_map_to_text_is_read_by_its_glyph_order() {
    let pdf = parse_pdf("2023-06-19-bbnj-agreement-fr");
    let title = pdf
        .chunks
        .iter()
        .find(|c| c.label == "title")
        .expect("a title");
    let text = title.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(
            "PORTANT SUR LA CONSERVATION ET L’UTILISATION DURABLE DE LA DIVERSITE \
             BIOLOGIQUE MARINE DES ZONES NE RELEVANT PAS"
        ),
        "{text}"
    );
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    let article = pdf
        .chunks
        .iter()
        .find(|c| c.label == "art.1(1)")
        .expect("art. 1(1)");
    let part = article.section.as_ref().map(|s| s.heading.as_str());
    assert_eq!(part, Some("DISPOSITIONS GÉNÉRALES"), "{article:?}");
}
