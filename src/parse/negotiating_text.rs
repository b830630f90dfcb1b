//! Negotiating texts in markdown: a draft agreement with its preamble and
//! articles, where alternatives stand side by side as options (the pandoc
//! conversions of UNFCCC/ADP drafts).
//!
//! The text is recognised from its content — markdown headings
//! "Article N" and option markers — never from a file name. The grammar:
//!
//! - the first heading is the `title`; text between it and the first
//!   structural heading is the `header` (a dateline); text above the first
//!   heading is the publishing site's own note, and kramdown markers
//!   (`{:toc}`, `* TOC`), link definitions and footnote bodies (`[^n]:`)
//!   are not text;
//! - "Preamble": every paragraph is `PP1`, `PP2`…; consecutive option
//!   paragraphs share a number (`PP12.option-1`, `PP12.option-2`); the
//!   opening formula ("The Parties to this Agreement,") goes with `PP1` and
//!   the closing one ("Have agreed as follows:") with the last PP;
//! - "Article N" (or "[Article 3bis]", "Article 8 bis"): `art.N`; the
//!   nesting of the markdown lists gives the numbering level — a list in
//!   the article is its paragraphs `art.N(k)`, a list inside a paragraph
//!   its lettered items `(a)` (the converter wrote them `1.`), one level
//!   further roman items `(i)`;
//! - an option marker (`**Option 1:**`, `**Option1**:`, `**Option I:**`,
//!   `Option (a):`) opens an alternative of the unit it sits in:
//!   `art.3(1).option-1`, `art.2.option-1(1)` when the option holds the
//!   article's paragraphs; capital roman ids are numbers (`Option II` →
//!   `option-2`);
//! - a paragraph number printed in the text (`3.3bis`, `(5bis)`, `7bis.`)
//!   replaces the paragraph's own in the label, before its options
//!   (`art.3(3bis).option-2`);
//! - an editorial note (a paragraph in italics or braces) that stands
//!   beside options or items is `<unit>.note`, inside a unit that has none
//!   it is part of the unit's text; an unnumbered paragraph after a unit's
//!   items is `<unit>.closing` (`<unit>.part-2` when a second list
//!   follows it);
//! - an annex placeholder ("[Placeholder for annexes]") is `annex`.
//!
//! Inline markup is read like any other (`markup`); footnote references
//! `[^n]` become footnote markers, so their bodies are attached;
//! brackets and attributions stay in the text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::block::{FootnoteBody, Piece};
use super::cut::Cut;
use super::numbering::{Labeler, to_roman};
use super::places::{Place, SetApart};
use super::preamble::{is_closing_formula, opening_formula};
use super::regex;
use crate::model::{ChunkKind, Pillar, Section};

static HEADING: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*$"));
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^\[?\s*Article\s+(?P<n>\d{1,3})\s*(?P<suffix>bis|ter|quater|quinquies)?\b\]?")
});
static PREAMBLE: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^\[?\s*preamble\b"));
static ANNEX: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(?:\[\s*placeholder for annex|annex(?:es)?\b)"));
/// Kramdown and Jekyll markers: `{:toc}`, `{:.no_toc}`, `* TOC`.
static KRAMDOWN: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*(?:\{:[^}]*\}|[*-]\s+TOC)\s*$"));
static LINK_DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s{0,3}\[[^\]^][^\]]*\]:\s+\S+\s*$"));
static FOOTNOTE_BODY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s{0,3}\[\^(?P<id>[^\]]+)\]:\s*(?P<body>.*)$"));
static FOOTNOTE_REF: LazyLock<Regex> = LazyLock::new(|| regex(r"\[\^(?P<id>[^\]\s]+)\]"));
/// `**Option 1:**`, `**Option1**:`, `**Option 2**.`, `**Option I:**`,
/// `Option (a):` (a plain marker needs its colon).
static OPTION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:(?P<bold>\*\*)\s*Option\s*(?P<bid>\(?[0-9A-Za-z]{1,4}\)?(?:\s?(?:bis|ter|quater))?)(?:\[\^[^\]]+\])*\s*(?:\*\*\s*[:.]?|[:.]\s*\*\*|[:.]?\s*\*\*)|Option\s*(?P<pid>\(?[0-9A-Za-z]{1,4}\)?(?:\s?(?:bis|ter|quater))?)(?:\[\^[^\]]+\])*\s*:)\s*",
    )
});
/// A markdown list item: `12. text`.
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| regex(r"^(?P<n>\d{1,3})\.\s+"));
/// A paragraph number printed as `3.3`, `3.3bis`, `3.3alt:`, `3.3bis Alt`, `3.x`.
static PRINTED_SUB: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?P<n>\d{1,3})\.(?P<sub>\d{1,3}[a-z]*|x)(?P<alt>\s+[Aa]lt)?(?P<fn>\[\^[^\]]+\])?:?\s+")
});
/// A paragraph number printed with a suffix: `1bis.`, `7.bis`, `3bis`, `(5bis)`.
static PRINTED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:[-*]\s+)?(?:\((?P<p>\d{1,3}(?:bis|ter|quater|quinquies))\)|(?P<n>\d{1,3})\s?\.?\s?(?P<s>bis|ter|quater|quinquies)\.?)\s+",
    )
});
/// A printed letter: `(a) text`, `a bis. text`.
static LETTER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\((?P<l>[a-z])\)\s+"));
static BULLET: LazyLock<Regex> = LazyLock::new(|| regex(r"^[-*+]\s+"));

