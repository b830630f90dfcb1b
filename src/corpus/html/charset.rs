//! The characters of a page: its bytes decoded with the charset it
//! declares.
//!
//! In order: a byte-order mark; else a `<?xml … encoding="…"?>`
//! declaration or a `<meta charset>` / `<meta http-equiv="Content-Type"
//! content="…; charset=…">` in the first 1024 bytes (the HTML standard's
//! prescan, simplified: the first `charset=` inside a `<meta` tag); else
//! UTF-8, and windows-1252 (what browsers assume) when the bytes are not
//! UTF-8. A declared UTF-16 is read as UTF-8, as the standard says (a page
//! that really is UTF-16 has a byte-order mark). Bytes that are not text
//! at all (NUL bytes, mostly control bytes) are refused.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::super::format::Unreadable;

/// A page's text and what was odd in decoding it.
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<(Option<usize>, String)>,
}

/// How many bytes the prescan for a declaration reads.
const PRESCAN: usize = 1024;
/// How many leading bytes are inspected for binary content.
const SNIFF: usize = 8192;

/// Decodes `bytes` as the module docs say.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Unreadable> {
    let mut warnings = Vec::new();
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return Ok(finish(encoding, rest, warnings));
    }
    if let Some(reason) = binary(bytes) {
        return Err(Unreadable::new(format!(
            "not an HTML page: {reason} (a binary file named .html?)"
        )));
    }
    let encoding = match declared(bytes) {
        Some(label) => match Encoding::for_label(label.as_bytes()) {
            Some(encoding) => encoding.output_encoding(),
            None => {
                warnings.push((
                    None,
                    format!("unknown charset {label:?} declared: read as UTF-8"),
                ));
                UTF_8
            }
        },
        None if std::str::from_utf8(bytes).is_err() => {
            warnings.push((
                None,
                "no charset declared and the bytes are not UTF-8: read as windows-1252".into(),
            ));
            WINDOWS_1252
        }
        None => UTF_8,
    };
    Ok(finish(encoding, bytes, warnings))
}

fn finish(
    encoding: &'static Encoding,
    bytes: &[u8],
    mut warnings: Vec<(Option<usize>, String)>,
) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push((
            None,
            format!(
                "invalid {} bytes, decoded with replacement characters (U+FFFD)",
                encoding.name()
            ),
        ));
    }
    Decoded {
        text: text.into_owned(),
        warnings,
    }
}

/// Why `bytes` are not text, if they are not: what the text decoder
/// ([`decode`](super::super::decode)) says of their first 8 KiB (NUL
/// bytes, mostly control bytes).
fn binary(bytes: &[u8]) -> Option<String> {
    match super::super::decode(bytes.get(..SNIFF).unwrap_or(bytes)) {
        super::super::Decoded::Binary { reason } => Some(reason),
        _ => None,
    }
}

/// The charset label the page declares in its first [`PRESCAN`] bytes.
fn declared(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..PRESCAN).unwrap_or(bytes).to_ascii_lowercase();
    if head.trim_ascii_start().starts_with(b"<?xml") {
        let end = find(&head, b"?>", 0).unwrap_or(head.len());
        let declaration = head.get(..end)?;
        if let Some(at) = find(declaration, b"encoding", 0) {
            return value_after(declaration, at + b"encoding".len());
        }
    }
    let mut from = 0;
    while let Some(at) = find(&head, b"<meta", from) {
        let end = find(&head, b">", at).unwrap_or(head.len());
        let tag = head.get(at..end)?;
        if let Some(label) = find(tag, b"charset", 0)
            .and_then(|charset| value_after(tag, charset + b"charset".len()))
        {
            return Some(label);
        }
        from = end;
    }
    None
}

/// The value of `name = "value"` (quotes optional) whose `=` is at or
/// after `at` (only whitespace between).
fn value_after(tag: &[u8], at: usize) -> Option<String> {
    let rest = tag.get(at..)?.trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let label: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|b| !matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') && !b.is_ascii_whitespace())
        .collect();
    let label = String::from_utf8(label).ok()?;
    (!label.is_empty()).then_some(label)
}

/// Where `needle` first occurs in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes).map(|d| d.text).unwrap_or_default()
    }

    #[test]
    fn the_declared_charset_is_used() {
        let page = b"<html><head><meta charset=\"ISO-8859-1\"></head><body>r\xE9solution";
        assert!(text(page).ends_with("résolution"), "{}", text(page));
        let page =
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>\xC3\xE0";
        assert!(text(page).ends_with("Га"), "{}", text(page));
        let page = b"<?xml version='1.0' encoding='iso-8859-15'?><html>\xA4";
        assert!(text(page).ends_with('€'), "{}", text(page));
    }

    #[test]
    fn utf8_by_default_and_windows_1252_for_undeclared_legacy_bytes() {
        assert!(text("<p>Générale".as_bytes()).ends_with("Générale"));
        let decoded = decode(b"<p>G\xE9n\xE9rale").ok();
        let decoded = decoded.as_ref();
        assert_eq!(decoded.map(|d| d.text.as_str()), Some("<p>Générale"));
        assert_eq!(decoded.map(|d| d.warnings.len()), Some(1));
    }

    #[test]
    fn a_bom_wins_and_utf16_is_read() {
        let mut page = vec![0xFF, 0xFE];
        for unit in "<p>Zéro".encode_utf16() {
            page.extend(unit.to_le_bytes());
        }
        assert_eq!(text(&page), "<p>Zéro");
        assert_eq!(
            text(b"\xEF\xBB\xBF<meta charset=latin1>\xC3\xA9"),
            "<meta charset=latin1>é"
        );
    }

    #[test]
    fn unknown_charsets_warn_and_binaries_are_refused() {
        let decoded = decode(b"<meta charset=\"klingon\"><p>x").ok();
        assert_eq!(decoded.map(|d| d.warnings.len()), Some(1));
        assert!(decode(b"<html>\x00\x01\x02").is_err());
    }
}
