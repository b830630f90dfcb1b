//! JSON Lines output: one JSON object per line, each `{"type": …, "data": …}`.
//!
//! For `negotext parse --json` the messages are, in order: a `document` per
//! document of the file, a `chunk` per chunk (after its document), and a
//! `warning` per warning. `data` is the serde form of
//! [`Document`](crate::model::Document), [`Chunk`](crate::model::Chunk) and
//! [`Warning`](crate::parse::Warning). The README documents every field.
//! Strings are JSON-escaped, so control characters are safe here.

use std::io::{self, Write};

use serde::Serialize;

use crate::parse::ParsedFile;

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
