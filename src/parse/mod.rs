//! Parsing: from the bytes of a corpus file to documents and citable chunks.
//!
//! The stages follow the data:
//!
//! 1. decode the bytes ([`crate::corpus::decode`]);
//! 2. detect the [`Layout`] (markdown-like export, hard-wrapped text or PDF
//!    extraction) from the text, warning when it cannot tell;
//! 3. split the file into documents (`segment`): a cover letter and the
//!    annexes its enclosure list announces, or one draft, or unknown text;
//! 4. cut each document's lines into `block`s, lifting footnote bodies and
//!    page numbers out of the paragraphs they interrupt;
//! 5. cut the blocks into chunks with a chunker per document kind
//!    (`draft_report`, `letter`, `annex`), which rejoin paragraphs
//!    broken by page bottoms and label every item (`numbering`);
//! 6. read each chunk's text in its three views (`markup`), strip footnote
//!    markers (`footnote`), repair extraction damage (`repair`), and
//!    render its citation.
//!
//! Parsing never fails on content: whatever is odd becomes a [`Warning`].
//! Nor does it lose text silently: [`places`] says where every source line
//! ended up (a chunk, a footnote body, a heading, named furniture…), from
//! the same decisions the chunks are made of.
//!
//! ```
//! use negotext::corpus::Manifest;
//! let text = "A. Introduction\n\n1. States met.\n\nRecommended next steps\n\n1. States continue.\n";
//! let parsed = negotext::parse::parse_text("demo.txt", text, &Manifest::builtin());
//! let labels: Vec<&str> = parsed.chunks.iter().map(|c| c.label.as_str()).collect();
//! assert_eq!(labels, ["1", "next-steps-A.1"]);
//! ```

mod annex;
mod attribution;
mod block;
mod characters;
mod compilation;
mod cut;
mod draft_report;
mod footnote;
mod instrument;
mod layout;
mod letter;
mod markup;
mod metadata;
mod negotiating_text;
mod numbering;
mod origin;
mod places;
mod preamble;
mod print;
mod repair;
mod segment;

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use regex::Regex;
use serde::Serialize;

pub use characters::normalise;
pub use layout::{Detected, Layout, ParagraphBreaks};
pub use places::{Place, misplaced, places};

use crate::corpus::{self, Decoded, FileOverride, Manifest, Origin};
use crate::error::{Error, Result};
use crate::model::{
    Chunk, Date, DateRange, Document, DocumentKind, Draft, Format, LineRange, Unsettled, cite,
};

use block::FootnoteBody;
use cut::Cut;
use markup::Marked;
use places::{Ledger, SetApart};
use repair::Vocabulary;
use segment::Part;

/// Compiles a regex literal of this crate (checked by the unit tests).
pub(crate) fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|err| unreachable!("invalid regex literal {pattern}: {err}"))
}

/// Something odd about a file that did not stop it from being parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The documents and chunks of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedFile {
    pub file: String,
    pub documents: Vec<Document>,
    pub chunks: Vec<Chunk>,
    pub warnings: Vec<Warning>,
}

/// Reads and parses the file at `path`, named `name` in the corpus. A
/// file that is not a regular one (never opened) or is larger than
/// [`DEFAULT_MAX_FILE_SIZE`](corpus::DEFAULT_MAX_FILE_SIZE) is an error.
pub fn parse_file(path: &Path, name: &str, manifest: &Manifest) -> Result<ParsedFile> {
    let refused = |kind: std::io::ErrorKind, reason: String| {
        Error::io(path, std::io::Error::new(kind, reason))
    };
    match corpus::read_bounded(path, corpus::DEFAULT_MAX_FILE_SIZE)? {
        corpus::Bounded::Bytes(bytes) => Ok(parse_bytes(name, &bytes, manifest)),
        corpus::Bounded::Absent => Err(refused(
            std::io::ErrorKind::NotFound,
            "no such file".to_string(),
        )),
        corpus::Bounded::Skipped(reason) => Err(refused(std::io::ErrorKind::InvalidInput, reason)),
    }
}

