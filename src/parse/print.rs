//! The printed page of a UN document as a PDF extractor gives it: what on
//! each line is text and what is page furniture.
//!
//! `pdftotext` (and PyMuPDF, and a copy-paste from a PDF viewer) keeps
//! everything the page prints: the masthead's job number (`23-15249 (E)`),
//! the date code (`110823`) and barcode (`*2315249*`) at the foot of page 1,
//! page numbers (`2/4`, `- 12 -`), the running head that repeats the symbol
//! and the short title at the top of every later page, and the footnote
//! block under its rule (`__________________`), whose numbers and bodies may
//! even come out of order. None of it belongs to a paragraph, and a
//! paragraph runs on across it. [`Print::read`] gives every line one
//! [`Role`], so that the grammars see only text and a test can check that
//! every source line ends up in exactly one place.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::block::{FootnoteBody, ends_sentence, markdown_footnote};
use super::regex;

/// What a line of furniture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// `2/80`, `- 12 -`.
    PageNumber,
    /// The symbol or short title repeated at the top or bottom of a page.
    RunningHead,
    /// `23-15249 (E)`, `24-13677* (E)    080824`.
    JobNumber,
    /// `110823`: the print date under the job number.
    DateCode,
    /// `*2315249*`.
    Barcode,
    /// The rule above a footnote block.
    FootnoteRule,
    /// A footnote number printed apart from its body.
    FootnoteNumber,
}

impl Furniture {
    pub fn name(self) -> &'static str {
        match self {
            Furniture::PageNumber => "page number",
            Furniture::RunningHead => "running head",
            Furniture::JobNumber => "job number",
            Furniture::DateCode => "date code",
            Furniture::Barcode => "barcode",
            Furniture::FootnoteRule => "footnote rule",
            Furniture::FootnoteNumber => "footnote number",
        }
    }
}

/// Where one source line ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running text (or a heading: the grammar decides).
    Text,
    /// An empty line, or one of spaces.
    Blank,
    Furniture(Furniture),
    /// A line of the footnote body at this index of [`Print::footnotes`].
    Footnote(usize),
}

/// The lines of a document with their roles, and the footnote bodies.
#[derive(Debug, Clone, Default)]
pub struct Print {
    /// One role per line of the document's range, in order.
    pub roles: Vec<Role>,
    /// Footnote bodies in page order; `number` 0 for an asterisk note.
    pub footnotes: Vec<FootnoteBody>,
}

/// A page number, alone or beside the job number as a footer prints them
/// on one line (`23-15249 2/2`, `2/4 24-07683`).
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:\d{2}-\d{5}\**\s+)?(?:\d{1,4}\s*/\s*\d{1,4}|-\s?\d{1,4}\s?-)(?:\s+\d{2}-\d{5}\**)?$",
    )
});
static JOB_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\d{2}-\d{5}\**(?:\s*\([A-Z]\))?(?:\s+\d{6})?$"));
static DATE_CODE: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{6}$"));
static BARCODE: LazyLock<Regex> = LazyLock::new(|| regex(r"^\*\d{5,}\*$"));
static RULE: LazyLock<Regex> = LazyLock::new(|| regex(r"^_{5,}$"));
static FOOTNOTE_NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{1,3}$"));
/// A footnote body that carries its number: `12 Report of …`, `* Reissued …`.
static NUMBERED_BODY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?P<num>\d{1,3}|\*{1,3})\s+(?P<body>\S.*)$"));

/// The furniture that a line is wherever it stands.
fn page_furniture(text: &str) -> Option<Furniture> {
    if PAGE_NUMBER.is_match(text) {
        Some(Furniture::PageNumber)
    } else if JOB_NUMBER.is_match(text) {
        Some(Furniture::JobNumber)
    } else if DATE_CODE.is_match(text) {
        Some(Furniture::DateCode)
    } else if BARCODE.is_match(text) {
        Some(Furniture::Barcode)
    } else {
        None
    }
}

/// How many lines a running head holds besides the symbol.
const RUNNING_HEAD_LINES: usize = 5;

