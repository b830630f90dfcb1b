//! The two shapes of text the corpus comes in.

/// How the physical lines of a file relate to its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Markdown-like export of a word-processor file: one paragraph or list
    /// item per physical line, blank lines between blocks, `**`, `*`, `~~`,
    /// links. (000, 001 and 004 of the shipped corpus.)
    Markdown,
    /// Text extracted from a PDF: hard-wrapped printed lines (with trailing
    /// spaces), empty lines *between printed lines*, lines holding only spaces
    /// *between paragraphs*, footnote blocks and page numbers at page bottoms.
    /// (002 and 003.)
    PdfText,
}

impl Layout {
    /// Detects the layout: PDF extraction leaves trailing spaces on most
    /// printed lines, a word processor's export on almost none.
    pub fn detect(lines: &[&str]) -> Layout {
        let text_lines = lines.iter().filter(|l| !l.trim().is_empty()).count();
        let padded = lines
            .iter()
            .filter(|l| !l.trim().is_empty() && l.ends_with(char::is_whitespace))
            .count();
        if text_lines > 0 && padded * 2 >= text_lines {
            Layout::PdfText
        } else {
            Layout::Markdown
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_spaces_mean_pdf() {
        assert_eq!(Layout::detect(&["a ", "", "b ", " "]), Layout::PdfText);
        assert_eq!(Layout::detect(&["a", "", "b ", "c"]), Layout::Markdown);
        assert_eq!(Layout::detect(&[]), Layout::Markdown);
    }
}
