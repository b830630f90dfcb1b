//! Each PDF given, read by each candidate crate: how far its words agree
//! with the `pdftotext` text beside the PDF (`NAME.pdftotext.txt`), how far
//! negotext's labels from it agree with the reference segmentation
//! (`NAME.labels.tsv`), and how fast it reads (median of `RUNS`, default 5).
//! `DUMP=DIR` writes each extracted text to `DIR/NAME.CRATE.txt`.
//!
//! Word agreement: 2 × words in common (Myers diff over whitespace-split
//! words) ÷ (words of both); reading order counts, as a word out of place
//! is not in common. Label agreement: the longest common subsequence of the
//! reference's labels and ours ÷ the reference's.

use std::path::{Path, PathBuf};
use std::time::Instant;

use negotext::corpus::Manifest;
use negotext::parse::parse_text;

type Reader = fn(&[u8]) -> Result<String, String>;

const READERS: [(&str, Reader); 2] = [("pdf_oxide", oxide), ("pdf-extract", extract)];

fn oxide(bytes: &[u8]) -> Result<String, String> {
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| e.to_string())?;
    let pages = doc.page_count().map_err(|e| e.to_string())?;
    let mut text = String::new();
    for page in 0..pages {
        text.push_str(&doc.extract_text(page).map_err(|e| e.to_string())?);
        text.push('\u{c}');
    }
    Ok(text)
}

fn extract(bytes: &[u8]) -> Result<String, String> {
    pdf_extract::extract_text_from_mem(bytes).map_err(|e| e.to_string())
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn word_agreement(a: &[&str], b: &[&str]) -> f64 {
    let diff = similar::TextDiffConfig::default()
        .algorithm(similar::Algorithm::Myers)
        .diff_slices(a, b);
    let same: usize = diff
        .ops()
        .iter()
        .map(|op| match op {
            similar::DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    2.0 * same as f64 / (a.len() + b.len()).max(1) as f64
}

fn common_subsequence(a: &[String], b: &[String]) -> usize {
    let mut previous = vec![0; b.len() + 1];
    for x in a {
        let mut current = vec![0];
        for (j, y) in b.iter().enumerate() {
            let value = if x == y {
                previous[j] + 1
            } else {
                previous[j + 1].max(current[j])
            };
            current.push(value);
        }
        previous = current;
    }
    previous[b.len()]
}

/// The labels of the reference segmentation beside `pdf`, if any.
fn reference_labels(pdf: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(sibling(pdf, "labels.tsv")).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next().map(str::to_string))
            .collect(),
    )
}

fn sibling(pdf: &Path, extension: &str) -> PathBuf {
    pdf.with_extension(extension)
}

fn label_agreement(name: &str, text: &str, reference: &[String]) -> (usize, f64) {
    let parsed = parse_text(&format!("{name}.txt"), text, &Manifest::builtin());
    let ours: Vec<String> = parsed.chunks.iter().map(|c| c.label.clone()).collect();
    let common = common_subsequence(reference, &ours);
    (ours.len(), common as f64 / reference.len().max(1) as f64)
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let dump = std::env::var_os("DUMP").map(PathBuf::from);
    println!(
        "| document | crate | words agreeing with pdftotext | labels agreeing with the reference (our chunks of its) | median s | MB/s |"
    );
    println!("|---|---|---:|---:|---:|---:|");
    for arg in std::env::args().skip(1) {
        let pdf = PathBuf::from(&arg);
        let Ok(bytes) = std::fs::read(&pdf) else {
            eprintln!("{arg}: cannot read");
            continue;
        };
        let name = pdf
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let pdftotext = std::fs::read_to_string(sibling(&pdf, "pdftotext.txt")).unwrap_or_default();
        let reference = reference_labels(&pdf).unwrap_or_default();
        for (crate_name, read) in READERS {
            let mut times = Vec::new();
            let mut text = Err(String::new());
            for _ in 0..runs {
                let start = Instant::now();
                text = std::panic::catch_unwind(|| read(&bytes))
                    .unwrap_or_else(|_| Err("panicked".to_string()));
                times.push(start.elapsed().as_secs_f64());
            }
            let seconds = median(times);
            let mb_per_s = bytes.len() as f64 / 1_048_576.0 / seconds;
            match text {
                Ok(text) => {
                    if let Some(dir) = &dump {
                        let _ = std::fs::write(dir.join(format!("{name}.{crate_name}.txt")), &text);
                    }
                    let words_agree = word_agreement(&words(&pdftotext), &words(&text));
                    let (chunks, labels) = label_agreement(&name, &text, &reference);
                    println!(
                        "| {name} | {crate_name} | {:.1}% | {:.1}% ({chunks} of {}) | {seconds:.3} | {mb_per_s:.2} |",
                        100.0 * words_agree,
                        100.0 * labels,
                        reference.len()
                    );
                }
                Err(e) => println!("| {name} | {crate_name} | error: {e} | | {seconds:.3} | |"),
            }
        }
    }
}