/// The most lines from the top in which a negotiating text shows itself.
const RECOGNITION_LINES: usize = 2000;

/// Whether the lines are a negotiating text in markdown: at least two
/// "Article N" headings and at least one option marker.
pub fn recognise(lines: &[&str]) -> bool {
    let lines = lines
        .get(..RECOGNITION_LINES.min(lines.len()))
        .unwrap_or(lines);
    let articles = lines
        .iter()
        .filter_map(|l| HEADING.captures(l))
        .filter(|caps| {
            caps.name("text")
                .is_some_and(|t| ARTICLE.is_match(&plain_heading(t.as_str())))
        })
        .count();
    articles >= 2 && lines.iter().any(|l| OPTION.is_match(l.trim_start()))
}

/// The text of a heading without its markup.
fn plain_heading(text: &str) -> String {
    super::markup::mark([text], false).text
}

/// The cuts and footnote bodies of a negotiating text, and the lines set
/// apart: headings, markup, the site's note, markers alone on their line.
pub fn cut(lines: &[&str], range: Range<usize>) -> (Vec<Cut>, Vec<FootnoteBody>, SetApart) {
    let mut cutter = Cutter::default();
    let mut previous_text = false;
    // Inside a footnote body: its number, and whether its last line was text.
    let mut footnote: Option<(u32, bool)> = None;
    for idx in range {
        let Some(raw) = lines.get(idx) else { break };
        let line = idx + 1;
        if raw.trim().is_empty() {
            previous_text = false;
            footnote = footnote.map(|(number, _)| (number, false));
            continue;
        }
        // A footnote body goes on over indented lines and wrapped ones.
        if let Some((number, wrapped)) = footnote
            && (raw.starts_with(char::is_whitespace) || wrapped)
            && !FOOTNOTE_BODY.is_match(raw)
        {
            if let Some(body) = cutter.footnotes.last_mut() {
                body.text.push(' ');
                body.text.push_str(raw.trim());
            }
            cutter.set_apart.line(line, Place::Footnote(number));
            footnote = Some((number, true));
            continue;
        }
        footnote = None;
        let markup = if KRAMDOWN.is_match(raw) {
            Some("kramdown marker")
        } else {
            LINK_DEFINITION.is_match(raw).then_some("link definition")
        };
        if let Some(markup) = markup {
            cutter.set_apart.line(line, Place::Markup(markup));
            previous_text = false;
            continue;
        }
        if let Some(caps) = FOOTNOTE_BODY.captures(raw) {
            let number = caps.name("id").and_then(|m| m.as_str().parse::<u32>().ok());
            let body = caps.name("body").map_or("", |m| m.as_str());
            if let Some(number) = number {
                cutter.footnotes.push(FootnoteBody {
                    number,
                    line,
                    text: body.to_string(),
                });
            }
            let number = number.unwrap_or(0);
            cutter.set_apart.line(line, Place::Footnote(number));
            previous_text = false;
            footnote = Some((number, true));
            continue;
        }
        // An asterisk note at the margin (`\* *without prejudice…*`): the
        // body of the `*` markers in the text (footnote 0, as `print`
        // numbers asterisk notes), which no chunk cites.
        if raw.starts_with("\\*") {
            cutter.set_apart.line(line, Place::Footnote(0));
            previous_text = false;
            continue;
        }
        if let Some(caps) = HEADING.captures(raw) {
            if !cutter.heading(line, caps.name("text").map_or("", |m| m.as_str())) {
                cutter.set_apart.line(line, Place::Heading);
            }
            previous_text = false;
            continue;
        }
        let indent = indentation(raw);
        let text = raw.trim();
        let block = classify(text);
        // A line right under a text line, without a marker of its own, is
        // that paragraph wrapped (markdown's lazy continuation).
        if previous_text && matches!(block, Block::Text { .. }) {
            cutter.continue_current(line, text);
            continue;
        }
        cutter.block(line, indent, text, block);
        previous_text = true;
    }
    // A formula that no preambular paragraph followed stands alone, as
    // the instruments' formulas do: a heading.
    for formula in std::mem::take(&mut cutter.formula) {
        cutter.set_apart.line(formula.line, Place::Heading);
    }
    (cutter.cuts, cutter.footnotes, cutter.set_apart)
}