impl Print {
    /// Reads the lines of one document (the whole document, form feeds
    /// included). `symbol` is the document's symbol, when it has one, and
    /// `front` the words of its front page (header and title), which a
    /// running head repeats.
    pub fn read(lines: &[&str], symbol: Option<&str>, front: &HashSet<&str>) -> Print {
        let mut print = Print {
            roles: lines
                .iter()
                .map(|l| {
                    if clean(l).is_empty() {
                        Role::Blank
                    } else {
                        Role::Text
                    }
                })
                .collect(),
            footnotes: Vec::new(),
        };
        let pages = pages(lines);
        for page in &pages {
            print.footnote_block(lines, page.clone());
        }
        print.exported_notes(lines);
        // The first line that prints the symbol is the masthead (alone, or
        // beside "United Nations" as a two-column masthead reads row by
        // row); later lines of the symbol alone are running heads.
        let masthead = symbol.and_then(|s| {
            lines
                .iter()
                .position(|l| clean(l).split_whitespace().any(|word| word == s))
        });
        for (i, line) in lines.iter().enumerate() {
            if print.roles.get(i) != Some(&Role::Text) {
                continue;
            }
            let text = clean(line);
            let repeated = masthead.is_some_and(|m| i > m) && symbol == Some(text);
            let furniture =
                page_furniture(text).or_else(|| repeated.then_some(Furniture::RunningHead));
            if let Some(furniture) = furniture {
                print.set(i, Role::Furniture(furniture));
            }
        }
        print.running_heads(lines, symbol, front);
        print
    }

    fn set(&mut self, i: usize, role: Role) {
        if let Some(slot) = self.roles.get_mut(i) {
            *slot = role;
        }
    }

    fn role(&self, i: usize) -> Option<Role> {
        self.roles.get(i).copied()
    }

    /// The footnote block of one page: from its rule to the page's end,
    /// numbers and bodies in whatever order the extractor gave them. The
    /// bodies take the numbers in ascending order; a body that carries its
    /// own number (`12 Report …`) or asterisks keeps them. Asterisk notes
    /// without a rule (`* Reissued for technical reasons …`) at the foot of
    /// the last page are read too.
    fn footnote_block(&mut self, lines: &[&str], page: std::ops::Range<usize>) {
        let rule = page
            .clone()
            .find(|&i| lines.get(i).is_some_and(|l| RULE.is_match(clean(l))));
        let start = match rule {
            Some(rule) => {
                self.set(rule, Role::Furniture(Furniture::FootnoteRule));
                rule + 1
            }
            None => match asterisk_notes(lines, page.clone()) {
                Some(start) => start,
                None => return,
            },
        };
        let mut numbers: Vec<u32> = Vec::new();
        let mut bodies: Vec<(Option<u32>, Vec<usize>)> = Vec::new();
        for i in start..page.end {
            let Some(line) = lines.get(i) else { break };
            let text = clean(line);
            if text.is_empty() {
                continue;
            }
            if let Some(furniture) = page_furniture(text) {
                self.set(i, Role::Furniture(furniture));
                continue;
            }
            if FOOTNOTE_NUMBER.is_match(text) {
                numbers.extend(text.parse::<u32>().ok());
                self.set(i, Role::Furniture(Furniture::FootnoteNumber));
                continue;
            }
            if let Some(caps) = NUMBERED_BODY.captures(text) {
                let num = caps.name("num").map_or("", |m| m.as_str());
                let number = num.parse::<u32>().ok().or(Some(0));
                bodies.push((number, vec![i]));
                continue;
            }
            let continues = bodies.last().is_some_and(|(_, body)| {
                body.last()
                    .and_then(|&l| lines.get(l))
                    .is_some_and(|l| !ends_sentence(clean(l)))
            });
            match bodies.last_mut() {
                Some((_, body)) if continues => body.push(i),
                _ => bodies.push((None, vec![i])),
            }
        }
        // Bodies split at sentence ends may be more than the numbers: the
        // extra ones continue the body before them.
        let unnumbered = bodies.iter().filter(|(n, _)| n.is_none()).count();
        let mut merged: Vec<(Option<u32>, Vec<usize>)> = Vec::new();
        let mut excess = unnumbered.saturating_sub(numbers.len());
        for (number, body) in bodies {
            match merged.last_mut() {
                Some((None, previous)) if number.is_none() && excess > 0 => {
                    previous.extend(body);
                    excess -= 1;
                }
                _ => merged.push((number, body)),
            }
        }
        numbers.sort_unstable();
        let mut numbers = numbers.into_iter();
        for (number, body) in merged {
            let number = number.or_else(|| numbers.next()).unwrap_or(0);
            let index = self.footnotes.len();
            let text = body
                .iter()
                .filter_map(|&l| lines.get(l).map(|t| clean(t)))
                .collect::<Vec<_>>()
                .join(" ");
            let text = match NUMBERED_BODY.captures(&text) {
                Some(caps) => caps.name("body").map_or("", |m| m.as_str()).to_string(),
                None => text,
            };
            for &l in &body {
                self.set(l, Role::Footnote(index));
            }
            self.footnotes.push(FootnoteBody {
                number,
                line: body.first().map_or(0, |l| l + 1),
                text,
            });
        }
    }

