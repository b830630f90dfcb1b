//! `negotext search --format md`: the hits as a Markdown list ready to
//! paste into a memo — each hit's citation in bold, then its snippet as a
//! quotation, the matched words in bold:
//!
//! ```text
//! - **A/AC.292/2022/CRP.1, para. 16(a)**
//!   > …the OEWG could agree to establish a global, **inter-governmental,
//!   > points of contact** directory on security in the use of ICTs…
//! ```
//!
//! Nothing else is printed: the total and the counts are the human and
//! JSON outputs' business. Characters Markdown reads as markup are escaped,
//! so that the text reads as printed.

use std::io::{self, Write};

use super::human::wrap;
use super::sanitize::sanitize;
use crate::search::Results;

/// How wide the quotation's lines are, `> ` included.
const QUOTE_WIDTH: usize = 80;

/// Writes the hits of `results` as a Markdown list.
pub fn write_results<W: Write>(out: &mut W, results: &Results) -> io::Result<()> {
    for hit in &results.hits {
        writeln!(out, "- **{}**", escaped(&hit.record.chunk.citation))?;
        let quoted = marked(&hit.snippet.text, &hit.snippet.highlights);
        for line in wrap(&quoted, QUOTE_WIDTH - 4) {
            writeln!(out, "  > {}", not_a_list(line))?;
        }
    }
    Ok(())
}

/// `text` escaped for Markdown, its `highlights` (byte ranges) in bold.
fn marked(text: &str, highlights: &[[usize; 2]]) -> String {
    let mut marked = String::with_capacity(text.len() + 8 * highlights.len());
    let mut at = 0;
    for &[start, end] in highlights {
        let (Some(before), Some(matched)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        marked.push_str(&escaped(before));
        marked.push_str("**");
        marked.push_str(&escaped(matched));
        marked.push_str("**");
        at = end;
    }
    marked.push_str(&escaped(text.get(at..).unwrap_or_default()));
    marked
}

/// `line` of a quotation, its first character escaped when Markdown would
/// read the line as a list item or a heading underline (`- `, `+ `, `=`,
/// `12. `, `3) `).
fn not_a_list(line: &str) -> String {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after_digits = line.get(digits..).unwrap_or_default();
    if line.starts_with(['-', '+', '=']) {
        format!("\\{line}")
    } else if digits > 0 && after_digits.starts_with(['.', ')']) {
        format!("{}\\{after_digits}", line.get(..digits).unwrap_or_default())
    } else {
        line.to_string()
    }
}

/// `text` with control characters shown escaped, every character that
/// Markdown could read as markup escaped with a backslash, and each run of
/// white space one space (kept at either end, where a match meets the
/// words around it).
fn escaped(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_matches_are_bold() {
        assert_eq!(
            escaped("a *b* [c](d) <e> _f_"),
            r"a \*b\* \[c\](d) \<e\> \_f\_"
        );
        assert_eq!(escaped("two\n  lines "), "two lines ");
        assert_eq!(not_a_list("- a"), r"\- a");
        assert_eq!(not_a_list("12. a"), r"12\. a");
        assert_eq!(not_a_list("12 a"), "12 a");
        let text = "points of contact (PoCs)";
        assert_eq!(
            marked(text, &[[10, 17], [19, 23]]),
            "points of **contact** (**PoCs**)"
        );
    }
}
