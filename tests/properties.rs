//! Properties of parsing and searching that hold for any input (proptest).
//!
//! The inputs are drafts assembled from the pieces the corpus is made of
//! (headings, numbered paragraphs and sub-items, recommended next steps,
//! track changes and other markup, footnote markers and bodies, page
//! numbers, hyphens broken at line ends, letters with their enclosures, in
//! the markdown and the PDF-text layouts), windows of the shipped drafts
//! with such lines slipped in, and arbitrary bytes, in every encoding the
//! decoder reads; and queries assembled from the query language, or any
//! string at all.
//!
//! The case counts (1024 drafts and byte strings each, 2048 queries) keep
//! this file within 30 s of a debug `cargo test` on two cores: 5 s on an
//! idle machine, 18 s with both cores busy with other builds.
//! `PROPTEST_CASES=N` runs N cases of each property instead
//! (`PROPTEST_CASES=20000 cargo test --release --test properties`).

mod common;
mod invariants;

use std::path::Path;
use std::sync::OnceLock;

use negotext::corpus::{self, Manifest};
use negotext::index::ChunkIndex;
use negotext::parse;
use negotext::search;
use proptest::prelude::*;
use proptest::sample::select;

/// `default` cases, or `PROPTEST_CASES`.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

fn manifest() -> &'static Manifest {
    static MANIFEST: OnceLock<Manifest> = OnceLock::new();
    MANIFEST.get_or_init(|| Manifest::load(&common::corpus_dir()).expect("the manifest loads"))
}

/// An index of the shipped corpus, built once per run of this test binary.
fn shipped_index() -> &'static ChunkIndex {
    static INDEX: OnceLock<ChunkIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("index-properties");
        // Built afresh: one left by a build of another schema is refused.
        let _ = std::fs::remove_dir_all(&dir);
        invariants::open_index(&common::corpus_dir(), &dir)
    })
}

/// The lines of every shipped draft.
fn shipped_lines() -> &'static [Vec<String>] {
    static LINES: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    LINES.get_or_init(|| {
        let dir = common::corpus_dir();
        corpus::list_files(&dir)
            .expect("the corpus lists")
            .iter()
            .map(|file| {
                let text = std::fs::read_to_string(dir.join(&file.name)).expect("a shipped draft");
                text.lines().map(String::from).collect()
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------
// Drafts

const WORDS: &[&str] = &[
    "States",
    "the",
    "of",
    "and",
    "OEWG",
    "norms",
    "measures",
    "confidence-building",
    "capacity-building;",
    "inter-governmental",
    "points",
    "contact",
    "(PoCs)",
    "ICTs,",
    "directory.",
    "A/AC.292/2022/CRP.1",
    "75/240",
    "16(a)",
    "paragraph",
    "2022",
    "Genève",
    "“norms”",
    "State’s",
    "non-State",
    "substantive",
    "counter",
    "e.g.",
    "10:30",
    "(",
    ")",
    ",",
    "-",
    "—",
];

/// A word, perhaps marked up or damaged as the drafts have them.
fn word() -> impl Strategy<Value = String> {
    let plain = select(WORDS).prop_map(String::from);
    (plain, 0..18u8).prop_map(|(w, how)| match how {
        0 => format!("**{w}**"),
        1 => format!("~~{w}~~"),
        2 => format!("*{w}*"),
        3 => format!("[{w}](#)"),
        4 => "<https://un.org/a-b>".to_string(),
        5 => format!("{w}¹"),
        6 => format!("{w}²³"),
        7 => format!("{w}5"),
        8 => format!("{w} 2"),
        9 => format!("\\*{w}"),
        10 => "[text moved above]".to_string(),
        11 => "substan tive".to_string(),
        12 => "confidence -building".to_string(),
        13 => format!("**{w}** ~~{w}~~"),
        14 => w.replace('-', "\u{2011}"),
        15 => format!("{w}\u{AD}{w}\u{2060} capacitybuilding \u{2010}"),
        _ => w,
    })
}

/// Words, with the end of a sentence or not.
fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(word(), 1..12),
        select(vec![".", ";", ":", ",", "", "?", "-", "~~", "**"]),
        select(vec![" ", "  ", "\u{a0}", "\t"]),
    )
        .prop_map(|(words, end, space)| format!("{}{end}", words.join(space)))
}

const FIXED_LINES: &[&str] = &[
    "A. Introduction",
    "E. Confidence-Building Measures",
    "C. Rules, norms and principles of responsible State behaviour",
    "II. Organizational matters",
    "I. Introduction",
    "Recommended next steps",
    "Next steps:",
    "Annex",
    "Annex I",
    "Zero Draft of the first annual progress report",
    "Draft third annual progress report",
    "A/AC.292/2024/L.1",
    "28 July 2022",
    "New York, 8 July 2024",
    "Excellency,",
    "Dear colleagues,",
    "Please accept the assurances of my highest consideration.",
    "Chair",
    "Open-ended Working Group",
    "Enclosures:",
    "- Annex I – Zero Draft of the first annual progress report",
    "- Annex II – Programme of work",
    "- Annex III – Guiding questions",
    "Programme of work",
    "Monday 25 July",
    "Guiding questions",
    "¹ A/75/816.",
    "¹⁰ Report of the 2021 GGE, A/76/135.",
    "1 GA resolution 70/237.",
    "3 Report of the GGE.",
    " 4/9 ",
    ".    .    .",
    "",
    " ",
];

const MARKERS: &[&str] = &[
    "a)", "(b)", "- c)", " - d)", "(iv)", "i)", "v)", "x)", "~~e)", "**f)", "(ii)", "•",
];

/// One line of a draft.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => select(FIXED_LINES).prop_map(String::from),
        3 => (1..30u32, sentence()).prop_map(|(n, s)| format!("{n}. {s}")),
        3 => (select(MARKERS), sentence()).prop_map(|(m, s)| format!("{m} {s}")),
        3 => sentence(),
        1 => sentence().prop_map(|s| format!("{s} inter-")),
        1 => sentence().prop_map(|s| format!("{s} capa\u{AD}")),
        1 => sentence().prop_map(|s| format!("~~{s}~~")),
    ]
}

