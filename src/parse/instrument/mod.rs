//! Cutting a formal instrument: a resolution, a decision, their drafts, a
//! treaty. One grammar serves them all, because they are built alike:
//!
//! - a front: the masthead (`header`), the sponsors of a draft, the `title`;
//! - a preamble of unnumbered paragraphs (`PP1`, `PP2`…) between an opening
//!   formula ("The General Assembly,", "The Parties to this Agreement,") and
//!   the first operative paragraph or the closing formula ("Have agreed as
//!   follows:");
//! - operative text: numbered paragraphs (`1`, `2(a)`, `2(a)(i)`) or
//!   articles (`art.7(a)`, `art.45(3)`) under parts (the chunk's section);
//! - annexes (`annex-I.` before the same grammar inside).
//!
//! The text comes as a PDF extractor gives it, with furniture already set
//! apart ([`Print`]): no blank lines between paragraphs, markers alone on
//! their lines (`1.` then `Welcomes …`), paragraphs running across pages.
//! A paragraph starts at a marker that continues the numbering after a line
//! that ends a clause, at a preambular opener after a comma, or at a
//! heading; every other line continues the paragraph before it.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{ChunkKind, DocumentKind, Pillar, PillarTable, Section};

use super::block::{Piece, ends_sentence};
use super::cut::Cut;
use super::metadata::symbol;
use super::numbering::{Joint, Labeler, Marked, Marker, Scope, roman_value, split_marker};
use super::preamble::{is_closing_formula, opening_formula, opens_paragraph};
use super::print::{Print, clean};
use super::regex;

mod damage;
mod front;
mod report;

use damage::{heads_in_place, masthead_in_reading_order, tails_in_place};
use report::{bulleted_annexes, lead_ins, rule_headings, sub_headings, symbol_lines};

static PART: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:PART|Part|PARTIE|Partie|PARTE|Parte)\s+(?P<n>[IVXLC]+|\d{1,3})$"));
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:Article|ARTICLE|Artículo)\s+(?P<n>\d{1,3}|premier|PREMIER)(?:\s*(?P<suffix>bis|ter|quater))?$",
    )
});
static ANNEX: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?:ANNEX|Annex|ANNEXE|Annexe|ANEXO|Anexo)(?:\s+(?P<n>[IVXLC]+|\d{1,2}|[A-Z]))?$")
});
static RULE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:Rule|RULE|Règle|Artículo)\s+(?P<n>\d{1,3})$"));
static REPORT_TITLE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:Draft )?[Rr]eport of the\s+\S"));
/// A chapter heading of a report: `II. Organizational matters`.
static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?P<n>[IVXL]{1,6})\.\s+(?P<t>\p{Lu}[^.]{0,150})$"));
/// A section heading of a report: `A. Sessions of …`, or the letter alone
/// with the heading on the next line.
static SECTION_LETTER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?P<n>[A-Z])\.(?:\s+(?P<t>\p{Lu}[^.]{0,150}))?$"));
/// A paragraph number with a tag naming the body it concerns:
/// `(ALL)1.`, `(ABS)9.1.`, `(ALL)24.The Chair …`.
static TAGGED: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?P<open>\[?)\((?P<tag>[A-Z]{2,8})\)(?P<num>\d{1,3}(?:\.\d{1,2})?)\.\s*(?P<rest>.*)$")
});
/// Alternative numbers in brackets: `[4][2]. Also recognizes …`.
static DOUBLE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?P<numbers>(?:\[\d{1,3}\]){2,})\.\s*(?P<rest>.*)$"));
/// A decimal rule number: `1.1 The present rules …`, `4.4`.
static DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?P<number>\d{1,2}\.\d{1,2})\.?(?:\s+(?P<rest>.*))?$"));
/// An option heading: `Option I`, `Option II for rules 6.1 to 6.6 (…)`.
static OPTION_HEADING: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^Option\s+(?P<id>[IVX]{1,4}|\d{1,2})(?:\s+(?:for|to)\b[^.;:]*)?$"));
static LIST_OF_DOCUMENTS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^list of documents$|^liste des documents$"));
static PREAMBLE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:PREAMBLE|Preamble|PR[ÉE]AM.ULE|Préambule|PREÁMBULO)$"));
static PLENARY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\d{1,3}(?:st|nd|rd|th) plenary meeting$|^\d{1,3}e séance plénière$"));
static RESOLUTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{1,3}/\d{1,4}\.(?:\s|$)"));
static SPONSORS_END: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i):\s*(?:revised\s+)?draft\s+(?:resolution|decision)\s*\**$|:\s*projet\s+de\s+(?:résolution|décision)\s*\**$",
    )
});
static DRAFT_TITLE_WORDS: &[&str] = &["and", "or", "of", "the", "to", "for", "in", "on", "with"];

