//! Nothing is lost silently: every line of the shipped corpus and of every
//! real UN document ends up in exactly one place — a chunk, a footnote
//! body, a heading (or title, formula, closing line, cover page), a marker
//! whose unit's text follows, page furniture or markup named as such, or
//! blank. A line given no place (a dropped sentence) or two (a footnote
//! body read into a paragraph, a line in two chunks) fails; the last tests
//! show the check failing on places doctored that way. What this cannot
//! see is a line given the wrong one place: text taken for a heading, or a
//! footnote body that no grammar recognised and that a paragraph took as
//! its own text. The reference comparison (`real_documents.rs`, first and
//! last words of every chunk) and the inventory (`parse_corpus.rs`) are
//! the checks for that.

mod real;

use std::path::Path;

use negotext::corpus::{Corpus, Decoded, Manifest, decode};
use negotext::parse::{Place, misplaced, parse_text, places};

/// The lines of `text` without exactly one place, one line each.
fn wrong_lines(name: &str, text: &str, places: &[Vec<Place>]) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        places.len(),
        lines.len(),
        "{name}: one list of places per line"
    );
    misplaced(places)
        .into_iter()
        .map(|i| {
            format!(
                "{name}:{}: {:?} {:?}",
                i + 1,
                places.get(i),
                lines.get(i).copied().unwrap_or("")
            )
        })
        .collect()
}

fn assert_all_placed(name: &str, text: &str, places: &[Vec<Place>]) {
    let wrong = wrong_lines(name, text, places);
    assert!(
        wrong.is_empty(),
        "{} lines without exactly one place:\n{}",
        wrong.len(),
        wrong
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The labels of the chunks the places name, in order of first line.
fn labels_placed(places: &[Vec<Place>]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for place in places.iter().flatten() {
        let named = match place {
            Place::Chunk(label) => std::slice::from_ref(label),
            Place::Divided(divided) => divided.as_slice(),
            _ => &[],
        };
        for label in named {
            if !labels.contains(label) {
                labels.push(label.clone());
            }
        }
    }
    labels
}

#[test]
fn every_line_of_every_real_document_has_exactly_one_place() {
    let mut checked = 0;
    for (dir, stem) in real::DOCUMENTS {
        let (name, text) = real::source(dir, stem);
        let manifest = Manifest::builtin();
        let places = places(&name, &text, &manifest);
        assert_all_placed(stem, &text, &places);
        // The places name every chunk of the parse, and no other.
        let mut labels = labels_placed(&places);
        let mut parsed: Vec<String> = parse_text(&name, &text, &manifest)
            .chunks
            .into_iter()
            .map(|c| c.label)
            .collect();
        labels.sort();
        parsed.sort();
        assert_eq!(labels, parsed, "{stem}: the chunks the places name");
        let furniture = places
            .iter()
            .flatten()
            .filter(|p| matches!(p, Place::Furniture(_)))
            .count();
        let printed = name.ends_with(".pdftotext.txt");
        assert!(
            !printed || furniture > 0,
            "{stem}: a PDF text without page furniture?"
        );
        checked += 1;
    }
    assert_eq!(checked, real::DOCUMENTS.len());
    assert_eq!(checked, 11, "every document of dev and dev2");
}

#[test]
fn every_line_of_the_shipped_corpus_has_exactly_one_place() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = Corpus::open(&dir).unwrap();
    let mut checked = 0;
    for file in &corpus.files {
        let bytes = std::fs::read(&file.path).unwrap();
        let Decoded::Text { text, .. } = decode(&bytes) else {
            panic!("{}: not text", file.name);
        };
        let places = places(&file.name, &text, &corpus.manifest);
        assert_all_placed(&file.name, &text, &places);
        let chunks = negotext::parse::parse_text(&file.name, &text, &corpus.manifest).chunks;
        let mut labels = labels_placed(&places);
        let mut parsed: Vec<String> = chunks.into_iter().map(|c| c.label).collect();
        labels.sort();
        parsed.sort();
        assert_eq!(labels, parsed, "{}: the chunks the places name", file.name);
        checked += 1;
    }
    assert_eq!(checked, 5, "the five seeds");
}

/// Every file the checks above read, as (name, text), and the shipped
/// manifest.
fn sources() -> (Vec<(String, String)>, Manifest) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = Corpus::open(&dir).unwrap();
    let mut all = Vec::new();
    for file in &corpus.files {
        let bytes = std::fs::read(&file.path).unwrap();
        if let Decoded::Text { text, .. } = decode(&bytes) {
            all.push((file.name.clone(), text));
        }
    }
    for (dir, stem) in real::DOCUMENTS {
        all.push(real::source(dir, stem));
    }
    (all, corpus.manifest)
}

