//! A paragraph's text in the markup of the markdown-like export the
//! parser reads: `**inserted**`, `~~deleted~~`, footnote markers in
//! superscript digits.

/// How a stretch of a paragraph's text reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    Inserted,
    Deleted,
}

/// The spans of a paragraph in markup: `**inserted**`, `~~deleted~~`, the
/// white space at their edges outside the marks.
pub fn render(spans: &[(Mark, String)]) -> String {
    let mut out = String::new();
    for (mark, text) in spans {
        let delimiter = match mark {
            Mark::Plain => {
                out.push_str(text);
                continue;
            }
            Mark::Inserted => "**",
            Mark::Deleted => "~~",
        };
        let core = text.trim();
        if core.is_empty() {
            out.push_str(text);
            continue;
        }
        let lead = text.len() - text.trim_start().len();
        let trail = text.len() - text.trim_end().len();
        out.push_str(text.get(..lead).unwrap_or_default());
        out.push_str(delimiter);
        out.push_str(&squeezed(core));
        out.push_str(delimiter);
        out.push_str(text.get(text.len() - trail..).unwrap_or_default());
    }
    squeezed(&out)
}

/// `text` with runs of white space made one space, trimmed.
pub fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `n` in superscript digits: `12` → `¹²`.
pub fn superscript(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|d| match d {
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            _ => '⁰',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscripts() {
        assert_eq!(superscript(120), "¹²⁰");
    }

    #[test]
    fn marks_keep_white_space_outside() {
        let spans = [
            (Mark::Plain, "States ".to_string()),
            (Mark::Inserted, "voluntarily ".to_string()),
            (Mark::Deleted, " could  ".to_string()),
            (Mark::Plain, "share.".to_string()),
        ];
        assert_eq!(render(&spans), "States **voluntarily** ~~could~~ share.");
    }
}