/// Leading whitespace, a tab counting four.
fn indentation(raw: &str) -> usize {
    raw.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// What a line of the body is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    /// An option marker; `rest` is the option's text on the same line.
    Option { id: String, rest: String },
    /// A markdown list item `n.`; `rest` may itself open with an option.
    Item { number: u32, rest: String },
    /// A paragraph number printed in the text (`3.3bis` in paragraph 3,
    /// `(5bis)`, `7bis.`): `number` is the label's, `of` the paragraph it
    /// belongs to when printed `N.M`.
    Printed {
        number: String,
        of: Option<u32>,
        rest: String,
    },
    /// A printed letter `(a)`.
    Letter { letter: char, rest: String },
    /// A bullet: folded into the unit above (`note`: in italics).
    Bullet { note: bool },
    /// Unmarked text; `note`: an editorial note (italics or braces).
    Text { note: bool },
}

fn rest_after(text: &str, end: usize) -> String {
    text.get(end..).unwrap_or("").to_string()
}

fn classify(text: &str) -> Block {
    if let Some(option) = option_marker(text) {
        return option;
    }
    if let Some(caps) = PRINTED_SUB.captures(text) {
        let whole = caps.get(0).map_or(0, |m| m.end());
        let mut number = caps.name("sub").map_or("", |m| m.as_str()).to_string();
        if caps.name("alt").is_some() {
            number.push_str("-alt");
        }
        let footnote = caps.name("fn").map_or("", |m| m.as_str());
        return Block::Printed {
            number,
            of: caps.name("n").and_then(|m| m.as_str().parse().ok()),
            rest: format!("{footnote}{}", rest_after(text, whole)),
        };
    }
    if let Some(caps) = PRINTED_NUMBER.captures(text) {
        let whole = caps.get(0).map_or(0, |m| m.end());
        let number = match (caps.name("p"), caps.name("n"), caps.name("s")) {
            (Some(p), _, _) => p.as_str().to_string(),
            (None, Some(n), Some(s)) => format!("{}{}", n.as_str(), s.as_str()),
            _ => String::new(),
        };
        return Block::Printed {
            number,
            of: None,
            rest: rest_after(text, whole),
        };
    }
    if let Some(caps) = LIST_ITEM.captures(text) {
        let whole = caps.get(0).map_or(0, |m| m.end());
        if let Some(number) = caps.name("n").and_then(|m| m.as_str().parse().ok()) {
            return Block::Item {
                number,
                rest: rest_after(text, whole),
            };
        }
    }
    if let Some(caps) = LETTER.captures(text) {
        let whole = caps.get(0).map_or(0, |m| m.end());
        if let Some(letter) = caps.name("l").and_then(|m| m.as_str().chars().next()) {
            return Block::Letter {
                letter,
                rest: rest_after(text, whole),
            };
        }
    }
    if !text.starts_with("**")
        && let Some(found) = BULLET.find(text)
    {
        return Block::Bullet {
            note: is_note(&rest_after(text, found.end())),
        };
    }
    Block::Text {
        note: is_note(text),
    }
}

fn option_marker(text: &str) -> Option<Block> {
    let caps = OPTION.captures(text)?;
    let id = caps.name("bid").or_else(|| caps.name("pid"))?.as_str();
    let end = caps.get(0).map_or(0, |m| m.end());
    Some(Block::Option {
        id: option_id(id),
        rest: rest_after(text, end)
            .trim_start_matches([':', '.'])
            .to_string(),
    })
}

/// An option id as a label writes it: lower case, no brackets or spaces,
/// capital roman numerals as numbers (`II` → `2`).
pub(super) fn option_id(id: &str) -> String {
    let id: String = id
        .chars()
        .filter(|c| !matches!(c, '(' | ')') && !c.is_whitespace())
        .collect();
    let roman_end = id
        .char_indices()
        .find(|(_, c)| !matches!(c, 'I' | 'V' | 'X'))
        .map_or(id.len(), |(i, _)| i);
    match id.split_at_checked(roman_end) {
        Some((roman, rest)) if !roman.is_empty() => {
            match super::numbering::roman_value(&roman.to_lowercase()) {
                Some(value) => format!("{value}{}", rest.to_lowercase()),
                None => id.to_lowercase(),
            }
        }
        _ => id.to_lowercase(),
    }
}

/// An editorial note: a paragraph wholly in italics, or in braces.
fn is_note(text: &str) -> bool {
    let text = FOOTNOTE_REF.replace_all(text.trim(), "");
    let text = text.trim();
    // An asterisk note (`\* *3.4: …*`) under another note.
    let text = text.strip_prefix("\\*").map_or(text, str::trim_start);
    let italic = text.starts_with('*') && !text.starts_with("**") && text.ends_with('*');
    italic || text.starts_with('{') || text.starts_with("*{") || text.starts_with("[*{")
}

