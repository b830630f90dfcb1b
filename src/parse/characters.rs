//! Characters that print alike, made alike.
//!
//! PDF extraction and word processors write a hyphen, a space or nothing at
//! all in several code points that look the same on the page: a
//! non-breaking hyphen (U+2011) or the Unicode hyphen (U+2010) for `-`, a
//! soft hyphen (U+00AD, a break hint that prints only at a line end), a word
//! joiner (U+2060), a zero-width space (U+200B) or a zero-width no-break
//! space (U+FEFF) where nothing prints, and no-break spaces (U+00A0,
//! U+202F) for a space. A delegate reads `non‑State` and `non-State` as
//! the same word, so the chunk texts hold one form: every view goes through
//! [`tidy`](super::markup::tidy), which starts here, and the word diffs of
//! `history` and `diff` normalise their texts with the same function.
//!
//! ```
//! use negotext::parse::normalise;
//! assert_eq!(normalise("non\u{2011}State capa\u{AD} city\u{A0}1"), "non-State capacity 1");
//! ```

use std::borrow::Cow;

/// Whether [`normalise`] changes or removes `c`.
fn is_variant(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}'
            | '\u{00AD}'
            | '\u{200B}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{202F}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// Whether `c` is a hyphen as a line end reads it: `-`, U+2010, U+2011 or a
/// soft hyphen. A line ending in one joins the next without a space.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}')
}

/// `text` with one form for the characters that print alike: U+2010 and
/// U+2011 become `-`, U+00A0 and U+202F a space; U+200B, U+2060 and U+FEFF
/// are removed; a soft hyphen is removed, and with it the whitespace after
/// it (pdftotext keeps it at a line end: `capa\u{AD}` + `city` is
/// `capacity`). Borrows the text when there is nothing to change (any
/// ASCII text).
pub fn normalise(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.contains(is_variant) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{00A0}' | '\u{202F}' => out.push(' '),
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
            '\u{00AD}' => while chars.next_if(|c| c.is_whitespace()).is_some() {},
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_are_one_hyphen() {
        assert_eq!(normalise("non\u{2011}State"), "non-State");
        assert_eq!(
            normalise("confidence\u{2010}building"),
            "confidence-building"
        );
        assert_eq!(normalise("capa\u{AD}city"), "capacity");
    }

    #[test]
    fn a_soft_hyphen_at_a_line_end_joins_the_word() {
        assert_eq!(normalise("the capa\u{AD} city of"), "the capacity of");
        assert_eq!(normalise("the capa\u{AD}\n  city of"), "the capacity of");
        assert_eq!(normalise("trailing\u{AD}"), "trailing");
    }

    #[test]
    fn invisible_characters_go_and_no_break_spaces_are_spaces() {
        assert_eq!(normalise("1.\u{2060} \u{2060}The"), "1. The");
        assert_eq!(normalise("zero\u{200B}width\u{FEFF}"), "zerowidth");
        assert_eq!(normalise("par\u{A0}: 10\u{202F}000"), "par : 10 000");
    }

    #[test]
    fn other_text_is_borrowed() {
        for text in ["plain ASCII - text", "Genève — “quoted” 2021–2025 − 1"] {
            assert!(matches!(normalise(text), Cow::Borrowed(t) if t == text));
        }
    }
}
