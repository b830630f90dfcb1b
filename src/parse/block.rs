//! From physical lines to blocks: the paragraphs of the printed page, with
//! footnote bodies and page numbers lifted out.
//!
//! A block is not yet a chunk: a paragraph broken by a page bottom arrives as
//! two blocks, and the chunkers rejoin them (see `draft_report`).

use std::sync::LazyLock;

use regex::Regex;

use super::layout::{Layout, ParagraphBreaks};
use super::markup::superscript_value;
use super::numbering::{Marker, split_marker};
use super::places::{Place, SetApart};
use super::regex;
use crate::model::Date;

/// One physical line of a block, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// 1-based line number in the file.
    pub line: usize,
    pub text: String,
}

/// A run of physical lines that print as one paragraph (or one list item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub pieces: Vec<Piece>,
    /// The block directly follows the previous one, with no blank line
    /// between (consecutive lines of a markdown signature or title; a PDF
    /// paragraph whose first line is indented right under the last one).
    pub tight: bool,
}

impl Block {
    /// The pieces joined with spaces, markup and all: for classifying a
    /// block (heading? marker? question?), not for the chunk text.
    pub fn joined(&self) -> String {
        self.pieces
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether every physical line is short, as in a signature block.
    pub fn all_lines_short(&self, max_chars: usize) -> bool {
        self.pieces
            .iter()
            .all(|p| p.text.chars().count() <= max_chars)
    }
}

/// A footnote body found at the bottom of a page (or, in a markdown export,
/// on a line of its own), with its raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteBody {
    pub number: u32,
    pub line: usize,
    pub text: String,
}

/// The blocks and footnote bodies of a range of lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocks {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<FootnoteBody>,
    /// The lines of the footnote bodies and the page numbers.
    pub set_apart: SetApart,
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"));
static PLAIN_FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*(\d{1,3})\s+(\S.*?)\s*$"));

/// Cuts `lines` (the whole file; `range` selects a document) into blocks.
pub fn blocks(lines: &[&str], range: std::ops::Range<usize>, layout: Layout) -> Blocks {
    match layout {
        Layout::Markdown => markdown_blocks(lines, range, None),
        Layout::Wrapped { width } => markdown_blocks(lines, range, Some(width)),
        Layout::PdfText {
            breaks: ParagraphBreaks::Unmarked,
        } => markdown_blocks(lines, range, None),
        Layout::PdfText { breaks } => pdf_blocks(lines, range, breaks),
    }
}

/// A markdown footnote body: `¹ A/75/816.`, `¹⁰ Report …`.
pub(super) fn markdown_footnote(line: &str) -> Option<(u32, &str)> {
    let trimmed = line.trim_start();
    let digits_end = trimmed
        .char_indices()
        .find(|(_, c)| superscript_value(*c).is_none())
        .map_or(trimmed.len(), |(i, _)| i);
    if digits_end == 0 {
        return None;
    }
    let (digits, rest) = trimmed.split_at_checked(digits_end)?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let number = digits
        .chars()
        .filter_map(superscript_value)
        .try_fold(0u32, |n, d| n.checked_mul(10)?.checked_add(d))?;
    Some((number, rest.trim()))
}

fn markdown_blocks(lines: &[&str], range: std::ops::Range<usize>, width: Option<usize>) -> Blocks {
    let mut out = Blocks::default();
    let mut previous_was_text = false;
    let mut next = range.start;
    let end = range.end.min(lines.len());
    while next < end {
        let idx = next;
        next += 1;
        let Some(raw) = lines.get(idx) else { break };
        if raw.trim().is_empty() {
            previous_was_text = false;
            continue;
        }
        let mut pieces = vec![Piece {
            line: idx + 1,
            text: raw.trim().to_string(),
        }];
        if let Some(width) = width {
            let mut last = *raw;
            while let Some(following) = lines.get(next).filter(|_| next < end)
                && continues_wrapped(last, following, width)
            {
                pieces.push(Piece {
                    line: next + 1,
                    text: following.trim().to_string(),
                });
                last = *following;
                next += 1;
            }
        }
        if let Some((number, body)) = markdown_footnote(raw) {
            let mut text = body.to_string();
            for piece in pieces.iter().skip(1) {
                text.push(' ');
                text.push_str(&piece.text);
            }
            out.footnotes.push(FootnoteBody {
                number,
                line: idx + 1,
                text,
            });
            for piece in &pieces {
                out.set_apart.line(piece.line, Place::Footnote(number));
            }
            previous_was_text = false;
            continue;
        }
        out.blocks.push(Block {
            pieces,
            tight: previous_was_text,
        });
        previous_was_text = true;
    }
    out
}