/// Whether an option's text on its marker line is an editorial note in
/// braces (`*{modulators to 3.2}*`) rather than the option's text.
fn is_brace_note(rest: &str) -> bool {
    let plain = super::markup::mark([rest], false).text;
    let plain = plain.trim();
    plain.starts_with('{') && plain.find('}').is_some_and(|end| end + 1 == plain.len())
}

/// Whether an option's text on its marker line is only a scope note
/// (`*(paragraphs 1 to 7)*`), part of the option's name rather than text.
fn is_scope_note(rest: &str) -> bool {
    let t = rest.trim().trim_matches('*').trim();
    t.starts_with('(') && t.ends_with(')')
}

/// A line's text as a piece of a cut: footnote references become
/// superscript markers (so that `markup` finds them), HTML tags go.
fn piece(line: usize, text: &str) -> Piece {
    let text = FOOTNOTE_REF.replace_all(text, |caps: &regex::Captures| {
        caps.name("id")
            .and_then(|m| m.as_str().parse::<u32>().ok())
            .map(superscript)
            .unwrap_or_default()
    });
    let text = strip_tags(&text);
    // `[x](a)` in "paragraph [x](a) above" is a bracket and a letter, not
    // a link; a hard line break (`\\` at the end) is a space.
    let text = NOT_A_LINK.replace_all(&text, "\\[$1\\]($2)");
    // An escaped space (`with\\ environmental`) is a space.
    let text = text.replace("\\ ", " ");
    let text = text.trim().trim_end_matches('\\');
    Piece {
        line,
        text: text.trim().to_string(),
    }
}

static NOT_A_LINK: LazyLock<Regex> = LazyLock::new(|| regex(r"\[([^\[\]]*)\]\(([^()/#.:\s]*)\)"));
static TAG: LazyLock<Regex> = LazyLock::new(|| regex(r"</?[a-zA-Z][^<>]*>"));

fn strip_tags(text: &str) -> String {
    TAG.replace_all(text, "").into_owned()
}

fn superscript(n: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .filter_map(|d| d.to_digit(10))
        .filter_map(|d| DIGITS.get(usize::try_from(d).unwrap_or(0)).copied())
        .collect()
}

/// What a node of the open nesting is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A numbered or lettered unit (list item, printed number or letter).
    Item,
    /// A printed paragraph number (`3.3bis`): a sibling of other printed
    /// numbers, the parent of list items at its own indentation.
    Printed,
    /// An option; `inline` when it shares its item's line.
    Option {
        inline: bool,
    },
    Note,
    /// Unnumbered text after a unit's items.
    Closing,
}

/// An open unit of the nesting.
#[derive(Debug, Clone)]
struct Node {
    indent: usize,
    kind: Kind,
    /// The label in segments (`art.3`, `(3)`, `.option-2`), so that a
    /// printed paragraph number can replace the paragraph's.
    segments: Vec<String>,
    /// Which segment is the paragraph number, if any.
    paragraph: Option<usize>,
    /// The paragraph's printed number (for `3.3bis` in paragraph 3).
    paragraph_number: Option<u32>,
    /// Numbering level: 0 the article, 1 paragraphs, 2 letters, 3 romans.
    depth: usize,
    cut: Option<usize>,
    children: usize,
}

impl Node {
    fn label(&self) -> String {
        self.segments.concat()
    }

    fn child(&self, indent: usize, kind: Kind, segment: String) -> Node {
        let mut segments = self.segments.clone();
        segments.push(segment);
        Node {
            indent,
            kind,
            segments,
            paragraph: self.paragraph,
            paragraph_number: self.paragraph_number,
            depth: self.depth,
            cut: None,
            children: 0,
        }
    }
}

/// Where the cutter is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Mode {
    /// Above the first heading: the site's note.
    #[default]
    Site,
    /// After the title, before the preamble or first article.
    Front,
    Preamble,
    Body,
}

#[derive(Default)]
struct Cutter {
    mode: Mode,
    cuts: Vec<Cut>,
    footnotes: Vec<FootnoteBody>,
    labeler: Labeler,
    section: Option<Section>,
    /// The article (or annex) itself.
    root: Option<Node>,
    stack: Vec<Node>,
    /// The cut the last line went into.
    current: Option<usize>,
    /// Preamble: the last PP number, whether the last PP was an option,
    /// and the opening formula waiting for its paragraph.
    pp: u32,
    pp_option: bool,
    formula: Vec<Piece>,
    /// The lines in no cut, with their places.
    set_apart: SetApart,
}

impl Cutter {
    fn new_cut(&mut self, kind: ChunkKind, label: String, pieces: Vec<Piece>) -> usize {
        let label = self.labeler.unique(label);
        let mut cut = Cut::new(kind, label, &[]).in_section(self.section.clone(), Pillar::General);
        cut.pieces = pieces;
        self.cuts.push(cut);
        let at = self.cuts.len() - 1;
        self.current = Some(at);
        at
    }