/// The kind of instrument a text is, read from its content: articles under
/// a preamble make a treaty; an opening formula under a masthead makes a
/// resolution or decision, a draft when a sponsors line or an `L.` symbol
/// says so.
pub fn recognise(lines: &[&str]) -> Option<DocumentKind> {
    let texts: Vec<&str> = lines.iter().map(|l| clean(l)).collect();
    let articles = texts.iter().filter(|t| ARTICLE.is_match(t)).count();
    let preamble = texts
        .iter()
        .any(|t| PREAMBLE.is_match(t) || is_closing_formula(t));
    if articles >= 2 && preamble {
        return Some(DocumentKind::Treaty);
    }
    let report_title = texts
        .iter()
        .take(FRONT_LINES)
        .any(|t| REPORT_TITLE.is_match(t));
    if report_title && texts.iter().any(|t| CHAPTER.is_match(t)) {
        return Some(DocumentKind::Report);
    }
    let formula = texts
        .iter()
        .take(FRONT_LINES)
        .position(|t| opening_formula(t).is_some())?;
    let front = texts.get(..formula).unwrap_or_default();
    let draft =
        front.iter().any(|t| SPONSORS_END.is_match(t)) || front.iter().any(|t| is_draft_symbol(t));
    let decision = front
        .iter()
        .any(|t| t.to_lowercase().contains("draft decision"))
        || texts
            .get(formula)
            .and_then(|t| opening_formula(t))
            .is_some_and(|rest| !rest.is_empty());
    let kind = match (draft, decision) {
        (true, true) => DocumentKind::DraftDecision,
        (true, false) => DocumentKind::DraftResolution,
        (false, true) => DocumentKind::Decision,
        (false, false) => DocumentKind::Resolution,
    };
    Some(kind)
}

/// How far into a file the opening formula of a resolution may be.
const FRONT_LINES: usize = 120;

/// A symbol line of a limited-distribution draft: `A/78/L.102*`.
fn is_draft_symbol(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && !text.contains(' ')
        && text.trim_end_matches('*').contains("/L.")
}

/// The furniture of an instrument's lines `range`: its symbol (the first
/// line that is nothing but a symbol) and the words of its front page
/// (before the opening formula or the preamble) are what running heads
/// repeat.
pub fn print(lines: &[&str], range: std::ops::Range<usize>) -> Print {
    let Some(own) = lines.get(range.clone()) else {
        return Print::default();
    };
    let symbol = own.iter().take(FRONT_LINES).find_map(|l| {
        let text = clean(l).trim_end_matches('*');
        symbol(text).filter(|s| s == text)
    });
    let front_end = own
        .iter()
        .take(FRONT_LINES)
        .position(|l| opening_formula(clean(l)).is_some() || PREAMBLE.is_match(clean(l)))
        .unwrap_or(0);
    let front: HashSet<&str> = own
        .get(..front_end)
        .unwrap_or_default()
        .iter()
        .flat_map(|l| l.split_whitespace())
        .collect();
    let symbol_line = symbol.as_deref().and_then(|s| {
        own.iter()
            .map(|l| clean(l))
            .find(|l| l.trim_end_matches('*') == s)
    });
    let mut print = Print::read(own, symbol_line, &front);
    print.shift(range.start);
    print
}

