//! Splitting a file into its documents: a cover letter and the annexes its
//! enclosure list announces, a GA-format draft, or text we do not recognise.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::DocumentKind;

use super::draft_report::{looks_like_heading, plain};
use super::letter::{ENCLOSURES, date_line, is_salutation};
use super::numbering::{Marker, split_marker};
use super::regex;

static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^\s*(?:[-•*]\s*)?Annex(?:\s+[A-Z0-9]{1,3})?\s*[–—-]\s*(?P<desc>\S.*?)\s*$")
});

/// One document of a file, before it is cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub kind: DocumentKind,
    /// Line indices (0-based, end exclusive).
    pub range: Range<usize>,
    /// What the cover letter's enclosure list says of it.
    pub description: Option<String>,
}

/// Splits the lines of a file into documents, with a warning for every
/// announced annex that could not be found.
pub fn segment(lines: &[&str]) -> (Vec<Part>, Vec<String>) {
    let mut warnings = Vec::new();
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return (Vec::new(), warnings);
    };
    let Some(letter) = find_letter(lines, first) else {
        let kind = structure_kind(lines, 0..lines.len());
        return (
            vec![Part {
                kind,
                range: 0..lines.len(),
                description: None,
            }],
            warnings,
        );
    };
    let mut parts = vec![Part {
        kind: DocumentKind::Letter,
        range: 0..letter.end,
        description: None,
    }];
    let Some(first_annex) = next_text_line(lines, letter.end) else {
        return (parts, warnings);
    };
    if letter.entries.is_empty() {
        let range = first_annex..lines.len();
        let kind = structure_kind(lines, range.clone());
        parts.push(Part {
            kind,
            range,
            description: None,
        });
        return (parts, warnings);
    }
    // Where each announced annex starts: the first right after the letter,
    // each later one at a heading that reads like its description.
    let mut starts: Vec<(usize, &String)> = Vec::new();
    for (i, description) in letter.entries.iter().enumerate() {
        let start = if i == 0 {
            Some(first_annex)
        } else {
            let from = starts.last().map_or(first_annex, |(s, _)| s + 1);
            (from..lines.len()).find(|&l| {
                lines
                    .get(l)
                    .is_some_and(|line| heading_matches(line, description))
            })
        };
        match start {
            Some(start) => starts.push((include_letterhead(lines, start, &letter.letterhead), description)),
            None => warnings.push(format!(
                "the cover letter encloses \"{description}\", but no heading like it was found; its text is kept in the previous document"
            )),
        }
    }
    for (i, (start, description)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(lines.len(), |(next, _)| *next);
        parts.push(Part {
            kind: kind_of(description),
            range: *start..end,
            description: Some((*description).clone()),
        });
    }
    (parts, warnings)
}

/// A cover letter at the top of a file.
struct Letter {
    /// Line index after its last line.
    end: usize,
    /// The enclosure list's descriptions, in order.
    entries: Vec<String>,
    /// The letterhead lines above the date, repeated by some annexes.
    letterhead: Vec<String>,
}

/// A letter: a salutation within the first lines, after a date.
fn find_letter(lines: &[&str], first: usize) -> Option<Letter> {
    let head: Vec<usize> = (first..lines.len())
        .filter(|&l| lines.get(l).is_some_and(|t| !t.trim().is_empty()))
        .take(15)
        .collect();
    let date_line = head
        .iter()
        .copied()
        .find(|&l| lines.get(l).is_some_and(|t| date_line(t).is_some()))?;
    let salutation = head
        .iter()
        .copied()
        .find(|&l| l > date_line && lines.get(l).is_some_and(|t| is_salutation(&plain(t))))?;
    let letterhead = head
        .iter()
        .take_while(|&&l| l < date_line)
        .filter_map(|&l| lines.get(l).map(|t| t.trim().to_string()))
        .collect();
    let enclosures = (salutation..lines.len()).find(|&l| {
        lines
            .get(l)
            .is_some_and(|t| ENCLOSURES.is_match(plain(t).trim()))
    });
    let Some(enclosures) = enclosures else {
        return Some(Letter {
            end: lines.len(),
            entries: Vec::new(),
            letterhead,
        });
    };
    // The entries: "Annex X – description" lines, a description possibly
    // wrapped onto the next line; blank lines may separate entries.
    let mut entries: Vec<String> = Vec::new();
    let mut end = enclosures + 1;
    let mut previous_blank = true;
    for l in enclosures + 1..lines.len() {
        let Some(line) = lines.get(l) else { break };
        if line.trim().is_empty() {
            previous_blank = true;
            continue;
        }
        let text = plain(line);
        if let Some(caps) = ENTRY.captures(&text) {
            entries.push(caps.name("desc").map_or("", |m| m.as_str()).to_string());
        } else if !previous_blank
            && !entries.is_empty()
            && !text.trim().to_lowercase().starts_with("annex")
        {
            if let Some(last) = entries.last_mut() {
                last.push(' ');
                last.push_str(text.trim());
            }
        } else {
            break;
        }
        end = l + 1;
        previous_blank = false;
    }
    Some(Letter {
        end,
        entries,
        letterhead,
    })
}

