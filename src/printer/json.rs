//! JSON Lines output: one JSON object per line, each `{"type": …, "data": …}`.
//!
//! For `negotext parse --json` the messages are, in order: a `document` per
//! document of the file, a `chunk` per chunk (after its document), and a
//! `warning` per warning. `data` is the serde form of
//! [`Document`](crate::model::Document), [`Chunk`](crate::model::Chunk) and
//! [`Warning`](crate::parse::Warning). The README documents every field.
//!
//! For `negotext search --json`: a `hit` per hit ([`HitLine`]), then one
//! `summary` ([`SummaryLine`]). For `show --json`, a `chunk` per chunk
//! shown (a [`Record`]: `{"document", "chunk"}`); for `stats --json`, one
//! `stats`.
//!
//! Strings are JSON-escaped, so control characters are safe here.

use std::io::{self, Write};

use serde::Serialize;

use crate::index::Record;
use crate::model::{ChunkKind, Date, Draft, LineRange, Pillar, Section};
use crate::parse::ParsedFile;
use crate::search::{Facets, Hit, Results};

/// One line of output.
#[derive(Debug, Serialize)]
pub struct Message<'a, T: Serialize> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub data: &'a T,
}

/// Writes one message as a line.
pub fn write_message<W: Write, T: Serialize>(out: &mut W, kind: &str, data: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Message { kind, data }).map_err(io::Error::other)?;
    out.write_all(b"\n")
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

/// One `hit` line of `negotext search --json`: the contract documented in
/// the README.
#[derive(Debug, Serialize)]
pub struct HitLine<'a> {
    pub doc: &'a str,
    pub file: &'a str,
    pub symbol: Option<&'a str>,
    pub report: Option<&'a str>,
    pub draft: Draft,
    pub date: Option<Date>,
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
    pub lines: LineRange,
    /// What to give `negotext show`: `crp1 16(a)`.
    pub key: &'a str,
}

impl<'a> From<&'a Hit> for HitLine<'a> {
    fn from(hit: &'a Hit) -> Self {
        let Record { document, chunk } = &hit.record;
        HitLine {
            doc: &document.id,
            file: &document.file,
            symbol: document.symbol.as_deref(),
            report: document.report.as_deref(),
            draft: document.draft,
            date: document.date,
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
            lines: chunk.lines,
            key: &hit.key,
        }
    }
}

/// The `summary` line that ends `negotext search --json`.
#[derive(Debug, Serialize)]
pub struct SummaryLine<'a> {
    /// Matching chunks in all (not only the page shown).
    pub total_hits: usize,
    /// Counts over all matching chunks, by pillar and by `report/draft`.
    pub facets: &'a Facets,
    /// Hits on this page.
    pub returned: usize,
    pub offset: usize,
    pub elapsed_ms: f64,
}

/// Writes one `hit` per hit, then the `summary`.
pub fn write_results<W: Write>(out: &mut W, results: &Results, offset: usize) -> io::Result<()> {
    for hit in &results.hits {
        write_message(out, "hit", &HitLine::from(hit))?;
    }
    let summary = SummaryLine {
        total_hits: results.total,
        facets: &results.facets,
        returned: results.hits.len(),
        offset,
        elapsed_ms: results.elapsed.as_secs_f64() * 1000.0,
    };
    write_message(out, "summary", &summary)
}
