//! Reading a PDF's text layer, page by page, in pure Rust (`lopdf` to open
//! the file, `pdf-extract` to read each page's text in content order; the
//! choice is measured in `docs/pdf-extractors.md`).
//!
//! The text comes out in the lines the grammars read from `pdftotext`
//! output: a form feed per page, one printed line per line, a new line at a
//! gap wider than [`BLOCK_GAP_EMS`] on a printed line, words one space
//! apart, a blank line where the page leaves a gap. Every line keeps its
//! page. A font that does not say which letters its characters are is
//! first given a map by its glyph order where the file bears it out
//! (`pdf_glyphs.rs`); characters still unknown cannot be read: the file gets
//! one warning naming their pages.
//!
//! A file that gives no text is refused with what to do about it: a scanned
//! PDF (pages of images, no text layer), an encrypted one that needs a
//! password, a damaged one. A page that cannot be read is left out with a
//! warning; the other pages are read.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use lopdf::Document;

use super::format::{Extracted, Origin, Unreadable};
use super::pdf_glyphs;

/// Reads the text of the PDF `bytes` (see the module docs).
pub fn read(bytes: &[u8]) -> Result<Extracted, Unreadable> {
    let document = quietly(|| open(bytes)).unwrap_or_else(|panic| Err(damaged(&panic)))?;
    let pages = document.get_pages();
    let mut out = Extracted::default();
    let mut page_of_line = Vec::new();
    // A form feed opens every page after the first, as `pdftotext` writes
    // them (an empty page is one more): the grammars read page breaks so.
    let mut form_feeds = 0;
    let mut lost_on: Vec<(u32, usize)> = Vec::new();
    for &number in pages.keys() {
        match page_text(&document, number) {
            Ok(PageText { text, lost, .. }) => {
                if lost > 0 {
                    lost_on.push((number, lost));
                }
                for line in printed_lines(&text) {
                    for _ in 0..std::mem::take(&mut form_feeds) {
                        out.text.push('\u{c}');
                    }
                    out.text.push_str(&line);
                    out.text.push('\n');
                    page_of_line.push(number);
                }
            }
            Err(problem) => out.warnings.push((
                None,
                format!("page {number} could not be read ({problem}); it is left out"),
            )),
        }
        if !out.text.is_empty() {
            form_feeds += 1;
        }
    }
    if !lost_on.is_empty() {
        out.warnings.push((None, unmapped(&lost_on)));
    }
    if out.text.trim().is_empty() {
        return Err(Unreadable::new(format!(
            "a PDF with no text layer ({} page{} of images: a scan?); run OCR on it \
             (e.g. `ocrmypdf in.pdf out.pdf`) and put the result in the corpus",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" }
        )));
    }
    out.origin = Origin {
        pages: page_of_line,
        ..Origin::default()
    };
    Ok(out)
}

/// The document in `bytes`, decrypted when it opens with no password.
fn open(bytes: &[u8]) -> Result<Document, Unreadable> {
    let mut document = Document::load_mem(bytes).map_err(|err| damaged(&err.to_string()))?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(Unreadable::new(
            "an encrypted PDF that needs a password; save an unprotected copy \
             (or its text) and put that in the corpus",
        ));
    }
    pdf_glyphs::map_unmapped_fonts(&mut document);
    Ok(document)
}

fn damaged(problem: &str) -> Unreadable {
    Unreadable::new(format!(
        "a damaged PDF ({problem}); open it and save it again, or put its text \
         (e.g. from `pdftotext`) in the corpus"
    ))
}

/// Page `number`, laid out by [`PageText`].
fn page_text(document: &Document, number: u32) -> Result<PageText, String> {
    quietly(|| {
        let mut page = PageText::default();
        pdf_extract::output_doc_page(document, &mut page, number)
            .map(|()| page)
            .map_err(|err| err.to_string())
    })
    .and_then(|read| read)
}

