//! The DOCX reader on real-software and hand-written Word files: numbers
//! computed from Word's numbering, tracked changes with their authors,
//! footnotes and comments placed, and hostile or damaged files refused
//! without a panic.
//!
//! The fixtures are made by `tests/fixtures/docx/make_fixtures.py`
//! (LibreOffice) and `make_handwritten.py` (hand-written OOXML); the tests
//! read only the committed `.docx` files.

use std::io::{Cursor, Read};
use std::path::Path;

mod common;

use common::zip_of;

use negotext::corpus::{Decoded, Manifest, extract};
use negotext::model::{ChangeKind, Chunk, Footnote, Format};
use negotext::parse::{ParsedFile, parse_bytes};

/// Counts the bytes this thread has allocated and not freed, and their
/// peak: what reading a zip bomb costs.
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    pub struct Counting;

    thread_local! {
        static LIVE: Cell<usize> = const { Cell::new(0) };
        static PEAK: Cell<usize> = const { Cell::new(0) };
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = LIVE.try_with(|live| {
                live.set(live.get() + layout.size());
                let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
            });
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(layout.size())));
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    /// The most this thread had allocated at once while `f` ran, above
    /// what it had before.
    pub fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = LIVE.with(Cell::get);
        PEAK.with(|peak| peak.set(before));
        let out = f();
        (out, PEAK.with(Cell::get) - before)
    }
}

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn parsed(name: &str) -> ParsedFile {
    parse_bytes(name, &fixture(name), &Manifest::builtin())
}

fn chunk<'a>(parsed: &'a ParsedFile, label: &str) -> &'a Chunk {
    let labels: Vec<&str> = parsed.chunks.iter().map(|c| c.label.as_str()).collect();
    parsed
        .chunks
        .iter()
        .find(|c| c.label == label)
        .unwrap_or_else(|| panic!("no chunk {label} in {labels:?}"))
}

fn labels(parsed: &ParsedFile) -> Vec<&str> {
    parsed.chunks.iter().map(|c| c.label.as_str()).collect()
}

/// The entries of a zip, by name.
fn entries_of(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().unwrap().to_string(), data)
        })
        .collect()
}

