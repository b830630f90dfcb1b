//! Reading a Word file (Office Open XML, `.docx`) into the lines the parser
//! knows.
//!
//! - [`package`]: the zip, read within bounds (a zip bomb is refused).
//! - [`xml`]: each part as a small element tree.
//! - [`numbering`]: the automatic numbers a reader sees (`16.`, `(a)`),
//!   written as [`numformat`] says.
//! - [`runs`]: the body, paragraph by paragraph, with tracked changes as
//!   markup and who made them, footnotes and comments placed.
//! - [`markup`]: a paragraph's spans as `**inserted**`, `~~deleted~~`.
//! - [`notes`]: the footnotes' and comments' own text.
//!
//! Not read: headers and footers, endnotes, text boxes and drawings,
//! formatting changes (`w:rPrChange`, `w:pPrChange`).

mod markup;
mod notes;
mod numbering;
mod numformat;
mod package;
mod runs;
mod xml;

use super::format::{Extracted, Origin, Unreadable};
use crate::model::Format;

/// Reads the Word file `bytes`, unpacking at most `max_unpacked` bytes:
/// its text in lines (see [`runs`]), its tracked changes and comments in
/// the [`Origin`]. A file that is not a zip, holds no `word/document.xml`,
/// unpacks past the bound or holds damaged XML is [`Unreadable`], with what
/// to do about it.
pub fn read(bytes: &[u8], max_unpacked: u64) -> Result<Extracted, Unreadable> {
    let package = package::open(bytes, max_unpacked)?;
    let document = xml::parse(package::DOCUMENT, &package.document)?;
    let optional = |name: &str, part: &Option<Vec<u8>>| {
        part.as_deref()
            .map(|bytes| xml::parse(name, bytes))
            .transpose()
    };
    let numbering_xml = optional("word/numbering.xml", &package.numbering)?;
    let styles_xml = optional("word/styles.xml", &package.styles)?;
    let footnotes_xml = optional("word/footnotes.xml", &package.footnotes)?;
    let comments_xml = optional("word/comments.xml", &package.comments)?;
    let numbering = numbering::Numbering::new(numbering_xml.as_ref(), styles_xml.as_ref());
    let footnotes = notes::footnotes(footnotes_xml.as_ref());
    let comments = notes::comments(comments_xml.as_ref());
    let body = runs::Reader::new(numbering, &footnotes, &comments).read(&document);
    let mut text = body.lines.join("\n");
    text.push('\n');
    Ok(Extracted {
        text,
        origin: Origin {
            format: Format::Docx,
            pages: Vec::new(),
            track_changes: !body.changes.is_empty(),
            changes: body.changes,
            comments: body.comments,
        },
        warnings: body.warnings,
    })
}
