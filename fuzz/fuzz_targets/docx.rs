//! `docx`: any bytes, read two ways by the DOCX reader. First as a `.docx`
//! file of their own (`corpus::extract`): a zip, or not. Then as the parts
//! of a Word file: the input cut at NUL bytes into `word/document.xml`,
//! `numbering.xml`, `styles.xml`, `footnotes.xml` and `comments.xml`,
//! stored in a zip and parsed (`parse::parse_bytes`), so that the fuzzer
//! reaches the XML, the numbering, the tracked changes and the notes
//! rather than the zip's checksums. Checked: no panic; a file is either
//! refused (`Unreadable`) or read; every change and comment on a line of
//! the text, with words; and the invariants of `tests/invariants` on the
//! parse (chunks within the text's lines and made of them, labels and
//! citations not empty, the printers' output).

#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use negotext::corpus::{Decoded, Manifest, extract};
use negotext::parse;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

const PARTS: [&str; 5] = [
    "word/document.xml",
    "word/numbering.xml",
    "word/styles.xml",
    "word/footnotes.xml",
    "word/comments.xml",
];

/// The bound the target reads within: 16 MiB.
const BOUND: u64 = 1 << 24;

fn check_extract(bytes: &[u8]) {
    match extract("f.docx", bytes, BOUND) {
        Decoded::Text { text, origin, .. } => {
            let lines = text.lines().count();
            for change in &origin.changes {
                assert!((1..=lines).contains(&change.line), "change {change:?} of {lines} lines");
                assert!(!change.text.trim().is_empty(), "{change:?}");
            }
            for comment in &origin.comments {
                assert!((1..=lines).contains(&comment.line), "comment {comment:?} of {lines} lines");
            }
            assert_eq!(origin.track_changes, !origin.changes.is_empty());
        }
        Decoded::Unreadable { reason, .. } => assert!(!reason.is_empty()),
        Decoded::Binary { .. } => panic!("a .docx read as a binary text file"),
    }
}

/// The input's NUL-separated pieces as the parts of a Word file.
fn zip_of_parts(data: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in PARTS.iter().zip(data.split(|&b| b == 0)) {
        writer.start_file(*name, options).expect("a zip entry starts");
        writer.write_all(part).expect("a zip entry is written");
    }
    writer.finish().expect("the zip is written").into_inner()
}

fuzz_target!(|data: &[u8]| {
    check_extract(data);
    let zip = zip_of_parts(data);
    check_extract(&zip);
    let parsed = parse::parse_bytes("f.docx", &zip, &Manifest::builtin());
    invariants::check_parse(&zip, &parsed);
});