    fn push_to(&mut self, cut: usize, line: usize, text: &str) {
        if let Some(c) = self.cuts.get_mut(cut) {
            c.pieces.push(piece(line, text));
        }
        self.current = Some(cut);
    }

    fn continue_current(&mut self, line: usize, text: &str) {
        match self.current {
            Some(cut) => self.push_to(cut, line, text),
            None => self.block(line, 0, text, Block::Text { note: false }),
        }
    }

    /// Reads a heading: `true` when its line is in a cut (the title).
    fn heading(&mut self, line: usize, text: &str) -> bool {
        let plain = plain_heading(text);
        let plain = plain.trim();
        self.stack.clear();
        if PREAMBLE.is_match(plain) {
            self.mode = Mode::Preamble;
            self.section = Some(Section {
                number: "Preamble".to_string(),
                heading: String::new(),
            });
            self.current = None;
            return false;
        }
        if let Some(caps) = ARTICLE.captures(plain) {
            let n = caps.name("n").map_or("", |m| m.as_str());
            let suffix = caps.name("suffix").map_or("", |m| m.as_str());
            self.enter_body(
                format!("art.{n}{suffix}"),
                Section {
                    number: format!("Article {n}{suffix}"),
                    heading: heading_title(plain, caps.get(0).map_or(0, |m| m.end())),
                },
            );
            return false;
        }
        if self.mode == Mode::Body && ANNEX.is_match(plain) {
            self.enter_body(
                "annex".to_string(),
                Section {
                    number: "Annex".to_string(),
                    heading: plain.to_string(),
                },
            );
            return false;
        }
        match self.mode {
            Mode::Site => {
                self.mode = Mode::Front;
                self.section = None;
                self.new_cut(
                    ChunkKind::Title,
                    "title".to_string(),
                    vec![piece(line, text)],
                );
                true
            }
            // Another heading: a part of the text; its lines join the unit.
            _ => {
                self.section = Some(Section {
                    number: String::new(),
                    heading: plain.to_string(),
                });
                false
            }
        }
    }

    fn enter_body(&mut self, label: String, section: Section) {
        self.mode = Mode::Body;
        self.section = Some(section);
        self.root = Some(Node {
            indent: 0,
            kind: Kind::Item,
            segments: vec![label],
            paragraph: None,
            paragraph_number: None,
            depth: 0,
            cut: None,
            children: 0,
        });
        self.stack.clear();
        self.current = None;
    }

    fn block(&mut self, line: usize, indent: usize, text: &str, block: Block) {
        match self.mode {
            Mode::Site => self.set_apart.line(line, Place::Furniture("site note")),
            Mode::Front => {
                let header = self.cuts.iter().position(|c| c.kind == ChunkKind::Header);
                match header {
                    Some(cut) => self.push_to(cut, line, text),
                    None => {
                        self.new_cut(
                            ChunkKind::Header,
                            "header".to_string(),
                            vec![piece(line, text)],
                        );
                    }
                }
            }
            Mode::Preamble => self.preamble(line, text, block),
            Mode::Body => self.body(line, indent, text, block),
        }
    }

    fn preamble(&mut self, line: usize, text: &str, block: Block) {
        let plain = plain_heading(text);
        if opening_formula(plain.trim()).is_some() {
            self.formula.push(piece(line, text));
            return;
        }
        if is_closing_formula(plain.trim()) {
            match self.current {
                Some(cut) => self.push_to(cut, line, text),
                None => self.formula.push(piece(line, text)),
            }
            return;
        }
        let (label, first) = match block {
            Block::Option { id, rest } => {
                if !self.pp_option {
                    self.pp += 1;
                }
                self.pp_option = true;
                (format!("PP{}.option-{id}", self.pp), rest)
            }
            _ => {
                self.pp += 1;
                self.pp_option = false;
                (format!("PP{}", self.pp), text.to_string())
            }
        };
        let mut pieces = std::mem::take(&mut self.formula);
        pieces.push(piece(line, &first));
        self.new_cut(ChunkKind::Paragraph, label, pieces);
    }

    /// The node new blocks attach to: the top of the stack, else the article.
    fn top(&self) -> Option<&Node> {
        self.stack.last().or(self.root.as_ref())
    }

    fn top_mut(&mut self) -> Option<&mut Node> {
        match self.stack.last_mut() {
            Some(node) => Some(node),
            None => self.root.as_mut(),
        }
    }

