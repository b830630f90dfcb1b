//! JSON Lines output: one JSON object per line, each `{"type": …, "data": …}`.
//!
//! For `negotext parse --json` the messages are, in order: a `document` per
//! document of the file, a `chunk` per chunk (after its document), and a
//! `warning` per warning. `data` is the serde form of
//! [`Document`], [`Chunk`](crate::model::Chunk) and
//! [`Warning`](crate::parse::Warning). The README documents every field.
//!
//! For `negotext search --json`: a `hit` per hit ([`HitLine`]), then one
//! `summary` ([`SummaryLine`]). For `show --json`, a `chunk` per chunk
//! shown (a [`Record`]: `{"document", "chunk"}`); for `stats --json`, one
//! `stats`.
//!
//! Strings are JSON-escaped: besides the control characters JSON itself
//! requires escaped (U+0000–U+001F: `\u001b`, `\n`), DEL, the C1 controls
//! and the bidirectional controls ([`sanitize`](super::sanitize)'s set:
//! `\u202e`, `\u2066`…) are written as `\uXXXX` escapes too, so JSON printed
//! on a terminal cannot drive it, and a reader still gets every string back
//! exactly as the file has it.

use std::io::{self, Write};

use serde::Serialize;

use super::sanitize::is_unsafe;
use crate::history::diff::Segment;
use crate::model::{
    Change, ChunkKind, Comment, Date, Document, DocumentKind, Draft, Format, LineRange, LinkRef,
    PageRange, Pillar, Record, Section,
};
use crate::parse::ParsedFile;
use crate::search::Cited;
use crate::search::origin::Origin;
use crate::search::redline::{Entry, Redline};
use crate::search::trace::History;
use crate::search::{Facets, Filters, Hit, Results, VersionRef};
use crate::watch::{Report, Watch};

/// One line of output.
#[derive(Debug, Serialize)]
pub struct Message<'a, T: Serialize> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub data: &'a T,
}

/// Writes one message as a line.
pub fn write_message<W: Write, T: Serialize>(out: &mut W, kind: &str, data: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, TerminalSafe);
    Message { kind, data }
        .serialize(&mut serializer)
        // `From` keeps an I/O error as it was (a closed pipe stays one).
        .map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// serde_json's compact format, with the characters that could drive a
/// terminal (see the module docs) escaped even where JSON allows them raw.
struct TerminalSafe;

impl serde_json::ser::Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(fragment.get(start..at).unwrap_or_default().as_bytes())?;
                // Every such character is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(fragment.get(start..).unwrap_or_default().as_bytes())
    }
}

/// Writes a parsed file: documents, each followed by its chunks, then warnings.
pub fn write_parsed<W: Write>(out: &mut W, parsed: &ParsedFile) -> io::Result<()> {
    for document in &parsed.documents {
        write_message(out, "document", document)?;
        for chunk in parsed.chunks.iter().filter(|c| c.doc == document.id) {
            write_message(out, "chunk", chunk)?;
        }
    }
    for warning in &parsed.warnings {
        write_message(out, "warning", warning)?;
    }
    Ok(())
}

/// The document of a `hit` or an `appearance`: its first fields.
#[derive(Debug, Serialize)]
pub struct DocumentLine<'a> {
    pub doc: &'a str,
    pub file: &'a str,
    pub symbol: Option<&'a str>,
    pub report: Option<&'a str>,
    pub draft: Draft,
    /// The draft-facet entry it counts under: `apr1/crp1`, or the name its
    /// file of no report is shown as.
    pub draft_key: &'a str,
    pub date: Option<Date>,
    /// The last day, when the document's date is a range of days.
    pub date_end: Option<Date>,
}

impl<'a> DocumentLine<'a> {
    fn of(document: &'a Document, draft_key: &'a str) -> DocumentLine<'a> {
        DocumentLine {
            doc: &document.id,
            file: &document.file,
            symbol: document.symbol.as_deref(),
            report: document.report.as_deref(),
            draft: document.draft,
            draft_key,
            date: document.date,
            date_end: document.date_end,
        }
    }
}

