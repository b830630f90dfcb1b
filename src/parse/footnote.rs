//! Footnote markers in running text, matched to the bodies lifted out of
//! the page bottoms.
//!
//! Superscript markers (`security¹`) are unambiguous and are read by
//! [`markup`](super::markup). Plain digits in PDF text (`framework5`,
//! `reports.1`, `security 2 and`, `States. 7`) look like any number, so a
//! plain marker is only removed when the document has a footnote body with
//! that number, and markers are matched in sequence: the marker of footnote
//! *k* comes after the marker of *k−1* and before the body of *k*.
//! Digits that belong to a reference are never markers: after a counting
//! word (`paragraph 12`), after an abbreviation's dot (`para. 2`, `Rev.1`),
//! after a single letter's dot (`GC(69)/RES/9 A.2`), inside a document
//! symbol (`A/78/2`, `A/AC.292/2022/CRP.1`).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::block::FootnoteBody;
use super::regex;
use crate::model::Footnote;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"\d+"));

/// Words after which a number is part of the text ("paragraph 12"), not a
/// footnote marker.
const COUNTING_WORDS: [&str; 40] = [
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "resolution",
    "resolutions",
    "item",
    "items",
    "session",
    "sessions",
    "article",
    "articles",
    "annex",
    "chapter",
    "section",
    "rule",
    "rules",
    "no",
    "page",
    "pages",
    "decision",
    "footnote",
    "and",
    "or",
    "to",
    "of",
    "than",
    "the",
    "on",
    "in",
    "at",
    "by",
    "from",
    "until",
    "with",
    "about",
    "some",
    "all",
    "only",
    "least",
];

/// Abbreviations after whose dot a number is part of the reference
/// (`para. 2`, `Rev.1`, `A/AC.292/2022/CRP.1`), lower-cased: they do not
/// end sentences, so the number is no marker after a full stop.
const ABBREVIATIONS: [&str; 22] = [
    "para", "paras", "art", "arts", "no", "nos", "p", "pp", "vol", "chap", "sect", "sess", "rev",
    "add", "corr", "amend", "crp", "inf", "wp", "misc", "sub", "op",
];

/// Whether a number right after `before` continues a reference that ends
/// in a dot: an abbreviation (`para.`, `Rev.`, `CRP.`), a single letter
/// glued to the number (`A.` of `GC(69)/RES/9 A.2`) or a document symbol
/// (a token with a `/` and no lower-case letter, not closed by a bracket
/// or a quote: `A/AC.292/2022/CRP.1`, but not `(A/78/2).5`, `and/or.5` or
/// a web address).
fn continues_reference(before: &str) -> bool {
    let Some(stem) = before.trim_end().strip_suffix('.') else {
        return false;
    };
    let token = stem.rsplit(char::is_whitespace).next().unwrap_or(stem);
    let symbol = token.contains('/')
        && !token.chars().any(char::is_lowercase)
        && !token.ends_with(['”', '"', '’', ')']);
    if symbol {
        return true;
    }
    let word = trailing_word(token);
    let single_letter = word.chars().count() == 1 && before.ends_with('.');
    single_letter || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A plain marker removed from a chunk's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    pub chunk: usize,
    pub number: u32,
}

/// Finds and removes plain-digit markers for `bodies` (in file order) in
/// `texts` (the chunks of one document, in order; `starts` are their first
/// lines). Bodies whose numbers are in `skip` (claimed by superscripts) are
/// not searched.
pub fn strip_plain_markers(
    texts: &mut [String],
    starts: &[usize],
    bodies: &[FootnoteBody],
    skip: &HashSet<u32>,
) -> Vec<Claim> {
    let mut claims = Vec::new();
    let (mut chunk, mut from) = (0usize, 0usize);
    for body in bodies.iter().filter(|b| !skip.contains(&b.number)) {
        let mut c = chunk;
        while c < texts.len() && starts.get(c).is_some_and(|&s| s < body.line) {
            let start = if c == chunk { from } else { 0 };
            let found = texts
                .get(c)
                .and_then(|text| find_marker(text, start, body.number));
            if let (Some(range), Some(text)) = (found, texts.get_mut(c)) {
                text.replace_range(range.clone(), "");
                claims.push(Claim {
                    chunk: c,
                    number: body.number,
                });
                chunk = c;
                from = range.start;
                break;
            }
            c += 1;
        }
    }
    claims
}

