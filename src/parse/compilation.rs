//! A compilation text in PDF extraction: the negotiating texts that gather
//! every Party's proposal under lettered sections ("A. [Preamble",
//! "C. [General / Objective"), with numbered paragraphs (`3`, `3.1`,
//! `16quinquies`), alternatives as options nested up to four levels
//! ("Option 1:", "Option (a):", "Option (i):"), lettered items (`a.`) and
//! section-level alternatives ("Option I: Finance").
//!
//! The lines carry no indentation, so the nesting is read from the kind of
//! each marker: an option or item closes back to the open one of its own
//! kind (number, letter, roman), and otherwise opens inside the current
//! unit. Paragraph numbers come first in a label, then the options and
//! items that hold it: `3.1.option-1.option-a` is paragraph 3.1, inside
//! option 1 of paragraph 3, its option (a); a section-level option is a
//! prefix (`E.option-1.32.option-1`).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::ChunkKind;

use super::block::{FootnoteBody, Piece};
use super::cut::Cut;
use super::negotiating_text::option_id;
use super::numbering::roman_value;
use super::places::{Place, SetApart};
use super::regex;

static SECTION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?P<letter>[A-Z])\.(?:\s+(?P<rest>\S.*))?$"));
static OPTION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?P<open>\[?)Option\s+(?P<id>\(?(?:\d{1,2}|[IVX]{1,4}|[ivx]{1,4}|[a-z])\)?(?:\s?(?:bis|ter|quater))?)\s*\.?\s*(?::\s*)?(?P<chapeau>\(chapeau\)\s*:?)?\s*",
    )
});
static PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?P<open>\[?)(?P<n>\d{1,3})(?:\.\s?(?P<m>\d{1,2}))?(?:\s*\.?\s*\[?(?P<suffix>bis|ter|quater|quarter|quart|quinquies|sexies|septies|octies|novies|decies|undecies|duodecies|terdecies|qauterdecies|quaterdecies)\b)?(?:\.(?P<m2>\d{1,2}))?(?P<dot>\.?)(?:\s+|$|(?P<glued>\[))",
    )
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?P<open>\[?)(?P<new>new\s+)?(?P<id>[a-z]|[ivx]{2,4})(?:\s(?P<bis1>bis))?\.(?:\s*(?P<bis>bis)\.?)?(?:\s+|$)",
    )
});
static LONE_NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{1,3}\.$"));
static DIGITS: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{1,3}$"));
static ANNEX: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\[Annex (?P<id>[A-Z])(?:\s*/\s*[IVX]+)?\]?$"));
static OPTION_LINE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\[?Option\s+\(?[0-9a-zA-Z]{1,4}\)?[^:]{0,12}:"));

/// The letter of a section heading whose title opens a bracket
/// (`C. [General / Objective`).
fn bracketed_section(line: &str) -> Option<char> {
    let caps = SECTION.captures(line)?;
    caps.name("rest")?.as_str().starts_with('[').then_some(())?;
    caps.name("letter")?.as_str().chars().next()
}

/// Whether the lines are a compilation text in PDF extraction: at least
/// three section headings "X. [Title" in alphabetical order, ten option
/// lines and numbered paragraphs.
pub fn recognise(lines: &[&str]) -> bool {
    let mut last = None;
    let mut sections = 0;
    for line in lines {
        if let Some(letter) = bracketed_section(line.trim())
            && last.is_none_or(|l| letter > l)
        {
            last = Some(letter);
            sections += 1;
        }
    }
    let options = lines
        .iter()
        .filter(|l| OPTION_LINE.is_match(l.trim()))
        .count();
    let paragraphs = lines
        .iter()
        .filter(|l| {
            PARAGRAPH
                .captures(l.trim())
                .is_some_and(|c| !c["dot"].is_empty())
        })
        .count();
    sections >= 3 && options >= 10 && paragraphs >= 10
}

/// The kind of an option's or item's id, which decides its nesting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    Number,
    Letter,
    Roman,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// A paragraph number as printed (`3`, `3.1`, `16quinquies`).
    Paragraph(String),
    Option(IdKind, String),
    Item(IdKind, String),
}

#[derive(Debug, Clone)]
struct Node {
    segment: Segment,
    cut: Option<usize>,
}

