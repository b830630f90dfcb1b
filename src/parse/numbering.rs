//! Item markers (`12.`, `a)`, `(iv)`) and the labels they become.
//!
//! Numbering in negotiating texts is written inconsistently (`- a)`, ` - a)`,
//! `a)`, `(i)`, `i)`), restarts in every "Recommended next steps" block, and
//! `i)`/`v)`/`x)`/`c)` may be a letter or a roman numeral: [`Labeler`] decides
//! from context.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::regex;
pub use crate::model::numerals::to_roman;

/// What an item marker says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `12.`
    Number(u32),
    /// `a)`, `(b)`
    Letter(char),
    /// `(iv)`, `ii)`, with its value and its spelling.
    Roman(u32, String),
    /// `i)`, `v)`, `x)`, `c)`…: a letter or a roman numeral.
    Ambiguous(char),
}

/// A marker found at the start of a line, and the rest of the line (bullet
/// and marker removed, leading markup such as `~~` kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub marker: Marker,
    pub rest: String,
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^\s*(?:[-•–]\s*)?(?P<pre>\*\*|~~)?\s*(?:(?P<num>\d{1,3})\.|\(?(?P<alpha>[a-z]{1,12})\))(?:\s+|$)(?P<rest>.*)$",
    )
});

/// Splits a leading item marker off `line`, if there is one.
pub fn split_marker(line: &str) -> Option<Marked> {
    let caps = MARKER.captures(line)?;
    let pre = caps.name("pre").map_or("", |m| m.as_str());
    let rest = format!("{pre}{}", caps.name("rest").map_or("", |m| m.as_str()));
    let marker = if let Some(num) = caps.name("num") {
        Marker::Number(num.as_str().parse().ok()?)
    } else {
        let alpha = caps.name("alpha")?.as_str();
        let mut chars = alpha.chars();
        match (chars.next(), chars.next(), roman_value(alpha)) {
            (Some(c), None, Some(_)) => Marker::Ambiguous(c),
            (Some(c), None, None) => Marker::Letter(c),
            (_, _, Some(value)) => Marker::Roman(value, alpha.to_string()),
            _ => return None,
        }
    };
    Some(Marked { marker, rest })
}

/// The value of a lower-case roman numeral in canonical form (`iv`, not `iiii`).
pub fn roman_value(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    let digit = |c| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        'd' => Some(500),
        'm' => Some(1000),
        _ => None,
    };
    let values: Vec<i64> = text.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, &v) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(&next) if next > v => total -= v,
            _ => total += v,
        }
    }
    // Non-canonical spellings ("iiii", "vx") are letters or words, not numerals.
    let total = u32::try_from(total).ok()?;
    (to_roman(total) == text).then_some(total)
}

/// The unit that numbered items belong to, and how their labels join it:
/// `art.7(1)`, `art.7(a)` ([`Joint::Bracket`]) or `annex-I.3`, `annex-I.(a)`
/// ([`Joint::Dot`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub label: String,
    pub joint: Joint,
    /// Added to every numbered label of the unit (`.option-I` under an
    /// option heading).
    pub suffix: String,
}

/// How an item's label joins its scope's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joint {
    /// `art.7` + `1` → `art.7(1)`; `art.7` + `a` → `art.7(a)`.
    Bracket,
    /// `annex-I` + `3` → `annex-I.3`; `annex-I` + `a` → `annex-I.(a)`.
    Dot,
}

impl Scope {
    /// A unit without suffix.
    pub fn new(label: String, joint: Joint) -> Scope {
        Scope {
            label,
            joint,
            suffix: String::new(),
        }
    }

    fn number(&self, n: &str) -> String {
        let numbered = match (self.joint, self.label.is_empty()) {
            (_, true) => n.to_string(),
            (Joint::Bracket, false) => format!("{}({n})", self.label),
            (Joint::Dot, false) => format!("{}.{n}", self.label),
        };
        format!("{numbered}{}", self.suffix)
    }

    fn bracketed(&self, item: &str) -> String {
        match (self.joint, self.label.is_empty()) {
            (Joint::Bracket, _) | (_, true) => format!("{}({item})", self.label),
            (Joint::Dot, false) => format!("{}.({item})", self.label),
        }
    }
}

/// Whether a new item is a paragraph or a recommended next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Paragraph,
    NextStep,
}