    /// Closes the units that a block at `indent` of kind `block` ends.
    fn close_for(&mut self, indent: usize, block: &Block) {
        while let Some(top) = self.stack.last() {
            let pop = if top.indent > indent {
                true
            } else if top.indent == indent {
                match (top.kind, block) {
                    (Kind::Option { .. }, Block::Option { id, .. }) => !self.nests(top, id),
                    (Kind::Option { .. }, Block::Text { note } | Block::Bullet { note }) => *note,
                    (Kind::Option { .. }, Block::Item { .. }) => self.shares_list(top),
                    (Kind::Option { .. }, Block::Printed { .. }) => self.in_option(),
                    (Kind::Option { .. }, _) => false,
                    (Kind::Printed, Block::Item { .. } | Block::Letter { .. }) => false,
                    (Kind::Printed, Block::Bullet { note: false }) => false,
                    (Kind::Note, Block::Option { id, .. }) => top.children == 0 && !is_first(id),
                    (Kind::Note, Block::Bullet { .. }) => false,
                    (Kind::Note, Block::Text { note: true }) => false,
                    (Kind::Closing, Block::Item { .. } | Block::Letter { .. }) => false,
                    (Kind::Item | Kind::Printed | Kind::Note | Kind::Closing, _) => true,
                }
            } else {
                // A deeper option under an option that shares its item's
                // line is that option's sibling.
                matches!(
                    (top.kind, block),
                    (Kind::Option { inline: true }, Block::Option { .. })
                )
            };
            if !pop {
                break;
            }
            self.stack.pop();
        }
    }

    /// Whether an option marker opens an option inside the option `top`:
    /// `top` has no text of its own and is named in another style
    /// (`Option 2:` then `Option (a):`).
    fn nests(&self, top: &Node, id: &str) -> bool {
        let numbered = |id: &str| id.starts_with(|c: char| c.is_ascii_digit());
        let own_id = top
            .segments
            .last()
            .and_then(|s| s.strip_prefix(".option-"))
            .unwrap_or("");
        top.cut.is_none() && numbered(own_id) != numbered(id)
    }

    /// Whether a list after the option `top` belongs to its parent: the
    /// option and the one before it are alternative chapeaus of one list
    /// (both end with a colon).
    fn shares_list(&self, top: &Node) -> bool {
        let Some(cut) = top.cut else { return false };
        let opens = |c: usize| self.cuts.get(c).is_some_and(Cut::opens_list);
        let parent = top
            .segments
            .get(..top.segments.len().saturating_sub(1))
            .map(<[String]>::concat)
            .unwrap_or_default();
        let sibling_option = cut.checked_sub(1).is_some_and(|before| {
            self.cuts
                .get(before)
                .is_some_and(|c| c.label.starts_with(&format!("{parent}.option-")))
                && opens(before)
        });
        opens(cut) && sibling_option
    }

    /// Whether the top of the stack is an option inside an option.
    fn in_option(&self) -> bool {
        let n = self.stack.len();
        matches!(
            self.stack.get(n.saturating_sub(2)).map(|node| node.kind),
            Some(Kind::Option { .. })
        ) && n >= 2
    }

    fn body(&mut self, line: usize, indent: usize, text: &str, block: Block) {
        if ANNEX.is_match(text) && indent == 0 {
            self.enter_body(
                "annex".to_string(),
                Section {
                    number: "Annex".to_string(),
                    heading: String::new(),
                },
            );
            self.open_text(line, text);
            return;
        }
        self.close_for(indent, &block);
        match block {
            Block::Option { id, rest } => self.option(line, indent, &id, &rest, false),
            Block::Item { number, rest } => {
                // Two paragraphs printed on one line: "5. […] 6. […]".
                if let Some((first, second)) = split_next(&rest, number) {
                    let first_text = text
                        .get(..text.len().saturating_sub(rest.len()))
                        .unwrap_or("");
                    self.body(
                        line,
                        indent,
                        &format!("{first_text}{first}"),
                        Block::Item {
                            number,
                            rest: first,
                        },
                    );
                    self.body(
                        line,
                        indent,
                        &format!("{}. {second}", number + 1),
                        Block::Item {
                            number: number + 1,
                            rest: second,
                        },
                    );
                    return;
                }
                let Some(top) = self.top() else { return };
                let depth = top.depth + 1;
                let segment = match depth {
                    1 => format!("({number})"),
                    3 => format!("({})", to_roman(number)),
                    _ => format!("({})", letter(number)),
                };
                let content = indent + text.len().saturating_sub(rest.len());
                self.item(line, content, indent, segment, depth, Some(number), &rest);
            }
            Block::Letter { letter, rest } => {
                let Some(top) = self.top() else { return };
                let depth = top.depth + 1;
                let content = indent + text.len().saturating_sub(rest.len());
                self.item(
                    line,
                    content,
                    indent,
                    format!("({letter})"),
                    depth,
                    None,
                    &rest,
                );
            }
            Block::Printed { number, of, rest } => self.printed(line, indent, &number, of, &rest),
            // The bullet itself is not text.
            Block::Bullet { note } => {
                let text = BULLET
                    .find(text)
                    .map_or(text, |b| text.get(b.end()..).unwrap_or(""));
                match (note, self.current) {
                    (true, _) => self.text(line, indent, text, true),
                    (false, Some(cut)) => self.push_to(cut, line, text),
                    (false, None) => self.open_text(line, text),
                }
            }
            Block::Text { note } => {
                // Nor is the asterisk of an asterisk note.
                let text = text.strip_prefix("\\*").map_or(text, str::trim_start);
                self.text(line, indent, text, note);
            }
        }
    }

