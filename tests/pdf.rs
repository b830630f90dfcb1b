//! The PDFs of the real documents, read natively: each gives the labels
//! its `pdftotext` text gives, and agrees with its reference at least as
//! well (`tests/fixtures/real/dev/<stem>.pdf`).

mod real;

use negotext::corpus::Manifest;
use negotext::model::Format;
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
fn every_dev_pdf_gives_the_labels_of_its_pdftotext_text() {
    let mut differing = Vec::new();
    for stem in PDFS {
        let pdf = parse_pdf(stem);
        assert!(pdf.documents.iter().all(|d| d.format == Format::Pdf));
        if labels(&pdf) != labels(&real::parse("dev", stem)) {
            differing.push(stem);
        }
    }
    assert!(differing.is_empty(), "labels differ: {differing:?}");
}