/// The lines of a page that are not text: running heads, page numbers,
/// footnote numbers and bodies (each set apart with its place).
fn furniture(lines: &[&str], range: Range<usize>) -> (HashSet<usize>, Vec<FootnoteBody>, SetApart) {
    let mut skip = HashSet::new();
    let mut footnotes = Vec::new();
    let mut set_apart = SetApart::default();
    let end = range.end.min(lines.len());
    let text = |i: usize| lines.get(i).map_or("", |l| l.trim());
    let next_text = |from: usize| (from..end).find(|&i| !text(i).is_empty());
    for i in range.clone() {
        let Some(raw) = lines.get(i) else { break };
        if raw.contains('\u{c}') {
            skip.insert(i);
            if !raw.trim().is_empty() {
                set_apart.line(i + 1, Place::Furniture("running head"));
            }
            continue;
        }
        // A page number: digits alone, before the next page's head or the end.
        if !DIGITS.is_match(text(i)) {
            continue;
        }
        let at_page_end = |from: usize| {
            next_text(from).is_none_or(|n| lines.get(n).is_some_and(|l| l.contains('\u{c}')))
        };
        // A footnote number, then the page number, then the body.
        if let Some(page) = next_text(i + 1)
            && DIGITS.is_match(text(page))
            && let Some(body_start) = next_text(page + 1)
        {
            // The body ends at a blank line or at the next page's head.
            let body_end = (body_start..end)
                .find(|&k| text(k).is_empty() || lines.get(k).is_some_and(|l| l.contains('\u{c}')))
                .unwrap_or(end);
            if at_page_end(body_end) {
                let body: Vec<&str> = (body_start..body_end).map(text).collect();
                let number = text(i).parse().unwrap_or(0);
                footnotes.push(FootnoteBody {
                    number,
                    line: body_start + 1,
                    text: body.join(" "),
                });
                skip.insert(i);
                skip.insert(page);
                skip.extend(body_start..body_end);
                set_apart.line(i + 1, Place::Furniture("footnote number"));
                set_apart.line(page + 1, Place::Furniture("page number"));
                for line in body_start..body_end {
                    set_apart.line(line + 1, Place::Footnote(number));
                }
                continue;
            }
        }
        if skip.contains(&i) || !at_page_end(i + 1) {
            continue;
        }
        skip.insert(i);
        set_apart.line(i + 1, Place::Furniture("page number"));
        // Footnotes above it: blank, body, blank, number.
        let mut j = i;
        loop {
            let mut k = j;
            while k > range.start && text(k - 1).is_empty() {
                k -= 1;
            }
            let body_end = k;
            while k > range.start && !text(k - 1).is_empty() {
                k -= 1;
            }
            let body_start = k;
            if body_start == body_end {
                break;
            }
            while k > range.start && text(k - 1).is_empty() {
                k -= 1;
            }
            if k == range.start || k == body_start {
                break;
            }
            let number_line = k - 1;
            if !DIGITS.is_match(text(number_line)) || skip.contains(&number_line) {
                break;
            }
            let number = text(number_line).parse().unwrap_or(0);
            let body: Vec<&str> = (body_start..body_end).map(text).collect();
            footnotes.push(FootnoteBody {
                number,
                line: body_start + 1,
                text: body.join(" "),
            });
            skip.insert(number_line);
            skip.extend(body_start..body_end);
            set_apart.line(number_line + 1, Place::Furniture("footnote number"));
            for line in body_start..body_end {
                set_apart.line(line + 1, Place::Footnote(number));
            }
            j = number_line;
        }
    }
    footnotes.sort_by_key(|f| f.line);
    (skip, footnotes, set_apart)
}

#[derive(Default)]
struct Cutter {
    cuts: Vec<Cut>,
    labels: HashSet<String>,
    stack: Vec<Node>,
    /// The section letter and its section-level option, if any.
    section: Option<char>,
    section_option: Option<String>,
    /// The current top-level paragraph number.
    paragraph: Option<u32>,
    /// Paragraph numbers printed in a column, waiting for their texts.
    pending: Vec<String>,
    preamble: u32,
    /// The open option is printed "(chapeau)": its own chunk says so.
    chapeau: bool,
    /// A section-level option that is one chunk ends at the next paragraph.
    section_option_ends: bool,
    /// The highest paragraph number so far.
    highest: Option<u32>,
    /// The paragraph number before the section's first section-level option.
    section_base: Option<u32>,
    /// Whether the section's options are numbered in figures (`Option 1:`
    /// before the first paragraph).
    section_numbered: bool,
    /// Whether the current paragraph has had a sub-paragraph.
    seen_sub: bool,
    /// The index of the current paragraph's first cut.
    paragraph_cuts: usize,
    /// Inside a note, a placeholder or section B: lines go to the last cut.
    sink: bool,
    previous: String,
    /// A bracket printed before a marker whose unit has no text yet.
    carry: String,
    /// A section letter alone: its title is on the next line.
    skip_title: bool,
    /// Inside an editorial note: every line is its text.
    in_note: bool,
    /// Headings and titles, in no cut.
    set_apart: SetApart,
}

impl Cutter {
    fn prefix(&self) -> String {
        let section = self.section.map(String::from).unwrap_or_default();
        match &self.section_option {
            Some(id) => format!("{section}.option-{id}."),
            None => String::new(),
        }
    }