    /// Opens a numbered unit under the top node.
    #[allow(clippy::too_many_arguments)]
    fn item(
        &mut self,
        line: usize,
        content: usize,
        indent: usize,
        segment: String,
        depth: usize,
        number: Option<u32>,
        rest: &str,
    ) {
        self.part_two();
        let Some(top) = self.top_mut() else { return };
        top.children += 1;
        let mut node = top.child(indent, Kind::Item, segment);
        node.depth = depth;
        if depth == 1 {
            node.paragraph = Some(node.segments.len() - 1);
            node.paragraph_number = number;
        }
        self.stack.push(node);
        match option_marker(rest.trim_start()) {
            Some(Block::Option { id, rest }) => self.option(line, content, &id, &rest, true),
            _ => self.open_own(line, rest),
        }
    }

    /// A closing paragraph followed by a list is the lead-in of a second
    /// part of its unit.
    fn part_two(&mut self) {
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        if top.kind != Kind::Closing || top.children > 0 {
            return;
        }
        if let Some(last) = top.segments.last_mut() {
            *last = ".part-2".to_string();
        }
        let label = top.label();
        if let Some(cut) = top.cut.and_then(|c| self.cuts.get_mut(c)) {
            cut.label = label;
        }
    }

    fn printed(&mut self, line: usize, indent: usize, number: &str, of: Option<u32>, rest: &str) {
        // A printed number is a sibling of printed numbers and items at
        // its indentation (`close_for` kept an option above it).
        let Some(top) = self.top_mut() else { return };
        top.children += 1;
        let belongs = of.is_none() || of == top.paragraph_number;
        let mut node = top.child(indent, Kind::Printed, String::new());
        node.segments.pop();
        match (node.paragraph, belongs) {
            (Some(at), true) => {
                if let Some(segment) = node.segments.get_mut(at) {
                    *segment = format!("({number})");
                }
                node.depth = 1;
            }
            _ => {
                node.segments.push(format!("({number})"));
                node.paragraph = Some(node.segments.len() - 1);
                node.depth = 1;
            }
        }
        self.stack.push(node);
        self.open_own(line, rest);
    }

    fn option(&mut self, line: usize, indent: usize, id: &str, rest: &str, inline: bool) {
        let Some(top) = self.top_mut() else { return };
        top.children += 1;
        let node = top.child(indent, Kind::Option { inline }, format!(".option-{id}"));
        self.stack.push(node);
        if rest.trim().is_empty() || is_scope_note(rest) {
            self.set_apart.line(line, Place::Marker);
            return;
        }
        if is_brace_note(rest) {
            let Some(top) = self.stack.last_mut() else {
                return;
            };
            top.children += 1;
            let mut note = top.child(indent, Kind::Note, ".note".to_string());
            // The note is the option's heading, not a unit under it.
            note.indent = usize::MAX;
            let label = note.label();
            let cut = self.new_cut(ChunkKind::Paragraph, label, vec![piece(line, rest)]);
            note.cut = Some(cut);
            self.stack.push(note);
            return;
        }
        self.open_own(line, rest);
    }

    /// Gives the top node its own cut, opening with `rest`.
    fn open_own(&mut self, line: usize, rest: &str) {
        if rest.trim().is_empty() {
            // A marker alone on its line: its text follows.
            self.set_apart.line(line, Place::Marker);
            self.current = None;
            return;
        }
        let Some(top) = self.stack.last() else { return };
        let label = top.label();
        let cut = self.new_cut(ChunkKind::Paragraph, label, vec![piece(line, rest)]);
        if let Some(top) = self.stack.last_mut() {
            top.cut = Some(cut);
        }
    }

    fn open_text(&mut self, line: usize, text: &str) {
        let Some(root) = self.root.as_ref() else {
            return;
        };
        let label = root.label();
        let cut = self.new_cut(ChunkKind::Paragraph, label, vec![piece(line, text)]);
        if let Some(root) = self.root.as_mut() {
            root.cut = Some(cut);
        }
    }

    /// Unmarked text: the top unit's own text while it has no sub-units,
    /// else a note or a closing paragraph of it.
    fn text(&mut self, line: usize, indent: usize, text: &str, note: bool) {
        let Some(top) = self.top() else { return };
        if top.kind == Kind::Note
            && note
            && let Some(cut) = top.cut
        {
            self.push_to(cut, line, text);
            return;
        }
        if top.children == 0 {
            match top.cut {
                Some(cut) => self.push_to(cut, line, text),
                None => {
                    let label = top.label();
                    let cut = self.new_cut(ChunkKind::Paragraph, label, vec![piece(line, text)]);
                    if let Some(top) = self.top_mut() {
                        top.cut = Some(cut);
                    }
                }
            }
            return;
        }
        let (kind, segment) = if note {
            (Kind::Note, ".note")
        } else {
            (Kind::Closing, ".closing")
        };
        let Some(top) = self.top_mut() else { return };
        top.children += 1;
        let mut node = top.child(indent, kind, segment.to_string());
        let label = node.label();
        let cut = self.new_cut(ChunkKind::Paragraph, label, vec![piece(line, text)]);
        node.cut = Some(cut);
        self.stack.push(node);
    }
}