/// One `hit` line of `negotext search --json`: the contract documented in
/// the README.
#[derive(Debug, Serialize)]
pub struct HitLine<'a> {
    #[serde(flatten)]
    pub document: DocumentLine<'a>,
    /// The kind of its document: `draft-report`.
    pub doc_kind: DocumentKind,
    pub kind: ChunkKind,
    pub section: Option<&'a Section>,
    pub pillar: Pillar,
    pub label: &'a str,
    pub citation: &'a str,
    pub score: f32,
    pub text: &'a str,
    pub snippet: &'a str,
    /// `[start, end)` byte ranges of the matched words in `snippet`.
    pub highlights: &'a [[usize; 2]],
    /// `text` or `deleted`: which words the snippet shows.
    pub snippet_view: &'a str,
    pub inserted: &'a [String],
    pub deleted: &'a [String],
    /// Words added and removed since the previous draft (computed).
    pub added: &'a [String],
    pub removed: &'a [String],
    /// Shared by every version of this paragraph across the drafts.
    pub lineage: &'a str,
    pub lines: LineRange,
    /// The format of its file: `text`, `pdf`, `docx` or `html`.
    pub format: Format,
    /// Its pages in a PDF (`{"start": 7, "end": 8}`); null otherwise.
    pub pages: Option<PageRange>,
    /// The tracked changes on it, with author and date (a DOCX).
    pub changes: &'a [Change],
    /// The comments on it, kept apart from its text (a DOCX).
    pub comments: &'a [Comment],
    /// Who proposed it: `[EU: …]` in a compilation, the sponsors of a
    /// draft resolution.
    pub attributions: &'a [String],
    /// What to give `negotext show`: `crp1 16(a)`.
    pub key: &'a str,
    /// With `--collapse`: the matching versions of the paragraph.
    pub versions: &'a [VersionRef],
}

impl<'a> From<&'a Hit> for HitLine<'a> {
    fn from(hit: &'a Hit) -> Self {
        let Record {
            document,
            chunk,
            links,
        } = &hit.record;
        HitLine {
            document: DocumentLine::of(document, &hit.draft_key),
            doc_kind: document.kind,
            kind: chunk.kind,
            section: chunk.section.as_ref(),
            pillar: chunk.pillar,
            label: &chunk.label,
            citation: &chunk.citation,
            score: hit.score,
            text: &chunk.text,
            snippet: &hit.snippet.text,
            highlights: &hit.snippet.highlights,
            snippet_view: hit.snippet_view.name(),
            inserted: &chunk.inserted,
            deleted: &chunk.deleted,
            added: &links.added,
            removed: &links.removed,
            lineage: &links.lineage,
            lines: chunk.lines,
            format: document.format,
            pages: chunk.pages,
            changes: &chunk.changes,
            comments: &chunk.comments,
            attributions: &chunk.attributions,
            key: &hit.key,
            versions: &hit.versions,
        }
    }
}

/// The `summary` line that ends `negotext search --json`.
#[derive(Debug, Serialize)]
pub struct SummaryLine<'a> {
    /// Matching chunks in all (not only the page shown).
    pub total_hits: usize,
    /// With `--collapse`: matching paragraphs (null otherwise).
    pub paragraphs: Option<usize>,
    /// Counts over all matching chunks, by pillar, by draft (`report/draft`,
    /// or a file of no report's name), by kind of document, by symbol and
    /// by author of tracked changes.
    pub facets: &'a Facets,
    /// Hits on this page.
    pub returned: usize,
    pub offset: usize,
    pub elapsed_ms: f64,
    /// Null when the index answered up to date with the corpus; otherwise
    /// why it answered from its last commit although the corpus changed
    /// since (the update failed, and why; or another negotext is updating
    /// it).
    pub stale: Option<&'a str>,
}

/// Writes one `hit` per hit, then the `summary`; `stale` says why the
/// index may lag behind the corpus (see [`SummaryLine::stale`]).
pub fn write_results<W: Write>(
    out: &mut W,
    results: &Results,
    offset: usize,
    stale: Option<&str>,
) -> io::Result<()> {
    for hit in &results.hits {
        write_message(out, "hit", &HitLine::from(hit))?;
    }
    let summary = SummaryLine {
        total_hits: results.total,
        paragraphs: results.paragraphs,
        facets: &results.facets,
        returned: results.hits.len(),
        offset,
        elapsed_ms: results.elapsed.as_secs_f64() * 1000.0,
        stale,
    };
    write_message(out, "summary", &summary)
}

/// A chunk in `history` and `diff` output.
#[derive(Debug, Serialize)]
pub struct ChunkLine<'a> {
    /// What to give `negotext show`: `crp1 16(a)`.
    pub key: &'a str,
    pub doc: &'a str,
    pub file: &'a str,
    pub report: Option<&'a str>,
    pub draft: Draft,
    pub date: Option<Date>,
    pub label: &'a str,
    pub citation: &'a str,
    pub section: Option<&'a Section>,
    pub pillar: Pillar,
    pub text: &'a str,
    pub lines: LineRange,
}

impl<'a> From<&'a Cited> for ChunkLine<'a> {
    fn from(cited: &'a Cited) -> Self {
        chunk_line(&cited.key, &cited.record)
    }
}

