//! Nothing is lost silently: every line of the shipped corpus and of every
//! real UN document ends up in exactly one place — a chunk, a footnote
//! body, a heading (or title, formula, closing line, cover page), a marker
//! whose unit's text follows, page furniture or markup named as such, or
//! blank. A line given no place (a dropped sentence) or two (a footnote
//! body read into a paragraph, a line in two chunks) fails. What this
//! cannot see is a line the grammar takes for a heading when it is text:
//! the reference comparison (`real_documents.rs`, first and last words of
//! every chunk) and the inventory (`parse_corpus.rs`) are the checks for
//! that.

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