/// The pieces of an instrument's lines `range` in the order they are read:
/// `(line index in the file, text)`, each line whole and once, in order,
/// except where the extractor's order is mended ([`reading`]): a line
/// printed out of place is read in its place, and a line the extractor
/// glued from two items is read as its two parts, each in its place. Lines
/// that are not running text (page furniture, blank lines) stay where they
/// are.
pub fn reading_pieces<'a>(
    lines: &[&'a str],
    range: std::ops::Range<usize>,
) -> Vec<(usize, &'a str)> {
    let print = print(lines, range.clone());
    let mut read = reading(lines, range.clone(), &print).into_iter();
    let mut pieces = Vec::with_capacity(range.len());
    for i in range {
        if print.is_text(i) {
            if let Some(line) = read.next() {
                pieces.push((line.index, line.text));
            }
        } else if let Some(line) = lines.get(i) {
            pieces.push((i, *line));
        }
    }
    // Lines read as two: one piece more than there are lines.
    pieces.extend(read.map(|line| (line.index, line.text)));
    pieces
}

/// The running text of `range` in reading order: a two-column masthead read
/// row by row ([`masthead_in_reading_order`]), what is printed on one line
/// read as the two lines others print ([`printed_apart`]), an item's last line
/// printed before its first put back ([`tails_in_place`],
/// [`heads_in_place`]).
fn reading<'a>(lines: &[&'a str], range: std::ops::Range<usize>, print: &Print) -> Vec<Line<'a>> {
    let text = printed_apart(running_text(lines, range, print));
    heads_in_place(tails_in_place(masthead_in_reading_order(text)))
}

/// What one extractor prints on one line and others on two, read as the
/// two lines: an item opened with its first sub-item (`4. (a) On the
/// basis…` → `4.`, `(a) On the basis…`); a numbered heading over a
/// numbered line or an option heading (`(ii) Languages` over `(ALL)25.
/// Arabic…` → `(ii)`, `Languages`); the end of a symbol wrapped after a slash and the title
/// beside it in a list of documents (`A/AC.296/2026/CRP.1/` over
/// `Rev.1 Draft rules…` → `Rev.1`, `Draft rules…`).
fn printed_apart(text: Vec<Line<'_>>) -> Vec<Line<'_>> {
    // The numbers whose rules are numbered in decimals (`3.1`, `3.2`): `3.`
    // over a title is their heading.
    let decimal_heads: HashSet<u32> = text
        .iter()
        .filter_map(|l| DECIMAL.captures(l.text))
        .filter_map(|c| c.name("number")?.as_str().split('.').next()?.parse().ok())
        .collect();
    let mut apart = Vec::with_capacity(text.len());
    for (i, &line) in text.iter().enumerate() {
        let after = text.get(i + 1);
        let before = i.checked_sub(1).and_then(|b| text.get(b));
        let split =
            marker_apart(line, after, &decimal_heads).or_else(|| symbol_tail_apart(line, before));
        match split {
            Some((head, rest)) => {
                apart.push(Line { text: head, ..line });
                apart.push(Line { text: rest, ..line });
            }
            None => apart.push(line),
        }
    }
    apart
}

/// `line` cut after its marker, when what follows the marker is a first
/// sub-item's marker, or a heading's title: over a numbered line
/// (`after`), or after the number of rules numbered in decimals.
fn marker_apart<'a>(
    line: Line<'a>,
    after: Option<&Line>,
    decimal_heads: &HashSet<u32>,
) -> Option<(&'a str, &'a str)> {
    let outer = marker(line.text)?;
    let first_child = marker(&outer.rest).is_some_and(|inner| {
        matches!(
            inner.marker,
            Marker::Letter('a') | Marker::Ambiguous('i') | Marker::Roman(1, _)
        )
    });
    let numbered = |l: &Line| {
        [&TAGGED, &DECIMAL, &OPTION_HEADING]
            .iter()
            .any(|r| r.is_match(l.text))
            || marker(l.text).is_some()
    };
    let decimal_head = matches!(outer.marker, Marker::Number(n) if decimal_heads.contains(&n));
    let heading =
        (decimal_head || after.is_some_and(numbered)) && report::is_title_line(&outer.rest);
    let at = line.text.len().checked_sub(outer.rest.len())?;
    let (head, rest) = line.text.split_at_checked(at)?;
    ((first_child || heading) && rest == outer.rest).then_some((head.trim_end(), rest))
}