fn next_text_line(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&l| lines.get(l).is_some_and(|t| !t.trim().is_empty()))
}

/// Lower-case words of a text, markup and punctuation removed.
fn words(text: &str) -> Vec<String> {
    plain(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a line is the heading of an annex described as `description`:
/// a short line whose first words (up to three) are the description's.
fn heading_matches(line: &str, description: &str) -> bool {
    let line_words = words(line);
    let description_words = words(description);
    let k = 3.min(line_words.len()).min(description_words.len());
    k >= 1 && line_words.len() <= 12 && line_words.get(..k) == description_words.get(..k)
}

/// Moves an annex start up over a repeated letterhead right above it.
fn include_letterhead(lines: &[&str], start: usize, letterhead: &[String]) -> usize {
    if letterhead.is_empty() {
        return start;
    }
    let above: Vec<usize> = (0..start)
        .rev()
        .filter(|&l| lines.get(l).is_some_and(|t| !t.trim().is_empty()))
        .take(letterhead.len())
        .collect();
    let matches = above.len() == letterhead.len()
        && above
            .iter()
            .rev()
            .zip(letterhead)
            .all(|(&l, head)| lines.get(l).is_some_and(|t| t.trim() == head));
    match above.last() {
        Some(&top) if matches => top,
        _ => start,
    }
}

/// The kind of an annex, from its description in the enclosure list.
fn kind_of(description: &str) -> DocumentKind {
    let d = description.to_lowercase();
    if d.contains("programme of work") || d.contains("program of work") {
        DocumentKind::ProgrammeOfWork
    } else if d.contains("guiding questions") {
        DocumentKind::GuidingQuestions
    } else if d.contains("invitation") {
        DocumentKind::Invitation
    } else if ["draft", "report", "rev.", "crp."]
        .iter()
        .any(|w| d.contains(w))
    {
        DocumentKind::DraftReport
    } else {
        DocumentKind::Annex
    }
}

/// A draft report if the text has the structure of one (section headings
/// and numbered paragraphs), else text we do not recognise.
fn structure_kind(lines: &[&str], range: Range<usize>) -> DocumentKind {
    let mut headings = 0;
    let mut numbered = 0;
    for line in range.filter_map(|l| lines.get(l)) {
        let text = plain(line);
        if looks_like_heading(&text) {
            headings += 1;
        } else if matches!(
            split_marker(&text).map(|m| m.marker),
            Some(Marker::Number(_))
        ) {
            numbered += 1;
        }
    }
    if (headings >= 1 && numbered >= 1) || numbered >= 3 {
        DocumentKind::DraftReport
    } else {
        DocumentKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_headings_match_their_descriptions() {
        let d = "Provisional programme of work for the second substantive session";
        assert!(heading_matches("Provisional Programme of Work¹", d));
        assert!(heading_matches(
            "INVITATION",
            "Invitation to an in-person cocktail reception"
        ));
        assert!(heading_matches(
            "**GUIDING QUESTIONS FOR DISCUSSIONS WITH STAKEHOLDERS AT",
            "Guiding questions for the informal consultative meeting"
        ));
        assert!(!heading_matches("Monday, 25 July", d));
    }

    #[test]
    fn kinds_from_descriptions() {
        assert_eq!(
            kind_of("Zero Draft of the first annual progress report"),
            DocumentKind::DraftReport
        );
        assert_eq!(
            kind_of("A/AC.292/2022/CRP.1 Draft Annual Progress Report"),
            DocumentKind::DraftReport
        );
        assert_eq!(kind_of("Registration details"), DocumentKind::Annex);
    }
}
