//! Where every source line ends up: nothing is lost silently.
//!
//! Each grammar knows what it does with a line: it puts it in a cut (a
//! future chunk), lifts it out as a footnote body or page furniture, or
//! sets it apart on purpose (a heading, a salutation, a marker whose unit's
//! text follows on the next line, a line of markup). [`places`] runs the
//! parser itself and gathers those decisions — the very data the chunks
//! are made of, not a second reading that could disagree — so that a line
//! given no place (a dropped sentence) or two (a footnote body read into a
//! paragraph) shows: [`misplaced`] lists them.
//!
//! ```
//! use negotext::corpus::Manifest;
//! use negotext::parse::{Place, misplaced, places};
//! let text = "A. Introduction\n\n1. States met.\n";
//! let found = places("demo.txt", text, &Manifest::builtin());
//! assert_eq!(found[0], [Place::Heading]);
//! assert_eq!(found[2], [Place::Chunk("1".into())]);
//! assert!(misplaced(&found).is_empty());
//! ```

use serde::Serialize;

use super::block::Block;

/// Where a source line ends up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Place {
    /// An empty line, or one of spaces.
    Blank,
    /// A line of the chunk with this label.
    Chunk(String),
    /// A line divided between chunks, in order: two units printed on one
    /// line (`5. […] 6. […]`), each chunk holding its own part of the line
    /// and no part of it twice.
    Divided(Vec<String>),
    /// A line of the body of the footnote with this number (0: a note
    /// called by an asterisk).
    Footnote(u32),
    /// A heading, a title of an article or annex, a formula (a letter's
    /// salutation), a closing line, a cover page: text in no chunk, on
    /// purpose.
    Heading,
    /// A line that holds only the marker of a unit whose text starts on a
    /// later line or is all in its sub-units (`**Option 1:**`, `Option 2:
    /// [`, `4.` above `(a)`, a paragraph number printed in a column): the
    /// marker is in the labels.
    Marker,
    /// Page furniture, named: `page number`, `running head`, `job number`,
    /// `footnote number`, `page break`, `separator` (a line of dots),
    /// `site note` (a publishing site's own note above a converted
    /// text)…
    Furniture(&'static str),
    /// Markup that says nothing of the text, named: `kramdown marker`,
    /// `link definition`, `bullet`, `brackets` (a line of brackets alone
    /// outside any unit), `markup` (a cut whose every view came out empty:
    /// emphasis or track-change marks with no words).
    Markup(&'static str),
}

/// The lines a grammar set apart from its cuts, each with its place
/// (1-based line numbers, as in a [`super::block::Piece`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetApart(Vec<(usize, Place)>);

impl SetApart {
    /// Sets the 1-based `line` apart as `place`.
    pub fn line(&mut self, line: usize, place: Place) {
        self.0.push((line, place));
    }

    /// Sets every line of `block` apart as `place`.
    pub fn block(&mut self, block: &Block, place: Place) {
        for piece in &block.pieces {
            self.line(piece.line, place.clone());
        }
    }

    /// The lines set apart.
    pub fn lines(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().map(|(line, _)| *line)
    }

    /// Takes over the lines `other` set apart.
    pub fn extend(&mut self, other: SetApart) {
        self.0.extend(other.0);
    }
}

/// The places of a file's lines as the parser gives them, one list per
/// line (0-based), filled while it parses.
#[derive(Debug, Clone, Default)]
pub(super) struct Ledger {
    places: Vec<Vec<Place>>,
    /// The text each [`Place::Chunk`] of a line took from it.
    taken: Vec<Vec<String>>,
}

impl Ledger {
    pub fn new(lines: usize) -> Ledger {
        Ledger {
            places: vec![Vec::new(); lines],
            taken: vec![Vec::new(); lines],
        }
    }

    /// Gives the 1-based `line` a place.
    pub fn put(&mut self, line: usize, place: Place) {
        if let Some(at) = line.checked_sub(1).and_then(|i| self.places.get_mut(i)) {
            at.push(place);
        }
    }

    /// Puts the 1-based `line` in the chunk `label`, which took `text` of it.
    pub fn put_in_chunk(&mut self, line: usize, label: &str, text: &str) {
        self.put(line, Place::Chunk(label.to_string()));
        if let Some(at) = line.checked_sub(1).and_then(|i| self.taken.get_mut(i)) {
            at.push(text.to_string());
        }
    }

    pub fn set_apart(&mut self, set_apart: SetApart) {
        for (line, place) in set_apart.0 {
            self.put(line, place);
        }
    }

    /// The places: a blank line that no grammar took is [`Place::Blank`];
    /// a line whose chunks took parts of it that follow each other
    /// without overlapping is [`Place::Divided`].
    pub fn finish(self, lines: &[&str]) -> Vec<Vec<Place>> {
        let mut places = self.places;
        for ((at, line), taken) in places.iter_mut().zip(lines).zip(self.taken) {
            if at.is_empty() && line.trim().is_empty() {
                at.push(Place::Blank);
            }
            if at.len() > 1 && taken.len() == at.len() && divides(line, &taken) {
                let labels = at
                    .drain(..)
                    .filter_map(|p| match p {
                        Place::Chunk(label) => Some(label),
                        _ => None,
                    })
                    .collect();
                at.push(Place::Divided(labels));
            }
        }
        places
    }
}

/// Whether the `parts` are found in `line` one after the other, none
/// empty and none overlapping the one before. A part's last hyphen need
/// not be in the line: the extractor may have taken it off when it glued
/// the next part on (`benefit-` of `benefitContact`), and the parse puts it
/// back.
fn divides(line: &str, parts: &[String]) -> bool {
    let mut from = 0;
    for part in parts {
        let part = part.trim();
        let part = part.strip_suffix('-').unwrap_or(part);
        let found = line.get(from..).and_then(|rest| rest.find(part));
        match found {
            Some(at) if !part.is_empty() => from += at + part.len(),
            _ => return false,
        }
    }
    true
}

/// Where each line of the file `name` ends up — every place it was given,
/// one list per line (0-based), so that a line given none or two shows.
pub fn places(name: &str, text: &str, manifest: &crate::corpus::Manifest) -> Vec<Vec<Place>> {
    super::parse_with_places(name, text, manifest).1
}

/// The lines (0-based) that do not have exactly one place: a line given
/// none was dropped, a line given two was read twice (a footnote body
/// inside a paragraph, a line in two chunks).
pub fn misplaced(places: &[Vec<Place>]) -> Vec<usize> {
    places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.len() != 1)
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn a_line_is_divided_only_by_parts_that_follow_each_other() {
        let line = "5. [Parties strive.] 6. [Parties mobilize.]";
        assert!(divides(
            line,
            &parts(&["[Parties strive.]", "[Parties mobilize.]"])
        ));
        // The same part twice, parts out of order, an empty part, a part
        // the line does not hold: a line read twice, not divided.
        assert!(!divides(
            line,
            &parts(&["[Parties strive.]", "[Parties strive.]"])
        ));
        assert!(!divides(
            line,
            &parts(&["[Parties mobilize.]", "[Parties strive.]"])
        ));
        assert!(!divides(line, &parts(&["[Parties strive.]", ""])));
        assert!(!divides(line, &parts(&["[Parties strive.]", "a footnote"])));
        // Two heads glued by the extractor, which took off the hyphen
        // that the parse puts back on the first.
        assert!(divides(
            "access and benefitContact details;",
            &parts(&["access and benefit-", "Contact details;"])
        ));
    }

    #[test]
    fn a_line_in_two_chunks_that_both_took_all_of_it_keeps_both_places() {
        let mut ledger = Ledger::new(2);
        ledger.put_in_chunk(1, "3", "States met.");
        ledger.put_in_chunk(1, "4", "States met.");
        ledger.put(2, Place::Footnote(1));
        ledger.put_in_chunk(2, "4", "1 A/75/816.");
        let places = ledger.finish(&["States met.", "1 A/75/816."]);
        assert_eq!(misplaced(&places), [0, 1]);
    }
}