/// `line` cut after its first word, when that word ends the symbol the
/// line `before` left wrapped after a slash, and more follows.
fn symbol_tail_apart<'a>(line: Line<'a>, before: Option<&Line>) -> Option<(&'a str, &'a str)> {
    let before = before.filter(|b| b.text.ends_with('/') && !b.text.contains(' '))?;
    let (tail, rest) = line.text.split_once(' ')?;
    let whole = format!("{}{tail}", before.text);
    symbol(&whole)
        .is_some_and(|s| s == whole)
        .then_some((tail, rest.trim_start()))
}

/// The lines of `range` that the print says are running text.
fn running_text<'a>(
    lines: &[&'a str],
    range: std::ops::Range<usize>,
    print: &Print,
) -> Vec<Line<'a>> {
    range
        .filter(|&i| print.is_text(i))
        .filter_map(|i| {
            lines.get(i).map(|l| Line {
                index: i,
                text: clean(l),
                hyphen: false,
            })
        })
        .collect()
}

/// One line of running text.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 0-based index in the file.
    index: usize,
    text: &'a str,
    /// The extractor took a line-end hyphen off the end of `text` when it
    /// glued the next text to it (see [`heads_in_place`]): the text is read
    /// with it, and joining lines decides whether it stays.
    hyphen: bool,
}

impl Line<'_> {
    /// The text as the cut holds it.
    fn piece_text(&self) -> String {
        if self.hyphen {
            format!("{}-", self.text)
        } else {
            self.text.to_string()
        }
    }
}

/// Cuts the lines `range` of an instrument of kind `kind`.
pub fn cut(
    lines: &[&str],
    range: std::ops::Range<usize>,
    print: &Print,
    kind: DocumentKind,
    pillars: &PillarTable,
) -> (Vec<Cut>, Vec<usize>) {
    let text = reading(lines, range, print);
    let annexes = text.iter().filter(|l| ANNEX.is_match(l.text)).count();
    let mut cutter = Cutter {
        pillars,
        cuts: Vec::new(),
        current: None,
        zone: Zone::Front,
        expect: Expect::Nothing,
        section: None,
        pillar: Pillar::General,
        labeler: Labeler::default(),
        prefix: String::new(),
        preambular: 0,
        several_annexes: annexes > 1,
        last_text: None,
        queued: std::collections::VecDeque::new(),
        report: kind == DocumentKind::Report,
        sub_headings: sub_headings(&text),
        rule_headings: rule_headings(&text),
        symbols: HashMap::new(),
        symbol_tails: HashSet::new(),
        document_list: false,
        bulleted_annexes: bulleted_annexes(&text),
        lead_ins: lead_ins(&text),
        bulleted: false,
        paragraphs: 0,
        bullets: 0,
        session: String::new(),
        last_index: None,
        option: None,
        chapter: None,
        decisions: 0,
        headings: Vec::new(),
    };
    (cutter.symbols, cutter.symbol_tails) = symbol_lines(&text);
    let body = match kind {
        DocumentKind::Treaty => cutter.treaty_front(&text),
        DocumentKind::Report => cutter.report_front(&text),
        _ => cutter.resolution_front(&text),
    };
    for line in text.get(body..).unwrap_or_default() {
        cutter.line(*line);
    }
    cutter.close();
    let in_cuts: HashSet<usize> = cutter
        .cuts
        .iter()
        .flat_map(|c| c.pieces.iter().map(|p| p.line.saturating_sub(1)))
        .collect();
    let front = text.get(..body).unwrap_or_default();
    cutter.headings.extend(
        front
            .iter()
            .map(|l| l.index)
            .filter(|i| !in_cuts.contains(i)),
    );
    (cutter.cuts, cutter.headings)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Front,
    Preamble,
    Operative,
    /// After the plenary-meeting line that closes a resolution.
    Closed,
}

/// A heading waiting for its title lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Nothing,
    /// An article or annex title: its first line, or (`true`) a line that
    /// may continue it.
    Title(bool),
    /// The upper-case heading lines of a part.
    PartHeading,
    /// An annex's title: every line up to the first that ends a clause,
    /// a marker, a heading or a formula.
    AnnexTitle,
}