    fn label(&self) -> String {
        let mut label = self.prefix();
        let number = self.stack.iter().rev().find_map(|n| match &n.segment {
            Segment::Paragraph(p) => Some(p.clone()),
            _ => None,
        });
        let mut rest = String::new();
        for node in &self.stack {
            match &node.segment {
                Segment::Paragraph(_) => {}
                Segment::Option(_, id) => {
                    rest.push_str(".option-");
                    rest.push_str(id);
                }
                Segment::Item(_, id) => {
                    rest.push('(');
                    rest.push_str(id);
                    rest.push(')');
                }
            }
        }
        match number {
            Some(n) => {
                label.push_str(&n);
                label.push_str(&rest);
            }
            None => label.push_str(rest.trim_start_matches('.')),
        }
        label
    }

    fn new_cut(&mut self, kind: ChunkKind, label: String, line: usize, text: &str) -> usize {
        let mut unique = label.clone();
        let mut n = 2;
        while self.labels.contains(&unique) {
            unique = format!("{label}-{n}");
            n += 1;
        }
        self.labels.insert(unique.clone());
        let mut cut = Cut::new(kind, unique, &[]);
        cut.pieces.push(piece(line, text));
        self.cuts.push(cut);
        self.cuts.len() - 1
    }

    fn push_text(&mut self, line: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        let carried;
        let text = if self.carry.is_empty() {
            text
        } else {
            carried = format!("{}{text}", std::mem::take(&mut self.carry));
            carried.as_str()
        };
        if !self.sink
            && let Some(top) = self.stack.last()
            && top.cut.is_none()
        {
            let mut label = self.label();
            if std::mem::take(&mut self.chapeau) {
                label.push_str("-chapeau");
            }
            let cut = self.new_cut(ChunkKind::Paragraph, label, line, text);
            if let Some(top) = self.stack.last_mut() {
                top.cut = Some(cut);
            }
            return;
        }
        if let Some(cut) = self.cuts.last_mut() {
            cut.pieces.push(piece(line, text));
        }
    }

    fn open(&mut self, segment: Segment, line: usize, rest: &str) {
        self.sink = false;
        // A bracket before a unit without text goes with that unit: a
        // sub-paragraph under it starts afresh.
        if matches!(segment, Segment::Paragraph(_)) {
            self.carry.clear();
        }
        self.stack.push(Node { segment, cut: None });
        self.body(line, rest);
    }

    /// The rest of a marker line: another marker, or the unit's text.
    fn body(&mut self, line: usize, rest: &str) {
        let rest = rest.trim();
        if rest.is_empty() {
            return;
        }
        if rest == "[" {
            self.carry = rest.to_string();
            return;
        }
        if let Some((kind, id, text)) = option(rest) {
            self.option(kind, id, line, &text);
            return;
        }
        self.push_text(line, rest);
    }

    fn option(&mut self, kind: Option<IdKind>, id: String, line: usize, rest: &str) {
        let found = kind.and_then(|kind| {
            let kind = self.letter_or_roman(kind, &id, true);
            self.stack
                .iter()
                .rposition(|n| matches!(&n.segment, Segment::Option(k, _) if *k == kind))
        });
        // A capital roman numeral, or an option of the kind that opened
        // the section's alternatives: a section-level option.
        let section_level = kind.is_none()
            || (found.is_none()
                && kind == Some(IdKind::Number)
                && !is_first(&id)
                && self.section_numbered
                && self.section_option.is_some());
        if section_level {
            self.stack.clear();
            self.paragraph_reset();
            if self.section_option.is_none() {
                self.section_base = self.paragraph;
            }
            self.section_option = Some(id);
            self.sink = false;
            self.in_note = false;
            self.paragraph = self.section_base;
            let rest = rest.trim();
            if kind.is_some() && !rest.is_empty() && rest != "[" {
                let label = self.prefix().trim_end_matches('.').to_string();
                self.new_cut(ChunkKind::Paragraph, label, line, rest);
                self.sink = true;
                self.section_option_ends = true;
            } else if kind.is_none() && rest.chars().any(char::is_alphanumeric) {
                // "Option I: Finance": the title of a section's alternative.
                self.set_apart.line(line, Place::Heading);
            }
            return;
        }
        let Some(kind) = kind else { return };
        let id = match id.strip_suffix("-chapeau") {
            Some(plain) => {
                self.chapeau = true;
                plain.to_string()
            }
            None => id,
        };
        let kind = self.letter_or_roman(kind, &id, true);
        // A first option opens inside the current unit.
        // … unless the open option is a chapeau: the options after the
        // chapeaus are their siblings.
        let after_chapeau = found
            .and_then(|at| self.stack.get(at))
            .and_then(|n| n.cut)
            .and_then(|c| self.cuts.get(c))
            .is_some_and(|c| c.label.ends_with("-chapeau"));
        let first = is_first(&id) && !(kind == IdKind::Letter && id == "i") && !after_chapeau;
        if let Some(at) = found.filter(|_| !first) {
            self.stack.truncate(at);
        }
        self.open(Segment::Option(kind, id), line, rest);
    }