/// Between two lines: as in a markdown export, or as in a PDF extraction
/// (an empty line between printed lines, spaces between paragraphs).
const BREAKS: &[&str] = &[
    "\n", "\n\n", "\n\n\n", " \n\n", " \n \n", " \n\n \n", "\r\n",
];

/// A draft assembled from lines.
fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), select(BREAKS)), 0..40).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(line, brk)| format!("{line}{brk}"))
            .collect()
    })
}

/// A window of a shipped draft, with a few lines slipped in or dropped.
fn shipped_window() -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        0..120usize,
        prop::collection::vec((any::<prop::sample::Index>(), line()), 0..4),
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(file, start, len, slipped, dropped)| {
            let lines = file.get(shipped_lines());
            let start = start.index(lines.len());
            let mut window: Vec<String> = lines[start..(start + len).min(lines.len())].to_vec();
            for (at, line) in slipped {
                let at = at.index(window.len() + 1);
                window.insert(at, line);
            }
            if let Some(at) = dropped.filter(|_| !window.is_empty()) {
                window.remove(at.index(window.len()));
            }
            window.join("\n")
        })
}

/// A cover letter (letterhead, date, salutation) with a body and perhaps
/// an enclosure list, then the drafts it encloses.
fn letter() -> impl Strategy<Value = String> {
    (
        select(vec!["United Nations", "", "Chair of the OEWG"]),
        select(vec!["28 July 2022", "New York, 8 July 2024", "24 March 2022"]),
        select(vec!["Excellency,", "Dear colleagues,", "Sir,"]),
        draft(),
        prop::collection::vec(select(FIXED_LINES), 0..4),
        draft(),
    )
        .prop_map(|(head, date, salutation, body, enclosures, annexes)| {
            format!(
                "{head}\n{date}\n\n{salutation}\n\n{body}\n\nPlease accept the assurances of my highest consideration.\n\nChair\nOpen-ended Working Group\n\nEnclosures:\n{}\n\n{annexes}",
                enclosures.join("\n")
            )
        })
}

/// The lines of every real document of `tests/fixtures/real/dev`.
fn real_lines() -> &'static [Vec<String>] {
    static LINES: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    LINES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/dev");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("the real fixtures")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".pdftotext.txt"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("a real document");
                text.lines().map(String::from).collect()
            })
            .collect()
    })
}