struct Cutter<'a> {
    pillars: &'a PillarTable,
    cuts: Vec<Cut>,
    current: Option<Cut>,
    zone: Zone,
    expect: Expect,
    section: Option<Section>,
    pillar: Pillar,
    labeler: Labeler,
    /// `annex-I.` inside an annex: before `PP1`, `art.1`.
    prefix: String,
    preambular: usize,
    several_annexes: bool,
    /// The last line of text read, chunk or heading.
    last_text: Option<&'a str>,
    /// Labels of items whose markers were printed one under the other
    /// (`(b)`, `(c)`) before their texts: each takes the next sentence.
    queued: std::collections::VecDeque<String>,
    /// A report: chapters, sections and sub-sections are headings, and
    /// paragraphs are numbered through the whole body.
    report: bool,
    /// Lines that title the paragraphs under them ("Eligibility criteria"):
    /// headings, in no chunk.
    sub_headings: HashSet<usize>,
    /// `N.` lines over a title in an annex of numbered rules.
    rule_headings: HashSet<usize>,
    /// Lines that start with a whole document symbol, with the symbol (a
    /// symbol wrapped after a slash is joined), and the lines it wrapped to.
    symbols: HashMap<usize, String>,
    symbol_tails: HashSet<usize>,
    /// In an annex that lists documents.
    document_list: bool,
    /// Annex headings (file line indices) of annexes of unnumbered
    /// paragraphs and bullets, and the lines that lead into bullets.
    bulleted_annexes: HashSet<usize>,
    lead_ins: HashSet<usize>,
    /// In such an annex, with the paragraphs and bullets counted so far.
    bulleted: bool,
    paragraphs: usize,
    bullets: usize,
    /// The session heading of the documents listed below it.
    session: String,
    /// The file index of the last line read.
    last_index: Option<usize>,
    /// The option heading the current items are under (`I`).
    option: Option<String>,
    /// Running-text lines in no chunk: headings, titles, formulas, the
    /// closing lines, a cover page (file line indices).
    headings: Vec<usize>,
    /// The report's current chapter and section (`II`, `E`).
    chapter: Option<(String, Option<String>)>,
    /// Decisions found in the current annex (each is `decision-N`).
    decisions: usize,
}

impl<'a> Cutter<'a> {
    /// Reads one line of running text: the first reader that takes it
    /// decides what it is; any other line continues the paragraph before.
    fn line(&mut self, line: Line<'a>) {
        let taken = self.heading(line)
            || self.zone == Zone::Closed
            || self.title_line(line)
            || self.document_entry(line)
            || self.decision(line)
            || self.option_heading(line)
            || self.numbered_rule(line)
            || self.tagged(line)
            || self.double_number(line)
            || self.decimal(line)
            || self.sub_heading(line)
            || self.bullet(line)
            || self.item(line)
            || self.annex_preamble(line)
            || self.preambular(line)
            || self.queued_item(line);
        if !taken {
            self.continuation(line);
        }
        let in_chunk = self
            .current
            .as_ref()
            .and_then(|c| c.pieces.last())
            .is_some_and(|p| p.line == line.index + 1);
        if !in_chunk {
            self.headings.push(line.index);
        }
        self.last_text = Some(line.text);
        self.last_index = Some(line.index);
    }

    /// An item marker: a sub-section heading of a report, or a new item
    /// (or one more marker printed under the last, waiting for its text).
    fn item(&mut self, line: Line<'a>) -> bool {
        let Some(found) = marker(line.text) else {
            return false;
        };
        let rest = found.rest.trim();
        if self.sub_section(&found.marker, rest) {
            return true;
        }
        // A marker alone on its line, or after a blank line, opens an item
        // whatever the line before ends with.
        let after_gap = self.last_index.is_some_and(|last| line.index > last + 1);
        if !self.accepts(&found.marker, rest.is_empty() || after_gap) {
            return false;
        }
        self.zone = Zone::Operative;
        let opens_list = self.last_text.is_some_and(ends_with_colon);
        let waiting = self
            .current
            .as_ref()
            .is_some_and(|c| c.pieces.iter().all(|p| p.text.is_empty()));
        let (label, _) = self.labeler.label(&found.marker, opens_list, false);
        let siblings = self
            .current
            .as_ref()
            .is_some_and(|c| same_parent(&c.label, &label));
        if rest.is_empty() && waiting && siblings {
            self.queued.push_back(label);
            return true;
        }
        self.close();
        self.open(ChunkKind::Paragraph, label, line, rest);
        true
    }

