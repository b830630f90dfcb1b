//! A deterministic scale corpus: many long negotiations, grown from the shipped drafts.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --mb 100 --out /tmp/corpus-100m [--seed 42] [--from corpus]
//! negotext index --corpus /tmp/corpus-100m --index /tmp/corpus-100m-index
//! ```
//!
//! The generator reads the files of the shipped corpus (`--from`, by default
//! `corpus/` of this crate), cuts them into paragraphs, sub-items, next steps,
//! sentences, footnotes and a word list, and writes a corpus of about `--mb`
//! megabytes: reports `r001`, `r002`, … each negotiated through successive
//! drafts, in the formats of the shipped files:
//!
//! * a Zero Draft and its revisions (Rev. 1, Rev. 2, …) as markdown-like
//!   exports under a cover letter; Rev. 1 (and some later revisions) mark a
//!   share of their changes with `**inserted**` and `~~deleted~~`;
//! * a CRP.1 (`A/AC.<body>/<year>/CRP.1`) as PDF-extracted text: hard-wrapped
//!   printed lines with trailing spaces, footnotes at page bottoms and a
//!   page-number line between pages;
//! * for some reports, a final L.1 in the General Assembly format;
//! * for some reports, a letter of the Chair on an informal meeting.
//!
//! Each draft rewords, inserts, deletes, moves and so renumbers paragraphs of
//! the one before it, with word-level edits drawn from the corpus's own
//! vocabulary and phrases. The output directory also gets a `manifest.toml`
//! (the shipped pillar table; two `[[rule]]`s: a draft's report is in its
//! file name, a letter is no draft; a `[files."…"]` entry for each L.1, its
//! symbol) and a copy of `glossary.toml`. The same `--seed` and `--mb` give
//! the same bytes.
//!
//! With `--truth FILE` (outside the corpus directory, or the indexer would
//! read it as a draft) it also writes the truth of the alignment: for each
//! paragraph, sub-item and next step of every Rev. and CRP.1, the label of
//! the text it continues in the draft before, or `new` (see
//! [`record_truth`]). `cargo bench --bench align_quality` scores negotext's
//! links against it. Recording it does not change the corpus's bytes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Section headings of the drafts, in order; the manifest's pillar table maps
/// each to its pillar. Index 0 is the introduction.
const HEADINGS: [&str; 7] = [
    "Introduction",
    "Existing and Potential Threats",
    "Rules, Norms and Principles of Responsible State Behaviour",
    "International Law",
    "Confidence-Building Measures",
    "Capacity-Building",
    "Regular Institutional Dialogue",
];

const ORDINALS: [&str; 10] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];

const MONTHS: [(&str, u32); 12] = [
    ("January", 31),
    ("February", 28),
    ("March", 31),
    ("April", 30),
    ("May", 31),
    ("June", 30),
    ("July", 31),
    ("August", 31),
    ("September", 30),
    ("October", 31),
    ("November", 30),
    ("December", 31),
];

/// Width of a printed line in the PDF extraction.
const PRINTED_WIDTH: usize = 92;
/// Printed lines per page in the PDF extraction.
const LINES_PER_PAGE: usize = 46;