    fn paragraph_reset(&mut self) {
        self.pending.clear();
    }

    /// `i`, `v` and `x` are letters after `h`, `u` and `w`.
    fn letter_or_roman(&self, kind: IdKind, id: &str, option: bool) -> IdKind {
        if kind != IdKind::Roman || !matches!(id, "i" | "v" | "x") {
            return kind;
        }
        let before = match id {
            "i" => "h",
            "v" => "u",
            _ => "w",
        };
        let follows = self.stack.iter().any(|n| match &n.segment {
            Segment::Option(IdKind::Letter, p) if option => p.trim_end_matches("bis") == before,
            Segment::Item(IdKind::Letter, p) if !option => {
                p.trim_end_matches("bis") == before || p == id
            }
            _ => false,
        });
        if follows {
            IdKind::Letter
        } else {
            IdKind::Roman
        }
    }

    fn item(&mut self, kind: IdKind, id: String, line: usize, rest: &str) {
        // A first item after a line that opens a list starts a list inside
        // the current item (`e bis.` … `:` then `a.`).
        let opens = is_first(&id) && self.cuts.last().is_some_and(Cut::opens_list);
        if !opens
            && let Some(at) = self
                .stack
                .iter()
                .rposition(|n| matches!(&n.segment, Segment::Item(k, _) if *k == kind))
        {
            self.stack.truncate(at);
        }
        self.open(Segment::Item(kind, id), line, rest);
    }

    fn paragraph(&mut self, number: String, top: u32, sub: bool, line: usize, rest: &str) {
        self.in_note = false;
        if number.is_empty() {
            self.body(line, rest);
            return;
        }
        if sub {
            self.share_list();
            if let Some(at) = self
                .stack
                .iter()
                .rposition(|n| matches!(&n.segment, Segment::Paragraph(p) if p.contains('.')))
            {
                self.stack.truncate(at);
            } else {
                // The first sub-paragraph: back to the paragraph's option.
                let keep = match self.stack.get(1) {
                    Some(Node {
                        segment: Segment::Option(IdKind::Number, _),
                        ..
                    }) => 2,
                    _ => 1,
                };
                self.stack.truncate(keep);
            }
        } else {
            self.stack.clear();
            if std::mem::take(&mut self.section_option_ends) {
                self.section_option = None;
            }
            self.paragraph = Some(top);
            self.highest = self.highest.max(Some(top));
            self.seen_sub = false;
            self.paragraph_cuts = self.cuts.len();
        }
        if sub {
            self.seen_sub = true;
        }
        self.open(Segment::Paragraph(number), line, rest);
    }

    /// Before a paragraph's first sub-paragraph: alternative chapeaus
    /// (options 1 to 7 without sub-paragraphs) share one list, whose
    /// sub-paragraphs carry no option; variants of option 1 (`1 bis`) lead
    /// into option 1's.
    fn share_list(&mut self) {
        let has_sub = self
            .stack
            .iter()
            .any(|n| matches!(&n.segment, Segment::Paragraph(p) if p.contains('.')));
        if has_sub || self.seen_sub {
            return;
        }
        let Some(Node {
            segment: Segment::Option(IdKind::Number, id),
            ..
        }) = self.stack.get(1)
        else {
            return;
        };
        let base = id
            .trim_end_matches("bis")
            .trim_end_matches("ter")
            .trim_end_matches("quater")
            .to_string();
        if base == "1" {
            if let Some(node) = self.stack.get_mut(1) {
                node.segment = Segment::Option(IdKind::Number, base);
            }
            return;
        }
        let prefix = self.prefix();
        let chapeaus: Vec<&Cut> = self
            .cuts
            .get(self.paragraph_cuts..)
            .unwrap_or_default()
            .iter()
            .filter(|c| {
                let own = c.label.strip_prefix(&prefix).unwrap_or(&c.label);
                own.matches(".option-").count() == 1 && !own.contains('(')
            })
            .collect();
        if chapeaus.len() > 3 {
            self.stack.truncate(1);
        }
    }

    fn note(&mut self, name: &str, line: usize, text: &str) {
        self.stack.clear();
        self.in_note = true;
        let section = self.section.map(String::from).unwrap_or_default();
        let label = format!("{section}.{name}");
        self.new_cut(ChunkKind::Paragraph, label, line, text);
        self.sink = true;
    }