fn unreadable_reason(decoded: Decoded) -> String {
    match decoded {
        Decoded::Unreadable { format, reason } => {
            assert_eq!(format, Format::Docx);
            reason
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn word_numbering_gives_the_labels_a_reader_sees() {
    let parsed = parsed("numbering.docx");
    let numbered: Vec<&str> = labels(&parsed)
        .into_iter()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) || l.starts_with("next-steps"))
        .collect();
    assert_eq!(
        numbered,
        [
            "1",
            "2",
            "2(a)",
            "2(a)(i)",
            "2(a)(ii)-deleted",
            "2(a)(iii)",
            "2(b)",
            "3",
            "4-deleted",
            "5",
            "6",
            // The second list restarts at 1 (w:startOverride), its levels anew.
            "next-steps-A.1",
            "next-steps-A.2",
            "next-steps-A.2(a)",
            "next-steps-A.2(b)",
            "next-steps-A.3",
        ]
    );
    // Numbers reached through a paragraph style (`ListSub`, `ListPara`).
    assert!(
        chunk(&parsed, "2(a)")
            .text
            .starts_with("Cooperative measures")
    );
    assert!(chunk(&parsed, "3").text.starts_with("States recalled"));
    // No number leaks into the text.
    assert!(
        chunk(&parsed, "2(a)(i)")
            .text
            .starts_with("Sharing of risk")
    );
    assert!(
        parsed
            .chunks
            .iter()
            .all(|c| !c.text.contains("**") && !c.text.contains("~~"))
    );
}

#[test]
fn the_footnote_is_a_footnote_of_its_chunk_not_text() {
    let parsed = parsed("numbering.docx");
    let three = chunk(&parsed, "3");
    assert_eq!(
        three.footnotes,
        [Footnote {
            number: 1,
            body: "A/75/816, annex I, para. 7.".to_string()
        }]
    );
    assert!(
        three.text.contains("2021 OEWG and reaffirmed it."),
        "{}",
        three.text
    );
    for c in &parsed.chunks {
        assert!(!c.text.contains("A/75/816"), "{}: {}", c.label, c.text);
        assert!(!c.text.contains('¹'), "{}: {}", c.label, c.text);
    }
}

#[test]
fn the_comment_is_on_its_chunk_not_in_the_text() {
    let parsed = parsed("numbering.docx");
    let three = chunk(&parsed, "3");
    assert_eq!(three.comments.len(), 1);
    let comment = &three.comments[0];
    assert_eq!(comment.author, "Delegation C");
    assert_eq!(comment.date.as_deref(), Some("2026-03-04T16:30:00Z"));
    assert_eq!(comment.text, "We cannot accept this reference.");
    for c in &parsed.chunks {
        assert!(!c.text.contains("cannot accept"), "{}", c.label);
        if c.label != "3" {
            assert!(c.comments.is_empty(), "{}", c.label);
        }
    }
}

#[test]
fn handwritten_changes_and_moves() {
    let parsed = parsed("numbering.docx");
    let two = chunk(&parsed, "2");
    assert_eq!(
        two.text,
        "States voluntarily proposed the following measures:"
    );
    assert_eq!(two.inserted, ["voluntarily"]);
    assert_eq!(two.changes.len(), 1);
    assert_eq!(two.changes[0].kind, ChangeKind::Inserted);
    assert_eq!(two.changes[0].author, "Delegation A");
    assert_eq!(two.changes[0].date.as_deref(), Some("2026-03-02T10:15:00Z"));

    let struck = chunk(&parsed, "2(a)(ii)-deleted");
    assert!(struck.text.is_empty());
    assert_eq!(
        struck.deleted,
        ["Developing best practices on the protection of critical infrastructure;"]
    );
    assert_eq!(struck.changes[0].author, "Delegation B");

    let three = chunk(&parsed, "3");
    assert_eq!(three.deleted, ["in full"]);
    assert!(!three.text.contains("in full"));

    // The moved paragraph: struck where it was, inserted where it went.
    let moved = "States stressed the importance of confidence-building measures.";
    let from = chunk(&parsed, "4-deleted");
    assert_eq!(from.deleted, [moved]);
    assert_eq!(from.changes[0].kind, ChangeKind::MovedFrom);
    let to = chunk(&parsed, "6");
    assert_eq!(to.text, moved);
    assert_eq!(to.inserted, [moved]);
    assert_eq!(to.changes[0].kind, ChangeKind::MovedTo);
    assert_eq!(to.changes[0].author, "Delegation B");
}

#[test]
fn the_previous_draft_reads_as_a_draft_resolution_without_changes() {
    let parsed = parsed("L20-rev0.docx");
    assert_eq!(
        labels(&parsed),
        [
            "header", "sponsors", "title", "PP1", "PP2", "PP3", "1", "2", "3", "4"
        ]
    );
    assert!(
        parsed
            .chunks
            .iter()
            .all(|c| c.changes.is_empty() && c.inserted.is_empty())
    );
    assert!(
        chunk(&parsed, "2")
            .text
            .contains("a smooth and seamless transition")
    );
    match extract("L20-rev0.docx", &fixture("L20-rev0.docx"), 1 << 24) {
        Decoded::Text { origin, .. } => {
            assert!(!origin.track_changes);
            assert_eq!(origin.format, Format::Docx);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn libreoffice_changes_keep_their_words_and_authors() {
    let parsed = parsed("L20-rev1.docx");
    let one = chunk(&parsed, "1");
    assert!(
        one.text
            .starts_with("Decides to endorse and welcome the final report"),
        "{}",
        one.text
    );
    assert_eq!(one.inserted, ["and welcome"]);

    let two = chunk(&parsed, "2");
    assert_eq!(two.deleted, ["smooth and"]);
    assert!(
        two.text.contains("to ensure a seamless transition"),
        "{}",
        two.text
    );
    assert!(!two.text.contains("smooth"));

    let three = chunk(&parsed, "3");
    assert_eq!(three.inserted, ["with adequate resources"]);
    assert_eq!(
        three.deleted,
        ["with the support necessary for the discharge of its mandate"]
    );
    assert!(
        three
            .text
            .contains("working group with adequate resources;"),
        "{}",
        three.text
    );
    assert!(!three.text.contains("discharge"));

    let four = chunk(&parsed, "4");
    assert!(four.text.contains("“General and complete disarmament”"));

    // Who changed what, and when, on the chunk that holds it.
    let authors = |c: &Chunk| -> Vec<(ChangeKind, String)> {
        c.changes
            .iter()
            .map(|ch| (ch.kind, ch.author.clone()))
            .collect()
    };
    assert_eq!(
        authors(one),
        [(ChangeKind::Inserted, "Delegation A".to_string())]
    );
    assert_eq!(
        authors(two),
        [(ChangeKind::Deleted, "Delegation A".to_string())]
    );
    assert_eq!(
        authors(three),
        [
            (ChangeKind::Inserted, "Delegation B".to_string()),
            (ChangeKind::Deleted, "Delegation B".to_string())
        ]
    );
    assert_eq!(
        three.changes[1].text,
        "with the support necessary for the discharge of its mandate"
    );
    for c in [one, two, three, four] {
        for change in &c.changes {
            let date = change.date.as_deref().unwrap_or_default();
            assert!(date.len() == 20 && date.ends_with('Z'), "{date:?}");
        }
    }
}

#[test]
fn libreoffice_move_is_recorded_from_one_place_to_another() {
    let Decoded::Text { text, origin, .. } =
        extract("L20-rev1.docx", &fixture("L20-rev1.docx"), 1 << 24)
    else {
        panic!("not read");
    };
    assert!(origin.track_changes);
    let moved = "Recalling also its decisions 77/512 of 7 December 2022 and 78/541 of 22 December 2023, as well as its resolution 79/237 of 24 December 2024,";
    let from: Vec<_> = origin
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::MovedFrom)
        .collect();
    let to: Vec<_> = origin
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::MovedTo)
        .collect();
    assert_eq!(from.len(), 1);
    assert_eq!(to.len(), 1);
    assert_eq!(from[0].text, moved);
    assert_eq!(to[0].text, moved);
    assert_eq!(from[0].author, "Delegation B");
    assert!(from[0].line < to[0].line);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[from[0].line - 1], format!("~~{moved}~~"));
    assert_eq!(lines[to[0].line - 1], format!("**{moved}**"));
}

/// A preambular paragraph struck or inserted whole (`~~Recalling …,~~`)
/// is a paragraph of its own, and a footnote body after its paragraph
/// (`¹ …`) is that paragraph's footnote, not text.
#[test]
fn libreoffice_move_and_footnote_land_on_the_right_preambular_paragraphs() {
    let parsed = parsed("L20-rev1.docx");
    let moved = "Recalling also its decisions";
    let from = parsed
        .chunks
        .iter()
        .find(|c| c.deleted.iter().any(|d| d.starts_with(moved)));
    let to = parsed
        .chunks
        .iter()
        .find(|c| c.inserted.iter().any(|d| d.starts_with(moved)));
    let (from, to) = (from.unwrap(), to.unwrap());
    assert_ne!(from.label, to.label);
    let noted = parsed
        .chunks
        .iter()
        .find(|c| c.text.starts_with("Recalling further"))
        .unwrap();
    assert_eq!(noted.footnotes.len(), 1);
    assert_eq!(noted.footnotes[0].body, "A/80/257, annex.");
    assert!(!noted.text.contains("A/80/257"));
}

#[test]
fn a_zip_bomb_is_refused_quickly() {
    let zeros = vec![0u8; 50 << 20];
    let bomb = zip_of(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    drop(zeros);
    let (decoded, peak) = counting::peak_of(|| extract("bomb.docx", &bomb, 10 << 20));
    assert!(peak < 11 << 20, "{peak} bytes allocated");
    let reason = unreadable_reason(decoded);
    assert!(
        reason.starts_with("a zip bomb: word/document.xml unpacks past 10485760 bytes"),
        "{reason}"
    );
    // Within a larger bound it is read (and found not to be XML).
    let reason = unreadable_reason(extract("bomb.docx", &bomb, 64 << 20));
    assert!(!reason.contains("zip bomb"), "{reason}");
}

/// `bytes` with every declared uncompressed size of its entries set to
/// `size`: an archive that lies about what it unpacks to.
fn lying_sizes(mut bytes: Vec<u8>, size: u32) -> Vec<u8> {
    let patch = |bytes: &mut Vec<u8>, signature: &[u8], offset: usize| {
        let starts: Vec<usize> = bytes
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == signature)
            .map(|(i, _)| i)
            .collect();
        for start in starts {
            bytes[start + offset..start + offset + 4].copy_from_slice(&size.to_le_bytes());
        }
    };
    patch(&mut bytes, b"PK\x03\x04", 22);
    patch(&mut bytes, b"PK\x01\x02", 24);
    bytes
}

#[test]
fn a_zip_bomb_that_lies_about_its_size_is_refused_too() {
    let zeros = vec![b' '; 30 << 20];
    let bomb = lying_sizes(zip_of(&[("word/document.xml", &zeros)]), 100);
    drop(zeros);
    let (decoded, peak) = counting::peak_of(|| extract("bomb.docx", &bomb, 10 << 20));
    assert!(peak < 11 << 20, "{peak} bytes allocated");
    let reason = unreadable_reason(decoded);
    // The zip reader stops at the declared size; the bound would stop it at 10 MB.
    assert!(
        reason
            .starts_with("word/document.xml cannot be unpacked (File is larger than its declared")
            || reason.starts_with("a zip bomb: word/document.xml"),
        "{reason}"
    );
}

#[test]
fn what_is_not_a_word_file_is_unreadable() {
    let reason = unreadable_reason(extract(
        "draft.docx",
        b"Not a zip at all, just text.",
        1 << 20,
    ));
    assert!(
        reason.starts_with("named like a docx file, but it holds text"),
        "{reason}"
    );
    let odt = zip_of(&[
        ("content.xml", b"<office:document/>"),
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
    ]);
    let reason = unreadable_reason(extract("draft.docx", &odt, 1 << 20));
    assert!(reason.contains("without word/document.xml"), "{reason}");
    let parsed = parse_bytes("draft.docx", &odt, &Manifest::builtin());
    assert!(parsed.chunks.is_empty());
    assert!(
        parsed.warnings[0]
            .message
            .starts_with("skipped: an unreadable docx file: a zip without")
    );
}

#[test]
fn damaged_xml_is_unreadable_or_text_never_a_panic() {
    for bad in [
        &b"<w:document><w:body><w:p><w:r><w:t>cut off"[..],
        b"\x00\x01\x02garbage",
        b"<w:document><w:body></w:p></w:body></w:document>",
        b"<?xml version=\"1.0\"?>",
        b"",
    ] {
        let zip = zip_of(&[("word/document.xml", bad)]);
        let reason = unreadable_reason(extract("d.docx", &zip, 1 << 20));
        assert!(reason.contains("word/document.xml"), "{reason}");
    }
    // A damaged optional part spoils the file too, with its name.
    let original = entries_of(&fixture("numbering.docx"));
    let damaged: Vec<(&str, &[u8])> = original
        .iter()
        .map(|(name, data)| {
            let data: &[u8] = if name == "word/numbering.xml" {
                &data[..data.len() / 2]
            } else {
                data
            };
            (name.as_str(), data)
        })
        .collect();
    let reason = unreadable_reason(extract("d.docx", &zip_of(&damaged), 1 << 20));
    assert!(
        reason.starts_with("word/numbering.xml is not well-formed XML"),
        "{reason}"
    );
}

#[test]
fn truncated_and_mutated_files_never_panic() {
    for name in ["numbering.docx", "L20-rev1.docx"] {
        let bytes = fixture(name);
        for cut in (0..bytes.len()).step_by(97) {
            let _ = parse_bytes(name, &bytes[..cut], &Manifest::builtin());
        }
        // Each part's XML mutated byte by byte, re-zipped.
        let entries = entries_of(&bytes);
        let mut seed = 0x9E37_79B9u32;
        for _ in 0..300 {
            let mut mutated = entries.clone();
            for (_, data) in mutated.iter_mut().filter(|(n, _)| n.ends_with(".xml")) {
                for _ in 0..3 {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    let at = seed as usize % data.len().max(1);
                    if let Some(byte) = data.get_mut(at) {
                        *byte = b"<>/\"=&;x \x00\xff"[(seed >> 8) as usize % 11];
                    }
                }
            }
            let refs: Vec<(&str, &[u8])> = mutated
                .iter()
                .map(|(n, d)| (n.as_str(), d.as_slice()))
                .collect();
            let _ = parse_bytes(name, &zip_of(&refs), &Manifest::builtin());
        }
    }
}
