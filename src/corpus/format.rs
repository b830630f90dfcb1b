//! What kind of file a corpus file is, told by its content, and what a
//! reader of that kind gives the parser.
//!
//! A file is recognised by its first bytes (a PDF starts `%PDF-`, a DOCX is
//! a zip holding `word/document.xml`, an HTML page opens with a doctype or
//! an `<html>` tag), and only when they say nothing by its extension: a
//! PDF named `.txt` is read as a PDF, a text file named `.pdf` is refused
//! with a warning rather than read as garbage.
//!
//! Every reader turns its format into the lines the parser knows (one line
//! per paragraph or printed line, blank lines between paragraphs, tracked
//! changes as `**inserted**` and `~~deleted~~`), and says where each line
//! came from: its page, the tracked changes and comments on it.

use crate::model::{Change, Comment, Format};

/// The format `bytes` are in, by their content, else by `name`'s
/// extension when the content says nothing (see the module docs).
pub fn sniff(name: &str, bytes: &[u8]) -> Format {
    if let Some(format) = announced(bytes) {
        return format;
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => Format::Pdf,
        "docx" => Format::Docx,
        "html" | "htm" | "xhtml" => Format::Html,
        _ => Format::Text,
    }
}

/// The format the first bytes announce, if they announce one.
pub(super) fn announced(bytes: &[u8]) -> Option<Format> {
    // A PDF may carry up to 1024 bytes of junk before its header.
    let head = bytes.get(..1024).unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(Format::Docx);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
    let opening = text.get(start..(start + 64).min(text.len()))?;
    let opening = String::from_utf8_lossy(opening).to_ascii_lowercase();
    let html = opening.starts_with("<!doctype html")
        || opening.starts_with("<html")
        || (opening.starts_with("<?xml") && opening.contains("<!doctype html"));
    html.then_some(Format::Html)
}

/// Where the lines of a file came from, beyond their text: empty for a
/// text file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub format: Format,
    /// The page (from 1) of every line of the text, for a source with
    /// pages (a PDF); empty otherwise.
    pub pages: Vec<u32>,
    /// The source records its changes (a DOCX with tracked changes): bold
    /// is never emphasis, `**…**` always an insertion.
    pub track_changes: bool,
    /// Tracked changes, in the order of the text.
    pub changes: Vec<Change>,
    /// Comments, in the order of the text.
    pub comments: Vec<Comment>,
}

impl Origin {
    /// The origin of a text file: no pages, no changes.
    pub fn text() -> Origin {
        Origin::default()
    }
}

/// Why a reader could not give any text: the file is skipped with one
/// warning that says this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// What is wrong and what to do, e.g. "a scanned PDF with no text
    /// layer (run OCR on it, e.g. ocrmypdf, and index the result)".
    pub reason: String,
}

impl Unreadable {
    pub fn new(reason: impl Into<String>) -> Unreadable {
        Unreadable {
            reason: reason.into(),
        }
    }
}

/// What a reader gives: the text in lines the parser knows, where they came
/// from, and what was odd on the way (`(line, message)` pairs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    pub origin: Origin,
    pub warnings: Vec<(Option<usize>, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_wins_over_the_extension() {
        assert_eq!(sniff("a.txt", b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(sniff("a.pdf", b"%PDF-1.4"), Format::Pdf);
        assert_eq!(sniff("a.txt", b"PK\x03\x04rest"), Format::Docx);
        assert_eq!(sniff("a.txt", b"\n  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("a.txt", b"<HTML><body>"), Format::Html);
        assert_eq!(sniff("a.txt", b"1. States met."), Format::Text);
    }

    #[test]
    fn the_extension_speaks_when_the_content_does_not() {
        assert_eq!(sniff("a.pdf", b"not a pdf"), Format::Pdf);
        assert_eq!(sniff("a.DOCX", b"not a zip"), Format::Docx);
        assert_eq!(sniff("page.htm", b"<p>hi</p>"), Format::Html);
        assert_eq!(sniff("notes", b""), Format::Text);
    }
}