/// Whether `next` continues the line `last` of a text hard-wrapped at
/// `width` columns: `last` is full (the first word of `next` would not have
/// fitted on it) and `next` does not open a bullet, a numbered item or a
/// footnote (a letter in brackets, `(b) a permanent mechanism`, is as often
/// inside a sentence as at an item's start).
fn continues_wrapped(last: &str, next: &str, width: usize) -> bool {
    let Some(word) = next.split_whitespace().next() else {
        return false;
    };
    let full = last.trim_end().chars().count() + 1 + word.chars().count() > width;
    let opens_item = matches!(word, "-" | "*" | "+")
        || word.chars().next().and_then(superscript_value).is_some()
        || split_marker(next).is_some_and(|m| matches!(m.marker, Marker::Number(_)));
    full && !opens_item
}

/// What the line before the current one was, in a PDF extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Previous {
    /// Start of the range.
    Nothing,
    /// `""`: between printed lines of one paragraph.
    Empty,
    /// Only spaces: between paragraphs.
    Spaces,
    Text,
    /// A footnote body line; `true` when it ended a sentence.
    Footnote(bool),
    PageNumber,
}

/// Reads a PDF extraction whose paragraphs end at lines holding only spaces
/// (empty lines are the line spacing), or at the runs of blank lines that
/// [`blank_run_separates`] says end them.
fn pdf_blocks(lines: &[&str], range: std::ops::Range<usize>, breaks: ParagraphBreaks) -> Blocks {
    let mut out = Blocks::default();
    let mut current: Vec<Piece> = Vec::new();
    let mut current_tight = false;
    let mut previous = Previous::Nothing;
    let mut last_footnote: Option<u32> = None;

    let flush = |current: &mut Vec<Piece>, tight: bool, out: &mut Blocks| {
        if !current.is_empty() {
            out.blocks.push(Block {
                pieces: std::mem::take(current),
                tight,
            });
        }
    };

    let mut skip_to = range.start;
    for idx in range.clone() {
        if idx < skip_to {
            continue;
        }
        let Some(raw) = lines.get(idx) else { break };
        let line = idx + 1;
        if breaks == ParagraphBreaks::BlankRuns && raw.trim().is_empty() {
            let run_end = (idx..range.end)
                .find(|&i| lines.get(i).is_none_or(|l| !l.trim().is_empty()))
                .unwrap_or(range.end);
            skip_to = run_end;
            if blank_run_separates(lines, idx, run_end) {
                flush(&mut current, current_tight, &mut out);
                previous = Previous::Spaces;
            } else {
                previous = Previous::Empty;
            }
            continue;
        }
        if raw.is_empty() {
            previous = Previous::Empty;
            continue;
        }
        let text = raw.trim();
        if text.is_empty() {
            flush(&mut current, current_tight, &mut out);
            previous = Previous::Spaces;
            continue;
        }
        if PAGE_NUMBER.is_match(raw) {
            flush(&mut current, current_tight, &mut out);
            out.set_apart.line(line, Place::Furniture("page number"));
            previous = Previous::PageNumber;
            continue;
        }
        let after_separator = matches!(
            previous,
            Previous::Spaces | Previous::Footnote(_) | Previous::PageNumber
        );
        if after_separator && let Some((number, body)) = plain_footnote(raw, last_footnote) {
            flush(&mut current, current_tight, &mut out);
            out.footnotes.push(FootnoteBody {
                number,
                line,
                text: body.to_string(),
            });
            out.set_apart.line(line, Place::Footnote(number));
            last_footnote = Some(number);
            previous = Previous::Footnote(ends_sentence(body));
            continue;
        }
        if previous == Previous::Footnote(false) && !raw.starts_with(char::is_whitespace) {
            // A footnote body wrapped onto a second printed line.
            if let Some(body) = out.footnotes.last_mut() {
                body.text.push(' ');
                body.text.push_str(text);
                out.set_apart.line(line, Place::Footnote(body.number));
                previous = Previous::Footnote(ends_sentence(text));
                continue;
            }
        }
        let indented_under_text =
            previous == Previous::Text && raw.starts_with(char::is_whitespace);
        if indented_under_text || matches!(previous, Previous::Footnote(_)) {
            flush(&mut current, current_tight, &mut out);
            current_tight = indented_under_text;
        } else if current.is_empty() {
            current_tight = false;
        }
        current.push(Piece {
            line,
            text: text.to_string(),
        });
        previous = Previous::Text;
    }
    flush(&mut current, current_tight, &mut out);
    out
}