    /// The opening formula of a preamble, or a preambular paragraph.
    fn preambular(&mut self, line: Line<'a>) -> bool {
        if self.zone != Zone::Preamble {
            return false;
        }
        if let Some(rest) = opening_formula(line.text) {
            self.close();
            if !rest.is_empty() {
                // "The General Assembly, recalling …": a decision in one paragraph.
                self.zone = Zone::Operative;
                let label = self.labeler.unique(format!("{}1", self.prefix));
                self.open(ChunkKind::Paragraph, label, line, line.text);
            }
            return true;
        }
        // A paragraph inserted or struck whole opens and ends as any other.
        let after_paragraph =
            self.last_text.map(unmarked).is_none_or(ends_clause) || self.current.is_none();
        if self.current.is_some() && !(after_paragraph && opens_paragraph(unmarked(line.text))) {
            return false;
        }
        self.close();
        self.preambular += 1;
        let label = self
            .labeler
            .unique(format!("{}PP{}", self.prefix, self.preambular));
        self.open(ChunkKind::Paragraph, label, line, line.text);
        true
    }

    /// The next text of markers printed one under the other.
    fn queued_item(&mut self, line: Line<'a>) -> bool {
        let sentence_done = self
            .current
            .as_ref()
            .is_some_and(|c| c.pieces.iter().any(|p| !p.text.is_empty()))
            && self.last_text.is_some_and(ends_sentence);
        if !sentence_done {
            return false;
        }
        let Some(label) = self.queued.pop_front() else {
            return false;
        };
        self.close();
        self.open(ChunkKind::Paragraph, label, line, line.text);
        true
    }

    /// A line that continues the current chunk, or text of a unit before
    /// (or without) numbered items: an article's chapeau or undivided text.
    fn continuation(&mut self, line: Line<'a>) {
        match self.current.as_mut() {
            Some(current) => current.pieces.push(Piece {
                line: line.index + 1,
                text: line.piece_text(),
            }),
            None => {
                let label = if self.bulleted {
                    self.paragraphs += 1;
                    self.bullets = 0;
                    self.paragraph_label()
                } else {
                    self.scope_label()
                };
                let label = self.labeler.unique(label);
                self.open(ChunkKind::Paragraph, label, line, line.text);
            }
        }
    }

    /// The label of the unit itself (`art.7`, `annex-II`), for its chapeau.
    fn scope_label(&self) -> String {
        match &self.labeler.scope_label() {
            Some(label) if !label.is_empty() => label.clone(),
            _ => {
                let prefix = self.prefix.trim_end_matches('.');
                if prefix.is_empty() {
                    "text".to_string()
                } else {
                    prefix.to_string()
                }
            }
        }
    }