/// Lines that steer the instrument grammar: formulas, headings, markers,
/// page furniture.
const INSTRUMENT_LINES: &[&str] = &[
    "The General Assembly,",
    "The General Assembly, recalling its resolution 78/272,",
    "The Parties to this Agreement,",
    "PREAMBLE",
    "Have agreed as follows:",
    "PART II",
    "Article 3",
    "Article premier",
    "ANNEX I",
    "Annex",
    "Recalling its resolution 72/249,",
    "1.",
    "(b)",
    "(ii)",
    "a)",
    "or",
    "__________________",
    "2/4",
    "- 12 -",
    "23-15249 (E)",
    "*2315249*",
    "A/RES/77/321",
    "A/78/L.102*",
    "Australia and Belize: draft decision**",
    "77/321.",
    "95th plenary meeting",
    "* Reissued for technical reasons on 7 August 2024.",
    "\u{c}",
];

/// A window of a real UN document (resolution, decision, treaty, report),
/// with instrument lines slipped in and a line perhaps dropped.
fn instrument() -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        0..400usize,
        prop::collection::vec(
            (any::<prop::sample::Index>(), select(INSTRUMENT_LINES)),
            0..8,
        ),
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(file, start, len, slipped, dropped)| {
            let lines = file.get(real_lines());
            let start = start.index(lines.len());
            let mut window: Vec<String> = lines[start..(start + len).min(lines.len())].to_vec();
            for (at, line) in slipped {
                let at = at.index(window.len() + 1);
                window.insert(at, line.to_string());
            }
            if let Some(at) = dropped.filter(|_| !window.is_empty()) {
                window.remove(at.index(window.len()));
            }
            window.join("\n")
        })
}

/// A text shaped like a corpus file.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![2 => draft(), 1 => letter(), 2 => shipped_window()]
}

/// The bytes of a text in one of the encodings the decoder reads, perhaps
/// with an invalid byte; or any bytes.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let encoded = (text(), 0..8u8, any::<prop::sample::Index>()).prop_map(|(text, how, at)| {
        let utf16 = |bom: [u8; 2], unit: fn(u16) -> [u8; 2]| {
            let mut bytes = bom.to_vec();
            bytes.extend(text.encode_utf16().flat_map(unit));
            bytes
        };
        match how {
            0 => [&[0xEF, 0xBB, 0xBF], text.as_bytes()].concat(),
            1 => utf16([0xFF, 0xFE], u16::to_le_bytes),
            2 => utf16([0xFE, 0xFF], u16::to_be_bytes),
            3 => text.replace('\n', "\r\n").into_bytes(),
            4 => {
                let mut bytes = text.into_bytes();
                bytes.insert(at.index(bytes.len() + 1), 0xFF);
                bytes
            }
            _ => text.into_bytes(),
        }
    });
    prop_oneof![
        3 => encoded,
        1 => prop::collection::vec(any::<u8>(), 0..600),
    ]
}

// ---------------------------------------------------------------------------
// Queries

const QUERY_WORDS: &[&str] = &[
    "PoC",
    "CBMs",
    "States",
    "directory",
    "capacity-building",
    "inter-governmental",
    "16(a)",
    "A/AC.292/2022/CRP.1",
    "State’s",
    "measures",
    "red",
    "hotlines",
    "the",
    "zzzz",
];

const QUERY_SYNTAX: &[&str] = &[
    "OR",
    "AND",
    "NOT",
    "-",
    "+",
    "(",
    ")",
    "\"",
    "“",
    "”",
    "~2",
    "~",
    "*",
    "?",
    ":",
    "…",
    ".",
    "\n",
    "\t",
    "\u{1b}",
    "deleted:",
    "inserted:",
    "added:",
    "removed:",
    "text:",
    "section:",
];

/// A query: words, phrases, operators and prefixes of the query language
/// in any order, punctuation, spaces and control characters only, or any
/// string.
fn query() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        5 => select(QUERY_WORDS).prop_map(String::from),
        3 => select(QUERY_SYNTAX).prop_map(String::from),
        1 => (select(QUERY_WORDS), select(QUERY_WORDS), 0..4u8)
            .prop_map(|(a, b, slop)| format!("\"{a} {b}\"~{slop}")),
        1 => (select(vec!["deleted:", "added:", "removed:", "-", "inserted:"]), select(QUERY_WORDS))
            .prop_map(|(prefix, w)| format!("{prefix}{w}")),
    ];
    prop_oneof![
        3 => (
            prop::collection::vec(piece, 1..8),
            select(vec![" ", "", "  "]),
        )
            .prop_map(|(pieces, space)| pieces.join(space)),
        1 => "[.,;:!?…“”\"'()\\-\\s\\p{Cc}]{1,8}",
        1 => any::<String>(),
    ]
}