/// The byte range to remove for marker `number` in `text`, at or after `from`.
fn find_marker(text: &str, from: usize, number: u32) -> Option<std::ops::Range<usize>> {
    let wanted = number.to_string();
    NUMBER
        .find_iter(text)
        .filter(|m| m.start() >= from && m.as_str() == wanted)
        .find_map(|m| {
            let before = text.get(..m.start())?;
            let after = text.get(m.end()..)?;
            let mut back = before.chars().rev();
            let prev = back.next()?;
            let prev2 = back.next();
            let next = after.chars().next();
            let next2 = after.chars().nth(1);
            if next.is_some_and(|n| n.is_alphanumeric() || matches!(n, '/' | '(' | '-' | '–' | '%'))
            {
                return None;
            }
            if matches!(next, Some('.' | ',')) && next2.is_some_and(|n| n.is_ascii_digit()) {
                return None;
            }
            let closing =
                |c: char| matches!(c, '.' | ',' | ';' | ':' | '”' | '’' | '"' | ')' | ']');
            if prev.is_alphabetic() || closing(prev) {
                // Glued: "framework5", "reports.1", "75/240.”;20" — but not
                // "6.30", "A.2", "Rev.1".
                if matches!(prev, '.' | ',') && prev2.is_some_and(|c| c.is_ascii_digit()) {
                    return None;
                }
                if prev == '.' && continues_reference(before) {
                    return None;
                }
                return Some(m.range());
            }
            if prev == ' ' && prev2.is_some_and(|c| c.is_alphabetic() || closing(c)) {
                // Spaced: "security 2 and", "States. 7" — but not "paragraph 2".
                let word = trailing_word(before.trim_end()).to_lowercase();
                let word_ends_before = before.trim_end().ends_with(char::is_alphabetic);
                if word_ends_before && COUNTING_WORDS.contains(&word.as_str()) {
                    return None;
                }
                // "para. 2", "No. 31363" — but "States. 7" is a marker.
                if prev2 == Some('.') && continues_reference(before) {
                    return None;
                }
                let next_word = after
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                let counts_something = next_word.starts_with(|c: char| c.is_ascii_digit())
                    || MONTHS.contains(&next_word.as_str())
                    || next_word == "to";
                if counts_something {
                    return None;
                }
                return Some(m.start() - 1..m.end());
            }
            None
        })
}

/// The letters a text ends with: `para` of `(see para`.
fn trailing_word(text: &str) -> String {
    let letters = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(i, _)| i);
    text.get(letters..).unwrap_or("").to_string()
}

