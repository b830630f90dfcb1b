//! Real UN documents and their reference segmentations
//! (`tests/fixtures/real/`, copied from `../shared/real/`; see the READMEs
//! there): how negotext cuts each one, measured against the reference.
//!
//! A reference line gives a chunk's label, its first 8 and last 5 words
//! and its section. A chunk agrees with its reference when the labels are
//! equal and its text starts and ends with those words, whitespace
//! normalised (runs of spaces are one; a space before `:`, `;`, `?`, `!`,
//! which French sets and the reference counts as a word boundary, is
//! dropped on both sides). Agreement is counted in order: the longest run
//! of reference chunks that the parse gives in the same order.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use negotext::corpus::Manifest;
use negotext::model::Chunk;
use negotext::parse::{ParsedFile, parse_text};

/// One line of a `<stem>.labels.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub label: String,
    pub first: Vec<String>,
    pub last: Vec<String>,
    pub section: String,
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

/// The reference of `dir/stem`.
pub fn reference(dir: &str, stem: &str) -> Vec<Reference> {
    let path = fixtures().join(dir).join(format!("{stem}.labels.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut fields = line.split('\t');
            let mut next = || fields.next().unwrap_or("").to_string();
            Reference {
                label: next(),
                first: words(&next()),
                last: words(&next()),
                section: next(),
            }
        })
        .collect()
}

/// A reference line negotext deliberately does not follow
/// (`tests/fixtures/real/deviations.tsv`, each with its reason).
#[derive(Debug, Clone)]
pub struct Deviation {
    pub stem: String,
    pub label: String,
    pub field: String,
    pub ours: String,
    pub why: String,
}

/// The rows of a tab-separated fixture, comment lines (`#`) left out, each
/// with `width` fields (missing ones empty).
fn rows(name: &str, width: usize) -> Vec<Vec<String>> {
    let path = fixtures().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut fields: Vec<String> = line.split('\t').map(str::to_string).collect();
            fields.resize(width, String::new());
            fields
        })
        .collect()
}

pub fn deviations() -> Vec<Deviation> {
    rows("deviations.tsv", 5)
        .into_iter()
        .map(|f| {
            let [stem, label, field, ours, why] = <[String; 5]>::try_from(f).unwrap();
            Deviation {
                stem,
                label,
                field,
                ours,
                why,
            }
        })
        .collect()
}

/// A difference from a reference that the extractor's damage explains
/// (`extractor-damage.tsv`).
#[derive(Debug)]
pub struct Damage {
    pub stem: String,
    /// As [`Agreement::differing`] writes it: `text art.15(4)(a)`.
    pub difference: String,
    pub what: String,
}

pub fn extractor_damage() -> Vec<Damage> {
    damage("extractor-damage.tsv")
}

/// What the PDF reader loses (`pdf-reader-damage.tsv`), as
/// [`extractor_damage`] lists what `pdftotext` scrambled.
#[allow(dead_code)]
pub fn pdf_reader_damage() -> Vec<Damage> {
    damage("pdf-reader-damage.tsv")
}

fn damage(file: &str) -> Vec<Damage> {
    rows(file, 4)
        .into_iter()
        .map(|f| {
            let [stem, difference, _lines, what] = <[String; 4]>::try_from(f).unwrap();
            assert!(
                !what.is_empty(),
                "damage without what the extractor did: {stem} {difference}"
            );
            Damage {
                stem,
                difference,
                what,
            }
        })
        .collect()
}

/// The reference of `dir/stem` with the deviations applied: what negotext
/// must give.
pub fn expected(dir: &str, stem: &str) -> Vec<Reference> {
    let mut lines = reference(dir, stem);
    for d in deviations().into_iter().filter(|d| d.stem == stem) {
        assert!(!d.why.is_empty(), "deviation without a reason: {d:?}");
        let at = lines
            .iter()
            .position(|r| r.label == d.label)
            .unwrap_or_else(|| panic!("deviation for a label the reference lacks: {d:?}"));
        match d.field.as_str() {
            "label" if d.ours == "-" => {
                lines.remove(at);
            }
            "label" => lines[at].label = d.ours.clone(),
            "first" => lines[at].first = words(&d.ours),
            "last" => lines[at].last = words(&d.ours),
            other => panic!("unknown deviation field {other:?}"),
        }
    }
    lines
}