/// Turns markers into citation labels, keeping track of where we are:
/// `16`, `16(a)`, `14(c)(i)`, `next-steps-E.2`, `7(b)(vi)-deleted`.
#[derive(Debug, Default)]
pub struct Labeler {
    /// `Some(section)` inside a "Recommended next steps" block of that section.
    next_steps: Option<String>,
    /// The unit numbered items belong to (`art.7`, `annex-I`), if any.
    scope: Option<Scope>,
    top: Option<String>,
    letter: Option<(char, String)>,
    roman: Option<u32>,
    used: HashSet<String>,
    /// For a label already used, the suffix to try next: a file that
    /// repeats one marker thousands of times must not make every new item
    /// try every suffix again (that was quadratic).
    next_suffix: HashMap<String, usize>,
}

impl Labeler {
    /// Enters a new section: lettered and roman lists end.
    pub fn enter_section(&mut self) {
        self.next_steps = None;
        self.top = None;
        self.letter = None;
        self.roman = None;
    }

    /// Enters a unit (an article, an annex) whose items are labelled under
    /// `scope`; numbering starts again.
    pub fn enter_scope(&mut self, scope: Scope) {
        self.enter_section();
        self.scope = Some(scope);
    }

    /// Gives a numbered item a label of its own making (`annex-II.(ABS)9.1`,
    /// a tagged number): its sub-items are labelled under it.
    pub fn numbered(&mut self, label: String) -> String {
        let label = self.unique(label);
        self.top = Some(label.clone());
        self.letter = None;
        self.roman = None;
        label
    }

    /// The label of the current unit (`art.7`, `annex-II`), if any.
    pub fn scope_label(&self) -> Option<String> {
        self.scope.as_ref().map(|s| s.label.clone())
    }

    /// The current unit, if any.
    pub fn scope(&self) -> Option<&Scope> {
        self.scope.as_ref()
    }

    /// The last number, letter and roman numeral given in the current unit.
    pub fn position(&self) -> (Option<&str>, Option<char>, Option<u32>) {
        (
            self.top.as_deref(),
            self.letter.as_ref().map(|(c, _)| *c),
            self.roman,
        )
    }

    /// Enters the "Recommended next steps" block of `section`.
    pub fn enter_next_steps(&mut self, section: &str) {
        self.enter_section();
        self.next_steps = Some(section.to_string());
    }

    /// The label of a new item. `opens_list`: the previous item ended with a
    /// colon, so this one may start a sub-list. `struck`: the item is deleted
    /// whole; it is labelled `…-deleted` and does not advance the numbering.
    pub fn label(&mut self, marker: &Marker, opens_list: bool, struck: bool) -> (String, ItemKind) {
        let kind = if self.next_steps.is_some() {
            ItemKind::NextStep
        } else {
            ItemKind::Paragraph
        };
        let label = match marker {
            Marker::Number(n) => {
                let label = match (&self.next_steps, &self.scope) {
                    (Some(section), _) => format!("next-steps-{section}.{n}"),
                    (None, Some(scope)) => scope.number(&n.to_string()),
                    (None, None) => n.to_string(),
                };
                if !struck {
                    self.top = Some(label.clone());
                    self.letter = None;
                    self.roman = None;
                }
                label
            }
            Marker::Letter(c) => self.letter_label(*c, struck),
            Marker::Roman(value, text) => self.roman_label(*value, text, struck),
            Marker::Ambiguous(c) => {
                let value = roman_value(&c.to_string()).unwrap_or(0);
                if self.reads_as_roman(*c, value, opens_list) {
                    self.roman_label(value, &c.to_string(), struck)
                } else {
                    self.letter_label(*c, struck)
                }
            }
        };
        let label = if struck {
            format!("{label}-deleted")
        } else {
            label
        };
        (self.unique(label), kind)
    }

    fn reads_as_roman(&self, c: char, value: u32, opens_list: bool) -> bool {
        let expected_letter = self
            .letter
            .as_ref()
            .map_or(Some('a'), |(l, _)| char::from_u32(*l as u32 + 1));
        if opens_list && value == 1 && self.letter.is_some() {
            return true;
        }
        if self.roman.is_some_and(|r| value == r + 1) {
            return true;
        }
        if expected_letter == Some(c) {
            return false;
        }
        value == 1 || self.roman.is_some()
    }

    fn letter_label(&mut self, c: char, struck: bool) -> String {
        let label = match (&self.top, &self.scope) {
            (None, Some(scope)) => scope.bracketed(&c.to_string()),
            (top, _) => format!("{}({c})", top.as_deref().unwrap_or("")),
        };
        if !struck {
            self.letter = Some((c, label.clone()));
            self.roman = None;
        }
        label
    }

