//! Human-readable output.

use std::io::{self, Write};

use super::sanitize::sanitize;
use crate::model::{Chunk, Document};
use crate::parse::ParsedFile;

/// Width to which `parse` wraps chunk text (indent included).
const WIDTH: usize = 100;

/// Writes every document of a parsed file with its chunks: how it was cut.
pub fn write_parsed<W: Write>(out: &mut W, parsed: &ParsedFile) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} document(s), {} chunk(s)",
        sanitize(&parsed.file),
        parsed.documents.len(),
        parsed.chunks.len()
    )?;
    for document in &parsed.documents {
        writeln!(out)?;
        write_document(out, document)?;
        for chunk in parsed.chunks.iter().filter(|c| c.doc == document.id) {
            write_chunk(out, chunk)?;
        }
    }
    Ok(())
}

fn write_document<W: Write>(out: &mut W, doc: &Document) -> io::Result<()> {
    let mut facts = vec![doc.kind.to_string(), doc.draft.to_string()];
    if let Some(report) = &doc.report {
        facts.push(report.clone());
    }
    if let Some(dates) = doc.dates() {
        facts.push(dates.to_string());
    }
    if let Some(symbol) = &doc.symbol {
        facts.push(symbol.clone());
    }
    if !doc.format.is_text() {
        facts.push(doc.format.to_string());
    }
    writeln!(
        out,
        "== {} ({}) {}",
        sanitize(&doc.id),
        facts.join(", "),
        doc.lines
    )?;
    writeln!(out, "   {}", sanitize(&doc.title))
}

/// Writes one chunk: label, place, citation, then its text and its other views.
pub fn write_chunk<W: Write>(out: &mut W, chunk: &Chunk) -> io::Result<()> {
    let section = chunk
        .section
        .as_ref()
        .map(|s| format!("{}. {} · ", s.number, s.heading))
        .unwrap_or_default();
    let pages = chunk
        .pages
        .map(|pages| format!("{pages} · "))
        .unwrap_or_default();
    writeln!(
        out,
        "\n[{}] {} · {}{} · {pages}{}",
        sanitize(&chunk.label),
        chunk.kind,
        sanitize(&section),
        chunk.pillar,
        chunk.lines
    )?;
    writeln!(out, "  {}", sanitize(&chunk.citation))?;
    write_body(out, chunk, "    ", WIDTH)
}

/// Writes a chunk's text, wrapped, then its marked insertions and
/// deletions, its "text moved" note and its footnotes, each line indented.
pub fn write_body<W: Write>(
    out: &mut W,
    chunk: &Chunk,
    indent: &str,
    width: usize,
) -> io::Result<()> {
    for line in wrap(&chunk.text, width.saturating_sub(indent.len())) {
        writeln!(out, "{indent}{}", sanitize(line))?;
    }
    for inserted in &chunk.inserted {
        writeln!(out, "{indent}+ inserted: {}", sanitize(inserted))?;
    }
    for deleted in &chunk.deleted {
        writeln!(out, "{indent}- deleted: {}", sanitize(deleted))?;
    }
    if chunk.moved {
        writeln!(out, "{indent}(carried a \"text moved\" note)")?;
    }
    for change in &chunk.changes {
        let date = change.date.as_deref().unwrap_or("no date");
        writeln!(
            out,
            "{indent}{} by {} ({}): {}",
            change.kind,
            sanitize(&change.author),
            sanitize(date),
            sanitize(&change.text)
        )?;
    }
    for comment in &chunk.comments {
        writeln!(
            out,
            "{indent}comment by {}: {}",
            sanitize(&comment.author),
            sanitize(&comment.text)
        )?;
    }
    for footnote in &chunk.footnotes {
        writeln!(
            out,
            "{indent}[{}] {}",
            footnote.number,
            sanitize(&footnote.body)
        )?;
    }
    Ok(())
}

/// Wraps text at spaces into lines of at most `width` characters where
/// words allow (a longer word gets a line of its own; nothing is cut inside
/// a word, so never inside a character or grapheme).
pub fn wrap(text: &str, width: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut line: Option<(usize, usize)> = None;
    let mut length = 0;
    for (offset, word) in words_with_offsets(text) {
        let chars = word.chars().count();
        let end = offset + word.len();
        line = match line {
            Some((start, last)) if length + 1 + chars > width => {
                lines.push(text.get(start..last).unwrap_or_default());
                length = chars;
                Some((offset, end))
            }
            Some((start, _)) => {
                length += 1 + chars;
                Some((start, end))
            }
            None => {
                length = chars;
                Some((offset, end))
            }
        };
    }
    if let Some((start, end)) = line {
        lines.push(text.get(start..end).unwrap_or_default());
    }
    lines
}

/// The whitespace-separated words of a text, with their byte offsets.
fn words_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |word| {
        let offset = word.as_ptr() as usize - text.as_ptr() as usize;
        (offset, word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces() {
        let lines = wrap("one two three four five", 9);
        assert_eq!(lines, ["one two", "three", "four five"]);
        assert_eq!(wrap("", 10), Vec::<&str>::new());
        assert_eq!(wrap("supercalifragilistic", 5), ["supercalifragilistic"]);
    }
}
