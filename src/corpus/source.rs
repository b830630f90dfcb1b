//! Turning a file's bytes into text we can parse, whatever arrived.
//!
//! UTF-8 (with or without a byte-order mark) is read as is; UTF-16 with a BOM
//! is decoded; invalid UTF-8 is decoded lossily with a warning naming the first
//! bad line; a binary file is refused with a warning; CRLF becomes LF.
//! A PDF, DOCX or HTML file goes to its reader first ([`extract`]).

use super::format::{Extracted, Origin, Unreadable, announced, sniff};
use crate::model::Format;

/// The text of a file, ready for the parser, and what was odd about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// The text (LF line endings), and warnings such as lossy decoding.
    Text {
        text: String,
        /// `(line, message)` pairs.
        warnings: Vec<(Option<usize>, String)>,
        /// Where its lines came from: the format, pages, tracked changes.
        origin: Origin,
    },
    /// The bytes are not text; the reason says why.
    Binary { reason: String },
    /// The bytes are a document of a known format that cannot be read (a
    /// scanned PDF, an encrypted one, a DOCX that is not a zip…); the
    /// reason says what is wrong and what to do.
    Unreadable { format: Format, reason: String },
}

/// Reads the bytes of the file named `name`, whatever its [`Format`]: a
/// PDF, DOCX or HTML file through its reader, anything else as text
/// ([`decode`]). A reader never unpacks more than `max_unpacked` bytes.
pub fn extract(name: &str, bytes: &[u8], max_unpacked: u64) -> Decoded {
    let format = sniff(name, bytes);
    if matches!(format, Format::Pdf | Format::Docx) && announced(bytes).is_none() {
        let reason = match decode(bytes) {
            Decoded::Text { .. } => "it holds text",
            _ => "its first bytes are neither",
        };
        return Decoded::Unreadable {
            format,
            reason: format!(
                "named like a {format} file, but {reason}; rename it (e.g. to .txt) \
                 if it is text, or replace it with the real {format} file"
            ),
        };
    }
    let read = match format {
        Format::Text => return decode(bytes),
        Format::Pdf => super::pdf::read(bytes),
        Format::Docx => super::docx::read(bytes, max_unpacked),
        Format::Html => super::html::read(bytes),
    };
    match read {
        Ok(Extracted {
            text,
            mut origin,
            warnings,
        }) => {
            origin.format = format;
            Decoded::Text {
                text,
                warnings,
                origin,
            }
        }
        Err(Unreadable { reason }) => Decoded::Unreadable { format, reason },
    }
}

/// How many leading bytes are inspected for binary content.
const SNIFF_BYTES: usize = 8192;

/// Decodes `bytes` as described in the module docs.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8_lossy(rest, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes, &mut warnings)
    } else {
        if let Some(reason) = binary_reason(bytes) {
            return Decoded::Binary { reason };
        }
        utf8_lossy(bytes, &mut warnings)
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Decoded::Text {
        text,
        warnings,
        origin: Origin::text(),
    }
}

/// Why `bytes` look binary, if they do: NUL bytes, or mostly control bytes.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    if head.contains(&0) {
        return Some("it contains NUL bytes".to_string());
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    (head.len() >= 32 && control * 10 > head.len()).then(|| {
        format!(
            "{control} of its first {} bytes are control bytes",
            head.len()
        )
    })
}

fn utf8_lossy(bytes: &[u8], warnings: &mut Vec<(Option<usize>, String)>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(err) => {
            let line = bytes
                .iter()
                .take(err.valid_up_to())
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            warnings.push((
                Some(line),
                "invalid UTF-8, decoded with replacement characters (U+FFFD)".to_string(),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

fn utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    warnings: &mut Vec<(Option<usize>, String)>,
) -> String {
    let (pairs, _) = bytes.as_chunks::<2>();
    let units: Vec<u16> = pairs.iter().map(|&pair| unit(pair)).collect();
    if bytes.len() % 2 == 1 {
        warnings.push((
            None,
            "UTF-16 text has an odd number of bytes; the last byte is ignored".into(),
        ));
    }
    match String::from_utf16(&units) {
        Ok(text) => text,
        Err(_) => {
            warnings.push((
                None,
                "invalid UTF-16, decoded with replacement characters (U+FFFD)".into(),
            ));
            String::from_utf16_lossy(&units)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(decoded: Decoded) -> (String, Vec<(Option<usize>, String)>) {
        match decoded {
            Decoded::Text { text, warnings, .. } => (text, warnings),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn utf8_with_bom_and_crlf() {
        let (t, w) = text(decode(b"\xEF\xBB\xBFone\r\ntwo\r\n"));
        assert_eq!(t, "one\ntwo\n");
        assert!(w.is_empty());
    }

    #[test]
    fn utf16_le_and_be() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Zéro\r\n".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(text(decode(&le)).0, "Zéro\n");
        assert_eq!(text(decode(&be)).0, "Zéro\n");
    }

    #[test]
    fn invalid_utf8_is_lossy_with_the_line() {
        let (t, w) = text(decode(b"fine\nbad \xFF byte\n"));
        assert_eq!(t, "fine\nbad \u{FFFD} byte\n");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, Some(2), "{w:?}");
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00"),
            Decoded::Binary { .. }
        ));
        let controls: Vec<u8> = (0..64).map(|i| if i % 2 == 0 { 1 } else { b'a' }).collect();
        assert!(matches!(decode(&controls), Decoded::Binary { .. }));
    }
}
