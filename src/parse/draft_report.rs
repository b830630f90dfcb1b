//! Cutting a draft report: title and header, sections and their pillars,
//! numbered paragraphs and their sub-items, recommended next steps, annex.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{ChunkKind, Pillar, PillarTable, Section};

use super::block::Block;
use super::cut::Cut;
use super::markup;
use super::numbering::{ItemKind, Labeler, Marker, roman_value, split_marker};
use super::places::{Place, SetApart};
use super::regex;

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?P<num>[A-Z]|[IVXL]{2,6})\.\s+(?P<title>\p{Lu}.{0,150})$"));
static NEXT_STEPS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(?:recommended\s+)?next\s+steps\s*:?$"));
static ANNEX: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^annex(?:\s+[a-z0-9]{1,3})?\s*:?$"));

/// A section heading.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Heading {
    /// `II. Organizational matters`
    Chapter(String, String),
    /// `E. Confidence-Building Measures`
    Section(char, String),
}

/// Reads a heading line; `last_section` disambiguates `I.`/`V.`/`X.` (a
/// roman chapter, unless the previous section letter was `H`/`U`/`W`).
fn heading(plain: &str, last_section: Option<char>) -> Option<Heading> {
    let caps = HEADING.captures(plain)?;
    let num = caps.name("num")?.as_str();
    let title = caps.name("title")?.as_str().trim();
    if title.ends_with(['.', ',', ';']) || title.split_whitespace().count() > 20 {
        return None;
    }
    let mut chars = num.chars();
    let single = match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    let follows_letter =
        |c: char| last_section.and_then(|l| char::from_u32(l as u32 + 1)) == Some(c);
    match single {
        Some(c @ ('I' | 'V' | 'X')) if !follows_letter(c) => {
            Some(Heading::Chapter(num.to_string(), title.to_string()))
        }
        Some(c) => Some(Heading::Section(c, title.to_string())),
        None => roman_value(&num.to_lowercase())
            .map(|_| Heading::Chapter(num.to_string(), title.to_string())),
    }
}

/// Whether a line reads as a section heading or a "Recommended next steps" line.
pub fn looks_like_heading(plain: &str) -> bool {
    heading(plain, None).is_some() || NEXT_STEPS.is_match(plain)
}

/// The text of a line without markup characters, for classifying it.
pub fn plain(text: &str) -> String {
    markup::mark([text], false).text
}

/// The place of a line of dots between parts of a text.
pub const SEPARATOR: Place = Place::Furniture("separator");

/// Whether a block holds nothing but dots (`.`, `.    .    .`): a separator.
pub fn is_dots(plain: &str) -> bool {
    !plain.is_empty() && plain.chars().all(|c| c == '.' || c.is_whitespace())
}

/// Whether a text ends a clause of a list, so that a lower-case item after
/// it is the list's next item: `…;`, `…,`, `…, and`, `…; or`.
fn ends_list_clause(plain: &str) -> bool {
    let text = plain.trim_end();
    let before_conjunction = text
        .strip_suffix(" and")
        .or_else(|| text.strip_suffix(" or"))
        .map(str::trim_end);
    before_conjunction.unwrap_or(text).ends_with([',', ';'])
}

/// Cuts the blocks of a draft report into chunks; headings and separators
/// are set apart in `aside`.
pub fn cut<'a>(
    blocks: &'a [Block],
    pillars: &'a PillarTable,
    track_changes: bool,
    aside: &mut SetApart,
) -> Vec<Cut> {
    let mut cutter = Cutter {
        pillars,
        track_changes,
        cuts: Vec::new(),
        front: Vec::new(),
        started: false,
        chapter: None,
        section: None,
        last_section: None,
        pillar: Pillar::General,
        labeler: Labeler::default(),
        unnumbered: 0,
    };
    for (i, block) in blocks.iter().enumerate() {
        let plain = plain(&block.joined());
        if is_dots(&plain) {
            aside.block(block, SEPARATOR);
            continue;
        }
        if cutter.started && ANNEX.is_match(&plain) {
            let rest: Vec<&Block> = blocks.get(i..).unwrap_or_default().iter().collect();
            let label = cutter.labeler.unique("annex".to_string());
            cutter.cuts.push(Cut::new(ChunkKind::Annex, label, &rest));
            break;
        }
        if !cutter.block(block, &plain) {
            aside.block(block, Place::Heading);
        }
    }
    cutter.start();
    cutter.cuts
}