pub struct Options {
    pub megabytes: f64,
    pub out: PathBuf,
    pub seed: u64,
    pub from: PathBuf,
    /// Where to write the truth of the links between drafts, if anywhere.
    pub truth: Option<PathBuf>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let started = Instant::now();
    let options = parse_args(std::env::args().skip(1))?;
    let Generated {
        files,
        reports,
        bytes,
    } = generate(&options)?;
    println!(
        "{files} files ({reports} reports) written to {}: {:.1} MB in {:.2} s",
        options.out.display(),
        bytes as f64 / 1_000_000.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// What [`generate`] wrote.
pub struct Generated {
    pub files: usize,
    pub reports: usize,
    pub bytes: u64,
}

/// Writes the corpus of `options` (and its truth, when asked).
pub fn generate(options: &Options) -> Result<Generated, String> {
    let source = Source::read(&options.from)?;
    prepare_out_dir(&options.out)?;

    let target = (options.megabytes * 1_000_000.0) as u64;
    let mut written = 0u64;
    let mut files = 0usize;
    let mut manifest_entries = String::new();
    let mut report = 0usize;
    let mut truth = String::from(TRUTH_HEADER);
    while written < target {
        report += 1;
        let mut rng = Rng::new(options.seed ^ (report as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for file in negotiation(&source, report, &mut rng, &mut truth) {
            let path = options.out.join(&file.name);
            fs::write(&path, &file.text)
                .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
            written += file.text.len() as u64;
            files += 1;
            manifest_entries.push_str(&file.manifest_entry);
        }
    }

    let manifest = format!(
        "# Generated by examples/gen_corpus.rs (seed {seed}): {report} reports.\n\n{NAME_RULES}\n{manifest_entries}\n{pillars}",
        seed = options.seed,
        pillars = source.pillar_table,
    );
    write_file(&options.out.join("manifest.toml"), &manifest)?;
    write_file(&options.out.join("glossary.toml"), &source.glossary)?;
    if let Some(path) = &options.truth {
        write_file(path, &truth)?;
    }
    Ok(Generated {
        files,
        reports: report,
        bytes: written,
    })
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut megabytes = None;
    let mut out = None;
    let mut seed = 42u64;
    let mut from = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut truth = None;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--mb" => {
                let raw = value()?;
                let mb: f64 = raw
                    .parse()
                    .map_err(|_| format!("--mb: not a number: {raw:?}"))?;
                if !(mb > 0.0 && mb <= 100_000.0) {
                    return Err(format!("--mb: must be between 0 and 100000, not {raw}"));
                }
                megabytes = Some(mb);
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => {
                let raw = value()?;
                seed = raw
                    .parse()
                    .map_err(|_| format!("--seed: not an unsigned integer: {raw:?}"))?;
            }
            "--from" => from = PathBuf::from(value()?),
            "--truth" => truth = Some(PathBuf::from(value()?)),
            "-h" | "--help" => {
                println!(
                    "usage: gen_corpus --mb <megabytes> --out <dir> [--seed <n>] [--from <corpus dir>] [--truth <file.tsv>]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(Options {
        megabytes: megabytes.ok_or("--mb <megabytes> is required")?,
        out: out.ok_or("--out <dir> is required")?,
        seed,
        from,
        truth,
    })
}

fn prepare_out_dir(out: &Path) -> Result<(), String> {
    if let Ok(mut entries) = fs::read_dir(out)
        && entries.next().is_some()
    {
        return Err(format!(
            "{} exists and is not empty; remove it or choose another --out",
            out.display()
        ));
    }
    fs::create_dir_all(out).map_err(|err| format!("cannot create {}: {err}", out.display()))
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

// ---------------------------------------------------------------------------
// Randomness

/// xorshift64* seeded through splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// The shipped corpus, cut into reusable pieces

/// A numbered paragraph of a shipped draft with its lettered sub-items.
#[derive(Clone)]
struct SourceParagraph {
    text: String,
    items: Vec<String>,
}

struct Source {
    /// Paragraphs per section (index into `HEADINGS`).
    paragraphs: Vec<Vec<SourceParagraph>>,
    /// Sentences per section.
    sentences: Vec<Vec<String>>,
    /// Recommended next steps per section.
    next_steps: Vec<Vec<String>>,
    /// Lettered sub-items of every section.
    items: Vec<String>,
    /// Footnote bodies.
    footnotes: Vec<String>,
    /// Paragraphs of the Chair's cover letters, that name no draft.
    letter_paragraphs: Vec<String>,
    /// Numbered paragraphs of the General Assembly format draft.
    ga_paragraphs: Vec<String>,
    /// Every word of the corpus, as often as it occurs.
    words: Vec<String>,
    /// The `[[pillar]]` table of the shipped manifest.
    pillar_table: String,
    glossary: String,
}

impl Source {
    fn read(dir: &Path) -> Result<Source, String> {
        let mut names: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(|err| format!("cannot read corpus directory {}: {err}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        if names.is_empty() {
            return Err(format!("no .txt files in {}", dir.display()));
        }
        let mut source = Source {
            paragraphs: vec![Vec::new(); HEADINGS.len()],
            sentences: vec![Vec::new(); HEADINGS.len()],
            next_steps: vec![Vec::new(); HEADINGS.len()],
            items: Vec::new(),
            footnotes: Vec::new(),
            letter_paragraphs: Vec::new(),
            ga_paragraphs: Vec::new(),
            words: Vec::new(),
            pillar_table: String::new(),
            glossary: String::new(),
        };
        for path in &names {
            let bytes =
                fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
            let text = String::from_utf8_lossy(&bytes);
            source.words.extend(
                text.split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphabetic) && !w.contains(['*', '~', '[']))
                    .map(str::to_string),
            );
            let lines: Vec<&str> = text.lines().collect();
            let padded = lines
                .iter()
                .filter(|l| !l.trim().is_empty() && l.ends_with(' '))
                .count();
            let nonblank = lines.iter().filter(|l| !l.trim().is_empty()).count();
            if padded * 2 >= nonblank {
                source.read_pdf_letter(&lines);
            } else if text.contains("General Assembly\n") && text.contains("Distr.") {
                source.read_ga(&lines);
            } else {
                source.read_markdown(&lines);
            }
        }
        source.fill_gaps()?;
        let manifest_path = dir.join("manifest.toml");
        let manifest = fs::read_to_string(&manifest_path)
            .map_err(|err| format!("cannot read {}: {err}", manifest_path.display()))?;
        let table_start = manifest
            .find("# Section heading")
            .or_else(|| manifest.find("[[pillar]]"))
            .ok_or_else(|| format!("{}: no [[pillar]] table", manifest_path.display()))?;
        source.pillar_table = manifest[table_start..].to_string();
        let glossary_path = dir.join("glossary.toml");
        source.glossary = fs::read_to_string(&glossary_path)
            .map_err(|err| format!("cannot read {}: {err}", glossary_path.display()))?;
        Ok(source)
    }

    /// A markdown-like draft: a cover letter, then sections of numbered
    /// paragraphs, ` - a)` items, `- 1.` next steps and `¹ …` footnotes.
    fn read_markdown(&mut self, lines: &[&str]) {
        let mut section: Option<usize> = None;
        let mut in_next_steps = false;
        for raw in lines {
            let line = clean(raw.trim());
            if line.is_empty() {
                continue;
            }
            if let Some(body) = footnote_body(&line) {
                self.footnotes.push(body.to_string());
                continue;
            }
            if let Some(idx) = heading_index(&line) {
                section = Some(idx);
                in_next_steps = false;
                continue;
            }
            if line.eq_ignore_ascii_case("recommended next steps") {
                in_next_steps = true;
                continue;
            }
            let Some(s) = section else {
                if line.len() > 150 && is_neutral_letter_text(&line) {
                    self.letter_paragraphs.push(line);
                }
                continue;
            };
            let unbulleted = line.trim_start_matches(['-', ' ']);
            if is_roman_item(unbulleted, self.paragraphs[s].last()) {
                // Roman sub-items stay with their source paragraph's list.
                continue;
            }
            if let Some(item) = strip_letter_label(unbulleted) {
                self.items.push(item.to_string());
                if let Some(p) = self.paragraphs[s].last_mut() {
                    p.items.push(item.to_string());
                }
            } else if let Some(body) = strip_number(unbulleted) {
                if in_next_steps {
                    self.next_steps[s].push(body.to_string());
                } else {
                    self.sentences[s].extend(sentences(body));
                    self.paragraphs[s].push(SourceParagraph {
                        text: body.to_string(),
                        items: Vec::new(),
                    });
                }
            } else if line.len() > 40 && line.starts_with(|c: char| c.is_lowercase()) {
                // A paragraph broken by a footnote block: its continuation.
                if let Some(p) = self.paragraphs[s].last_mut()
                    && !in_next_steps
                {
                    p.text.push(' ');
                    p.text.push_str(&line);
                }
            }
        }
    }

    /// A PDF-extracted letter: paragraphs between lines of spaces.
    fn read_pdf_letter(&mut self, lines: &[&str]) {
        let mut current = String::new();
        let flush = |current: &mut String, out: &mut Vec<String>| {
            let text = clean(current.trim());
            if text.len() > 150
                && is_neutral_letter_text(&text)
                && strip_number(&text).is_none()
                && !text.contains("Excellency")
            {
                out.push(text);
            }
            current.clear();
        };
        for raw in lines {
            if raw.is_empty() {
                continue;
            }
            let text = raw.trim();
            if text.is_empty() || heading_index(text).is_some() {
                flush(&mut current, &mut self.letter_paragraphs);
                continue;
            }
            if current.ends_with('-') {
                current.push_str(text);
            } else {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(text);
            }
        }
        flush(&mut current, &mut self.letter_paragraphs);
    }

    /// The General Assembly format: numbered paragraphs under roman sections.
    fn read_ga(&mut self, lines: &[&str]) {
        for raw in lines {
            let line = clean(raw.trim());
            if let Some(body) = strip_number(&line)
                && body.len() > 60
            {
                self.ga_paragraphs.push(body.to_string());
            }
        }
    }

    /// Falls back to the whole pool where a section found nothing.
    fn fill_gaps(&mut self) -> Result<(), String> {
        let all_paragraphs: Vec<SourceParagraph> = self.paragraphs.concat();
        if all_paragraphs.is_empty() {
            return Err("the corpus has no numbered paragraphs under section headings".into());
        }
        let all_sentences: Vec<String> = self.sentences.concat();
        let all_steps: Vec<String> = self.next_steps.concat();
        for s in 0..HEADINGS.len() {
            if self.paragraphs[s].len() < 2 {
                self.paragraphs[s] = all_paragraphs.clone();
                self.sentences[s] = all_sentences.clone();
            }
            if self.next_steps[s].is_empty() {
                self.next_steps[s] = if all_steps.is_empty() {
                    all_sentences.clone()
                } else {
                    all_steps.clone()
                };
            }
        }
        if self.items.is_empty() {
            self.items = all_sentences.clone();
        }
        if self.footnotes.is_empty() {
            self.footnotes
                .push("Report of the 2021 OEWG, A/75/816, Annex I, para 7.".into());
        }
        if self.letter_paragraphs.is_empty() {
            self.letter_paragraphs = all_sentences.clone();
        }
        if self.ga_paragraphs.is_empty() {
            self.ga_paragraphs = all_sentences;
        }
        if self.words.is_empty() {
            return Err("the corpus has no words".into());
        }
        Ok(())
    }
}

/// Removes track changes (keeping the insertions), emphasis, links and
/// footnote markers.
fn clean(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("~~") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("~~") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    let out = out.replace("](#)", "").replace(['[', '*'], "");
    let out: String = if footnote_body(&out).is_some() {
        out
    } else {
        out.chars()
            .filter(|c| superscript_digit(*c).is_none())
            .collect()
    };
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn superscript_digit(c: char) -> Option<usize> {
    "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c)
}

fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|d| {
            let digit = d.to_digit(10).unwrap_or(0) as usize;
            "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(digit).unwrap_or('⁰')
        })
        .collect()
}

fn footnote_body(line: &str) -> Option<&str> {
    let digits = line.chars().take_while(|c| superscript_digit(*c).is_some());
    let len: usize = digits.map(char::len_utf8).sum();
    (len > 0)
        .then(|| line[len..].trim())
        .filter(|b| !b.is_empty())
}

fn heading_index(line: &str) -> Option<usize> {
    let (label, title) = line.split_once(". ")?;
    if label.len() != 1 || !label.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let title = title.trim().to_lowercase();
    HEADINGS
        .iter()
        .position(|h| title.starts_with(&h.to_lowercase()))
}

/// `12. Text` → `Text`.
fn strip_number(line: &str) -> Option<&str> {
    let (number, rest) = line.split_once(". ")?;
    (!number.is_empty() && number.len() <= 3 && number.chars().all(|c| c.is_ascii_digit()))
        .then_some(rest.trim())
}

/// `a) Text` / `(a) Text` → `Text`.
fn strip_letter_label(line: &str) -> Option<&str> {
    let line = line.strip_prefix('(').unwrap_or(line);
    let (label, rest) = line.split_once(") ")?;
    (label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase())).then_some(rest.trim())
}

/// `(ii)`, `iv)`: a roman sub-item (`(i)` only when the paragraph's lettered
/// list has not reached `h)`).
fn is_roman_item(line: &str, paragraph: Option<&SourceParagraph>) -> bool {
    let line = line.strip_prefix('(').unwrap_or(line);
    let Some((label, _)) = line.split_once(") ") else {
        return false;
    };
    let roman = !label.is_empty() && label.len() <= 4 && label.chars().all(|c| "ivx".contains(c));
    roman && (label != "i" || paragraph.is_none_or(|p| p.items.len() != 8))
}

/// Letter text that names no draft, report or symbol, so that a generated
/// letter stays a letter.
fn is_neutral_letter_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    ![
        "draft", "rev.", "report", "crp", "/l.", "annex", "enclos", "http", "@",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        let next = bytes.get(i + 2).copied().unwrap_or(b'a');
        if next.is_ascii_uppercase() && i + 1 - start > 30 {
            out.push(text[start..=i].trim().to_string());
            start = i + 2;
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail.to_string());
    }
    out
}

// ---------------------------------------------------------------------------
// Drafts and their evolution

/// A text in one draft: its plain words and, when the draft marks its
/// changes, the same with `**inserted**` and `~~deleted~~`.
#[derive(Clone)]
struct Text {
    plain: String,
    marked: Option<String>,
    /// Who this text is across drafts: a revision keeps the id of the text
    /// it continues, a new text takes a fresh one (see [`fresh_id`]). The
    /// truth file is made of these.
    id: usize,
}

/// A new text's id: a counter, not the random stream, so recording the
/// truth leaves the generated bytes as they were.
fn fresh_id() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Text {
    fn new(plain: String) -> Text {
        Text {
            plain,
            marked: None,
            id: fresh_id(),
        }
    }

    fn inserted(plain: String, track: bool) -> Text {
        let marked = track.then(|| format!("**{plain}**"));
        Text {
            plain,
            marked,
            id: fresh_id(),
        }
    }

    /// The same text as a version of `older` (reworded or not).
    fn continuing(self, older: &Text) -> Text {
        Text {
            id: older.id,
            ..self
        }
    }

    fn shown(&self) -> &str {
        self.marked.as_deref().unwrap_or(&self.plain)
    }
}

#[derive(Clone)]
struct Paragraph {
    text: Text,
    items: Vec<Text>,
    footnote: Option<String>,
}

#[derive(Clone)]
struct Section {
    heading: usize,
    paragraphs: Vec<Paragraph>,
    next_steps: Vec<Text>,
}

#[derive(Clone)]
struct Draft {
    sections: Vec<Section>,
}

/// One token of an edited text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edit {
    Kept,
    Inserted,
    Deleted,
}