    /// Reads a heading line (part, article, annex, preamble, formulas,
    /// plenary meeting); returns whether it was one.
    fn heading(&mut self, line: Line<'a>) -> bool {
        let text = line.text;
        if let Some(caps) = ANNEX.captures(text) {
            self.close();
            let number = caps.name("n").map(|m| m.as_str().to_string());
            let inner = number.is_none() && self.report && !self.prefix.is_empty();
            let label = match (&number, self.several_annexes) {
                _ if inner => format!("{}annex", self.prefix),
                (Some(n), true) => format!("annex-{n}"),
                (None, true) => format!("annex-{}", self.cuts.len()),
                (_, false) => "annex".to_string(),
            };
            if !inner {
                self.decisions = 0;
                self.chapter = None;
                self.document_list = false;
                self.session.clear();
                self.bulleted = self.report && self.bulleted_annexes.contains(&line.index);
                self.paragraphs = 0;
                self.bullets = 0;
            }
            let name = match &number {
                Some(n) => format!("Annex {n}"),
                None => "Annex".to_string(),
            };
            self.section = Some(Section {
                number: name,
                heading: String::new(),
            });
            self.prefix = format!("{label}.");
            self.preambular = 0;
            self.labeler.enter_scope(Scope::new(label, Joint::Dot));
            self.zone = Zone::Operative;
            // A report's annex titles run over several lines; a treaty's is one
            // line, continued only in mid-phrase.
            self.expect = if self.report {
                Expect::AnnexTitle
            } else {
                Expect::Title(false)
            };
            return true;
        }
        if self.zone == Zone::Closed {
            return true;
        }
        if let Some(caps) = PART.captures(text) {
            self.close();
            let n = caps.name("n").map_or("", |m| m.as_str());
            self.section = Some(Section {
                number: format!("Part {n}"),
                heading: String::new(),
            });
            self.expect = Expect::PartHeading;
            self.zone = Zone::Operative;
            return true;
        }
        if let Some(caps) = ARTICLE.captures(text) {
            self.close();
            let n = caps.name("n").map_or("", |m| m.as_str());
            let n = if n.eq_ignore_ascii_case("premier") {
                "1"
            } else {
                n
            };
            let suffix = caps.name("suffix").map_or("", |m| m.as_str());
            self.labeler.enter_scope(Scope::new(
                format!("{}art.{n}{suffix}", self.prefix),
                Joint::Bracket,
            ));
            self.zone = Zone::Operative;
            self.expect = Expect::Title(false);
            return true;
        }
        if let Some(caps) = RULE.captures(text) {
            self.close();
            let n = caps.name("n").map_or("", |m| m.as_str());
            self.labeler.enter_scope(Scope::new(
                format!("{}rule.{n}", self.annex_prefix()),
                Joint::Bracket,
            ));
            self.zone = Zone::Operative;
            self.expect = Expect::Title(false);
            return true;
        }
        if self.report && self.report_heading(text) {
            return true;
        }
        if PREAMBLE.is_match(text) {
            self.close();
            self.zone = Zone::Preamble;
            return true;
        }
        if is_closing_formula(text) {
            self.close();
            self.zone = Zone::Operative;
            return true;
        }
        if PLENARY.is_match(text) && self.prefix.is_empty() {
            self.close();
            self.zone = Zone::Closed;
            return true;
        }
        false
    }

    /// Reads a line of a heading's title; returns whether it was one.
    fn title_line(&mut self, line: Line<'a>) -> bool {
        let text = line.text;
        match self.expect {
            Expect::Nothing => false,
            Expect::PartHeading if is_upper(text) => {
                if let Some(section) = self.section.as_mut() {
                    if !section.heading.is_empty() {
                        section.heading.push(' ');
                    }
                    section.heading.push_str(text);
                    self.pillar = self.pillars.pillar_of(&section.heading);
                }
                true
            }
            Expect::Title(false)
                if marker(text).is_none() && !ends_with_colon(text) && !ends_sentence(text) =>
            {
                self.expect = Expect::Title(true);
                true
            }
            Expect::AnnexTitle if LIST_OF_DOCUMENTS.is_match(text) => {
                self.document_list = true;
                self.expect = Expect::Nothing;
                true
            }
            Expect::AnnexTitle
                if marker(text).is_none()
                    && !ends_clause(text)
                    && !ends_with_colon(text)
                    && opening_formula(text).is_none()
                    && !opens_paragraph(text) =>
            {
                true
            }
            Expect::Title(true) if continues_title(self.last_text.unwrap_or(""), text) => true,
            _ => {
                self.expect = Expect::Nothing;
                false
            }
        }
    }

    /// Whether a marker starts a new item here: it continues the numbering
    /// of the unit, and it stands alone on its line or the line before ends
    /// a clause (a marker after "paragraph 3" is a reference wrapped onto a
    /// new line).
    fn accepts(&self, marker: &Marker, alone: bool) -> bool {
        // A marker alone (on its line, or after a blank line) is an
        // enumerator, never a wrapped reference.
        let after_clause = alone
            || self.current.is_none()
            || self
                .current
                .as_ref()
                .is_some_and(|c| c.pieces.iter().all(|p| p.text.is_empty()))
            || self.last_text.is_none_or(ends_clause);
        if !after_clause {
            return false;
        }
        let (top, letter, roman) = self.labeler.position();
        let last_number = top.and_then(last_number);
        let next_letter = |c: char| match letter {
            None => c == 'a',
            Some(l) => char::from_u32(l as u32 + 1) == Some(c) || c == 'a',
        };
        let next_roman = |v: u32| v == 1 || roman.is_some_and(|r| v == r + 1);
        match marker {
            Marker::Number(n) => last_number.is_none_or(|last| *n > last),
            Marker::Letter(c) => next_letter(*c),
            Marker::Roman(v, _) => next_roman(*v),
            Marker::Ambiguous(c) => {
                next_letter(*c) || roman_value(&c.to_string()).is_some_and(next_roman)
            }
        }
    }