    fn roman_label(&mut self, value: u32, text: &str, struck: bool) -> String {
        let parent = self
            .letter
            .as_ref()
            .map(|(_, l)| l.as_str())
            .or(self.top.as_deref());
        let label = match (parent, &self.scope) {
            (None, Some(scope)) => scope.bracketed(text),
            (parent, _) => format!("{}({text})", parent.unwrap_or("")),
        };
        if !struck {
            self.roman = Some(value);
        }
        label
    }

    /// Makes a label unique in the document (`-2`, `-3`… on a collision).
    pub fn unique(&mut self, label: String) -> String {
        if self.used.insert(label.clone()) {
            return label;
        }
        // Every suffix below the remembered one is taken: `used` only grows.
        let mut n = self.next_suffix.get(&label).copied().unwrap_or(2);
        let mut candidate = format!("{label}-{n}");
        while !self.used.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{label}-{n}");
        }
        self.next_suffix.insert(label, n + 1);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(line: &str) -> Marker {
        split_marker(line).unwrap().marker
    }

    #[test]
    fn markers_in_all_spellings() {
        assert_eq!(marker("12. States made"), Marker::Number(12));
        assert_eq!(marker(" - a) Technical"), Marker::Letter('a'));
        assert_eq!(marker("- b) Recalling"), Marker::Letter('b'));
        assert_eq!(marker(" - (ii) Cooperation"), Marker::Roman(2, "ii".into()));
        assert_eq!(marker("i) “Establishing"), Marker::Ambiguous('i'));
        assert_eq!(marker("- 1. States continue"), Marker::Number(1));
        let struck = split_marker(" - ~~(vi) Sharing of~~").unwrap();
        assert_eq!(struck.marker, Marker::Roman(6, "vi".into()));
        assert_eq!(struck.rest, "~~Sharing of~~");
        assert_eq!(split_marker("A. Introduction"), None);
        assert_eq!(split_marker("2025 took place"), None);
        assert_eq!(split_marker("(continued) text"), None);
    }

    #[test]
    fn romans() {
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("ix"), Some(9));
        assert_eq!(roman_value("mmmcmxcix"), Some(3999));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("abc"), None);
    }

    #[test]
    fn i_after_a_colon_is_roman_and_after_h_is_a_letter() {
        let mut l = Labeler::default();
        l.label(&Marker::Number(14), false, false);
        for c in ['a', 'b'] {
            l.label(&Marker::Letter(c), false, false);
        }
        assert_eq!(l.label(&Marker::Ambiguous('c'), false, false).0, "14(c)");
        assert_eq!(l.label(&Marker::Ambiguous('i'), true, false).0, "14(c)(i)");
        assert_eq!(
            l.label(&Marker::Roman(2, "ii".into()), false, false).0,
            "14(c)(ii)"
        );
        assert_eq!(l.label(&Marker::Ambiguous('d'), false, false).0, "14(d)");

        let mut l = Labeler::default();
        l.label(&Marker::Number(17), false, false);
        for c in 'a'..='h' {
            l.label(&Marker::Letter(c), false, false);
        }
        assert_eq!(l.label(&Marker::Ambiguous('i'), false, false).0, "17(i)");
    }

    #[test]
    fn struck_items_do_not_advance_and_next_steps_restart() {
        let mut l = Labeler::default();
        l.enter_next_steps("F");
        l.label(&Marker::Number(3), false, false);
        let (label, kind) = l.label(&Marker::Number(4), false, true);
        assert_eq!(
            (label.as_str(), kind),
            ("next-steps-F.4-deleted", ItemKind::NextStep)
        );
        assert_eq!(
            l.label(&Marker::Number(4), false, false).0,
            "next-steps-F.4"
        );
        l.enter_section();
        assert_eq!(
            l.label(&Marker::Number(12), false, false),
            ("12".to_string(), ItemKind::Paragraph)
        );
        assert_eq!(l.unique("12".into()), "12-2");
    }

    #[test]
    fn repeated_labels_take_the_next_free_suffix() {
        let mut l = Labeler::default();
        let labels: Vec<String> = ["12", "12-2", "12", "12", "12-3", "12-5", "12"]
            .into_iter()
            .map(|label| l.unique(label.to_string()))
            .collect();
        assert_eq!(
            labels,
            ["12", "12-2", "12-3", "12-4", "12-3-2", "12-5", "12-6"]
        );
        // A marker repeated many times: each item gets the next suffix.
        let mut l = Labeler::default();
        let last = (0..10_000).map(|_| l.unique("1".to_string())).last();
        assert_eq!(last.as_deref(), Some("1-10000"));
    }
}
