//! HTML pages of drafts, read through `corpus::extract` and parsed: cut
//! into the paragraphs of the text version, with none of the page's
//! furniture in any chunk.
//!
//! Fixtures (`tests/fixtures/html/`, see its README): the L.20 draft
//! resolution as a UN web page (operative paragraphs in an `<ol>`), and
//! section C of the OEWG Zero Draft as a delegation's page in windows-1252
//! (literal paragraph numbers, sub-items in an `<ol type="a">`, next steps
//! in a table).

use std::path::Path;

use negotext::corpus::{Decoded, Manifest, extract};
use negotext::model::{Chunk, Format};
use negotext::parse::{ParsedFile, parse_bytes};

const L20: &str = "2025-10-13-A-C.1-80-L.20";

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn parse(name: &str, bytes: &[u8]) -> ParsedFile {
    parse_bytes(name, bytes, &Manifest::builtin())
}

fn all_text(parsed: &ParsedFile) -> String {
    let mut all = String::new();
    for chunk in &parsed.chunks {
        all.push_str(&chunk.text);
        all.push('\n');
        if let Some(section) = &chunk.section {
            all.push_str(&section.heading);
            all.push('\n');
        }
    }
    all
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// `(label, first words, last words)` of a reference segmentation, with
/// the deviations `tests/fixtures/real/deviations.tsv` records for `stem`
/// applied (what negotext deliberately gives instead).
fn reference(stem: &str) -> Vec<(String, String, String)> {
    let tsv = String::from_utf8(fixture(&format!("real/dev2/{stem}.labels.tsv")));
    let deviations = String::from_utf8(fixture("real/deviations.tsv")).unwrap_or_default();
    let deviations: Vec<Vec<&str>> = deviations
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .filter(|cols: &Vec<&str>| cols.first() == Some(&stem))
        .collect();
    let mut rows = Vec::new();
    for line in tsv.unwrap_or_default().lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [label, first, last, ..] = cols[..] else {
            panic!("a reference row of 3 columns: {line:?}")
        };
        let mut first = first.to_string();
        for deviation in &deviations {
            if deviation.get(1) == Some(&label) && deviation.get(2) == Some(&"first") {
                first = deviation.get(3).map(|s| s.to_string()).unwrap_or_default();
            }
        }
        rows.push((label.to_string(), first, last.to_string()));
    }
    rows
}

#[test]
fn the_l20_page_is_read_as_html_and_cut_like_its_text_version() {
    let bytes = fixture("html/l20-draft-resolution.html");
    let parsed = parse("l20.html", &bytes);
    assert!(
        parsed.warnings.is_empty(),
        "no warnings: {:?}",
        parsed.warnings
    );
    assert!(
        parsed.documents.iter().all(|d| d.format == Format::Html),
        "{:?}",
        parsed
            .documents
            .iter()
            .map(|d| d.format)
            .collect::<Vec<_>>()
    );
    let labels: Vec<&str> = parsed.chunks.iter().map(|c| c.label.as_str()).collect();
    let reference = reference(L20);
    let expected: Vec<&str> = reference.iter().map(|(l, _, _)| l.as_str()).collect();
    assert_eq!(labels, expected);
    for ((label, first, last), chunk) in reference.iter().zip(&parsed.chunks) {
        let text = words(&chunk.text);
        assert!(
            text.starts_with(&words(first)),
            "{label} starts with {first:?}: {:?}",
            chunk.text
        );
        assert!(
            text.ends_with(&words(last)),
            "{label} ends with {last:?}: {:?}",
            chunk.text
        );
    }
    // Paragraph for paragraph the text of the text version (page
    // furniture aside, which the page does not have).
    let text_version = parse(
        &format!("{L20}.txt"),
        &fixture(&format!("real/dev2/{L20}.txt")),
    );
    let texts = |chunks: &[Chunk]| -> Vec<(String, String)> {
        chunks
            .iter()
            .filter(|c| c.label != "header")
            .map(|c| (c.label.clone(), words(&c.text).join(" ")))
            .collect()
    };
    assert_eq!(texts(&parsed.chunks), texts(&text_version.chunks));
}

#[test]
fn nothing_of_the_page_furniture_reaches_a_chunk() {
    let bytes = fixture("html/l20-draft-resolution.html");
    let all = all_text(&parse("l20.html", &bytes));
    assert!(all.contains("Global ICT Security Cooperation"), "{all}");
    for furniture in [
        "Digital Library Portal", // the site header
        "Documents & Resolutions",
        "Main Committees", // the navigation
        "Search documents",
        "Skip to main content", // hidden
        "80th session",         // the breadcrumb (role=navigation)
        "Related documents",    // the sidebar
        "Final report of the OEWG",
        "cookies", // the cookie banner
        "Accept all",
        "dataLayer", // scripts
        "gtag",
        "consent=1",
        "font-family",       // styles
        "Privacy notice",    // the footer
        "UN Documents",      // the title in <head>
        "Download PDF",      // inside the article: its toolbar,
        "docViewer",         // a script,
        "margin-bottom",     // a style,
        "Enable JavaScript", // a noscript,
        "information only",  // a note aside
    ] {
        assert!(!all.contains(furniture), "{furniture:?} in a chunk: {all}");
    }
}