    fn line(&mut self, line: usize, text: &str, next: Option<&str>) {
        // A section heading.
        if let Some(caps) = SECTION.captures(text)
            && let Some(letter) = caps.name("letter").and_then(|l| l.as_str().chars().next())
            && self.section.is_none_or(|s| letter > s)
        {
            self.section = Some(letter);
            self.section_option = None;
            self.paragraph = self.paragraph.max(self.highest);
            self.section_base = self.paragraph;
            self.section_numbered = false;
            self.skip_title = caps.name("rest").is_none();
            self.in_note = false;
            self.stack.clear();
            self.sink = letter == 'B';
            if letter == 'B' {
                self.new_cut(ChunkKind::Paragraph, "B".into(), line, "");
                if let Some(cut) = self.cuts.last_mut() {
                    cut.pieces.clear();
                }
            }
            let rest = caps.name("rest").map_or("", |r| r.as_str());
            if let Some(at) = rest.find("Option ")
                && let Some((None, id, _)) = rest.get(at..).and_then(option)
            {
                self.section_option = Some(id);
            }
            self.previous = String::from("]");
            self.set_apart.line(line, Place::Heading);
            return;
        }
        if self.section.is_none() {
            return;
        }
        if std::mem::take(&mut self.skip_title) {
            self.set_apart.line(line, Place::Heading);
            return;
        }
        // A sub-heading: a short bracketed line before a paragraph.
        if self.section == Some('B') && !self.in_note {
            self.push_text(line, text);
            return;
        }
        if is_subheading(text, &self.previous)
            && next.is_some_and(|n| starts_unit(n) || SECTION.is_match(n) || n.starts_with('['))
            && self.section != Some('A')
        {
            self.set_apart.line(line, Place::Heading);
            return;
        }
        // Alternatives of a whole section, before its first paragraph.
        if self.stack.is_empty()
            && !self.in_note
            && let Some((Some(IdKind::Number), id, rest)) = option(text)
            && rest.trim().trim_matches('[').is_empty()
            && next.is_some_and(|n| self.paragraph_marker(n).is_some())
        {
            self.section_numbered = true;
            self.option(None, id, line, "");
            return;
        }
        if text.starts_with("Structural suggestions") || text.starts_with("Structural proposal") {
            self.note("note", line, text);
            return;
        }
        if let Some(caps) = ANNEX.captures(text) {
            self.in_note = false;
            let id = caps.name("id").map_or("", |m| m.as_str());
            self.stack.clear();
            self.section_option = None;
            self.new_cut(ChunkKind::Annex, format!("annex-{id}"), line, text);
            self.sink = true;
            return;
        }
        if text.starts_with("[Placeholder for") && self.section != Some('A') {
            self.stack.clear();
            let label = format!("{}placeholder", self.prefix_or_section());
            self.new_cut(ChunkKind::Paragraph, label, line, text);
            self.sink = true;
            return;
        }
        if self.in_note {
            self.push_text(line, text);
            return;
        }
        if self.section == Some('B') {
            self.push_text(line, text);
            return;
        }
        if self.section == Some('A') {
            self.preamble(line, text);
            return;
        }
        if LONE_NUMBER.is_match(text) && next.is_some_and(|n| LONE_NUMBER.is_match(n)) {
            self.pending.push(text.trim_end_matches('.').to_string());
            return;
        }
        if !self.pending.is_empty() && LONE_NUMBER.is_match(text) {
            self.pending.push(text.trim_end_matches('.').to_string());
            return;
        }
        if let Some((kind, id, rest)) = option(text) {
            if kind.is_some() && is_first(&id) && !self.pending.is_empty() {
                let number = self.pending.remove(0);
                let top = number.parse().unwrap_or(0);
                self.paragraph(number, top, false, line, "");
            }
            self.option(kind, id, line, &rest);
            return;
        }
        if let Some((number, top, sub, rest)) = self.paragraph_marker(text) {
            self.paragraph(number, top, sub, line, &rest);
            return;
        }
        if let Some((kind, id, rest)) = self.item_marker(text) {
            self.item(kind, id, line, &rest);
            return;
        }
        self.push_text(line, text);
    }

    fn prefix_or_section(&self) -> String {
        match &self.section_option {
            Some(_) => self.prefix(),
            None => format!("{}.", self.section.map(String::from).unwrap_or_default()),
        }
    }

