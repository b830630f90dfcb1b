//! Bad input: a one-line warning naming the file, never a panic, and the
//! other files are unaffected.

mod common;

use std::fs;

use common::*;
use negotext::corpus::{Manifest, list_files};
use negotext::model::{ChunkKind, DocumentKind, Draft};
use negotext::parse::{self, ParsedFile};

fn parse(name: &str, bytes: &[u8]) -> ParsedFile {
    parse::parse_bytes(name, bytes, &Manifest::builtin())
}

#[test]
fn an_empty_file_warns_and_yields_nothing() {
    for bytes in [&b""[..], b"\n\n   \n", b"\xEF\xBB\xBF"] {
        let parsed = parse("empty.txt", bytes);
        assert!(parsed.chunks.is_empty() && parsed.documents.is_empty());
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(
            parsed.warnings[0].to_string(),
            "empty.txt: empty file: there is no text to index"
        );
    }
}

/// Parsing `bytes` named `name` gives no chunk and one warning, which
/// starts with `warning`.
fn assert_skipped(name: &str, bytes: &[u8], warning: &str) {
    let parsed = parse(name, bytes);
    assert!(parsed.chunks.is_empty());
    assert_eq!(parsed.warnings.len(), 1);
    let said = parsed.warnings[0].to_string();
    assert!(said.starts_with(warning), "{said}");
}

#[test]
fn a_binary_file_is_skipped_with_a_warning() {
    let elf = b"\x7fELF\x00\x01\x02\x03binary\x00";
    assert_skipped("scan.bin", elf, "scan.bin: skipped: a binary file");
}

#[test]
fn a_damaged_pdf_is_skipped_with_a_warning() {
    let pdf = b"%PDF-1.7\n\x00\x01\x02\x03binary\x00";
    let warning = "scan.pdf: skipped: an unreadable pdf file: a damaged PDF";
    assert_skipped("scan.pdf", pdf, warning);
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning_naming_the_line() {
    let parsed = parse(
        "latin1.txt",
        b"A. Introduction\n\n1. The Group met in Gen\xE8ve.\n\n2. It adjourned.\n",
    );
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(
        parsed.warnings[0].to_string(),
        "latin1.txt:3: invalid UTF-8, decoded with replacement characters (U+FFFD)"
    );
    let labels: Vec<&str> = parsed.chunks.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["1", "2"]);
    assert_eq!(parsed.chunks[0].text, "The Group met in Gen\u{FFFD}ve.");
}

#[test]
fn text_without_structure_is_cut_at_blank_lines() {
    let text = "Notes from the corridor\nabout the draft.\n\nThe second block,\non two lines.\n\nA third.\n";
    let parsed = parse("notes.txt", text.as_bytes());
    assert_eq!(parsed.documents.len(), 1);
    let doc = &parsed.documents[0];
    assert_eq!((doc.kind, doc.draft), (DocumentKind::Other, Draft::None));
    let chunks: Vec<(&str, &str)> = parsed
        .chunks
        .iter()
        .map(|c| (c.label.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(
        chunks,
        [
            ("block.1", "Notes from the corridor about the draft."),
            ("block.2", "The second block, on two lines."),
            ("block.3", "A third."),
        ]
    );
    assert!(parsed.chunks.iter().all(|c| c.kind == ChunkKind::Other));
    assert_eq!(
        parsed.warnings[0].to_string(),
        "notes.txt:1: no letter or draft structure recognised; cut into blocks at blank lines"
    );
}

#[test]
fn utf16_and_crlf_files_parse_like_their_utf8_original() {
    let original = fs::read_to_string(corpus_dir().join(THIRD_REPORT)).unwrap();
    let expected = parse_shipped(THIRD_REPORT);
    let crlf = original.replace('\n', "\r\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(crlf.encode_utf16().flat_map(u16::to_le_bytes));
    let manifest = Manifest::load(&corpus_dir()).unwrap();
    for bytes in [crlf.into_bytes(), utf16] {
        let parsed = parse::parse_bytes(THIRD_REPORT, &bytes, &manifest);
        assert_eq!(parsed.chunks, expected.chunks);
        assert!(parsed.warnings.is_empty());
    }
}

#[test]
fn bad_files_do_not_affect_the_others() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(corpus_dir().join(CRP1), dir.path().join(CRP1)).unwrap();
    fs::copy(
        corpus_dir().join("manifest.toml"),
        dir.path().join("manifest.toml"),
    )
    .unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(
        dir.path().join("image.png"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    )
    .unwrap();
    fs::write(dir.path().join("bad.txt"), b"\xFF\xFE\xFD garbage \x80").unwrap();
    let manifest = Manifest::load(dir.path()).unwrap();
    let files = list_files(dir.path()).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, [CRP1, "bad.txt", "empty.txt", "image.png"]);
    for file in &files {
        let parsed = parse::parse_file(&file.path, &file.name, &manifest).unwrap();
        if file.name == CRP1 {
            assert_eq!(parsed.chunks, parse_shipped(CRP1).chunks);
            assert!(parsed.warnings.is_empty());
        } else {
            assert!(!parsed.warnings.is_empty(), "{} warns", file.name);
        }
    }
}

#[test]
fn the_parse_command_warns_in_one_line_and_exits_1_on_a_file_without_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    let binary = dir.path().join("blob.bin");
    fs::write(&binary, b"\x00\x01\x02\x03").unwrap();
    for (path, message) in [(&empty, "empty file"), (&binary, "skipped: a binary file")] {
        let out = negotext(&["parse", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("warning: ") && stderr.contains(message),
            "{stderr}"
        );
    }
}

#[test]
fn the_parse_command_fails_clearly_on_a_missing_file_or_a_directory() {
    let out = negotext(&["parse", "no/such/draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("negotext: ") && stderr.contains("no/such/draft.txt"),
        "{stderr}"
    );
    let out = negotext(&["parse", corpus_dir().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("is a directory")
    );
}