// ---------------------------------------------------------------------------
// The properties

proptest! {
    #![proptest_config(cases(1024))]

    /// **Parsing any bytes never panics**, and what it returns keeps the
    /// parser's promises (`invariants::check_parse`): documents and chunks
    /// within the file's lines, each chunk within its document, labels and
    /// citations not empty, ordinals from 0, the printers write it; a
    /// binary file yields nothing but its warning. And `report_of` names
    /// the report the parse gives every document.
    #[test]
    fn parsing_any_bytes_never_panics(name in select(invariants::NAMES.to_vec()), bytes in bytes()) {
        let parsed = parse::parse_bytes(name, &bytes, manifest());
        invariants::check_parse(&bytes, &parsed);
        invariants::check_report(name, &bytes, manifest(), &parsed);
    }
}

proptest! {
    #![proptest_config(cases(256))]

    /// **Parsing real UN documents, cut and damaged, never panics**: windows
    /// of the resolutions, decisions, treaties and report of
    /// `tests/fixtures/real/dev` with formulas, headings, markers and page
    /// furniture slipped in keep the parser's promises, and `report_of`
    /// agrees with the parse.
    #[test]
    fn parsing_instruments_never_panics(name in select(invariants::NAMES.to_vec()), text in instrument()) {
        let parsed = parse::parse_text(name, &text, manifest());
        invariants::check_parse(text.as_bytes(), &parsed);
        invariants::check_report(name, text.as_bytes(), manifest(), &parsed);
    }
}

proptest! {
    #![proptest_config(cases(1024))]

    /// **A chunk's text is made of the lines it cites**, as exactly as the
    /// parser's transformations allow (see `invariants::assert_from_lines`
    /// for why): with each run of whitespace made one space on both sides,
    /// the text — and each of its inserted and deleted spans — is a
    /// sub-sequence of the characters of its lines `lines.start..=lines.end`
    /// (both with the characters that print alike made one, and the text
    /// without the hyphens between letters, which PDF repair may restore).
    /// It is not a sub-sequence of the *words* of the lines: words are
    /// shortened (markup, footnote markers) and merged (line-end hyphens,
    /// removed markup, repaired extraction breaks); but a space in the text
    /// always stands where the lines had whitespace, so no word is ever
    /// split, invented or moved.
    #[test]
    fn chunk_text_is_made_of_its_lines(name in select(invariants::NAMES.to_vec()), text in text()) {
        let parsed = parse::parse_text(name, &text, manifest());
        invariants::check_parsed_text(&text, &parsed);
    }
}

proptest! {
    #![proptest_config(cases(2048))]

    /// **Any query either fails cleanly or finds hits shown from their own
    /// chunks**, on the shipped corpus, with any page, flags and filters
    /// (`invariants::search_input` reads them from the option bytes): an
    /// error is a query error or an unknown filter value, in one line;
    /// otherwise `invariants::check_results` — the page has the hits it
    /// should, each allowed by the filters, each snippet a piece of the
    /// chunk's text (or of its deleted or removed words, when it says so)
    /// with its highlights inside it, facet counts add up to the total, and
    /// the JSON output reads back.
    #[test]
    fn any_query_fails_cleanly_or_finds_hits_from_their_chunks(
        query in query(),
        options in prop::option::of(prop::collection::vec(any::<u8>(), 0..8)),
    ) {
        let mut data = query.into_bytes();
        if let Some(options) = options {
            data.push(0);
            data.extend(options);
        }
        let request = invariants::search_input(&data);
        let index = shipped_index();
        match search::run(index, &request) {
            Ok(results) => invariants::check_results(index, &request, &results),
            Err(err) => invariants::check_error(&request, &err),
        }
    }
}

/// What the property tests once found, kept as files under
/// `tests/fixtures/regressions/` (the shrunk input, parsed under the name
/// it failed with, the name of the shipped March letter): each keeps the
/// parser's promises.
#[test]
fn inputs_the_properties_found_keep_the_promises() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the regressions directory") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a text");
        // `glued-items-in-a-header`: a treaty window with "The General
        // Assembly," slipped in reads as a resolution whose header holds a
        // line glued from two items, read as its two parts.
        let parsed = parse::parse_text(common::MARCH_LETTER, &text, manifest());
        invariants::check_parse(text.as_bytes(), &parsed);
        checked += 1;
    }
    assert!(checked > 0, "no regression input in {}", dir.display());
}