    fn preamble(&mut self, line: usize, text: &str) {
        if let Some((_, id, rest)) = option(text) {
            let opens = text.starts_with('[') || ends_clause(&self.previous);
            if self.preamble == 0
                && self.stack.is_empty()
                && self.cuts.iter().all(|c| !c.label.starts_with("preamble"))
            {
                // The preamble's own alternatives.
                if rest.trim().is_empty() || rest.trim() == "[" {
                    self.preamble = 1;
                    self.stack.clear();
                    return;
                }
                self.new_cut(
                    ChunkKind::Paragraph,
                    format!("preamble.option-{id}"),
                    line,
                    &rest,
                );
                return;
            }
            if self.preamble == 0 && rest.trim().is_empty() {
                self.preamble = 1;
                return;
            }
            if is_first(&id) && opens || self.stack.is_empty() {
                self.preamble += 1;
            }
            let n = self.preamble.saturating_sub(1);
            self.stack.clear();
            self.stack.push(Node {
                segment: Segment::Paragraph(format!("PP{n}")),
                cut: None,
            });
            self.stack.push(Node {
                segment: Segment::Option(IdKind::Letter, id),
                cut: None,
            });
            self.push_text(line, &rest);
            return;
        }
        // The formula "[The Parties to this agreement,]" opens PP1.
        let after_formula = self.cuts.last().is_some_and(|c| {
            c.label == "PP1"
                && c.pieces.len() == 1
                && c.pieces
                    .iter()
                    .all(|p| p.text.starts_with("[The ") && p.text.ends_with(",]"))
        });
        if self.preamble > 0
            && text.starts_with('[')
            && ends_clause(&self.previous)
            && !after_formula
        {
            self.preamble += 1;
            let n = self.preamble.saturating_sub(1);
            self.stack.clear();
            if n > 0 {
                self.stack.push(Node {
                    segment: Segment::Paragraph(format!("PP{n}")),
                    cut: None,
                });
            }
        }
        self.push_text(line, text);
    }

    fn paragraph_marker(&self, text: &str) -> Option<(String, u32, bool, String)> {
        let caps = PARAGRAPH.captures(text)?;
        let top: u32 = caps.name("n")?.as_str().parse().ok()?;
        let sub = caps.name("m").or_else(|| caps.name("m2"));
        let suffix = caps.name("suffix").map_or("", |m| m.as_str());
        let dotted = !caps["dot"].is_empty() || caps.name("glued").is_some();
        if sub.is_none() && suffix.is_empty() && !dotted {
            return None;
        }
        let current = self.paragraph;
        let mut number = caps.name("n")?.as_str().to_string();
        let mut is_sub = false;
        if let Some(m) = caps.name("m") {
            number = format!("{number}.{}", m.as_str());
            is_sub = true;
        }
        number.push_str(suffix);
        if let Some(m) = caps.name("m2") {
            number = format!("{number}.{}", m.as_str());
            is_sub = true;
        }
        if is_sub {
            // A sub-paragraph continues its paragraph (`18ter.1` under 18ter).
            let base = number.rsplit_once('.').map_or("", |(b, _)| b);
            let open = self.stack.iter().any(|n| matches!(&n.segment, Segment::Paragraph(p) if p == base || p.starts_with(&format!("{base}."))));
            if !open || current != Some(top) {
                return None;
            }
        } else {
            let plausible = match current {
                None => top <= 1,
                Some(c) => top >= c && top <= c + 4,
            };
            if !plausible {
                return None;
            }
            if top == current.unwrap_or(u32::MAX) && suffix.is_empty() {
                // The paragraph's number repeated in an alternative.
                let end = caps.get(0)?.end();
                let mut rest = caps.name("open").map_or("", |m| m.as_str()).to_string();
                if caps.name("glued").is_some() {
                    rest.push('[');
                }
                rest.push_str(text.get(end..).unwrap_or(""));
                return Some((String::new(), top, false, rest));
            }
        }
        let end = caps.get(0)?.end();
        let mut rest = caps.name("open").map_or("", |m| m.as_str()).to_string();
        if caps.name("glued").is_some() {
            rest.push('[');
        }
        rest.push_str(text.get(end..).unwrap_or(""));
        Some((number, top, is_sub, rest))
    }

    fn item_marker(&self, text: &str) -> Option<(IdKind, String, String)> {
        let caps = ITEM.captures(text)?;
        let raw = caps.name("id")?.as_str();
        let roman = raw.len() > 1 || matches!(raw, "i" | "v" | "x");
        let kind = if roman {
            roman_value(raw)?;
            self.letter_or_roman(IdKind::Roman, raw, false)
        } else {
            IdKind::Letter
        };
        // A letter other than `a` continues a list.
        if kind == IdKind::Letter
            && raw != "a"
            && !self
                .stack
                .iter()
                .any(|n| matches!(n.segment, Segment::Item(IdKind::Letter, _)))
        {
            return None;
        }
        let mut id = raw.to_string();
        if caps.name("new").is_some() {
            id = format!("new-{id}");
        }
        if caps.name("bis").or_else(|| caps.name("bis1")).is_some() {
            id.push_str("bis");
        }
        let end = caps.get(0)?.end();
        let mut rest = caps.name("open").map_or("", |m| m.as_str()).to_string();
        rest.push_str(text.get(end..).unwrap_or(""));
        Some((kind, id, rest))
    }
}