static PARAGRAPH_NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*\d{1,3}\.\s+\p{Lu}"));

/// Whether the blank lines `start..end` of a plain `pdftotext` extraction
/// separate paragraphs: a run of two or more does (an empty line is the
/// line spacing of double-spaced text); a single one does between
/// single-spaced lines after a sentence's end, and before a numbered
/// paragraph (`15. States…` under a heading).
fn blank_run_separates(lines: &[&str], start: usize, end: usize) -> bool {
    if end.saturating_sub(start) >= 2 {
        return true;
    }
    let is_text = |i: Option<usize>| {
        i.and_then(|i| lines.get(i))
            .is_some_and(|l| !l.trim().is_empty())
    };
    let before = start.checked_sub(1);
    let single_spaced = is_text(before)
        && is_text(start.checked_sub(2))
        && is_text(Some(end))
        && is_text(Some(end + 1));
    let ends = before
        .and_then(|i| lines.get(i))
        .is_some_and(|l| ends_sentence(l));
    let numbered = lines.get(end).is_some_and(|l| PARAGRAPH_NUMBER.is_match(l));
    (single_spaced && ends) || numbered
}

/// A footnote body line (`12 Report of the 2021 OEWG, …`) following a
/// paragraph separator or another footnote: its number must continue the
/// footnote sequence (start or restart it at 1), and the line must not be a
/// date (`28 July 2022` under a letterhead).
fn plain_footnote(raw: &str, last: Option<u32>) -> Option<(u32, &str)> {
    let caps = PLAIN_FOOTNOTE.captures(raw)?;
    let number: u32 = caps.get(1)?.as_str().parse().ok()?;
    let body = caps.get(2)?.as_str();
    let in_sequence = number == 1 || last.is_some_and(|last| number == last + 1);
    let is_date =
        Date::find_in(raw).is_some_and(|d| raw.trim_start().starts_with(&d.day.to_string()));
    (in_sequence && !is_date).then_some((number, body))
}