    fn open(&mut self, kind: ChunkKind, label: String, line: Line, first: &str) {
        let cut = Cut {
            kind,
            label,
            section: self.section.clone(),
            pillar: self.pillar,
            pieces: vec![Piece {
                line: line.index + 1,
                text: first.to_string(),
            }],
        };
        self.current = Some(cut);
    }

    fn close(&mut self) {
        if let Some(cut) = self.current.take() {
            self.cuts.push(cut);
        }
        self.queued.clear();
    }
}

/// A line without the change markup around it: `~~Recalling …,~~` →
/// `Recalling …,`.
fn unmarked(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let inner = ["**", "~~"].iter().find_map(|mark| {
            text.strip_prefix(mark)
                .and_then(|t| t.strip_suffix(mark))
                .map(str::trim)
        });
        match inner {
            Some(inner) => text = inner,
            None => return text,
        }
    }
}

/// The most words of an unnumbered sub-heading.
const SUB_HEADING_WORDS: usize = 8;

/// The item marker at the start of a line (word joiners around it, which
/// some PDFs print, ignored).
fn marker(text: &str) -> Option<Marked> {
    if text.contains('\u{2060}') {
        split_marker(&text.replace('\u{2060}', ""))
    } else {
        split_marker(text)
    }
}

/// The most words of an item's last line that the extractor printed
/// before its first (see [`tails_in_place`]).
const TAIL_WORDS: usize = 6;

/// Whether two item labels are siblings: `art.15(3)(b)` and `art.15(3)(c)`.
fn same_parent(a: &str, b: &str) -> bool {
    let parent = |l: &str| l.rsplit_once(['(', '.']).map(|(p, _)| p.to_string());
    parent(a).is_some() && parent(a) == parent(b)
}

/// The number a label ends with: `art.7(3)` → 3, `12` → 12.
fn last_number(label: &str) -> Option<u32> {
    let trimmed = label.trim_end_matches(')');
    let digits: String = trimmed
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// Whether a line ends a clause: a sentence, or a comma (preambular
/// paragraphs end with one), looking past closing quotes and markers.
fn ends_clause(text: &str) -> bool {
    if ends_sentence(text) {
        return true;
    }
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_digit() || matches!(c, '”' | '"' | ')' | '*')
    });
    trimmed.ends_with(',')
        || LIST_JOINS.contains(&trimmed)
        || LIST_JOINS.iter().any(|join| {
            trimmed
                .strip_suffix(join)
                .is_some_and(|t| t.trim_end().ends_with(';'))
        })
}

/// The words that join the last two items of a list ("…; and", "…; ou").
const LIST_JOINS: [&str; 6] = ["and", "or", "et", "ou", "y", "o"];

fn ends_with_colon(text: &str) -> bool {
    text.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_digit())
        .ends_with(':')
}

/// Whether a line is all capitals (a title or part heading).
fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// Whether `next` continues a title whose last line was `previous`: a
/// title wrapped in mid-phrase.
fn continues_title(previous: &str, next: &str) -> bool {
    if marker(next).is_some() || ends_sentence(next) && next.split_whitespace().count() > 12 {
        return false;
    }
    let last_word = previous.split_whitespace().last().unwrap_or("");
    next.starts_with(char::is_lowercase)
        || previous.ends_with([',', '-', '–'])
        || DRAFT_TITLE_WORDS.contains(&last_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_at_the_end_of_labels() {
        assert_eq!(last_number("art.7(3)"), Some(3));
        assert_eq!(last_number("12"), Some(12));
        assert_eq!(last_number("art.7"), Some(7));
    }

    #[test]
    fn clause_ends() {
        assert!(ends_clause("fifth session, 2"));
        assert!(ends_clause("as soon as possible,"));
        assert!(!ends_clause("provided for in paragraph 3"));
        assert!(ends_clause("decisions; and"));
        assert!(ends_clause("or"));
        assert!(ends_clause("à la pêche ; ou"));
        assert!(!ends_clause("the Parties and"));
    }
}