/// The source file of a fixture (`.pdftotext.txt`, `.txt` or `.md`).
pub fn source(dir: &str, stem: &str) -> (String, String) {
    for ext in ["pdftotext.txt", "txt", "md"] {
        let name = format!("{stem}.{ext}");
        let path = fixtures().join(dir).join(&name);
        if let Ok(bytes) = std::fs::read(&path) {
            return (name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    panic!("no source for {dir}/{stem}");
}

pub fn parse(dir: &str, stem: &str) -> ParsedFile {
    let (name, text) = source(dir, stem);
    parse_text(&name, &text, &Manifest::builtin())
}

/// Words after whitespace normalisation.
pub fn words(text: &str) -> Vec<String> {
    let text = text
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace('\u{2060}', "");
    let mut out: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let glued = word.starts_with([':', ';', '?', '!']);
        match out.last_mut() {
            Some(previous) if glued => previous.push_str(word),
            _ => out.push(word.to_string()),
        }
    }
    out
}

/// Whether a chunk's text starts and ends with a reference's words,
/// whitespace aside (the reference counts a French `:` set off by a space
/// as a word; negotext's text may glue it).
pub fn text_agrees(chunk: &Chunk, reference: &Reference) -> bool {
    let squeeze = |words: &[String]| -> String {
        words
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let ours = squeeze(&words(&chunk.text));
    ours.starts_with(&squeeze(&reference.first)) && ours.ends_with(&squeeze(&reference.last))
}

/// How a parse agrees with a reference.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub reference: usize,
    pub ours: usize,
    /// Reference chunks given in order with the same label.
    pub labels: usize,
    /// Of those, the ones whose text starts and ends right.
    pub texts: usize,
    /// The differences, one line each, for a report.
    pub differences: Vec<String>,
}

impl Agreement {
    pub fn label_ratio(&self) -> f64 {
        self.labels as f64 / self.reference.max(1) as f64
    }

    pub fn text_ratio(&self) -> f64 {
        self.texts as f64 / self.reference.max(1) as f64
    }

    /// Each difference as `text LABEL`, `miss LABEL` or `extra LABEL`.
    pub fn differing(&self) -> Vec<String> {
        self.differences
            .iter()
            .map(|d| d.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
            .collect()
    }

    pub fn exact(&self) -> bool {
        self.labels == self.reference && self.texts == self.reference && self.ours == self.reference
    }
}

/// Compares the chunks of a parse with a reference (longest common
/// subsequence of labels).
pub fn agreement(chunks: &[Chunk], reference: &[Reference]) -> Agreement {
    let (n, m) = (reference.len(), chunks.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if reference[i].label == chunks[j].label {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut agreement = Agreement {
        reference: n,
        ours: m,
        labels: 0,
        texts: 0,
        differences: Vec::new(),
    };
    while i < n || j < m {
        if i < n && j < m && reference[i].label == chunks[j].label {
            agreement.labels += 1;
            if text_agrees(&chunks[j], &reference[i]) {
                agreement.texts += 1;
            } else {
                let ours = words(&chunks[j].text);
                agreement.differences.push(format!(
                    "text  {:<28} ref {:?} … {:?}\n      {:<28} got {:?} … {:?}",
                    reference[i].label,
                    reference[i].first.join(" "),
                    reference[i].last.join(" "),
                    "",
                    ours.iter().take(8).cloned().collect::<Vec<_>>().join(" "),
                    ours.iter()
                        .skip(ours.len().saturating_sub(5))
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "),
                ));
            }
            i += 1;
            j += 1;
        } else if j < m && (i == n || table[i][j + 1] >= table[i + 1][j]) {
            agreement.differences.push(format!(
                "extra {:<28} L{} {:?}",
                chunks[j].label,
                chunks[j].lines.start,
                chunks[j].text.chars().take(70).collect::<String>()
            ));
            j += 1;
        } else {
            agreement.differences.push(format!(
                "miss  {:<28} ref {:?}",
                reference[i].label,
                reference[i].first.join(" ")
            ));
            i += 1;
        }
    }
    agreement
}

/// Every document of the development sets: (folder, stem).
pub const DOCUMENTS: [(&str, &str); 11] = [
    ("dev", "2023-08-01-A-RES-77-321"),
    ("dev", "2024-04-24-A-RES-78-272"),
    ("dev", "2024-08-13-decision-78-560"),
    ("dev", "2023-06-19-bbnj-agreement-en"),
    ("dev", "2023-06-19-bbnj-agreement-fr"),
    ("dev", "2026-04-02-bbnj-prepcom3-report-advance"),
    ("dev2", "2025-10-13-A-C.1-80-L.20"),
    ("dev2", "2025-12-05-A-RES-80-16"),
    ("dev2", "2015-10-23-paris-draft-agreement"),
    ("dev2", "2015-12-04-paris-draft-agreement"),
    ("dev2", "2015-02-12-geneva-negotiating-text"),
];