/// Parses the bytes of a file named `name`, whatever its format
/// ([`corpus::extract`]).
pub fn parse_bytes(name: &str, bytes: &[u8], manifest: &Manifest) -> ParsedFile {
    let decoded = corpus::extract(name, bytes, corpus::DEFAULT_MAX_FILE_SIZE);
    parse_decoded(name, decoded, manifest)
}

/// Parses a file named `name` that was already decoded (the indexer decodes
/// every file once, for the lexicon and the parser).
pub fn parse_decoded(name: &str, decoded: Decoded, manifest: &Manifest) -> ParsedFile {
    let skipped = |message: String| ParsedFile {
        file: name.to_string(),
        warnings: vec![Warning {
            file: name.to_string(),
            line: None,
            message,
        }],
        ..ParsedFile::default()
    };
    match decoded {
        Decoded::Binary { reason } => skipped(format!("skipped: a binary file ({reason})")),
        Decoded::Unreadable { format, reason } => {
            skipped(format!("skipped: an unreadable {format} file: {reason}"))
        }
        Decoded::Text {
            text,
            warnings,
            origin,
        } => {
            let mut parsed = parse_text_from(name, &text, &origin, manifest);
            let decoding = warnings.into_iter().map(|(line, message)| Warning {
                file: name.to_string(),
                line,
                message,
            });
            parsed.warnings.splice(0..0, decoding);
            parsed
        }
    }
}

/// Parses the text of a file named `name`.
pub fn parse_text(name: &str, text: &str, manifest: &Manifest) -> ParsedFile {
    parse_text_from(name, text, &Origin::text(), manifest)
}

/// Parses the text a reader gave for the file named `name`, its chunks
/// told where they came from ([`origin::annotate`]).
fn parse_text_from(name: &str, text: &str, from: &Origin, manifest: &Manifest) -> ParsedFile {
    let lines: Vec<&str> = text.lines().collect();
    let mut parser = FileParser::new(name, text, &lines, manifest);
    parser.track_changes |= from.track_changes && parser.file_override.track_changes.is_none();
    parser.parse();
    origin::annotate(&mut parser.out, from);
    finish_file(&mut parser.out);
    parser.out
}

/// What is worked out over a file's whole parse: who proposed each chunk,
/// and what each document leaves unsettled (brackets, options).
fn finish_file(parsed: &mut ParsedFile) {
    attribution::attribute(parsed);
    for document in &mut parsed.documents {
        let chunks = || parsed.chunks.iter().filter(|c| c.doc == document.id);
        document.unsettled = Unsettled::of(
            chunks().map(|c| c.text.as_str()),
            chunks().map(|c| c.label.as_str()),
        );
    }
}

/// Parses the text of a file named `name` as [`parse_text`] does, and
/// gives every line the places the parse gave it ([`places::places`]).
fn parse_with_places(name: &str, text: &str, manifest: &Manifest) -> (ParsedFile, Vec<Vec<Place>>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut parser = FileParser::new(name, text, &lines, manifest);
    parser.ledger = Some(Ledger::new(lines.len()));
    parser.parse();
    finish_file(&mut parser.out);
    let places = parser.ledger.take().unwrap_or_default().finish(&lines);
    (parser.out, places)
}

/// The pieces of the lines of `text` in the order the parser reads them:
/// `(0-based line index, text)`. Every line is read whole, once, in the
/// file's order, except in the text of an instrument, where an item's last
/// line printed before its first is read in its place, and a line glued
/// from two items is read as its two parts (`instrument::reading_pieces`).
/// A chunk's text is made of the pieces of its lines in this order.
pub fn reading_pieces(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let (parts, _) = segment::segment(&lines);
    let mut pieces = Vec::with_capacity(lines.len());
    let mut next = 0;
    for part in parts.into_iter().filter(|p| p.kind.is_instrument()) {
        let (start, end) = (part.range.start.max(next), part.range.end);
        pieces.extend((next..start).filter_map(|i| Some((i, *lines.get(i)?))));
        if start < end {
            pieces.extend(instrument::reading_pieces(&lines, start..end));
        }
        next = next.max(end);
    }
    pieces.extend((next..lines.len()).filter_map(|i| Some((i, *lines.get(i)?))));
    pieces
}