    /// The footnote bodies of a word processor's export: a line that opens
    /// with the superscript number (`¹ A/80/257, annex.`), wherever it
    /// stands (after the paragraph that calls it).
    fn exported_notes(&mut self, lines: &[&str]) {
        for (i, line) in lines.iter().enumerate() {
            if self.role(i) != Some(Role::Text) {
                continue;
            }
            if let Some((number, body)) = markdown_footnote(clean(line)) {
                self.set(i, Role::Footnote(self.footnotes.len()));
                self.footnotes.push(FootnoteBody {
                    number,
                    line: i + 1,
                    text: body.to_string(),
                });
            }
        }
    }

    /// The short title around a repeated symbol: the lines next to a
    /// running head whose words all come from the front page.
    fn running_heads(&mut self, lines: &[&str], symbol: Option<&str>, front: &HashSet<&str>) {
        if symbol.is_none() || front.is_empty() {
            return;
        }
        let heads: Vec<usize> = (0..lines.len())
            .filter(|&i| self.role(i) == Some(Role::Furniture(Furniture::RunningHead)))
            .collect();
        let of_front = |l: &str| {
            let words: Vec<&str> = l.split_whitespace().collect();
            !words.is_empty() && words.iter().all(|w| front.contains(w))
        };
        for head in heads {
            for direction in [-1isize, 1] {
                let mut i = head;
                let mut taken = 0;
                while let Some(next) = i.checked_add_signed(direction) {
                    i = next;
                    match self.role(i) {
                        Some(Role::Blank | Role::Furniture(_)) => continue,
                        Some(Role::Text)
                            if taken < RUNNING_HEAD_LINES
                                && lines.get(i).is_some_and(|l| of_front(clean(l))) =>
                        {
                            self.set(i, Role::Furniture(Furniture::RunningHead));
                            taken += 1;
                        }
                        _ => break,
                    }
                }
            }
        }
    }

    /// Makes the roles and footnote lines of a document that starts at line
    /// `offset` of its file count from the file's first line.
    pub fn shift(&mut self, offset: usize) {
        if offset == 0 {
            return;
        }
        self.roles
            .splice(0..0, std::iter::repeat_n(Role::Blank, offset));
        for body in &mut self.footnotes {
            body.line += offset;
        }
    }

    /// Whether line `i` is running text.
    pub fn is_text(&self, i: usize) -> bool {
        self.role(i) == Some(Role::Text)
    }
}

/// Where asterisk notes without a rule start: a run of `* …`/`** …` lines
/// after a blank line, followed by nothing but furniture to the page end.
fn asterisk_notes(lines: &[&str], page: std::ops::Range<usize>) -> Option<usize> {
    let starts_note = |i: usize| {
        lines
            .get(i)
            .is_some_and(|l| clean(l).starts_with("* ") || clean(l).starts_with("** "))
    };
    let start = page.clone().find(|&i| {
        starts_note(i)
            && i.checked_sub(1)
                .and_then(|p| lines.get(p))
                .is_some_and(|l| clean(l).is_empty())
    })?;
    let rest_is_notes = (start..page.end).all(|i| {
        let text = lines.get(i).map_or("", |l| clean(l));
        text.is_empty()
            || page_furniture(text).is_some()
            || !text.starts_with(char::is_uppercase)
            || starts_note(i)
    });
    rest_is_notes.then_some(start)
}

/// A line without form feeds and surrounding spaces.
pub fn clean(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}')
}

