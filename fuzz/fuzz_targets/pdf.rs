//! `pdf`: any bytes read as a PDF (`corpus::extract` under a `.pdf` name,
//! the PDF reader whatever the first bytes say), then parsed. Checked: no
//! panic and no hang — a panic of the PDF crates must come out as an
//! unreadable file, not a crash — and, when text comes out, one page per
//! line, pages from 1 in order, and the invariants of `tests/invariants`
//! on the parse.

#![no_main]

use libfuzzer_sys::fuzz_target;
use negotext::corpus::{Decoded, Manifest, extract};
use negotext::parse;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    match extract("f.pdf", data, 1 << 24) {
        Decoded::Text { text, origin, .. } => {
            assert_eq!(origin.pages.len(), text.lines().count());
            assert!(origin.pages.windows(2).all(|w| w[0] <= w[1]));
            assert!(origin.pages.first().is_none_or(|&p| p >= 1));
            let parsed = parse::parse_decoded(
                "f.pdf",
                Decoded::Text {
                    text: text.clone(),
                    warnings: Vec::new(),
                    origin,
                },
                &Manifest::builtin(),
            );
            invariants::check_parsed_text(&text, &parsed);
        }
        Decoded::Unreadable { reason, .. } => assert!(!reason.contains('\n'), "{reason}"),
        Decoded::Binary { .. } => {}
    }
});
