//! Nothing is lost silently: every line of a real UN document ends up in
//! exactly one place — a chunk, a footnote body, a heading (or title,
//! formula, closing line, cover page), page furniture named as such, or
//! blank. A line given no place or two (a footnote body read into a
//! paragraph, a line in two chunks) fails. What this cannot see is a line
//! the grammar takes for a heading when it is text: the reference
//! comparison (`real_documents.rs`, first and last words of every chunk)
//! is the check for that.

mod real;

use negotext::corpus::Manifest;
use negotext::parse::{Place, places};

#[test]
fn every_line_of_every_real_instrument_has_exactly_one_place() {
    let mut checked = 0;
    for (dir, stem) in real::DOCUMENTS {
        let (_, text) = real::source(dir, stem);
        let Some(places) = places(&text, &Manifest::builtin()) else {
            continue;
        };
        checked += 1;
        let lines: Vec<&str> = text.lines().collect();
        let wrong: Vec<String> = places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.len() != 1)
            .map(|(i, p)| {
                format!(
                    "{stem}:{}: {p:?} {:?}",
                    i + 1,
                    lines.get(i).copied().unwrap_or("")
                )
            })
            .collect();
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
        let furniture = places
            .iter()
            .flatten()
            .filter(|p| matches!(p, Place::Furniture(_)))
            .count();
        assert!(
            stem.contains("A-C.1") || stem.contains("RES-80") || furniture > 0,
            "{stem}: a PDF text without page furniture?"
        );
    }
    assert_eq!(
        checked, 8,
        "resolutions, decisions, treaties and the report"
    );
}