struct Cutter<'a> {
    pillars: &'a PillarTable,
    track_changes: bool,
    cuts: Vec<Cut>,
    /// Blocks before the first heading or item: header and title.
    front: Vec<&'a Block>,
    started: bool,
    chapter: Option<(String, String)>,
    section: Option<Section>,
    last_section: Option<char>,
    pillar: Pillar,
    labeler: Labeler,
    unnumbered: usize,
}

impl<'a> Cutter<'a> {
    /// Reads one block: `false` when it is a heading, in no cut.
    fn block(&mut self, block: &'a Block, plain: &str) -> bool {
        if let Some(heading) = heading(plain, self.last_section) {
            self.start();
            self.enter(heading);
            return false;
        }
        if NEXT_STEPS.is_match(plain) {
            self.start();
            let number = self
                .section
                .as_ref()
                .map_or("", |s| s.number.as_str())
                .to_string();
            self.labeler.enter_next_steps(&number);
            return false;
        }
        let Some(first) = block.pieces.first() else {
            return true;
        };
        if let Some(found) = split_marker(&first.text) {
            self.start();
            self.item(block, found.marker, &found.rest);
            return true;
        }
        if !self.started {
            self.front.push(block);
            return true;
        }
        if let Some(previous) = self
            .cuts
            .last_mut()
            .filter(|c| c.is_item() && !c.ends_sentence())
        {
            previous.push_block(block);
            return true;
        }
        self.unnumbered += 1;
        let prefix = self
            .section
            .as_ref()
            .map_or(String::new(), |s| format!("{}.", s.number));
        let label = self
            .labeler
            .unique(format!("{prefix}text-{}", self.unnumbered));
        let cut = Cut::new(ChunkKind::Paragraph, label, &[block])
            .in_section(self.section.clone(), self.pillar);
        self.cuts.push(cut);
        true
    }

    fn item(&mut self, block: &Block, marker: Marker, rest: &str) {
        let previous_mid_phrase = self.cuts.last().is_some_and(|c| {
            c.is_item() && !c.ends_sentence() && !ends_list_clause(&plain(c.last_text()))
        });
        let lower_start = plain(rest).starts_with(char::is_lowercase);
        if previous_mid_phrase
            && lower_start
            && matches!(marker, Marker::Letter(_) | Marker::Ambiguous(_))
        {
            // A sub-item marker in mid-phrase is a page-break artefact
            // (Zero Draft 8(b) "…support capacity-building for" / "c) implementing…");
            // after "…, and" or "…;" the lower-case item is the list's next.
            if let Some(previous) = self.cuts.last_mut() {
                previous.push_item(block, rest);
            }
            return;
        }
        let opens_list = self.cuts.last().is_some_and(Cut::opens_list);
        let struck = self.is_struck(block, rest);
        let (label, kind) = self.labeler.label(&marker, opens_list, struck);
        let kind = match kind {
            ItemKind::Paragraph => ChunkKind::Paragraph,
            ItemKind::NextStep => ChunkKind::NextStep,
        };
        let cut = Cut::item(kind, label, block, rest).in_section(self.section.clone(), self.pillar);
        self.cuts.push(cut);
    }

