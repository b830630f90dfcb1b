//! From physical lines to blocks: the paragraphs of the printed page, with
//! footnote bodies and page numbers lifted out.
//!
//! A block is not yet a chunk: a paragraph broken by a page bottom arrives as
//! two blocks, and the chunkers rejoin them (see `draft_report`).

use std::sync::LazyLock;

use regex::Regex;

use super::layout::Layout;
use super::markup::superscript_value;
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
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"));
static PLAIN_FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*(\d{1,3})\s+(\S.*?)\s*$"));

/// Cuts `lines` (the whole file; `range` selects a document) into blocks.
pub fn blocks(lines: &[&str], range: std::ops::Range<usize>, layout: Layout) -> Blocks {
    match layout {
        Layout::Markdown => markdown_blocks(lines, range),
        Layout::PdfText => pdf_blocks(lines, range),
    }
}

/// A markdown footnote body: `¹ A/75/816.`, `¹⁰ Report …`.
fn markdown_footnote(line: &str) -> Option<(u32, &str)> {
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

fn markdown_blocks(lines: &[&str], range: std::ops::Range<usize>) -> Blocks {
    let mut out = Blocks::default();
    let mut previous_was_text = false;
    for idx in range {
        let Some(raw) = lines.get(idx) else { break };
        if raw.trim().is_empty() {
            previous_was_text = false;
            continue;
        }
        if let Some((number, body)) = markdown_footnote(raw) {
            out.footnotes.push(FootnoteBody {
                number,
                line: idx + 1,
                text: body.to_string(),
            });
            previous_was_text = false;
            continue;
        }
        out.blocks.push(Block {
            pieces: vec![Piece {
                line: idx + 1,
                text: raw.trim().to_string(),
            }],
            tight: previous_was_text,
        });
        previous_was_text = true;
    }
    out
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

fn pdf_blocks(lines: &[&str], range: std::ops::Range<usize>) -> Blocks {
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

    for idx in range {
        let Some(raw) = lines.get(idx) else { break };
        let line = idx + 1;
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
            last_footnote = Some(number);
            previous = Previous::Footnote(ends_sentence(body));
            continue;
        }
        if previous == Previous::Footnote(false) && !raw.starts_with(char::is_whitespace) {
            // A footnote body wrapped onto a second printed line.
            if let Some(body) = out.footnotes.last_mut() {
                body.text.push(' ');
                body.text.push_str(text);
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
        let b = blocks(&lines, 0..lines.len(), Layout::PdfText);
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
        let b = blocks(&lines, 0..lines.len(), Layout::PdfText);
        assert!(b.footnotes.is_empty());
        assert_eq!(
            texts(&b),
            ["discussed in paragraphs 8 to 13 at the session."]
        );
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