/// `text` hard-wrapped at `width` columns, as a mail client would.
fn wrapped(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split_whitespace() {
            if !current.is_empty() && current.len() + 1 + word.len() > width {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// The same texts as another extractor or editor would give them: no
/// trailing spaces, no blank lines, every line double-spaced, wrapped at
/// 72 columns. The grammars read them otherwise, and still lose nothing.
#[test]
fn every_line_has_one_place_whatever_the_layout() {
    let (sources, manifest) = sources();
    for (name, text) in &sources {
        let lines: Vec<&str> = text.lines().collect();
        for (layout, variant) in [
            (
                "trimmed",
                lines
                    .iter()
                    .map(|l| l.trim_end())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            (
                "without blank lines",
                lines
                    .iter()
                    .filter(|l| !l.trim().is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ("double-spaced", lines.join("\n\n")),
            ("wrapped at 72", wrapped(text, 72)),
        ] {
            let places = places(name, &variant, &manifest);
            assert_all_placed(&format!("{name} ({layout})"), &variant, &places);
        }
    }
}

/// Pieces of several files spliced into one (a grammar meets another's
/// text, a document starts or ends mid-paragraph): a fixed sequence of
/// splices, each line still in exactly one place.
#[test]
fn every_line_of_spliced_documents_has_one_place() {
    let (sources, manifest) = sources();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % below as u64).unwrap()
    };
    for round in 0..150 {
        let mut text = String::new();
        for _ in 0..2 + next(3) {
            let (_, source) = &sources[next(sources.len())];
            let lines: Vec<&str> = source.lines().collect();
            let start = next(lines.len());
            let end = (start + 5 + next(120)).min(lines.len());
            text.push_str(&lines[start..end].join("\n"));
            text.push('\n');
        }
        let (name, _) = &sources[next(sources.len())];
        let places = places(name, &text, &manifest);
        assert_all_placed(&format!("splice {round} as {name}"), &text, &places);
    }
}

/// The places of the shipped CRP.1 (PDF text: footnote bodies at page
/// bottoms, paragraphs running across them), and its text.
fn crp1() -> (String, Vec<Vec<Place>>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = Corpus::open(&dir).unwrap();
    let name = "2022-07-28-crp1.txt";
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let found = places(name, &text, &corpus.manifest);
    (text, found)
}

/// Whether the line check of the tests above fails on `places`.
fn check_fails(text: &str, places: &[Vec<Place>]) -> bool {
    let (text, places) = (text.to_string(), places.to_vec());
    std::panic::catch_unwind(move || assert_all_placed("doctored", &text, &places)).is_err()
}

/// The check catches what it is meant to catch: the places of a real
/// parse, doctored as a faulty grammar would leave them, fail it on the
/// doctored line and no other.
#[test]
fn a_dropped_line_a_footnote_read_into_a_paragraph_and_a_line_read_twice_fail() {
    let (text, good) = crp1();
    assert!(misplaced(&good).is_empty());
    assert!(!check_fails(&text, &good));
    let chunk_line = |at: usize| match good.get(at).map(Vec::as_slice) {
        Some([Place::Chunk(label)]) => Some(label.clone()),
        _ => None,
    };

    // A dropped sentence: a line of a paragraph given no place.
    let line = (good.len() / 2..good.len())
        .find(|&at| chunk_line(at).is_some())
        .unwrap();
    let mut dropped = good.clone();
    dropped[line].clear();
    assert_eq!(misplaced(&dropped), [line]);
    assert!(check_fails(&text, &dropped));

    // A footnote body inside a paragraph: a body line lifted out and read
    // into the paragraph it interrupts as well.
    let body = good
        .iter()
        .position(|p| matches!(p.as_slice(), [Place::Footnote(_)]))
        .unwrap();
    let paragraph = (0..body).rev().find_map(chunk_line).unwrap();
    let mut inside = good.clone();
    inside[body].push(Place::Chunk(paragraph));
    assert_eq!(misplaced(&inside), [body]);
    assert!(check_fails(&text, &inside));

    // A line read into two chunks (a paragraph's tail repeated in the next).
    let next = (line + 1..good.len())
        .filter_map(chunk_line)
        .find(|label| Some(label) != chunk_line(line).as_ref())
        .unwrap();
    let mut twice = good.clone();
    twice[line].push(Place::Chunk(next));
    assert_eq!(misplaced(&twice), [line]);
    assert!(check_fails(&text, &twice));

    // A heading also read as text.
    let heading = good
        .iter()
        .position(|p| matches!(p.as_slice(), [Place::Heading]))
        .unwrap();
    let mut both = good.clone();
    both[heading].push(Place::Chunk("1".into()));
    assert_eq!(misplaced(&both), [heading]);
}

/// Two paragraphs printed on one line divide it: one place, naming both
/// chunks, because each took its own part of the line.
#[test]
fn a_line_holding_two_paragraphs_is_divided_between_them() {
    let text = "## Draft agreement\n\n## Article 1\n\n**Option 1:** a\n\n## Article 2\n\n\
                1. [The Parties agree.] 2. [The Parties report.]\n";
    let found = places("draft.md", text, &Manifest::builtin());
    assert!(misplaced(&found).is_empty(), "{found:?}");
    assert_eq!(
        found[8],
        [Place::Divided(vec!["art.2(1)".into(), "art.2(2)".into()])]
    );
    assert_eq!(found[2], [Place::Heading]);
    assert_eq!(found[4], [Place::Chunk("art.1.option-1".into())]);
}
