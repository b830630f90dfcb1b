//! `html`: any bytes as a page named `f.html`, read by the HTML reader
//! (`corpus::extract`) and parsed (`parse::parse_bytes`, builtin
//! manifest). Checked: no panic; the reader's text is lines of text
//! separated by single blank lines (no carriage return, no empty
//! paragraph), ending in a newline, its origin HTML, each tracked change on
//! a line of the text; a page read as no text gives no chunk and one
//! warning; and the parse keeps the invariants of `tests/invariants`
//! (documents and chunks within the text's lines, labels and citations not
//! empty, each chunk's text made of its lines).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use negotext::corpus::{Decoded, Manifest, extract};
use negotext::model::Format;
use negotext::parse;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fn manifest() -> &'static Manifest {
    static MANIFEST: OnceLock<Manifest> = OnceLock::new();
    MANIFEST.get_or_init(Manifest::builtin)
}

fuzz_target!(|data: &[u8]| {
    let extracted = extract("f.html", data, 1 << 24);
    let parsed = parse::parse_bytes("f.html", data, manifest());
    match extracted {
        Decoded::Text { text, origin, .. } => {
            assert_eq!(origin.format, Format::Html);
            assert!(text.ends_with('\n') && !text.contains('\r'), "{text:?}");
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                assert_eq!(
                    line.trim().is_empty(),
                    i % 2 == 1,
                    "line {i} of {text:?}: paragraphs and blank lines alternate"
                );
            }
            for change in &origin.changes {
                assert!(change.line % 2 == 1 && change.line <= lines.len(), "{change:?}");
            }
            invariants::check_parsed_text(&text, &parsed);
        }
        Decoded::Binary { .. } => panic!("the HTML reader never says binary"),
        Decoded::Unreadable { format, .. } => {
            assert_eq!(format, Format::Html);
            assert!(parsed.chunks.is_empty() && parsed.documents.is_empty());
            assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
        }
    }
});
