//! `negotext search --format csv`: one row per hit under a header row, for
//! a spreadsheet (RFC 4180: commas, fields quoted where they must be, CRLF
//! line ends as the `csv` crate writes them). The columns, in order:
//!
//! | column | what |
//! |---|---|
//! | `key` | what `negotext show` takes: `crp1 16(a)` |
//! | `citation` | the citation, as it stands alone in a memo |
//! | `symbol` | the document's UN symbol, or empty |
//! | `report`, `draft` | `apr1`, `crp1` (`none` when there is none) |
//! | `date` | the document's date, `YYYY-MM-DD`, or empty |
//! | `doc_kind`, `kind` | the kind of document and of chunk |
//! | `section` | the section's number and heading, or empty |
//! | `pillar`, `label` | as in the JSON output |
//! | `file`, `lines` | the corpus file and the chunk's lines there (`146-146`) |
//! | `score` | BM25 |
//! | `text` | the chunk's whole text, without marks |

use std::io::{self, Write};

use super::sanitize::sanitize;
use crate::search::Results;

/// The header row.
pub const COLUMNS: [&str; 15] = [
    "key", "citation", "symbol", "report", "draft", "date", "doc_kind", "kind", "section",
    "pillar", "label", "file", "lines", "score", "text",
];

/// Writes the hits of `results` as CSV, the header row first.
pub fn write_results<W: Write>(out: &mut W, results: &Results) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(io::Error::other)?;
    for hit in &results.hits {
        let (document, chunk) = (&hit.record.document, &hit.record.chunk);
        let section = chunk
            .section
            .as_ref()
            .map(|s| format!("{}. {}", s.number, s.heading))
            .unwrap_or_default();
        let row = [
            hit.key.clone(),
            chunk.citation.clone(),
            document.symbol.clone().unwrap_or_default(),
            document.report_or_none().to_string(),
            document.draft.short(),
            document.date.map(|d| d.iso()).unwrap_or_default(),
            document.kind.name().to_string(),
            chunk.kind.name().to_string(),
            section,
            chunk.pillar.name().to_string(),
            chunk.label.clone(),
            document.file.clone(),
            format!("{}-{}", chunk.lines.start, chunk.lines.end),
            hit.score.to_string(),
            chunk.text.clone(),
        ];
        writer
            .write_record(row.iter().map(|field| sanitize(field).into_owned()))
            .map_err(io::Error::other)?;
    }
    writer.flush()
}