/// The one warning for characters that have no text, given as (page,
/// characters) pairs.
fn unmapped(lost_on: &[(u32, usize)]) -> String {
    const NAMED: usize = 8;
    let lost: usize = lost_on.iter().map(|(_, n)| n).sum();
    let mut pages: Vec<String> = lost_on
        .iter()
        .take(NAMED)
        .map(|(page, _)| page.to_string())
        .collect();
    if lost_on.len() > NAMED {
        pages.push("…".to_string());
    }
    format!(
        "{lost} character{} on page{} {} printed in a font without a map to text \
         {} left out: words there may miss letters (a text export of the file, \
         e.g. by pdftotext, may have them)",
        if lost == 1 { "" } else { "s" },
        if lost_on.len() == 1 { "" } else { "s" },
        pages.join(", "),
        if lost == 1 { "was" } else { "were" },
    )
}

/// How wide a gap between two words on one printed line, in ems, reads as
/// two blocks (an enumerator and its text at the next tab stop, a heading's
/// number and its words, two columns): the gaps of justified text stay
/// under it.
const BLOCK_GAP_EMS: f64 = 1.6;

/// A page's characters as lines of text, placed as `pdf-extract`'s plain
/// text output places them (a new line where the text moves down, an empty
/// one where it moves down more than one and a half lines, a space where
/// it moves right), except that a gap wider than [`BLOCK_GAP_EMS`] on the
/// same line starts a new line, as `pdftotext` reads such a gap.
#[derive(Debug, Default)]
struct PageText {
    text: String,
    /// The page's height: PDF coordinates grow upwards.
    height: f64,
    /// Where the last character ended, and the baseline it stood on.
    last_end: f64,
    last_y: f64,
    /// A word has begun and no character of it is out yet.
    word_begun: bool,
    /// Characters printed in a font that does not say which text they are
    /// (no `ToUnicode` map, no known encoding): `pdf-extract` gives them as
    /// nothing.
    lost: usize,
}

impl pdf_extract::OutputDev for PageText {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.last_end = f64::MAX;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        character: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let (x, y) = (trm.m31, self.height - trm.m32);
        let scaled = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (scaled.0 * scaled.1).abs().sqrt();
        if self.word_begun {
            let down = (y - self.last_y).abs();
            if down > size * 1.5 {
                self.text.push('\n');
            }
            let same_line = down <= size * 0.5;
            let back_and_down = x < self.last_end && !same_line;
            let block_gap = x > self.last_end + size * BLOCK_GAP_EMS && same_line;
            if back_and_down || block_gap {
                self.text.push('\n');
            } else if x > self.last_end + size * 0.1 {
                self.text.push(' ');
            }
        }
        self.text.push_str(character);
        self.lost += usize::from(character.is_empty());
        self.word_begun = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.word_begun = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// The printed lines of a page's text: each trimmed, its words one space
/// apart (justified lines come out with runs of spaces), one blank line
/// for any run of empty ones, none at the start or the end.
fn printed_lines(page: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in page.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            if lines.last().is_some_and(|last| !last.is_empty()) {
                lines.push(String::new());
            }
        } else {
            lines.push(words.join(" "));
        }
    }
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

thread_local! {
    /// This thread is reading a PDF: a panic of the reader is reported as
    /// an unreadable file, not printed.
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read`, turning a panic of the PDF crates (they panic on some
/// malformed files) into an error with its message, printed nowhere.
fn quietly<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !READING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = READING.with(|reading| reading.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    READING.with(|reading| reading.set(was));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unexpected structure".to_string());
        format!("the PDF reader failed: {message}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_lines_are_trimmed_and_single_spaced() {
        let page =
            "\n\n  United Nations    A/RES/77/321 \n\n \n  Recalling  its  resolution \nend ";
        assert_eq!(
            printed_lines(page),
            [
                "United Nations A/RES/77/321",
                "",
                "Recalling its resolution",
                "end"
            ]
        );
    }

    #[test]
    fn characters_without_text_are_one_warning() {
        assert_eq!(
            unmapped(&[(3, 1)]),
            "1 character on page 3 printed in a font without a map to text was left out: \
             words there may miss letters (a text export of the file, e.g. by pdftotext, \
             may have them)"
        );
        let many: Vec<(u32, usize)> = (1..=10).map(|p| (p, 2)).collect();
        assert!(
            unmapped(&many).starts_with("20 characters on pages 1, 2, 3, 4, 5, 6, 7, 8, … printed")
        );
    }

    #[test]
    fn what_is_not_a_pdf_is_damaged() {
        let err = read(b"%PDF-1.7\nnot really").unwrap_err();
        assert!(err.reason.starts_with("a damaged PDF"), "{}", err.reason);
    }
}