fn chunk_line<'a>(key: &'a str, record: &'a Record) -> ChunkLine<'a> {
    let Record {
        document, chunk, ..
    } = record;
    ChunkLine {
        key,
        doc: &document.id,
        file: &document.file,
        report: document.report.as_deref(),
        draft: document.draft,
        date: document.date,
        label: &chunk.label,
        citation: &chunk.citation,
        section: chunk.section.as_ref(),
        pillar: chunk.pillar,
        text: &chunk.text,
        lines: chunk.lines,
    }
}

/// One `version` line of `negotext history --json`.
#[derive(Debug, Serialize)]
pub struct VersionLine<'a> {
    #[serde(flatten)]
    pub chunk: ChunkLine<'a>,
    /// The versions in the previous draft it continues, with similarity.
    pub previous: &'a [LinkRef],
    /// The versions in the next draft that continue it.
    pub next: &'a [LinkRef],
    /// The word diff against `previous` (null in the first draft it is in).
    pub diff: Option<&'a [Segment]>,
    /// How its wording was softened since `previous`, one scale each:
    /// `modal: shall → should` (empty when it was not).
    pub softened: &'a [String],
    /// How its wording was hardened since `previous`.
    pub hardened: &'a [String],
    /// Bracketed passages of `previous` it no longer holds (`[shall]`).
    pub cleared: &'a [String],
    /// Bracketed passages new in it.
    pub bracketed: &'a [String],
}

/// The `history` line that ends `negotext history --json`.
#[derive(Debug, Serialize)]
pub struct HistoryLine<'a> {
    pub lineage: &'a str,
    pub report: &'a str,
    /// The drafts of the report, in negotiation order.
    pub drafts: &'a [Draft],
    pub versions: usize,
    /// Whether the chunk is followed across drafts at all.
    pub aligned: bool,
    pub new_in: Option<Draft>,
    pub dropped_after: Option<Draft>,
}

/// Writes a `version` per version, then the `history`.
pub fn write_history<W: Write>(out: &mut W, history: &History) -> io::Result<()> {
    for version in &history.versions {
        let line = VersionLine {
            chunk: chunk_line(&version.key, &version.record),
            previous: &version.record.links.previous,
            next: &version.record.links.next,
            diff: version.diff.as_ref().map(|d| d.segments.as_slice()),
            softened: &version.record.links.softened,
            hardened: &version.record.links.hardened,
            cleared: &version.cleared,
            bracketed: &version.bracketed,
        };
        write_message(out, "version", &line)?;
    }
    let line = HistoryLine {
        lineage: &history.lineage,
        report: &history.report,
        drafts: &history.drafts,
        versions: history.versions.len(),
        aligned: history.aligned,
        new_in: history.new_in,
        dropped_after: history.dropped_after,
    };
    write_message(out, "history", &line)
}

/// A `changed` line of `negotext diff --json`.
#[derive(Debug, Serialize)]
pub struct ChangedLine<'a> {
    pub older: Vec<ChunkLine<'a>>,
    pub newer: ChunkLine<'a>,
    pub score: f32,
    pub diff: &'a [Segment],
    /// How its wording was softened between the two drafts, one scale
    /// each: `modal: shall → should`.
    pub softened: &'a [String],
    /// How it was hardened.
    pub hardened: &'a [String],
    /// Bracketed passages of the older text the newer no longer holds.
    pub cleared: &'a [String],
    /// Bracketed passages new in the newer text.
    pub bracketed: &'a [String],
}

/// The `summary` line that ends `negotext diff --json`.
#[derive(Debug, Serialize)]
pub struct RedlineLine<'a> {
    pub report: &'a str,
    pub from: Draft,
    pub to: Draft,
    pub changed: usize,
    pub added: usize,
    pub dropped: usize,
    pub unchanged: usize,
}