struct Editor<'a> {
    source: &'a Source,
    /// Whether this draft marks its changes.
    track: bool,
    /// Share of the changes it marks.
    marked_share: f64,
}

impl Editor<'_> {
    /// A phrase of a few consecutive words of some corpus sentence.
    fn phrase(&self, rng: &mut Rng) -> Vec<String> {
        let pool = rng.pick(&self.source.sentences);
        let sentence: Vec<&str> = rng.pick(pool).split_whitespace().collect();
        if sentence.is_empty() {
            return vec![rng.pick(&self.source.words).clone()];
        }
        let len = rng.range(1, 5).min(sentence.len());
        let start = rng.below(sentence.len() - len + 1);
        sentence[start..start + len]
            .iter()
            .map(|w| w.trim_end_matches(['.', ';', ':']).to_string())
            .collect()
    }

    /// Rewords `text` with `edits` word-level changes (and sometimes swaps
    /// two sentences).
    fn reword(&self, text: &str, edits: usize, rng: &mut Rng) -> Text {
        let mut body = text.to_string();
        if rng.chance(0.1) {
            let mut parts = sentences(&body);
            if parts.len() >= 2 {
                let a = rng.below(parts.len());
                let b = rng.below(parts.len());
                parts.swap(a, b);
                body = parts.join(" ");
            }
        }
        let mut tokens: Vec<(String, Edit)> = body
            .split_whitespace()
            .map(|w| (w.to_string(), Edit::Kept))
            .collect();
        for _ in 0..edits {
            let live: Vec<usize> = (0..tokens.len())
                .filter(|&i| tokens[i].1 != Edit::Deleted)
                .collect();
            if live.len() < 4 {
                break;
            }
            // Keep the first word: it carries the paragraph's opening.
            let at = live[rng.range(1, live.len() - 1)];
            match rng.below(3) {
                0 => {
                    let word = rng.pick(&self.source.words).clone();
                    let punct: String = tokens[at]
                        .0
                        .chars()
                        .rev()
                        .take_while(|c| matches!(c, '.' | ',' | ';' | ':'))
                        .collect();
                    tokens[at].1 = Edit::Deleted;
                    let word = format!("{}{punct}", word.trim_end_matches(['.', ',', ';', ':']));
                    tokens.insert(at + 1, (word, Edit::Inserted));
                }
                1 => {
                    let phrase = self.phrase(rng);
                    for (k, word) in phrase.into_iter().enumerate() {
                        tokens.insert(at + k, (word, Edit::Inserted));
                    }
                }
                _ => {
                    let n = rng.range(1, 3);
                    for &i in live.iter().skip_while(|&&i| i < at).take(n) {
                        let opens_sentence = i == 0 || ends_sentence(&tokens[i - 1].0);
                        if tokens[i].1 == Edit::Kept
                            && !ends_sentence(&tokens[i].0)
                            && !opens_sentence
                        {
                            tokens[i].1 = Edit::Deleted;
                        }
                    }
                }
            }
        }
        let plain = tokens
            .iter()
            .filter(|t| t.1 != Edit::Deleted)
            .map(|t| t.0.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let marked = self.track.then(|| self.mark(&tokens, rng));
        Text {
            plain,
            marked,
            id: fresh_id(),
        }
    }

    /// Renders the edits, marking a share of them.
    fn mark(&self, tokens: &[(String, Edit)], rng: &mut Rng) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < tokens.len() {
            let kind = tokens[i].1;
            let mut j = i;
            while j < tokens.len() && tokens[j].1 == kind {
                j += 1;
            }
            let run = tokens[i..j]
                .iter()
                .map(|t| t.0.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let shown = match kind {
                Edit::Kept => Some(run),
                _ if !rng.chance(self.marked_share) => (kind == Edit::Inserted).then_some(run),
                Edit::Inserted => Some(format!("**{run}**")),
                Edit::Deleted => Some(format!("~~{run}~~")),
            };
            if let Some(shown) = shown {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&shown);
            }
            i = j;
        }
        out
    }

    fn new_paragraph(&self, section: usize, rng: &mut Rng) -> Paragraph {
        let source = &self.source.paragraphs[section];
        let text = if rng.chance(0.5) {
            let p = rng.pick(source);
            self.reword(&p.text, rng.range(1, 4), rng).plain
        } else {
            let pool = &self.source.sentences[section];
            let n = rng.range(1, 4);
            (0..n)
                .map(|_| rng.pick(pool).as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let items = if rng.chance(0.25) {
            let n = rng.range(2, 6);
            let p = rng.pick(source);
            let mut items = Vec::with_capacity(n);
            for k in 0..n {
                let item = match p.items.get(k) {
                    Some(item) => item.clone(),
                    None => rng.pick(&self.source.items).clone(),
                };
                items.push(Text::inserted(self.reword(&item, 1, rng).plain, self.track));
            }
            items
        } else {
            Vec::new()
        };
        let footnote = rng
            .chance(0.25)
            .then(|| rng.pick(&self.source.footnotes).clone());
        Paragraph {
            text: Text::inserted(text, self.track),
            items,
            footnote,
        }
    }

    fn new_next_step(&self, section: usize, rng: &mut Rng) -> Text {
        let step = rng.pick(&self.source.next_steps[section]);
        Text::inserted(self.reword(step, 1, rng).plain, self.track)
    }

    fn zero_draft(&self, rng: &mut Rng) -> Draft {
        let sections = (0..HEADINGS.len())
            .map(|heading| Section {
                heading,
                paragraphs: (0..rng.range(3, 7))
                    .map(|_| {
                        let mut p = self.new_paragraph(heading, rng);
                        p.text.marked = None;
                        p.items.iter_mut().for_each(|i| i.marked = None);
                        p
                    })
                    .collect(),
                next_steps: if heading == 0 {
                    Vec::new()
                } else {
                    (0..rng.range(2, 4))
                        .map(|_| Text::new(self.new_next_step(heading, rng).plain))
                        .collect()
                },
            })
            .collect();
        Draft { sections }
    }

    /// The next draft: rewords, deletes, inserts and moves paragraphs, items
    /// and next steps of `previous`.
    fn revise(&self, previous: &Draft, rng: &mut Rng) -> Draft {
        let mut sections = Vec::with_capacity(previous.sections.len());
        for old in &previous.sections {
            let mut paragraphs = Vec::new();
            for p in &old.paragraphs {
                if rng.chance(0.07) {
                    continue;
                }
                let text = if rng.chance(0.45) {
                    self.reword(&p.text.plain, rng.range(1, 4), rng)
                } else {
                    Text::new(p.text.plain.clone())
                }
                .continuing(&p.text);
                let mut items = Vec::with_capacity(p.items.len() + 1);
                for item in &p.items {
                    if rng.chance(0.06) {
                        continue;
                    }
                    items.push(
                        if rng.chance(0.3) {
                            self.reword(&item.plain, rng.range(1, 2), rng)
                        } else {
                            Text::new(item.plain.clone())
                        }
                        .continuing(item),
                    );
                }
                if !items.is_empty() && rng.chance(0.15) {
                    let at = rng.below(items.len() + 1);
                    let item = rng.pick(&self.source.items).clone();
                    items.insert(at, Text::inserted(item, self.track));
                }
                let footnote = match &p.footnote {
                    Some(f) if !rng.chance(0.05) => Some(f.clone()),
                    Some(_) => None,
                    None => rng
                        .chance(0.04)
                        .then(|| rng.pick(&self.source.footnotes).clone()),
                };
                paragraphs.push(Paragraph {
                    text,
                    items,
                    footnote,
                });
            }
            for _ in 0..rng.range(0, 2) {
                let at = rng.below(paragraphs.len() + 1);
                paragraphs.insert(at, self.new_paragraph(old.heading, rng));
            }
            if paragraphs.len() >= 2 && rng.chance(0.3) {
                let from = rng.below(paragraphs.len());
                let moved = paragraphs.remove(from);
                let to = rng.below(paragraphs.len() + 1);
                paragraphs.insert(to, moved);
            }
            if paragraphs.is_empty() {
                paragraphs.push(self.new_paragraph(old.heading, rng));
            }
            let mut next_steps = Vec::with_capacity(old.next_steps.len() + 1);
            for step in &old.next_steps {
                if rng.chance(0.06) {
                    continue;
                }
                next_steps.push(
                    if rng.chance(0.35) {
                        self.reword(&step.plain, rng.range(1, 3), rng)
                    } else {
                        Text::new(step.plain.clone())
                    }
                    .continuing(step),
                );
            }
            if old.heading != 0 && (next_steps.is_empty() || rng.chance(0.25)) {
                let at = rng.below(next_steps.len() + 1);
                next_steps.insert(at, self.new_next_step(old.heading, rng));
            }
            sections.push(Section {
                heading: old.heading,
                paragraphs,
                next_steps,
            });
        }
        // Now and then a paragraph changes section.
        if rng.chance(0.2) {
            let from = rng.range(1, sections.len() - 1);
            let to = rng.range(1, sections.len() - 1);
            if from != to && sections[from].paragraphs.len() > 2 {
                let k = rng.below(sections[from].paragraphs.len());
                let moved = sections[from].paragraphs.remove(k);
                let at = rng.below(sections[to].paragraphs.len() + 1);
                sections[to].paragraphs.insert(at, moved);
            }
        }
        Draft { sections }
    }
}

fn ends_sentence(word: &str) -> bool {
    word.ends_with(['.', ';', ':'])
}

// ---------------------------------------------------------------------------
// One negotiation: the files of one report

struct GeneratedFile {
    name: String,
    text: String,
    /// Its `[files."…"]` table in the manifest, or nothing.
    manifest_entry: String,
}

/// A calendar date within one year.
#[derive(Clone, Copy)]
struct Day {
    year: u32,
    month: usize,
    day: u32,
}

impl Day {
    fn advance(self, days: u32) -> Day {
        let mut d = self;
        d.day += days;
        while d.day > MONTHS[d.month].1 {
            d.day -= MONTHS[d.month].1;
            if d.month == 11 {
                d.month = 0;
                d.year += 1;
            } else {
                d.month += 1;
            }
        }
        d
    }

    fn iso(self) -> String {
        format!("{}-{:02}-{:02}", self.year, self.month + 1, self.day)
    }

    fn long(self) -> String {
        format!("{} {} {}", self.day, MONTHS[self.month].0, self.year)
    }
}

/// What one report's negotiation is called in its files.
struct Negotiation {
    id: String,
    ordinal: &'static str,
    /// `A/AC.<body>/<year>`.
    symbol_stem: String,
}

/// The files of one report's negotiation; the truth of each draft's links
/// to the one before goes to `truth` (see [`record_truth`]).
fn negotiation(
    source: &Source,
    report: usize,
    rng: &mut Rng,
    truth: &mut String,
) -> Vec<GeneratedFile> {
    let body = 292 + (report - 1) / 8;
    let year = 2022 + ((report - 1) % 8) as u32;
    let neg = Negotiation {
        id: format!("r{report:03}"),
        ordinal: ORDINALS[(report - 1) % ORDINALS.len()],
        symbol_stem: format!("A/AC.{body}/{year}"),
    };
    let mut day = Day {
        year,
        month: rng.range(0, 4),
        day: rng.range(1, 28) as u32,
    };
    let mut files = Vec::new();

    if rng.chance(0.4) {
        files.push(letter_file(source, &neg, day, rng));
        day = day.advance(rng.range(5, 20) as u32);
    }

    let quiet = Editor {
        source,
        track: false,
        marked_share: 0.0,
    };
    let mut draft = quiet.zero_draft(rng);
    files.push(markdown_file(&neg, day, None, &draft, rng));
    let mut draft_name = "zero-draft".to_string();

    let revisions = rng.range(1, 4);
    for rev in 1..=revisions {
        day = day.advance(rng.range(7, 25) as u32);
        let track = rev == 1 || rng.chance(0.3);
        let editor = Editor {
            source,
            track,
            marked_share: 0.6 + 0.35 * (rng.below(100) as f64 / 100.0),
        };
        let revised = editor.revise(&draft, rng);
        let revised_name = format!("rev{rev}");
        record_truth(
            truth,
            &neg.id,
            (&draft_name, &draft),
            (&revised_name, &revised),
        );
        (draft, draft_name) = (revised, revised_name);
        files.push(markdown_file(&neg, day, Some(rev), &draft, rng));
    }

    day = day.advance(rng.range(3, 10) as u32);
    let crp = quiet.revise(&draft, rng);
    record_truth(truth, &neg.id, (&draft_name, &draft), ("crp1", &crp));
    files.push(crp_file(&neg, day, revisions, &crp, rng));

    if rng.chance(0.5) {
        day = day.advance(rng.range(20, 60) as u32);
        files.push(ga_file(source, &neg, day, rng));
    }
    files
}

/// The header of the truth file.
const TRUTH_HEADER: &str =
    "# report\tdraft\tlabel\tprevious draft\tlabel it continues there, or new\n";

/// Appends the truth of one step, `older` → `newer`: a row per paragraph,
/// sub-item and next step of `newer`, with the label, in `older`, of the
/// text it continues (reworded, moved, renumbered, in another section or
/// not), or `new`. Labels are negotext's (`12`, `12(b)`, `next-steps-C.2`).
/// A version continues exactly one text: the generator splits and merges
/// nothing.
fn record_truth(out: &mut String, report: &str, older: (&str, &Draft), newer: (&str, &Draft)) {
    let before: std::collections::HashMap<usize, String> = units(older.1)
        .into_iter()
        .map(|(label, id)| (id, label))
        .collect();
    for (label, id) in units(newer.1) {
        let was = before.get(&id).map_or("new", String::as_str);
        let _ = writeln!(out, "{report}\t{}\t{label}\t{}\t{was}", newer.0, older.0);
    }
}

/// The paragraphs, sub-items and next steps of a draft as printed: label
/// and id, in order.
fn units(draft: &Draft) -> Vec<(String, usize)> {
    let mut units = Vec::new();
    let mut number = 0;
    for (s, section) in draft.sections.iter().enumerate() {
        for p in &section.paragraphs {
            number += 1;
            units.push((number.to_string(), p.text.id));
            for (k, item) in p.items.iter().enumerate() {
                units.push((format!("{number}({})", item_letter(k)), item.id));
            }
        }
        for (k, step) in section.next_steps.iter().enumerate() {
            units.push((
                format!("next-steps-{}.{}", section_letter(s), k + 1),
                step.id,
            ));
        }
    }
    units
}

/// The manifest's rules: a draft's report is in its file name (one rule
/// for the corpus, not a table per file); a letter is no draft.
const NAME_RULES: &str = r#"[[rule]]
pattern = '^\d{4}-\d{2}-\d{2}-(?P<report>r\d+)-(zero-draft|rev\d+|crp1|progress-report-draft)\.txt$'

[[rule]]
pattern = '-letter\.txt$'
draft = "none"
"#;

fn manifest_entry(name: &str, lines: &[String]) -> String {
    let mut out = format!("[files.\"{name}\"]\n");
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------
// Markdown-like drafts: Zero Draft and revisions

const CHAIR_OPENING: &str = "I have the honour of addressing you in my capacity as Chair of the Open-Ended Working Group on security of and in the use of information and communications technologies 2021-2025 (OEWG), established pursuant to General Assembly resolution 75/240 adopted on 31 December 2020.";

const SIGNATURE: &str = "Burhan Gafoor\nChair\nOpen-Ended Working Group on\nsecurity of and in the use of\ninformation and communications\ntechnologies 2021-2025\n\nAll Permanent Representatives and Permanent Observers to the United Nations\nNew York\n";

fn markdown_file(
    neg: &Negotiation,
    day: Day,
    revision: Option<usize>,
    draft: &Draft,
    rng: &mut Rng,
) -> GeneratedFile {
    let name = match revision {
        None => format!("{}-{}-zero-draft.txt", day.iso(), neg.id),
        Some(n) => format!("{}-{}-rev{n}.txt", day.iso(), neg.id),
    };
    let (draft_name, annex) = match revision {
        None => (
            "Zero Draft".to_string(),
            format!(
                "Zero Draft of the {} annual progress report of the OEWG",
                neg.ordinal
            ),
        ),
        Some(n) => (
            format!("Rev. {n}"),
            format!(
                "Rev. {n} of the {} annual progress report of the OEWG.",
                neg.ordinal
            ),
        ),
    };
    let mut t = String::with_capacity(48 * 1024);
    t.push_str(
        "\n\n\n\nPERMANENT MISSION OF THE REPUBLIC OF SINGAPORE\nUNITED NATIONS | NEW YORK\n\n",
    );
    let _ = writeln!(t, "{}\n\nExcellency,\n\n{CHAIR_OPENING}\n", day.long());
    match revision {
        None => {
            let _ = writeln!(
                t,
                "Delegations will recall that the mandate of the OEWG provides for annual progress reports to the General Assembly. In this regard, I am pleased to enclose a **Zero Draft** of the {} annual progress report of the OEWG as a starting point for our discussions.\n",
                neg.ordinal
            );
        }
        Some(n) => {
            let previous = if n == 1 {
                "the Zero Draft".to_string()
            } else {
                format!("the previous revised draft (Rev. {})", n - 1)
            };
            let _ = writeln!(
                t,
                "Having reflected on the comments and inputs received on {previous}, I have decided to issue a revised draft of the {} annual progress report ({draft_name}). It is my hope that all delegations will look at the revised draft not only from the perspective of their own preferences and positions.\n",
                neg.ordinal
            );
        }
    }
    t.push_str("Please accept, Excellency, the assurances of my highest consideration.\n\n\n\n");
    t.push_str(SIGNATURE);
    let _ = writeln!(t, "\nEnclosures:\n\n- Annex A – {annex}\n");
    let _ = writeln!(
        t,
        "{}ANNUAL PROGRESS REPORT OF THE OPEN-ENDED WORKING GROUP ON SECURITY OF AND IN THE USE OF INFORMATION AND COMMUNICATIONS TECHNOLOGIES, SUBMITTED TO THE GENERAL ASSEMBLY\n",
        if revision.is_some() { "[DRAFT] " } else { "" }
    );

    let mut number = 0;
    let mut footnote = 0;
    for (s, section) in draft.sections.iter().enumerate() {
        let _ = writeln!(t, "{}. {}\n", section_letter(s), HEADINGS[section.heading]);
        let mut pending = Vec::new();
        for p in &section.paragraphs {
            number += 1;
            let _ = write!(t, "{number}. {}", p.text.shown());
            if let Some(note) = &p.footnote {
                footnote += 1;
                t.push_str(&superscript(footnote));
                pending.push((footnote, note.as_str()));
            }
            t.push('\n');
            for (k, item) in p.items.iter().enumerate() {
                let _ = writeln!(t, " - {}) {}", item_letter(k), item.shown());
            }
            if !pending.is_empty() && (rng.chance(0.5) || p.items.is_empty()) {
                t.push('\n');
                for (n, note) in pending.drain(..) {
                    let _ = writeln!(t, "{} {note}\n", superscript(n));
                }
            }
            t.push('\n');
        }
        if !pending.is_empty() {
            for (n, note) in pending.drain(..) {
                let _ = writeln!(t, "{} {note}\n", superscript(n));
            }
        }
        if !section.next_steps.is_empty() {
            t.push_str("Recommended next steps\n\n");
            for (k, step) in section.next_steps.iter().enumerate() {
                let _ = writeln!(t, "- {}. {}", k + 1, step.shown());
            }
            t.push('\n');
        }
    }
    // The report is in the name: see NAME_RULES.
    let manifest_entry = String::new();
    GeneratedFile {
        name,
        text: t,
        manifest_entry,
    }
}

fn section_letter(s: usize) -> char {
    (b'A' + s as u8) as char
}

fn item_letter(k: usize) -> char {
    (b'a' + (k % 26) as u8) as char
}

// ---------------------------------------------------------------------------
// PDF-extracted text: CRP.1 and letters

/// Printed lines of a PDF page body, with the footnotes called on each line.
struct Printer {
    /// `(line, footnotes called on it)`; `None` is a paragraph separator.
    lines: Vec<Option<(String, Vec<String>)>>,
}

impl Printer {
    fn new() -> Printer {
        Printer { lines: Vec::new() }
    }

    /// Hard-wraps `text` into printed lines; `notes` are called at its end.
    fn paragraph(&mut self, text: &str, indent: &str, notes: Vec<String>) {
        let mut line = String::from(indent);
        let mut wrapped = Vec::new();
        for word in text.split_whitespace() {
            if line.len() + word.len() + 1 > PRINTED_WIDTH && !line.trim().is_empty() {
                wrapped.push(std::mem::take(&mut line));
            }
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
            line.push_str(word);
        }
        wrapped.push(line);
        let last = wrapped.len() - 1;
        for (i, printed) in wrapped.into_iter().enumerate() {
            let called = if i == last { notes.clone() } else { Vec::new() };
            self.lines.push(Some((printed, called)));
        }
        self.lines.push(None);
    }

    /// Lays the lines out on pages: each printed line followed by an empty
    /// line, a line of spaces between paragraphs, and at each page bottom the
    /// page's footnotes and a page number.
    fn render(self, out: &mut String, first_footnote: usize) {
        let pages = self.lines.len().div_ceil(LINES_PER_PAGE).max(1);
        let mut page = 1;
        let mut on_page = 0;
        let mut notes: Vec<(usize, String)> = Vec::new();
        let mut next_note = first_footnote;
        let count = self.lines.len();
        for (i, line) in self.lines.into_iter().enumerate() {
            match line {
                Some((text, called)) => {
                    out.push_str(&text);
                    for note in called {
                        let _ = write!(out, "{next_note}");
                        notes.push((next_note, note));
                        next_note += 1;
                    }
                    out.push_str(" \n\n");
                }
                None => out.push_str(" \n\n"),
            }
            on_page += 1;
            if on_page >= LINES_PER_PAGE || i + 1 == count {
                out.push_str(" \n");
                for (n, note) in notes.drain(..) {
                    let _ = writeln!(out, "{n} {note} ");
                }
                let _ = writeln!(out, " {page} / {pages} ");
                page += 1;
                on_page = 0;
            }
        }
    }
}

fn crp_file(
    neg: &Negotiation,
    day: Day,
    revisions: usize,
    draft: &Draft,
    rng: &mut Rng,
) -> GeneratedFile {
    let name = format!("{}-{}-crp1.txt", day.iso(), neg.id);
    let symbol = format!("{}/CRP.1", neg.symbol_stem);
    let mut t = String::with_capacity(48 * 1024);
    let _ = write!(
        t,
        "\n \n \n\n \n\n \n{} \n\n \n \nExcellency,  \n \n \n",
        day.long()
    );
    let mut letter = Printer::new();
    letter.paragraph(CHAIR_OPENING, " ", Vec::new());
    letter.paragraph(
        &format!(
            "Having reflected carefully on the range of views expressed by delegations on Rev. {revisions} of the draft Annual Progress Report, I have made some additional revisions as orally presented to delegations at an informal meeting. The additional revisions are incorporated in the attached document, {symbol}."
        ),
        " ",
        Vec::new(),
    );
    letter.paragraph(
        "It is my intention to present the attached document for adoption at the formal meeting of the OEWG. The decision, however, rests in the hands of delegations.",
        " ",
        Vec::new(),
    );
    for (printed, _) in letter.lines.into_iter().flatten() {
        let _ = writeln!(t, "{printed} ");
    }
    t.push_str(
        "  Please accept, Excellency, the assurances of my highest consideration. \n \n \n\n",
    );
    for line in SIGNATURE.lines() {
        let _ = write!(t, "{line} \n\n");
    }
    let _ = write!(
        t,
        " \n \nEnclosure: \n\n Annex A – {symbol}  \n Draft Annual Progress Report \n\n \n\n"
    );

    let mut body = Printer::new();
    let mut number = 0;
    for (s, section) in draft.sections.iter().enumerate() {
        let heading = format!("{}. {}", section_letter(s), HEADINGS[section.heading]);
        body.lines.push(Some((heading, Vec::new())));
        body.lines.push(None);
        for p in &section.paragraphs {
            number += 1;
            let notes: Vec<String> = p.footnote.iter().cloned().collect();
            body.paragraph(&format!("{number}. {}", p.text.plain), "", notes);
            for (k, item) in p.items.iter().enumerate() {
                let label = if rng.chance(0.2) {
                    format!("({})", item_letter(k))
                } else {
                    format!("{})", item_letter(k))
                };
                body.paragraph(&format!("{label} {}", item.plain), "", Vec::new());
            }
        }
        if !section.next_steps.is_empty() {
            body.lines
                .push(Some(("Recommended next steps ".into(), Vec::new())));
            body.lines.push(None);
            for (k, step) in section.next_steps.iter().enumerate() {
                body.paragraph(&format!("{}. {}", k + 1, step.plain), "", Vec::new());
            }
        }
    }
    body.render(&mut t, 1);
    // The report is in the name: see NAME_RULES.
    let manifest_entry = String::new();
    GeneratedFile {
        name,
        text: t,
        manifest_entry,
    }
}

/// A letter of the Chair inviting to an informal meeting (PDF extraction).
fn letter_file(source: &Source, neg: &Negotiation, day: Day, rng: &mut Rng) -> GeneratedFile {
    let name = format!("{}-{}-letter.txt", day.iso(), neg.id);
    let editor = Editor {
        source,
        track: false,
        marked_share: 0.0,
    };
    let mut t = String::with_capacity(8 * 1024);
    let _ = write!(
        t,
        "\n \n\n \n\n \n\n{} \n \n \nDear colleagues, \n \n \n",
        day.long()
    );
    let mut letter = Printer::new();
    letter.paragraph(CHAIR_OPENING, " ", Vec::new());
    for _ in 0..rng.range(3, 7) {
        let p = rng.pick(&source.letter_paragraphs);
        let text = editor.reword(p, rng.range(0, 3), rng).plain;
        letter.paragraph(&text, " ", Vec::new());
    }
    for line in letter.lines {
        match line {
            Some((printed, _)) => {
                let _ = writeln!(t, "{printed} ");
            }
            None => t.push_str(" \n \n"),
        }
    }
    t.push_str("Please accept the assurances of my highest consideration. \n \n \n");
    for line in SIGNATURE.lines().take(6) {
        let _ = writeln!(t, "{line} ");
    }
    // A letter names no draft (NAME_RULES keeps it out of the report's drafts).
    let manifest_entry = String::new();
    GeneratedFile {
        name,
        text: t,
        manifest_entry,
    }
}

// ---------------------------------------------------------------------------
// General Assembly format: the L.1

fn ga_file(source: &Source, neg: &Negotiation, day: Day, rng: &mut Rng) -> GeneratedFile {
    let name = format!("{}-{}-progress-report-draft.txt", day.iso(), neg.id);
    let symbol = format!("{}/L.1", neg.symbol_stem);
    let editor = Editor {
        source,
        track: false,
        marked_share: 0.0,
    };
    let mut t = String::with_capacity(12 * 1024);
    let _ = write!(
        t,
        "\n\n\n\nGeneral Assembly\n\nDistr.: Limited\n{}\n\nOriginal: English\n\nOpen-ended working group on security of and in the use of information and communications technologies 2021–2025\n\n{} substantive session\nNew York\n\nDraft {} annual progress report of the open-ended working group on security of and in the use of information and communications technologies 2021–2025\n\n",
        day.long(),
        capitalized(ORDINALS[rng.below(ORDINALS.len())]),
        neg.ordinal,
    );
    let sections: [(&str, &[&str]); 3] = [
        ("I. Introduction", &[""]),
        (
            "II. Organizational matters",
            &[
                "A. Opening and duration of the sessions",
                "B. Attendance",
                "C. Officers",
                "D. Organization of work",
                "E. Documentation",
                "F. Proceedings of the working group",
            ],
        ),
        ("III. Adoption of the report", &[""]),
    ];
    let mut number = 0;
    for (title, subsections) in sections {
        let _ = writeln!(t, "{title}\n");
        for sub in subsections {
            if !sub.is_empty() {
                let _ = writeln!(t, "{sub}\n");
            }
            if title.starts_with("III") {
                number += 1;
                let _ = writeln!(
                    t,
                    "{number}. At its final substantive session, on {}, the working group considered the agenda item entitled \"Adoption of annual progress reports\", and adopted the draft report of the open-ended working group ({symbol}).\n",
                    day.long()
                );
                continue;
            }
            for _ in 0..rng.range(1, 3) {
                number += 1;
                let p = rng.pick(&source.ga_paragraphs);
                let _ = writeln!(
                    t,
                    "{number}. {}\n",
                    editor.reword(p, rng.range(0, 2), rng).plain
                );
            }
        }
    }
    t.push_str(
        "Annex\n\nProgress report on the discussions of the working group\n\n[to be completed]\n",
    );
    let manifest_entry = manifest_entry(
        &name,
        &[
            format!("symbol = \"{symbol}\""),
            "draft = \"l1\"".to_string(),
        ],
    );
    GeneratedFile {
        name,
        text: t,
        manifest_entry,
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