static NEXT_NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"[\].;]\s+(?P<n>\d{1,3})\.\s+\S"));

/// A list item's text cut where the next item's number follows a closing
/// bracket or a full stop on the same line.
fn split_next(rest: &str, number: u32) -> Option<(String, String)> {
    let caps = NEXT_NUMBER.captures_iter(rest).find(|caps| {
        caps.name("n").and_then(|n| n.as_str().parse::<u32>().ok()) == Some(number + 1)
    })?;
    let whole = caps.get(0)?;
    let n = caps.name("n")?;
    let first = rest.get(..whole.start() + 1)?.trim().to_string();
    let second = rest.get(n.end() + 1..)?.trim().to_string();
    Some((first, second))
}

/// Whether an option id starts a series (`1`, `a`, `i`): options after a
/// note that restart their numbering are the note's own.
fn is_first(id: &str) -> bool {
    matches!(id, "1" | "a" | "i")
}

/// The letter of a list item numbered `n` (1 → a).
fn letter(n: u32) -> String {
    char::from_u32(u32::from(b'a') + n.saturating_sub(1))
        .filter(char::is_ascii_lowercase)
        .map_or_else(|| n.to_string(), String::from)
}

/// The title in an article heading after its number: "(definitions)" →
/// "definitions".
fn heading_title(plain: &str, after: usize) -> String {
    plain
        .get(after..)
        .unwrap_or("")
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        let (cuts, _, _) = cut(&lines, 0..lines.len());
        cuts.into_iter().map(|c| c.label).collect()
    }

    #[test]
    fn option_ids() {
        for (text, id) in [
            ("**Option 1:** text", "1"),
            ("**Option1**: text", "1"),
            ("**Option 2**. text", "2"),
            ("**Option 3**", "3"),
            ("**Option II:** text", "2"),
            ("Option (a): text", "a"),
            ("**Option 1bis:** text", "1bis"),
        ] {
            match option_marker(text) {
                Some(Block::Option { id: got, .. }) => assert_eq!(got, id, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
        assert!(option_marker("Options for the future").is_none());
    }

    #[test]
    fn a_small_draft() {
        let text = "site note\n\n## Draft agreement\n\n*Version of today*\n\n## Preamble\n\n\
            The Parties to this Agreement,\n\n*Being* Parties,\n\n**Option 1:** *Recognizing* a,\n\n\
            **Option 2:** *Recognizing* b,\n\nHave agreed as follows:\n\n## Article 1 *(purpose)*\n\n\
            **Option 1:**\n\n1. The purpose is to:\n\n    1. hold;\n    2. pursue.\n\n\
            2. Equity.\n\n**Option 2:**\n\nNo text\n\n## Article 2\n\n1. **Timing**\n\n\
            \x20   **Option 1:** Soon.\n\n    **Option 2:** Later.\n\n    *{A note}*\n\n\
            2. **Option 1:** Yes.\n\n   **Option 2:** No.\n\n3. Text.\n\n[Placeholder for annexes]\n";
        assert_eq!(
            labels(text),
            [
                "title",
                "header",
                "PP1",
                "PP2.option-1",
                "PP2.option-2",
                "art.1.option-1(1)",
                "art.1.option-1(1)(a)",
                "art.1.option-1(1)(b)",
                "art.1.option-1(2)",
                "art.1.option-2",
                "art.2(1)",
                "art.2(1).option-1",
                "art.2(1).option-2",
                "art.2(1).note",
                "art.2(2).option-1",
                "art.2(2).option-2",
                "art.2(3)",
                "annex",
            ]
        );
    }

    #[test]
    fn a_formula_without_a_paragraph_is_a_heading() {
        let text = "## Draft\n\n## Preamble\n\nThe Parties to this Agreement,\n\n\
                    ## Article 1\n\n**Option 1:** a\n";
        let lines: Vec<&str> = text.lines().collect();
        let (cuts, _, set_apart) = cut(&lines, 0..lines.len());
        assert!(cuts.iter().all(|c| c.pieces.iter().all(|p| p.line != 5)));
        assert!(set_apart.lines().any(|line| line == 5));
    }

    #[test]
    fn recognised_from_headings_and_options() {
        let text = "## Article 1\n\n**Option 1:** a\n\n## Article 2\n\ntext\n";
        let lines: Vec<&str> = text.lines().collect();
        assert!(recognise(&lines));
        assert!(!recognise(&["## Article 1", "## Article 2", "text"]));
    }
}