/// Whether a text ends a sentence or a clause that stands on its own
/// (`.`, `;`, `:`, `?`, `!`), looking past closing quotes, brackets, markup
/// and footnote markers (`strain.8`, `States. 7`, `security.⁶`).
pub fn ends_sentence(text: &str) -> bool {
    let closing = |c: char| {
        c.is_whitespace()
            || matches!(c, '”' | '"' | '’' | '\'' | ')' | ']' | '*' | '~')
            || superscript_value(c).is_some()
    };
    let terminal = ['.', ';', ':', '?', '!'];
    let trimmed = text.trim_end_matches(closing);
    if trimmed.ends_with(terminal) {
        return true;
    }
    let without_marker = trimmed.trim_end_matches(|c: char| c.is_ascii_digit());
    without_marker.len() < trimmed.len()
        && without_marker.trim_end_matches(closing).ends_with(terminal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &Blocks) -> Vec<String> {
        blocks.blocks.iter().map(Block::joined).collect()
    }

    #[test]
    fn markdown_lines_are_blocks_and_superscript_lines_are_footnotes() {
        let lines = ["1. First.", "2. Second", "", "¹⁰ A/75/816.", "", "rest."];
        let b = blocks(&lines, 0..lines.len(), Layout::Markdown);
        assert_eq!(texts(&b), ["1. First.", "2. Second", "rest."]);
        assert_eq!(b.footnotes[0].number, 10);
        assert_eq!(b.footnotes[0].text, "A/75/816.");
        assert!(b.blocks[1].tight && !b.blocks[2].tight);
    }

    #[test]
    fn pdf_paragraphs_join_printed_lines_and_lift_footnotes_and_page_numbers() {
        let lines = [
            "1. These elements consolidate a ",
            "",
            " ",
            "1 GA resolutions 70/237. ",
            "2 A/75/816. ",
            " cumulative framework. ",
            "",
            " ",
            " 4/9 ",
            " ",
            "2. Next ",
            "",
            "line. ",
            "  Please accept. ",
        ];
        let b = blocks(&lines, 0..lines.len(), SPACE_LINES);
        assert_eq!(
            texts(&b),
            [
                "1. These elements consolidate a",
                "cumulative framework.",
                "2. Next line.",
                "Please accept."
            ]
        );
        assert_eq!(b.footnotes.len(), 2);
        assert_eq!(b.footnotes[1].text, "A/75/816.");
        assert!(b.blocks[3].tight);
    }

    #[test]
    fn a_wrapped_line_starting_with_a_number_is_not_a_footnote() {
        let lines = ["discussed in paragraphs ", "", "8 to 13 at the session. "];
        let b = blocks(&lines, 0..lines.len(), SPACE_LINES);
        assert!(b.footnotes.is_empty());
        assert_eq!(
            texts(&b),
            ["discussed in paragraphs 8 to 13 at the session."]
        );
    }

    const SPACE_LINES: Layout = Layout::PdfText {
        breaks: ParagraphBreaks::SpaceLines,
    };

    #[test]
    fn plain_pdftotext_paragraphs_end_at_runs_of_blank_lines() {
        let lines = [
            "1. These elements consolidate a",
            "",
            "cumulative framework.",
            "",
            "",
            "D. International Law",
            "",
            "15. States reaffirmed",
            "",
            "the framework.",
            "",
            "",
            "We met in Geneva",
            "and agreed.",
            "",
            "We adjourned",
            "in good order.",
        ];
        let breaks = ParagraphBreaks::BlankRuns;
        let b = blocks(&lines, 0..lines.len(), Layout::PdfText { breaks });
        assert_eq!(
            texts(&b),
            [
                "1. These elements consolidate a cumulative framework.",
                "D. International Law",
                "15. States reaffirmed the framework.",
                "We met in Geneva and agreed.",
                "We adjourned in good order."
            ]
        );
    }

    #[test]
    fn wrapped_lines_join_while_the_line_above_is_full() {
        let lines = [
            "1. The Group met in New York",
            "and agreed.",
            "2. The Group adjourned (a) in",
            "(b) good order.",
            "",
            "¹ A/75/816, the report of the",
            "Group.",
        ];
        let b = blocks(&lines, 0..lines.len(), Layout::Wrapped { width: 30 });
        assert_eq!(
            texts(&b),
            [
                "1. The Group met in New York and agreed.",
                "2. The Group adjourned (a) in (b) good order."
            ]
        );
        assert_eq!(b.footnotes[0].text, "A/75/816, the report of the Group.");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("the ICT environment”.  "));
        assert!(ends_sentence("including:"));
        assert!(ends_sentence("entities;**"));
        assert!(!ends_sentence("capacity-building for"));
        assert!(!ends_sentence("Furthermore,"));
        assert!(ends_sentence("under enormous strain.8  "));
        assert!(ends_sentence("resolution 75/240.”;20"));
        assert!(ends_sentence("security.⁶"));
        assert!(!ends_sentence(
            "until the completion of its mandate in 2025"
        ));
    }
}