/// An option marker: its kind (`None` for a capital roman numeral, a
/// section-level option), id and the text after it.
fn option(text: &str) -> Option<(Option<IdKind>, String, String)> {
    let caps = OPTION.captures(text)?;
    let raw = caps.name("id")?.as_str();
    let bare: String = raw.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let base = bare
        .trim_end_matches("bis")
        .trim_end_matches("ter")
        .trim_end_matches("quater");
    let kind = if base.chars().all(|c| c.is_ascii_digit()) {
        Some(IdKind::Number)
    } else if base.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        None
    } else if base.len() > 1 || matches!(base, "i" | "v" | "x") {
        Some(IdKind::Roman)
    } else {
        Some(IdKind::Letter)
    };
    let mut id = option_id(raw);
    if caps.name("chapeau").is_some() {
        id.push_str("-chapeau");
    }
    let end = caps.get(0)?.end();
    let mut rest = caps.name("open").map_or("", |m| m.as_str()).to_string();
    let after = text.get(end..).unwrap_or("");
    // A footnote marker glued to the option (`Option (b):3`).
    let after = after
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    rest.push_str(after);
    Some((kind, id, rest))
}

fn is_first(id: &str) -> bool {
    matches!(id, "1" | "a" | "i")
}

fn ends_clause(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    t.ends_with([',', ']', ';', '.', ':', '}'])
}

/// A sub-heading: a short bracketed title (`[Addressing the scale of
/// resources]`) after a clause's end. A line that closes brackets it did
/// not open, or ends a sentence inside its brackets, is the tail of the
/// text above (`[Parties not included in annex X]. ]`,
/// `[Parties not included in annex X]]`).
fn is_subheading(text: &str, previous: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_ascii_digit());
    let closes_more = t.matches(']').count() > t.matches('[').count();
    t.starts_with('[')
        && t.ends_with(']')
        && t.len() < 100
        && !t.contains(':')
        && !closes_more
        && !t
            .trim_end_matches(|c: char| c == ']' || c.is_whitespace())
            .ends_with([',', '.', ';'])
        && (ends_clause(previous) || SECTION.is_match(previous))
}

fn starts_unit(next: &str) -> bool {
    PARAGRAPH
        .captures(next)
        .is_some_and(|c| !c["dot"].is_empty() || c.name("suffix").is_some())
        || OPTION.is_match(next)
}

/// A line's text as a piece: bullets go.
fn piece(line: usize, text: &str) -> Piece {
    let text = text.trim();
    let text = text.strip_prefix('\u{f0b7}').unwrap_or(text).trim_start();
    let text = text.strip_prefix("o ").unwrap_or(text);
    Piece {
        line,
        text: text.replace('\u{f0b7}', "").trim().to_string(),
    }
}

/// The place of a line that holds no words: [`Place::Marker`] when it
/// holds units' markers (options, paragraph numbers, item letters: `3.
/// [Option 1:`) and brackets, whose text follows; brackets alone are
/// markup.
fn wordless(text: &str) -> Option<Place> {
    let mut rest = text.to_string();
    let mut markers = 0;
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c == '[' || c.is_whitespace());
        let stripped = option(trimmed).map(|(_, _, rest)| rest).or_else(|| {
            [&*PARAGRAPH, &*ITEM]
                .iter()
                .find_map(|marker| marker.find(trimmed))
                .map(|m| trimmed.get(m.end()..).unwrap_or("").to_string())
        });
        match stripped {
            Some(next) if next.len() < rest.len() => {
                rest = next;
                markers += 1;
            }
            _ => break,
        }
    }
    match (rest.chars().any(char::is_alphanumeric), markers) {
        (true, _) => None,
        (false, 0) => Some(Place::Markup("brackets")),
        (false, _) => Some(Place::Marker),
    }
}

