//! Splitting a file into its documents: a cover letter and the annexes its
//! enclosure list announces, a GA-format draft, or text we do not recognise.

use std::collections::HashMap;
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

/// How many enclosures without a heading are named in warnings; the others
/// are counted in one more (a list of thousands would flood the terminal).
const MAX_MISSING_WARNINGS: usize = 3;

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
    // A negotiating text is one document.
    if super::negotiating_text::recognise(lines) {
        return (
            vec![Part {
                kind: DocumentKind::NegotiatingText,
                range: 0..lines.len(),
                description: None,
            }],
            warnings,
        );
    }
    // A compilation text in PDF extraction is one document.
    if super::compilation::recognise(lines) {
        return (
            vec![Part {
                kind: DocumentKind::Compilation,
                range: 0..lines.len(),
                description: None,
            }],
            warnings,
        );
    }
    // An instrument (resolution, decision, treaty) is one document; so is
    // a file without a cover letter.
    let instrument = super::instrument::recognise(lines);
    let letter = match instrument {
        Some(_) => None,
        None => find_letter(lines, first),
    };
    let Some(letter) = letter else {
        let kind = instrument.unwrap_or_else(|| structure_kind(lines, 0..lines.len()));
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
    let headings = Headings::new(lines, first_annex);
    let mut starts: Vec<(usize, &String)> = Vec::new();
    let mut missing = 0;
    for (i, description) in letter.entries.iter().enumerate() {
        let start = if i == 0 {
            Some(first_annex)
        } else {
            let from = starts.last().map_or(first_annex, |(s, _)| s + 1);
            headings.find(description, from)
        };
        match start {
            Some(start) => starts.push((
                include_letterhead(lines, start, &letter.letterhead),
                description,
            )),
            None if missing < MAX_MISSING_WARNINGS => {
                missing += 1;
                warnings.push(format!(
                    "the cover letter encloses \"{description}\", but no heading like it was found; its text is kept in the previous document"
                ));
            }
            None => missing += 1,
        }
    }
    if missing > MAX_MISSING_WARNINGS {
        warnings.push(format!(
            "the cover letter encloses {} more annexes without a heading like theirs",
            missing - MAX_MISSING_WARNINGS
        ));
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

/// How many first words of a heading and a description must agree.
const HEADING_WORDS: usize = 3;

/// The most words a line may have to be an annex heading.
const MAX_HEADING_WORDS: usize = 12;

/// Whether a line is the heading of an annex described as `description`:
/// a short line whose first words (up to three) are the description's.
#[cfg(test)]
fn heading_matches(line: &str, description: &str) -> bool {
    let line_words = words(line);
    let description_words = words(description);
    let k = HEADING_WORDS
        .min(line_words.len())
        .min(description_words.len());
    k >= 1
        && line_words.len() <= MAX_HEADING_WORDS
        && line_words.get(..k) == description_words.get(..k)
}

/// The lines that may be annex headings, indexed by their first words, so
/// that finding each announced annex does not read the file again (an
/// enclosure list of thousands of entries made that quadratic). Finds what
/// `heading_matches` accepts.
struct Headings {
    /// Lines of at least `j` words (j ≤ 3), by their first `j` words joined.
    by_prefix: HashMap<String, Vec<usize>>,
    /// Lines of fewer than three words, by all their words joined.
    whole: HashMap<String, Vec<usize>>,
}

impl Headings {
    /// The short lines of `lines` from `from` on.
    fn new(lines: &[&str], from: usize) -> Self {
        let mut headings = Headings {
            by_prefix: HashMap::new(),
            whole: HashMap::new(),
        };
        for (l, line) in lines.iter().enumerate().skip(from) {
            let line_words = words(line);
            if line_words.is_empty() || line_words.len() > MAX_HEADING_WORDS {
                continue;
            }
            for j in 1..=line_words.len().min(HEADING_WORDS) {
                let key = line_words.get(..j).unwrap_or_default().join(" ");
                if j == line_words.len() && j < HEADING_WORDS {
                    headings.whole.entry(key.clone()).or_default().push(l);
                }
                headings.by_prefix.entry(key).or_default().push(l);
            }
        }
        headings
    }

    /// The first line at or after `from` that is a heading like `description`.
    ///
    /// With `m` = the description's first words, up to three: a line of at
    /// least `m` words must start with them; a shorter line must be the
    /// first of them.
    fn find(&self, description: &str, from: usize) -> Option<usize> {
        let wanted = words(description);
        let m = wanted.len().min(HEADING_WORDS);
        let first_from = |lines: Option<&Vec<usize>>| {
            let lines = lines?;
            lines.get(lines.partition_point(|&l| l < from)).copied()
        };
        (1..=m)
            .filter_map(|k| {
                let key = wanted.get(..k).unwrap_or_default().join(" ");
                if k == m {
                    first_from(self.by_prefix.get(&key))
                } else {
                    first_from(self.whole.get(&key))
                }
            })
            .min()
    }
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
    fn the_heading_index_finds_what_heading_matches_accepts() {
        let text = "Annex\nProvisional Programme of Work¹\nMonday, 25 July\nINVITATION\n\
                    Invitation\nProgramme\nProgramme of\nProgramme of work for the session\n\
                    Guiding questions for the informal consultative meeting of many many words here\n\
                    **GUIDING QUESTIONS FOR DISCUSSIONS WITH STAKEHOLDERS AT\nRegistration";
        let mut texts = vec![text.to_string()];
        for path in [
            "2022-06-22-zero-draft.txt",
            "2022-03-24-capacity-building-meeting.txt",
        ] {
            let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .join(path);
            texts.push(std::fs::read_to_string(file).unwrap());
        }
        let lines: Vec<&str> = texts.iter().flat_map(|text| text.lines()).collect();
        let descriptions = [
            "Provisional programme of work for the second substantive session",
            "Programme",
            "Programme of",
            "Invitation to an in-person cocktail reception",
            "Guiding questions for the informal consultative meeting",
            "Registration details",
            "Monday",
            "Nothing like any line",
            "",
        ];
        let headings = Headings::new(&lines, 0);
        for description in descriptions {
            for from in [0, 1, 3, 5, 7, 10, 50, 400, lines.len()] {
                let expected =
                    (from..lines.len()).find(|&l| heading_matches(lines[l], description));
                assert_eq!(
                    headings.find(description, from),
                    expected,
                    "{description:?} from {from}"
                );
            }
        }
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