#[test]
fn a_windows_1252_page_with_literal_numbers_sub_lists_and_a_table() {
    let bytes = fixture("html/zero-draft-section-c.html");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is not UTF-8"
    );
    let parsed = parse("zero-draft-c.html", &bytes);
    let labels: Vec<&str> = parsed.chunks.iter().map(|c| c.label.as_str()).collect();
    // The labels the seed's reference segmentation (seeds/INVENTORY.md,
    // appendix A) gives section C of the Zero Draft, after the page's
    // title line.
    assert_eq!(
        labels,
        [
            "title",
            "4",
            "4(a)",
            "4(b)",
            "4(c)",
            "4(d)",
            "4(e)",
            "next-steps-C.1",
            "next-steps-C.2",
            "next-steps-C.3"
        ],
        "{:#?}",
        parsed.chunks
    );
    let chunk = |label: &str| {
        parsed
            .chunks
            .iter()
            .find(|c| c.label == label)
            .map(|c| c.text.as_str())
            .unwrap_or_default()
    };
    // windows-1252 decoded: the apostrophe is U+2019 in the page.
    assert!(
        chunk("4(e)").contains("the Chair\u{2019}s Summary in the 2021 OEWG Report)"),
        "{}",
        chunk("4(e)")
    );
    assert!(
        chunk("4(b)").ends_with("take place in parallel."),
        "{}",
        chunk("4(b)")
    );
    assert!(chunk("next-steps-C.2").starts_with("Interested States or groups"));
    assert!(chunk("title").starts_with("Zero Draft of the first annual"));
    let section = parsed.chunks.iter().find(|c| c.label == "4(c)");
    let section = section.and_then(|c| c.section.as_ref());
    assert_eq!(
        section.map(|s| (s.number.as_str(), s.heading.as_str())),
        Some((
            "C",
            "Rules, Norms and Principles of Responsible State Behaviour"
        ))
    );
    let all = all_text(&parsed);
    for furniture in ["Mission home", "analytics", "font-size", "51st Street"] {
        assert!(!all.contains(furniture), "{furniture:?} in a chunk: {all}");
    }
    for footnote in ["para 29", "Annex II."] {
        assert!(
            !all.contains(footnote),
            "footnote body {footnote:?} in a chunk"
        );
    }
}

#[test]
fn entities_and_declared_charsets_decode() {
    let page = "<!DOCTYPE html><html><head><meta charset=\"iso-8859-1\"></head><body>\
                <p>1. D\u{e9}cide de &laquo;&nbsp;renforcer&nbsp;&raquo; la coop&eacute;ration &amp; \
                l&#8217;assistance&#x2014;technique.</p></body></html>";
    let latin1: Vec<u8> = page.chars().map(|c| c as u8).collect();
    assert!(page.chars().all(|c| (c as u32) < 256));
    let text = match extract("f.html", &latin1, 1 << 24) {
        Decoded::Text { text, .. } => text,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        text,
        "1. Décide de « renforcer » la coopération & l\u{2019}assistance\u{2014}technique.\n"
    );
}

#[test]
fn a_page_without_text_is_unreadable() {
    let page = b"<!doctype html><html><head><title>Draft</title><script>x()</script></head>\
                 <body><nav><a href='/'>Home</a></nav><div hidden>draft</div></body></html>";
    match extract("empty.html", page, 1 << 24) {
        Decoded::Unreadable { format, reason } => {
            assert_eq!(format, Format::Html);
            assert!(reason.contains("no text"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let parsed = parse("empty.html", page);
    assert!(parsed.chunks.is_empty());
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
}

#[test]
fn garbage_named_html_does_not_panic() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut bytes = Vec::new();
    for round in 0..200 {
        bytes.clear();
        for _ in 0..(round * 7 % 600) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Half of the bytes are markup characters, to reach the parser.
            let markup = b"<>/=\"'&;!-pliobrtd ";
            let byte = if seed.is_multiple_of(2) {
                markup
                    .get((seed >> 8) as usize % markup.len())
                    .copied()
                    .unwrap_or(b'<')
            } else {
                (seed >> 16) as u8
            };
            bytes.push(byte);
        }
        let _ = extract("f.html", &bytes, 1 << 24);
        let _ = parse("f.html", &bytes);
    }
    for garbage in [
        &b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"[..],
        b"<",
        b"&#xFFFFFFFF;&#0;<p>\xC3",
        b"",
    ] {
        let _ = parse("f.html", garbage);
    }
}