/// The cuts and footnote bodies of a compilation text, and the lines set
/// apart: furniture, headings, bullets and markers alone on their line.
pub fn cut(lines: &[&str], range: Range<usize>) -> (Vec<Cut>, Vec<FootnoteBody>, SetApart) {
    let (skip, footnotes, furniture) = furniture(lines, range.clone());
    let mut bullets = SetApart::default();
    let texts: Vec<(usize, &str)> = range
        .clone()
        .filter(|i| !skip.contains(i))
        .filter_map(|i| lines.get(i).map(|l| (i, l.trim())))
        .filter(|&(i, l)| {
            let bullet = l == "\u{f0b7}" || l == "o";
            if bullet {
                bullets.line(i + 1, Place::Markup("bullet"));
            }
            !l.is_empty() && !bullet
        })
        .collect();
    let mut cutter = Cutter::default();
    cutter.set_apart.extend(furniture);
    cutter.set_apart.extend(bullets);
    // The front: header blocks, then the title block, before section A
    // (or, in an extract that starts further on, the first section).
    let first_section = texts
        .iter()
        .position(|(_, t)| {
            SECTION
                .captures(t)
                .is_some_and(|c| c.name("letter").is_some_and(|l| l.as_str() == "A"))
        })
        .or_else(|| {
            texts
                .iter()
                .position(|(_, t)| bracketed_section(t).is_some())
        })
        .unwrap_or(0);
    let front: Vec<usize> = texts.iter().take(first_section).map(|(i, _)| *i).collect();
    let title_start = front
        .iter()
        .rposition(|&i| i > 0 && lines.get(i - 1).is_some_and(|l| l.trim().is_empty()))
        .unwrap_or(0);
    for (n, &i) in front.iter().enumerate() {
        let text = lines.get(i).map_or("", |l| l.trim());
        let (kind, label) = if n < title_start {
            (ChunkKind::Header, "header")
        } else {
            (ChunkKind::Title, "title")
        };
        match cutter.cuts.last_mut() {
            Some(cut) if cut.label == label => cut.pieces.push(piece(i + 1, text)),
            _ => {
                cutter.new_cut(kind, label.to_string(), i + 1, text);
            }
        }
    }
    let body = texts.get(first_section..).unwrap_or_default();
    for (k, (i, text)) in body.iter().enumerate() {
        let next = body.get(k + 1).map(|(_, t)| *t);
        cutter.line(i + 1, text, next);
        cutter.previous = text.to_string();
    }
    cutter.cuts.retain(|c| !c.pieces.is_empty());
    // A line that went into no cut and was not set apart held markers
    // only, if it has no words; else it stays without a place.
    let placed: HashSet<usize> = cutter
        .cuts
        .iter()
        .flat_map(|c| c.pieces.iter().map(|p| p.line))
        .chain(cutter.set_apart.lines())
        .collect();
    for (i, text) in body {
        if !placed.contains(&(i + 1))
            && let Some(place) = wordless(text)
        {
            cutter.set_apart.line(i + 1, place);
        }
    }
    (cutter.cuts, footnotes, cutter.set_apart)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracketed_tail_of_the_text_above_is_no_sub_heading() {
        let previous = "in line with the needs of [developing countries]";
        assert!(is_subheading("[Addressing the scale of resources]", "]"));
        assert!(is_subheading("[Accounting rules ]", "of this Agreement.]"));
        assert!(!is_subheading(
            "[Parties not included in annex X]. ]",
            previous
        ));
        assert!(!is_subheading(
            "[Parties not included in annex X]]",
            "[Parties]."
        ));
    }

    #[test]
    fn an_extract_that_starts_after_section_a_keeps_its_text() {
        let text =
            "Negotiating text\n\nC. [General\n1. [States act.]\nD. [Mitigation\n2. [States cut.]\n";
        let lines: Vec<&str> = text.lines().collect();
        let (cuts, _, set_apart) = cut(&lines, 0..lines.len());
        let labels: Vec<&str> = cuts.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["title", "1", "2"]);
        assert_eq!(set_apart.lines().collect::<Vec<_>>(), [3, 5]);
    }

    #[test]
    fn a_footnote_body_ends_at_the_next_page_head() {
        let lines = [
            "C. [General",
            "1. [States act.]",
            "1",
            "2",
            "A footnote body.",
            "\u{c}Running head",
            "2. [States cut.]",
        ];
        let (cuts, footnotes, set_apart) = cut(&lines, 0..lines.len());
        assert_eq!(footnotes.len(), 1);
        assert_eq!(footnotes[0].text, "A footnote body.");
        assert_eq!(set_apart.lines().filter(|&l| l == 6).count(), 1);
        let labels: Vec<&str> = cuts.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["1", "2"]);
    }

    #[test]
    fn a_tail_in_brackets_stays_with_its_paragraph() {
        let text = "A. [Preamble\nOption 1: [The Parties,]\nC. [General\n\
                    1. [Climate finance to be scaled up in line with [developing countries]\n\
                    [Parties not included in annex X]. ]\n[Addressing the scale of resources]\n\
                    2. [More.]\n";
        let lines: Vec<&str> = text.lines().collect();
        let (cuts, _, set_apart) = cut(&lines, 0..lines.len());
        let tail = cuts.iter().find(|c| c.pieces.iter().any(|p| p.line == 5));
        assert_eq!(tail.map(|c| c.label.as_str()), Some("1"), "{cuts:?}");
        assert!(set_apart.lines().any(|l| l == 6));
    }
}