/// The report of the file named `name`, as [`parse_decoded`] would give it
/// to every document of the file, found without reading the chunks (about
/// half the work of a parse): the indexer groups the files of a report
/// before it parses them.
pub fn report_of(name: &str, decoded: &Decoded, manifest: &Manifest) -> Option<String> {
    let Decoded::Text { text, .. } = decoded else {
        return None;
    };
    // A rule's unreadable draft is the parse's warning to give.
    if let Some(report) = manifest.file(name).ok().and_then(|o| o.report) {
        return Some(report);
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut parser = FileParser::new(name, text, &lines, manifest);
    let (parts, _) = segment::segment(parser.lines);
    // Only the main document's title and header name the report, and
    // they open it: its first lines are enough.
    let documents: Vec<CutDocument> = parts
        .into_iter()
        .filter(|part| part.kind.is_negotiated_draft() || part.kind.is_instrument())
        .take(1)
        .map(|mut part| {
            part.range.end = part.range.end.min(part.range.start + HEAD_LINES);
            parser.cut(part)
        })
        .collect();
    parser.file_facts(&documents).report
}

/// How many lines of a draft report [`report_of`] reads: more than any
/// title and header.
const HEAD_LINES: usize = 400;

/// A document cut into chunks, not yet read.
struct CutDocument {
    part: Part,
    cuts: Vec<Cut>,
    footnotes: Vec<FootnoteBody>,
    /// The lines the grammar kept out of the cuts, with their places.
    set_apart: SetApart,
}

struct FileParser<'a> {
    name: &'a str,
    lines: &'a [&'a str],
    layout: Layout,
    track_changes: bool,
    file_override: FileOverride,
    manifest: &'a Manifest,
    out: ParsedFile,
    /// Where each line ends up, when asked for ([`parse_with_places`]).
    ledger: Option<Ledger>,
}