/// Writes a `changed`, `added` or `dropped` line per entry, then the
/// `summary`.
pub fn write_redline<W: Write>(out: &mut W, redline: &Redline) -> io::Result<()> {
    for entry in &redline.entries {
        match entry {
            Entry::Changed {
                older,
                newer,
                score,
                diff,
                softened,
                hardened,
                cleared,
                bracketed,
            } => {
                let line = ChangedLine {
                    older: older.iter().map(ChunkLine::from).collect(),
                    newer: ChunkLine::from(newer),
                    score: *score,
                    diff: &diff.segments,
                    softened,
                    hardened,
                    cleared,
                    bracketed,
                };
                write_message(out, "changed", &line)?;
            }
            Entry::Added(cited) => write_message(out, "added", &ChunkLine::from(cited))?,
            Entry::Dropped(cited) => write_message(out, "dropped", &ChunkLine::from(cited))?,
        }
    }
    let counts = redline.counts();
    let summary = RedlineLine {
        report: &redline.report,
        from: redline.from,
        to: redline.to,
        changed: counts.changed,
        added: counts.added,
        dropped: counts.dropped,
        unchanged: redline.unchanged,
    };
    write_message(out, "summary", &summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_that_could_drive_a_terminal_are_escaped_and_read_back_whole() {
        let text = "a\u{1b}[31m b\u{7} c\u{7f} d\u{9b}2J e\u{202e}f\u{2066}g\u{2069} é 安 👩\u{200d}👩\u{200d}👧\n";
        let mut out = Vec::new();
        write_message(&mut out, "warning", &text).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(line.ends_with('\n') && line.lines().count() == 1, "{line}");
        assert!(!line.trim_end().chars().any(is_unsafe), "{line:?}");
        for escaped in [
            "\\u001b", "\\u0007", "\\u007f", "\\u009b", "\\u202e", "\\u2066",
        ] {
            assert!(line.contains(escaped), "{escaped} in {line}");
        }
        // What needs no escape stays as it is, ZWJ sequences included.
        assert!(line.contains("é 安 👩\u{200d}👩\u{200d}👧\\n"), "{line}");
        let read: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(read["type"], "warning");
        assert_eq!(read["data"], text);
    }
}

/// An `appearance` line of `negotext origin --json`: one document that
/// holds the phrase.
#[derive(Debug, Serialize)]
pub struct AppearanceLine<'a> {
    /// Whether it is the first (the phrase's origin).
    pub first: bool,
    #[serde(flatten)]
    pub document: DocumentLine<'a>,
    /// Its chunks that hold the phrase, in the document's order (each as
    /// a `hit` of `search --json`, but for score and snippet).
    pub chunks: Vec<ChunkLine<'a>>,
}

/// The `origin` line that ends `negotext origin --json`.
#[derive(Debug, Serialize)]
pub struct OriginLine<'a> {
    pub query: &'a str,
    /// Documents that hold the phrase.
    pub documents: usize,
    /// Chunks that hold it.
    pub chunks: usize,
    /// Whether more chunks hold it than were read (see `MAX_CHUNKS`).
    pub cut: bool,
}

/// Writes an `appearance` per document, oldest first, a `dropped` per
/// draft that dropped the phrase, then the `origin`.
pub fn write_origin<W: Write>(out: &mut W, origin: &Origin) -> io::Result<()> {
    for (i, appearance) in origin.appearances.iter().enumerate() {
        let line = AppearanceLine {
            first: i == 0,
            document: DocumentLine::of(&appearance.document, &appearance.draft_key),
            chunks: appearance
                .chunks
                .iter()
                .map(|cited| chunk_line(&cited.key, &cited.record))
                .collect(),
        };
        write_message(out, "appearance", &line)?;
    }
    for dropped in &origin.dropped {
        write_message(out, "dropped", dropped)?;
    }
    let line = OriginLine {
        query: &origin.query,
        documents: origin.appearances.len(),
        chunks: origin.chunks,
        cut: origin.cut,
    };
    write_message(out, "origin", &line)
}

/// One `watch` line of `negotext watch --json`: what a saved search found
/// that its last run did not (a documented contract, see the README).
#[derive(Debug, Serialize)]
pub struct WatchLine<'a> {
    pub name: &'a str,
    pub query: &'a str,
    /// Hits of this run, all of them.
    pub total_hits: usize,
    /// More hits than were compared (`watch::MAX_HITS`).
    pub cut: bool,
    /// Hits the last run did not find, as `search --json` gives hits.
    pub new: Vec<HitLine<'a>>,
    /// Hits the last run found saying something else.
    pub changed: Vec<HitLine<'a>>,
    /// Keys of the hits the last run found and this one does not.
    pub gone: &'a [String],
}

/// Writes the `watch` line of `report`.
pub fn write_watch<W: Write>(out: &mut W, report: &Report) -> io::Result<()> {
    let line = WatchLine {
        name: &report.name,
        query: &report.query,
        total_hits: report.total,
        cut: report.cut,
        new: report.new.iter().map(HitLine::from).collect(),
        changed: report.changed.iter().map(HitLine::from).collect(),
        gone: &report.gone,
    };
    write_message(out, "watch", &line)
}

/// One `saved` line of `negotext watch list --json`.
#[derive(Debug, Serialize)]
pub struct SavedLine<'a> {
    pub name: &'a str,
    pub query: &'a str,
    /// As `search` takes them: `drafts`, `pillars`, `doc`, `kind`,
    /// `doc_kinds`, `symbols`.
    pub filters: &'a Filters,
    pub exact: bool,
    /// How many hits its last run found.
    pub seen: usize,
}

impl<'a> From<&'a Watch> for SavedLine<'a> {
    fn from(watch: &'a Watch) -> Self {
        SavedLine {
            name: &watch.name,
            query: &watch.query,
            filters: &watch.filters,
            exact: watch.exact,
            seen: watch.seen.len(),
        }
    }
}