    /// An item struck out whole: it has deleted words and no live ones.
    fn is_struck(&self, block: &Block, rest: &str) -> bool {
        let mut lines = vec![rest];
        lines.extend(block.pieces.iter().skip(1).map(|p| p.text.as_str()));
        let marked = markup::mark(lines, self.track_changes);
        marked.text.is_empty() && !marked.deleted.is_empty()
    }

    fn enter(&mut self, heading: Heading) {
        match heading {
            Heading::Chapter(number, title) => {
                self.last_section = None;
                self.section = Some(Section {
                    number: number.clone(),
                    heading: title.clone(),
                });
                self.pillar = self.pillars.pillar_of(&title);
                self.chapter = Some((number, title));
            }
            Heading::Section(letter, title) => {
                self.last_section = Some(letter);
                let number = match &self.chapter {
                    Some((chapter, _)) => format!("{chapter}.{letter}"),
                    None => letter.to_string(),
                };
                self.pillar = self
                    .pillars
                    .lookup(&title)
                    .or_else(|| {
                        self.chapter
                            .as_ref()
                            .and_then(|(_, t)| self.pillars.lookup(t))
                    })
                    .unwrap_or(Pillar::General);
                self.section = Some(Section {
                    number,
                    heading: title,
                });
            }
        }
        self.labeler.enter_section();
    }

    /// Ends the front matter: the last run of tight blocks is the title, what
    /// precedes it the header (a GA document's symbol, date and session lines).
    fn start(&mut self) {
        if self.started {
            return;
        }
        self.started = true;
        let front = std::mem::take(&mut self.front);
        if front.is_empty() {
            return;
        }
        let mut title_start = front.len() - 1;
        while title_start > 0 && front.get(title_start).is_some_and(|b| b.tight) {
            title_start -= 1;
        }
        let (header, title) = front.split_at(title_start);
        if !header.is_empty() {
            let label = self.labeler.unique("header".to_string());
            self.cuts.push(Cut::new(ChunkKind::Header, label, header));
        }
        let label = self.labeler.unique("title".to_string());
        self.cuts.push(Cut::new(ChunkKind::Title, label, title));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(
            heading("E. Confidence-Building Measures", Some('D')),
            Some(Heading::Section('E', "Confidence-Building Measures".into()))
        );
        assert_eq!(
            heading("I. Introduction", None),
            Some(Heading::Chapter("I".into(), "Introduction".into()))
        );
        assert_eq!(
            heading("I. Inclusion", Some('H')),
            Some(Heading::Section('I', "Inclusion".into()))
        );
        assert_eq!(
            heading("III. Adoption of the report", Some('F')),
            Some(Heading::Chapter(
                "III".into(),
                "Adoption of the report".into()
            ))
        );
        assert_eq!(heading("A. The OEWG recalled its mandate.", None), None);
        assert_eq!(heading("Recommended next steps", None), None);
    }

    fn labels(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        let layout = super::super::Layout::Markdown;
        let blocks = super::super::block::blocks(&lines, 0..lines.len(), layout);
        let pillars = PillarTable::default();
        cut(&blocks.blocks, &pillars, false, &mut SetApart::default())
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    #[test]
    fn a_sub_item_in_mid_phrase_is_a_page_break_artefact() {
        let text = "A. Introduction\n\n8. States proposed:\n\n- a) First, they met.\n\n\
                    - b) It was proposed that the PoA could support capacity-building for\n\n\
                    - c) implementing the framework.\n";
        assert_eq!(labels(text), ["8", "8(a)", "8(b)"]);
    }

    #[test]
    fn a_lower_case_item_after_a_list_clause_stays_apart() {
        for end in [", and", ";", ", or", "; and", ","] {
            let text = format!(
                "A. Introduction\n\n8. States proposed:\n\n- a) first, to meet{end}\n\n\
                 - b) second, to agree{end}\n\n- c) third, to report.\n"
            );
            assert_eq!(labels(&text), ["8", "8(a)", "8(b)", "8(c)"], "{end}");
        }
    }
}