/// The footnotes of a chunk: its markers, each with the body of that number
/// found at or after the chunk's first line (else anywhere in the document).
pub fn attach(
    markers: &[u32],
    chunk_start: usize,
    bodies: &[(u32, usize, String)],
) -> Vec<Footnote> {
    markers
        .iter()
        .map(|&number| {
            let body = bodies
                .iter()
                .find(|(n, line, _)| *n == number && *line >= chunk_start)
                .or_else(|| bodies.iter().rev().find(|(n, _, _)| *n == number))
                .map_or_else(String::new, |(_, _, text)| text.clone());
            Footnote { number, body }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(number: u32, line: usize) -> FootnoteBody {
        FootnoteBody {
            number,
            line,
            text: String::new(),
        }
    }

    #[test]
    fn markers_in_every_form_are_matched_in_sequence() {
        let mut texts = vec![
            "agreed by the OEWG and GGE reports.1 In 2021 the field of security 2 and the 2010, 2013 GGEs.3 States".to_string(),
            "the ICT environment”.4 These elements consolidate a".to_string(),
            "cumulative and evolving framework5 for States. 6".to_string(),
        ];
        let starts = [1, 10, 20];
        let bodies = [
            body(1, 15),
            body(2, 15),
            body(3, 15),
            body(4, 15),
            body(5, 30),
            body(6, 30),
        ];
        let claims = strip_plain_markers(&mut texts, &starts, &bodies, &HashSet::new());
        assert_eq!(claims.len(), 6);
        assert_eq!(
            texts[0],
            "agreed by the OEWG and GGE reports. In 2021 the field of security and the 2010, 2013 GGEs. States"
        );
        assert_eq!(
            texts[1],
            "the ICT environment”. These elements consolidate a"
        );
        assert_eq!(texts[2], "cumulative and evolving framework for States.");
    }

    #[test]
    fn numbers_in_the_text_are_not_markers() {
        for text in [
            "in paragraphs 8 to 13 at the",
            "on 25 July 2022",
            "at 6.30pm",
            "resolution 75/240",
            "para 8.",
        ] {
            let mut texts = vec![text.to_string()];
            let claims = strip_plain_markers(
                &mut texts,
                &[1],
                &[body(8, 5), body(25, 5)],
                &HashSet::new(),
            );
            assert!(claims.is_empty(), "{text}");
            assert_eq!(texts[0], text);
        }
    }

    #[test]
    fn digits_of_references_are_not_markers() {
        for text in [
            "resolution GC(69)/RES/9 A.2 of the General Conference",
            "see document A/78/2 and",
            "in A/AC.296/2024/INF/2/Rev.1 and",
            "in E/CN.4/SUB.2/1998/1 and",
            "as set out in A/AC.292/2022/CRP.1 and",
            "in Rev.1 of the draft",
            "in CRP.1, States",
            "document L.2 contains",
            "see para. 2 above",
            "see para.2 above",
            "Treaty Series, vol. 1833, No. 2.",
            "art. 2 of the Agreement",
        ] {
            let mut texts = vec![text.to_string()];
            let bodies = [body(1, 5), body(2, 5)];
            let claims = strip_plain_markers(&mut texts, &[1], &bodies, &HashSet::new());
            assert!(claims.is_empty(), "{text}: {claims:?}");
            assert_eq!(texts[0], text);
        }
    }

    #[test]
    fn a_marker_after_a_reference_is_still_one() {
        // The IAEA resolution: `A.2` keeps its 2, the marker after `2025;`
        // goes; so do markers after a closed symbol, an acronym, an address.
        let mut texts = vec![
            "resolution GC(69)/RES/9 A.2 of 19 September 2025;2 and the annex. 3 The (A/78/2).4 \
             by the OEWG.5 see un.org/bbnj.6"
                .to_string(),
        ];
        let bodies = [body(2, 5), body(3, 5), body(4, 5), body(5, 5), body(6, 5)];
        let claims = strip_plain_markers(&mut texts, &[1], &bodies, &HashSet::new());
        let numbers: Vec<u32> = claims.iter().map(|c| c.number).collect();
        assert_eq!(numbers, [2, 3, 4, 5, 6]);
        assert_eq!(
            texts[0],
            "resolution GC(69)/RES/9 A.2 of 19 September 2025; and the annex. The (A/78/2). \
             by the OEWG. see un.org/bbnj."
        );
    }

    #[test]
    fn a_marker_is_never_taken_after_its_body() {
        let mut texts = vec!["no marker here.".to_string(), "late marker.5".to_string()];
        let claims = strip_plain_markers(&mut texts, &[1, 20], &[body(5, 10)], &HashSet::new());
        assert!(claims.is_empty());
    }
}
