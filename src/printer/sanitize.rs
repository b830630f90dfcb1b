//! Keeping text from a file harmless on a terminal.
//!
//! A corpus file may hold control characters (an escape sequence can
//! rewrite the screen) or bidirectional overrides (which can make text read
//! differently than it is). Before anything from a file reaches a terminal,
//! such characters are shown escaped, as `\u{202E}`.

use std::borrow::Cow;

/// Whether a character must not reach the terminal raw: a control
/// character (C0, DEL, C1) other than newline and tab, or a bidirectional
/// embedding, override, isolate or mark.
pub(crate) fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` with every control or bidi-override character escaped.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_bidi_but_keeps_scripts() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(sanitize("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(
            sanitize("الأمن — безопасность — 安全"),
            "الأمن — безопасность — 安全"
        );
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
    }
}
