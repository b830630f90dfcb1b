//! The shapes of text the corpus comes in, recognised by what the text says:
//! how its lines break, what furniture a printed page leaves, what markup a
//! word processor's export writes — never by one extractor's habits alone.

use std::sync::LazyLock;

use regex::Regex;

use super::markup::superscript_value;
use super::regex;

/// How the physical lines of a file relate to its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Markdown-like export of a word-processor file: one paragraph or list
    /// item per physical line, blank lines between blocks, `**`, `*`, `~~`,
    /// links. (000, 001 and 004 of the shipped corpus.)
    Markdown,
    /// The same export (or plain text) hard-wrapped at `width` columns, as an
    /// e-mail client or `fmt` leaves it: a paragraph's lines follow each other
    /// and each but the last is full (its next word would not have fitted).
    Wrapped { width: usize },
    /// Text extracted from a PDF: hard-wrapped printed lines, footnote blocks
    /// and page numbers at page bottoms, sometimes empty lines *between
    /// printed lines* (double spacing). (002 and 003.)
    PdfText { breaks: ParagraphBreaks },
}

/// How a PDF extraction shows where paragraphs end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphBreaks {
    /// Lines holding only spaces between paragraphs, empty lines between
    /// printed lines: the shipped extractor's marks.
    SpaceLines,
    /// Plain `pdftotext` of double-spaced text: one empty line between
    /// printed lines, longer runs (or a single one where the spacing says
    /// so) between paragraphs.
    BlankRuns,
    /// Nothing: single-spaced text whose every line is read on its own, the
    /// chunkers rejoining the lines of an unfinished sentence.
    Unmarked,
}

/// A detected layout and, when the text did not say clearly, the warning
/// naming what was assumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub layout: Layout,
    pub doubt: Option<String>,
}