impl<'a> FileParser<'a> {
    fn new(name: &'a str, text: &str, lines: &'a [&'a str], manifest: &'a Manifest) -> Self {
        let (file_override, problem) = match manifest.file(name) {
            Ok(found) => (found, None),
            Err(problem) => (
                manifest.files.get(name).cloned().unwrap_or_default(),
                Some(problem),
            ),
        };
        let detected = Layout::detect(lines);
        let mut parser = FileParser {
            name,
            lines,
            layout: detected.layout,
            track_changes: file_override
                .track_changes
                .unwrap_or_else(|| text.contains("~~")),
            file_override,
            manifest,
            out: ParsedFile {
                file: name.to_string(),
                ..ParsedFile::default()
            },
            ledger: None,
        };
        if let Some(problem) = problem {
            parser.warn(
                None,
                format!("the manifest's rules do not apply: {problem} (fix the rule's pattern)"),
            );
        }
        if let Some(doubt) = detected.doubt {
            parser.warn(None, doubt);
        }
        parser
    }

    fn warn(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.out.warnings.push(Warning {
            file: self.name.to_string(),
            line,
            message: message.into(),
        });
    }

    fn parse(&mut self) {
        let (parts, warnings) = segment::segment(self.lines);
        for warning in warnings {
            self.warn(None, warning);
        }
        if parts.is_empty() {
            self.warn(None, "empty file: there is no text to index");
            return;
        }
        let documents: Vec<CutDocument> = parts.into_iter().map(|part| self.cut(part)).collect();
        let printed = documents.iter().any(|d| d.part.kind.is_instrument());
        let vocabulary = (self.layout.is_printed() || printed)
            .then(|| Vocabulary::new(self.lines.iter().copied()));
        let facts = self.file_facts(&documents);
        let mut used_ids = HashSet::new();
        for document in documents {
            self.read(document, &facts, vocabulary.as_ref(), &mut used_ids);
        }
    }

    /// Cuts one document of the file.
    fn cut(&mut self, part: Part) -> CutDocument {
        if part.kind.is_instrument() {
            let print = instrument::print(self.lines, part.range.clone());
            let (cuts, headings) = instrument::cut(
                self.lines,
                part.range.clone(),
                &print,
                part.kind,
                &self.manifest.pillars,
            );
            let set_apart = print_places(&print, part.range.start, &headings);
            return CutDocument {
                part,
                cuts,
                footnotes: print.footnotes,
                set_apart,
            };
        }
        if part.kind == DocumentKind::NegotiatingText {
            let (cuts, footnotes, set_apart) =
                negotiating_text::cut(self.lines, part.range.clone());
            return CutDocument {
                part,
                cuts,
                footnotes,
                set_apart,
            };
        }
        if part.kind == DocumentKind::Compilation {
            let (cuts, footnotes, set_apart) = compilation::cut(self.lines, part.range.clone());
            return CutDocument {
                part,
                cuts,
                footnotes,
                set_apart,
            };
        }
        let block::Blocks {
            blocks,
            footnotes,
            mut set_apart,
        } = block::blocks(self.lines, part.range.clone(), self.layout);
        let pillars = &self.manifest.pillars;
        let aside = &mut set_apart;
        let cuts = match part.kind {
            DocumentKind::Letter => letter::cut(&blocks, aside),
            DocumentKind::DraftReport => {
                draft_report::cut(&blocks, pillars, self.track_changes, aside)
            }
            DocumentKind::ProgrammeOfWork => annex::programme_of_work(&blocks, aside),
            DocumentKind::GuidingQuestions => annex::guiding_questions(&blocks, aside),
            DocumentKind::Invitation => annex::invitation(&blocks, aside),
            DocumentKind::Annex => annex::annex(&blocks, aside),
            DocumentKind::Resolution
            | DocumentKind::Decision
            | DocumentKind::DraftResolution
            | DocumentKind::DraftDecision
            | DocumentKind::Treaty
            | DocumentKind::Report
            | DocumentKind::NegotiatingText
            | DocumentKind::Compilation => Vec::new(),
            DocumentKind::Other => {
                self.warn(
                    Some(part.range.start + 1),
                    "no letter or draft structure recognised; cut into blocks at blank lines",
                );
                annex::other(&blocks)
            }
        };
        CutDocument {
            part,
            cuts,
            footnotes,
            set_apart,
        }
    }

    /// Date, draft and report (shared by every document of the file) and the
    /// main document's title and symbol: detected, then overridden.
    fn file_facts(&self, documents: &[CutDocument]) -> FileFacts {
        let o = &self.file_override;
        let dates = o.date.map(DateRange::day).or_else(|| {
            metadata::dates(
                self.lines
                    .iter()
                    .copied()
                    .filter(|l| !l.trim().is_empty())
                    .take(20),
            )
        });
        let is_main = |kind: DocumentKind| kind.is_negotiated_draft() || kind.is_instrument();
        let main = documents
            .iter()
            .position(|d| is_main(d.part.kind))
            .unwrap_or(0);
        let (mut draft, mut report, mut symbol) = (None, None, None);
        if let Some(document) = documents.get(main).filter(|d| is_main(d.part.kind)) {
            let front: String = document
                .cuts
                .iter()
                .filter(|c| matches!(c.label.as_str(), "title" | "header"))
                .flat_map(|c| c.pieces.iter().map(|p| p.text.as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            let description = document.part.description.clone().unwrap_or_default();
            let described = format!("{description} {front}");
            draft = metadata::draft(&described);
            report = metadata::report(&described);
            symbol = metadata::symbol(&description).or_else(|| metadata::symbol(&front));
            if document.part.kind.is_instrument() {
                let text_of = |label: &str| -> String {
                    document
                        .cuts
                        .iter()
                        .filter(|c| c.label == label)
                        .flat_map(|c| c.pieces.iter().map(|p| p.text.as_str()))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let (title, header) = (text_of("title"), text_of("header"));
                report = metadata::family(document.part.kind, &title, &header);
                draft = metadata::version(document.part.kind, &header).or(draft);
            }
        }
        FileFacts {
            date: dates.map(|d| d.start),
            date_end: dates.and_then(|d| d.end),
            draft: o.draft.or(draft).unwrap_or(Draft::None),
            report: o.report.clone().or(report),
            main,
            main_symbol: o.symbol.clone().or(symbol),
            main_title: o.title.clone(),
        }
    }

    /// Reads the chunks of one document and adds it to the output.
    fn read(
        &mut self,
        document: CutDocument,
        facts: &FileFacts,
        vocabulary: Option<&Vocabulary>,
        used_ids: &mut HashSet<String>,
    ) {
        let CutDocument {
            part,
            cuts,
            footnotes,
            set_apart,
        } = document;
        if let Some(ledger) = self.ledger.as_mut() {
            ledger.set_apart(set_apart);
        }
        let index = self.out.documents.len();
        let mut marked: Vec<Marked> = cuts
            .iter()
            .map(|cut| {
                markup::mark(
                    cut.pieces.iter().map(|p| p.text.as_str()),
                    self.track_changes,
                )
            })
            .collect();

        // Plain-digit footnote markers, for the bodies no superscript claimed.
        let superscripts: HashSet<u32> = marked
            .iter()
            .flat_map(|m| m.markers.iter().copied())
            .collect();
        let mut texts: Vec<String> = marked
            .iter_mut()
            .map(|m| std::mem::take(&mut m.text))
            .collect();
        let starts: Vec<usize> = cuts.iter().map(|c| c.lines().start).collect();
        // A markdown negotiating text marks its footnotes (`[^n]`): a plain
        // digit there is text.
        let claims = if part.kind == DocumentKind::NegotiatingText {
            Vec::new()
        } else {
            footnote::strip_plain_markers(&mut texts, &starts, &footnotes, &superscripts)
        };
        for (m, text) in marked.iter_mut().zip(texts) {
            m.text = text;
        }
        for claim in claims {
            if let Some(m) = marked.get_mut(claim.chunk) {
                m.markers.push(claim.number);
            }
        }

        let finish = |text: &str| {
            let text = markup::tidy(text);
            match vocabulary {
                Some(v) => markup::tidy(&v.repair(&text)),
                None => text,
            }
        };
        let bodies: Vec<(u32, usize, String)> = footnotes
            .iter()
            .map(|b| (b.number, b.line, finish(&draft_report::plain(&b.text))))
            .collect();

        let is_main = index == facts.main;
        let title = self.title(&part, &cuts, &marked, facts, is_main);
        let slug = match part.kind {
            DocumentKind::DraftReport => "draft",
            kind => kind.name(),
        };
        let mut id = format!("{}/{slug}", corpus::stem(self.name));
        let mut n = 2;
        while !used_ids.insert(id.clone()) {
            id = format!("{}/{slug}-{n}", corpus::stem(self.name));
            n += 1;
        }
        let mut doc = Document {
            id,
            file: self.name.to_string(),
            title,
            symbol: if is_main {
                facts.main_symbol.clone()
            } else {
                None
            },
            date: facts.date,
            date_end: facts.date_end,
            report: facts.report.clone(),
            draft: facts.draft,
            kind: part.kind,
            lines: self.text_lines(&part),
            format: Format::Text,
            unsettled: Unsettled::default(),
        };

        let mut chunks = Vec::new();
        for (cut, m) in cuts.into_iter().zip(marked) {
            let text = finish(&m.text);
            let empty = text.is_empty() && m.deleted.is_empty() && m.inserted.is_empty();
            if let Some(ledger) = self.ledger.as_mut() {
                for piece in &cut.pieces {
                    match (empty, piece.text.trim().is_empty()) {
                        // Its marker taken, nothing was left of the line.
                        (true, true) => ledger.put(piece.line, Place::Marker),
                        (true, false) => ledger.put(piece.line, Place::Markup("markup")),
                        (false, _) => ledger.put_in_chunk(piece.line, &cut.label, &piece.text),
                    }
                }
            }
            if empty {
                continue;
            }
            let lines = cut.lines();
            let footnotes = footnote::attach(&m.markers, lines.start, &bodies);
            chunks.push(Chunk {
                doc: doc.id.clone(),
                ordinal: 0,
                kind: cut.kind,
                label: cut.label,
                section: cut.section,
                pillar: cut.pillar,
                text,
                inserted: m.inserted,
                deleted: m.deleted,
                moved: m.moved,
                footnotes,
                lines,
                pages: None,
                changes: Vec::new(),
                comments: Vec::new(),
                attributions: Vec::new(),
                citation: String::new(),
            });
        }
        // A programme of work announces its own symbol in a footnote to its title.
        if doc.symbol.is_none() {
            doc.symbol = chunks
                .iter()
                .filter(|c| c.label.ends_with("title"))
                .flat_map(|c| c.footnotes.iter())
                .find_map(|f| metadata::announced_symbol(&f.body));
        }
        for (ordinal, chunk) in chunks.iter_mut().enumerate() {
            chunk.ordinal = u32::try_from(ordinal).unwrap_or(u32::MAX);
            chunk.citation = cite(&doc, &chunk.label);
        }
        self.out.documents.push(doc);
        self.out.chunks.extend(chunks);
    }

    /// The first and last non-blank lines of a document.
    fn text_lines(&self, part: &Part) -> LineRange {
        let is_text = |&l: &usize| self.lines.get(l).is_some_and(|t| !t.trim().is_empty());
        let first = part.range.clone().find(is_text).unwrap_or(part.range.start);
        let last = part.range.clone().rev().find(is_text).unwrap_or(first);
        LineRange::new(first + 1, last + 1)
    }

    fn title(
        &self,
        part: &Part,
        cuts: &[Cut],
        marked: &[Marked],
        facts: &FileFacts,
        is_main: bool,
    ) -> String {
        if is_main && let Some(title) = &facts.main_title {
            return title.clone();
        }
        let own = cuts
            .iter()
            .zip(marked)
            .find(|(c, _)| c.label == "title" || c.label.ends_with(".title"))
            .map(|(_, m)| markup::tidy(&m.text))
            .filter(|t| t.split_whitespace().count() >= 2);
        let described = part.description.as_deref().map(|d| {
            let symbol = metadata::symbol(d);
            markup::tidy(&symbol.map_or_else(|| d.to_string(), |s| d.replace(&s, "")))
        });
        own.or(described)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| match (part.kind, facts.date) {
                (DocumentKind::Letter, Some(date)) => format!("Letter of {date}"),
                (kind, _) => kind.capitalized_name(),
            })
    }
}

/// The places an instrument's print and grammar give the lines of a
/// document starting at line index `start`: furniture, footnote bodies,
/// blank lines and `headings` (line indices); its cuts have the rest.
fn print_places(print: &print::Print, start: usize, headings: &[usize]) -> SetApart {
    let mut set_apart = SetApart::default();
    for (i, role) in print.roles.iter().enumerate() {
        let place = match role {
            print::Role::Text => continue,
            print::Role::Blank => Place::Blank,
            print::Role::Furniture(f) => Place::Furniture(f.name()),
            print::Role::Footnote(i) => {
                Place::Footnote(print.footnotes.get(*i).map_or(0, |b| b.number))
            }
        };
        set_apart.line(start + i + 1, place);
    }
    for line in headings {
        set_apart.line(line + 1, Place::Heading);
    }
    set_apart
}

/// What a file says about all its documents.
struct FileFacts {
    date: Option<Date>,
    date_end: Option<Date>,
    draft: Draft,
    report: Option<String>,
    /// Index of the main document (the draft report, else the first).
    main: usize,
    main_symbol: Option<String>,
    main_title: Option<String>,
}