/// The pages of a document: ranges of line indices, a new page at every
/// line that starts with a form feed.
pub fn pages(lines: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if i > start && line.starts_with('\u{c}') {
            pages.push(start..i);
            start = i;
        }
    }
    pages.push(start..lines.len());
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str, symbol: Option<&str>, front: &str) -> (Vec<Role>, Print) {
        let lines: Vec<&str> = text.lines().collect();
        let front: HashSet<&str> = front.split_whitespace().collect();
        let print = Print::read(&lines, symbol, &front);
        (print.roles.clone(), print)
    }

    #[test]
    fn furniture_lines() {
        for line in ["2/80", "- 12 -", "-2-", "23-15249 2/2", "2/4 24-07683"] {
            assert_eq!(page_furniture(line), Some(Furniture::PageNumber), "{line}");
        }
        for line in [
            "23-15249 (E)",
            "24-13677* (E)",
            "25-16528 (E)    171025",
            "24-07683",
        ] {
            assert_eq!(page_furniture(line), Some(Furniture::JobNumber), "{line}");
        }
        assert_eq!(page_furniture("110823"), Some(Furniture::DateCode));
        assert_eq!(page_furniture("*2315249*"), Some(Furniture::Barcode));
        for line in [
            "1.",
            "2025",
            "A/78/272",
            "4/5 of the members",
            "(a)",
            "2/4 24-07683 x",
        ] {
            assert_eq!(page_furniture(line), None, "{line}");
        }
    }

    #[test]
    fn a_footnote_block_out_of_order_gets_its_numbers_in_order() {
        let text = "A/RES/1/2\nLaw of the Sea 1 on the text,\nsession, 2\n\n__________________\n1\n2\n\n\
                    23-15249 (E)\n\nUnited Nations, Treaty Series, vol. 1833, No. 31363.\n\
                    A/CONF.232/2023/5.\n\n110823\n\n*2315249*\n\n\u{c}Title words here\n\nA/RES/1/2\n\nTaking note";
        let (roles, print) = roles(text, Some("A/RES/1/2"), "Title words here");
        assert_eq!(roles[0], Role::Text, "the masthead's symbol is text");
        assert_eq!(roles[1], Role::Text);
        assert_eq!(roles[4], Role::Furniture(Furniture::FootnoteRule));
        assert_eq!(roles[8], Role::Furniture(Furniture::JobNumber));
        assert_eq!(print.footnotes.len(), 2);
        assert_eq!(print.footnotes[0].number, 1);
        assert!(
            print.footnotes[0]
                .text
                .starts_with("United Nations, Treaty")
        );
        assert_eq!(print.footnotes[1].number, 2);
        assert_eq!(print.footnotes[1].text, "A/CONF.232/2023/5.");
        assert_eq!(roles[17], Role::Furniture(Furniture::RunningHead));
        assert_eq!(roles[19], Role::Furniture(Furniture::RunningHead));
        assert_eq!(roles[21], Role::Text);
    }

    #[test]
    fn a_running_head_inside_a_paragraph_without_form_feeds() {
        let text = "United Nations\nA/RES/80/16\nOpen-ended working group\n\
                    by the Assembly in its\n\nA/RES/80/16\nOpen-ended working group\n \n25-19974\n2/2\n\n\
                    resolution 79/237, and";
        let (roles, _) = roles(text, Some("A/RES/80/16"), "Open-ended working group");
        assert_eq!(roles[1], Role::Text, "the masthead's symbol is text");
        assert_eq!(roles[3], Role::Text);
        assert_eq!(roles[5], Role::Furniture(Furniture::RunningHead));
        assert_eq!(roles[6], Role::Furniture(Furniture::RunningHead));
        assert_eq!(roles[8], Role::Furniture(Furniture::JobNumber));
        assert_eq!(roles[9], Role::Furniture(Furniture::PageNumber));
        assert_eq!(roles[11], Role::Text);
    }

    #[test]
    fn asterisk_notes_at_the_page_foot() {
        let text = "relevant documents.\n\n* Reissued for technical reasons on 7 August 2024.\n\
                    ** In order for the General Assembly to take action, it will be necessary to\n\
                    decide to reopen consideration of agenda item 75 (c).\n\n24-13677* (E)\n";
        let (roles, print) = roles(text, None, "");
        assert_eq!(roles[0], Role::Text);
        assert_eq!(print.footnotes.len(), 2);
        assert_eq!(roles[4], Role::Footnote(1));
        assert_eq!(
            print.footnotes[1].text.split_whitespace().last(),
            Some("(c).")
        );
    }
}