/// A page number as printed at a page bottom: `4/9`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"));
/// Markup only a markdown export writes: bold, strike-through, links,
/// headings, bullets.
static MARKUP: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\*\*|~~|\]\(|^\s*#{1,6}\s|^\s*[-*+]\s+\S"));
/// Lines longer than any printed column: one paragraph per line.
const PARAGRAPH_LINE: usize = 200;

/// What the lines of a file show about their layout.
#[derive(Debug, Default)]
struct Evidence {
    text_lines: usize,
    /// Text lines ending in trailing whitespace.
    padded: usize,
    /// Lines holding only spaces.
    space_only: usize,
    /// Form feeds and page-number lines.
    page_furniture: usize,
    /// Lines with markdown markup, or footnote bodies under superscripts.
    markup: usize,
    /// Lines longer than any printed column.
    paragraph_lines: usize,
    /// Lines ending mid-sentence whose sentence goes on, in lower case, on
    /// the next line…
    soft_breaks: usize,
    /// … or on the line after one blank line (double spacing).
    soft_breaks_over_blank: usize,
    /// The longest text line that could have been broken (it has a space).
    width: usize,
}

impl Evidence {
    fn of(lines: &[&str]) -> Evidence {
        let mut e = Evidence::default();
        for (i, line) in lines.iter().enumerate() {
            e.page_furniture += line.matches('\u{c}').count();
            let text = line.trim();
            if text.is_empty() {
                e.space_only += usize::from(!line.is_empty());
                continue;
            }
            e.text_lines += 1;
            e.padded += usize::from(line.ends_with(char::is_whitespace));
            e.page_furniture += usize::from(PAGE_NUMBER.is_match(line));
            let superscript_note = text.chars().next().and_then(superscript_value).is_some();
            e.markup += usize::from(superscript_note || MARKUP.is_match(line));
            let length = line.trim_end().chars().count();
            e.paragraph_lines += usize::from(length > PARAGRAPH_LINE);
            if text.contains(' ') {
                e.width = e.width.max(length);
            }
            if !ends_mid_sentence(text) {
                continue;
            }
            let next = lines.get(i + 1).copied().unwrap_or_default();
            if starts_lower(next) {
                e.soft_breaks += 1;
            } else if next.trim().is_empty() && lines.get(i + 2).copied().is_some_and(starts_lower)
            {
                e.soft_breaks_over_blank += 1;
            }
        }
        e
    }

    /// Paragraphs run over several lines.
    fn wrapped(&self) -> bool {
        let breaks = self.soft_breaks + self.soft_breaks_over_blank;
        breaks >= 3 && breaks * 8 >= self.text_lines && breaks > self.paragraph_lines
    }

    /// Lines double-spaced: sentences go on after an empty line.
    fn double_spaced(&self) -> bool {
        self.soft_breaks_over_blank >= 3 && self.soft_breaks_over_blank > self.soft_breaks
    }

    /// What a PDF extraction leaves: page furniture, an extractor's trailing
    /// spaces on most lines, or wrapped lines double-spaced.
    fn printed(&self) -> bool {
        self.page_furniture > 0
            || (self.text_lines > 0 && self.padded * 2 >= self.text_lines)
            || (self.double_spaced() && self.wrapped())
    }

    fn paragraph_breaks(&self) -> ParagraphBreaks {
        if self.space_only >= 2 && self.space_only * 20 >= self.text_lines {
            ParagraphBreaks::SpaceLines
        } else if self.double_spaced() {
            ParagraphBreaks::BlankRuns
        } else {
            ParagraphBreaks::Unmarked
        }
    }
}

fn ends_mid_sentence(text: &str) -> bool {
    text.ends_with(|c: char| c.is_alphabetic() || c == ',')
}

fn starts_lower(line: &str) -> bool {
    line.trim_start().starts_with(char::is_lowercase)
}

impl Layout {
    /// Detects the layout from the text: printed-page furniture (form
    /// feeds, page numbers), double spacing or an extractor's trailing
    /// spaces mean a PDF extraction; otherwise lines that break
    /// mid-sentence mean a hard-wrapped text, and lines as long as
    /// paragraphs (or no broken sentences at all) one paragraph per line.
    /// Wrapped lines with neither page furniture nor markup are read as
    /// wrapped text, in doubt.
    pub fn detect(lines: &[&str]) -> Detected {
        let e = Evidence::of(lines);
        if e.printed() {
            return Detected {
                layout: Layout::PdfText {
                    breaks: e.paragraph_breaks(),
                },
                doubt: None,
            };
        }
        if !e.wrapped() {
            return Detected {
                layout: Layout::Markdown,
                doubt: None,
            };
        }
        let layout = Layout::Wrapped { width: e.width };
        let doubt = (e.markup == 0).then(|| {
            format!(
                "layout not recognised (lines break mid-sentence, but there is no page \
                 furniture or markup): assumed text hard-wrapped at {} columns",
                e.width
            )
        });
        Detected { layout, doubt }
    }

    /// Whether the text was extracted from a PDF.
    pub fn is_printed(self) -> bool {
        matches!(self, Layout::PdfText { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(lines: &[&str]) -> Layout {
        Layout::detect(lines).layout
    }

    #[test]
    fn trailing_spaces_or_page_furniture_mean_pdf() {
        assert!(layout(&["a ", "", "b ", " "]).is_printed());
        assert!(layout(&["a", "", "b", "", "3/9", "c"]).is_printed());
        assert!(layout(&["a", "\u{c}b", "c"]).is_printed());
        assert_eq!(layout(&["a", "", "b ", "c"]), Layout::Markdown);
        assert_eq!(layout(&[]), Layout::Markdown);
    }

    #[test]
    fn double_spaced_wrapped_lines_mean_pdf() {
        let lines = [
            "1. The Group met in New York and",
            "",
            "discussed the proposals made by",
            "",
            "delegations at the session, and",
            "",
            "agreed to continue its work on",
            "",
            "the proposals.",
        ];
        assert_eq!(
            Layout::detect(&lines),
            Detected {
                layout: Layout::PdfText {
                    breaks: ParagraphBreaks::BlankRuns
                },
                doubt: None
            }
        );
    }

    #[test]
    fn lines_wrapped_one_under_the_other_are_wrapped_text() {
        let lines = [
            "- a) The Group met in New York and",
            "discussed the proposals made by",
            "delegations at the session, and",
            "agreed to continue its **work** on",
            "the proposals.",
        ];
        let detected = Layout::detect(&lines);
        assert_eq!(detected.layout, Layout::Wrapped { width: 34 });
        assert_eq!(detected.doubt, None);
        let plain = lines.map(|l| l.trim_start_matches("- ").replace("**", ""));
        let plain: Vec<&str> = plain.iter().map(String::as_str).collect();
        let detected = Layout::detect(&plain);
        assert!(matches!(detected.layout, Layout::Wrapped { .. }));
        assert!(detected.doubt.is_some_and(|d| d.contains("assumed")));
    }

    #[test]
    fn paragraphs_on_one_line_are_markdown() {
        let long = "word ".repeat(60).trim_end().to_string();
        assert_eq!(
            layout(&[&long, "", &long, "", "¹ A/75/816."]),
            Layout::Markdown
        );
    }
}
