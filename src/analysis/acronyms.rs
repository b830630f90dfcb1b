//! Acronyms: `PoC`, `PoCs`, `POCs` and `points of contact` are one thing.
//!
//! **Recognising an acronym.** A word is acronym-shaped when, in the original
//! text, it starts with a capital, has at least two capitals, more capitals
//! than lowercase letters, and nothing but ASCII letters and digits
//! (`PoC`, `CBM`, `OEWG`, `IPv6`). A trailing lowercase `s` after a capital is
//! the plural and is dropped (`CBMs` → `CBM`, `PoCs` → `PoC`) — before the
//! stemmer, which would leave `cbms` alone. The acronym's *key* is that
//! singular in lowercase (`poc`). Case matters only here: a lowercase `it` or
//! `us` is never taken for an acronym.
//!
//! **Learning expansions.** A text defines an acronym by the pattern
//! `words (ACRONYM)`: the acronym in parentheses right after the words whose
//! initials spell it (`points of contact (PoCs)`, `confidence-building
//! measures (CBMs)` — a hyphenated part counts as a word — `Group of
//! Governmental Experts (GGE)`, where the short words `of`, `and`, `the`, …
//! may be skipped). Only words joined by spaces or hyphens are read, so a
//! comma or a full stop ends the search. When a text gives several
//! expansions, the most frequent wins; a [`Glossary`] entry overrides any
//! learned one (and supplies what the text never spells out, such as
//! `UNIDIR`).
//!
//! **Indexing them** is the analyzer's job (see the [module](super) docs):
//! the acronym and its expansion are made to index to the same tokens.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::{Token, TokenStream};

use super::folding::{front_end, is_hyphen, lowercase};
use super::glossary::Glossary;

/// Short words an expansion may contain without their initial in the acronym.
const SKIPPABLE: &[&str] = &[
    "a", "an", "and", "by", "for", "in", "of", "on", "the", "to", "with",
];
/// How many words before the parenthesis a definition may span.
const MAX_EXPANSION_WORDS: usize = 12;
/// How many skippable words one expansion may skip.
const MAX_SKIPS: usize = 3;
/// How far after a `(` its `)` is looked for: an acronym is a short word.
const MAX_ACRONYM_CHARS: usize = 64;

/// The singular of an acronym-shaped word (`"PoCs"` → `"PoC"`), or `None`
/// when the word does not look like an acronym. `word` is folded but keeps
/// its original case.
pub(crate) fn acronym_core(word: &str) -> Option<&str> {
    let bytes = word.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let core = match bytes {
        [.., upper, b's'] if upper.is_ascii_uppercase() => word.strip_suffix('s').unwrap_or(word),
        _ => word,
    };
    let (mut upper, mut letters) = (0usize, 0usize);
    for b in core.bytes() {
        if b.is_ascii_uppercase() {
            upper += 1;
            letters += 1;
        } else if b.is_ascii_lowercase() {
            letters += 1;
        } else if !b.is_ascii_digit() {
            return None;
        }
    }
    (upper >= 2 && upper * 2 > letters).then_some(core)
}

/// The lookup key of an acronym as a user or a glossary writes it:
/// `"PoCs"`, `"PoC"` and `"poc"` all give `"poc"`.
pub(crate) fn acronym_key(acronym: &str) -> String {
    let acronym = acronym.trim();
    lowercase(acronym_core(acronym).unwrap_or(acronym))
}

/// Acronyms and their expansions (`poc` → `points of contact`).
///
/// Keys are lowercase singular acronyms; expansions are lowercase and folded,
/// hyphens kept (`cbm` → `confidence-building measures`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AcronymTable {
    expansions: BTreeMap<String, String>,
}

impl AcronymTable {
    /// Learns the acronyms that `texts` define, then applies `glossary`,
    /// whose entries win over learned ones.
    pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str>, glossary: &Glossary) -> Self {
        let mut learner = DefinitionLearner::default();
        for text in texts {
            learner.observe(text);
        }
        learner.finish(glossary)
    }

    /// Sets the expansion of `acronym` (any case, singular or plural).
    pub fn insert(&mut self, acronym: &str, expansion: &str) {
        let expansion = normalise_expansion(expansion);
        let key = acronym_key(acronym);
        if !key.is_empty() && !expansion.is_empty() {
            self.expansions.insert(key, expansion);
        }
    }

    /// The expansion of `acronym` (any case, singular or plural).
    pub fn expansion(&self, acronym: &str) -> Option<&str> {
        self.expansions
            .get(&acronym_key(acronym))
            .map(String::as_str)
    }

    /// Every acronym key with its expansion, in alphabetical order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.expansions
            .iter()
            .map(|(key, expansion)| (key.as_str(), expansion.as_str()))
    }

    /// How many acronyms are known.
    pub fn len(&self) -> usize {
        self.expansions.len()
    }

    /// Whether no acronym is known.
    pub fn is_empty(&self) -> bool {
        self.expansions.is_empty()
    }
}

/// An acronym defined in a text: `acronym` as written (singular), and the
/// `expansion` before it, lowercase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The acronym, singular, as written (`"PoC"`).
    pub acronym: String,
    /// The words it stands for, lowercase, hyphens kept.
    pub expansion: String,
}

/// Every `words (ACRONYM)` definition in `text`, in order.
///
/// Only the text around each `(` is read: the acronym after it and the few
/// words before it (see `definition_at`), so learning costs a scan for
/// parentheses rather than a segmentation of the whole corpus.
pub fn definitions(text: &str) -> Vec<Definition> {
    text.match_indices('(')
        .filter_map(|(paren, _)| definition_at(text, paren))
        .collect()
}

/// The definition whose acronym follows the `(` at byte `paren`, if any.
///
/// The window read starts [`MAX_EXPANSION_WORDS`]` + 2` space-separated
/// pieces before the parenthesis (every word of an expansion lies in one,
/// since a piece holds at least one word and anything else between two
/// pieces ends the expansion) and ends at the `)` after the acronym.
fn definition_at(text: &str, paren: usize) -> Option<Definition> {
    let after = text.get(paren + 1..)?;
    let close = after
        .char_indices()
        .take(MAX_ACRONYM_CHARS)
        .find(|&(_, c)| c == ')')?
        .0;
    let end = paren + 1 + close + 1;
    let mut start = paren;
    let mut pieces = 0;
    let mut in_space = false;
    for (i, c) in text.get(..paren)?.char_indices().rev() {
        if c.is_whitespace() {
            if !in_space {
                pieces += 1;
                if pieces > MAX_EXPANSION_WORDS + 2 {
                    break;
                }
            }
            in_space = true;
        } else {
            in_space = false;
        }
        start = i;
    }
    let window = text.get(start..end)?;
    let paren = paren - start;

    let mut analyzer = front_end();
    let mut stream = analyzer.token_stream(window);
    let mut tokens: Vec<Token> = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(token.clone());
    }
    let gap = |from: usize, to: usize| window.get(from..to).unwrap_or("");
    // The text between token `j - 1` and token `j` (none before the first).
    let gap_before = |j: usize| match j.checked_sub(1).and_then(|p| tokens.get(p..=j)) {
        Some([before, this]) => gap(before.offset_to, this.offset_from),
        _ => "",
    };
    let i = tokens.iter().position(|t| t.offset_from > paren)?;
    let [before, acronym] = tokens.get(i.checked_sub(1)?..=i)? else {
        return None;
    };
    if gap(before.offset_to, acronym.offset_from).trim() != "(" {
        return None;
    }
    let after_end = tokens.get(i + 1).map_or(window.len(), |t| t.offset_from);
    if !gap(acronym.offset_to, after_end)
        .trim_start()
        .starts_with(')')
    {
        return None;
    }
    let core = acronym_core(&acronym.text)?;
    // The words before the parenthesis, nearest first, while only spaces
    // or a hyphen separate them.
    let mut words: Vec<usize> = vec![i - 1];
    while words.len() < MAX_EXPANSION_WORDS {
        let Some(&j) = words.last().filter(|&&j| j > 0) else {
            break;
        };
        let between = gap_before(j);
        if !(is_hyphen(between) || (!between.is_empty() && between.trim().is_empty())) {
            break;
        }
        words.push(j - 1);
    }
    let initials: Vec<u8> = core
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let lowered: Vec<String> = words
        .iter()
        .filter_map(|&j| tokens.get(j))
        .map(|token| lowercase(&token.text))
        .collect();
    let used = match_initials(&initials, &lowered, MAX_SKIPS)?;
    if used < 2 {
        return None;
    }
    let mut expansion = String::new();
    for (k, (&j, word)) in words.iter().zip(&lowered).take(used).enumerate().rev() {
        if k + 1 < used {
            expansion.push(if is_hyphen(gap_before(j)) { '-' } else { ' ' });
        }
        expansion.push_str(word);
    }
    Some(Definition {
        acronym: core.to_string(),
        expansion,
    })
}

/// How many of `words` (nearest the acronym first) spell `initials` read
/// backwards, skipping at most `skips` short words; `None` if they do not.
fn match_initials(initials: &[u8], words: &[String], skips: usize) -> Option<usize> {
    let Some((&last, rest_initials)) = initials.split_last() else {
        return Some(0);
    };
    let (word, rest_words) = words.split_first()?;
    if word.as_bytes().first() == Some(&last)
        && let Some(used) = match_initials(rest_initials, rest_words, skips)
    {
        return Some(used + 1);
    }
    if skips > 0 && SKIPPABLE.contains(&word.as_str()) {
        return match_initials(initials, rest_words, skips - 1).map(|used| used + 1);
    }
    None
}

/// Lowercase, folded, single-spaced.
fn normalise_expansion(expansion: &str) -> String {
    lowercase(expansion)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Counts the definitions seen, to keep the most frequent per acronym.
#[derive(Default)]
pub(crate) struct DefinitionLearner {
    /// key → (expansion, count), in order of first sighting.
    seen: HashMap<String, Vec<(String, usize)>>,
}

impl DefinitionLearner {
    pub(crate) fn observe(&mut self, text: &str) {
        for definition in definitions(text) {
            let variants = self
                .seen
                .entry(acronym_key(&definition.acronym))
                .or_default();
            match variants
                .iter_mut()
                .find(|(e, _)| *e == definition.expansion)
            {
                Some((_, count)) => *count += 1,
                None => variants.push((definition.expansion, 1)),
            }
        }
    }

    /// Adds the counts of `later`, whose texts come after this one's
    /// (variants keep the order of their first sighting).
    pub(crate) fn merge(&mut self, later: DefinitionLearner) {
        for (key, variants) in later.seen {
            let mine = self.seen.entry(key).or_default();
            for (expansion, count) in variants {
                match mine.iter_mut().find(|(e, _)| *e == expansion) {
                    Some((_, n)) => *n += count,
                    None => mine.push((expansion, count)),
                }
            }
        }
    }

    pub(crate) fn finish(self, glossary: &Glossary) -> AcronymTable {
        let mut table = AcronymTable::default();
        for (key, variants) in self.seen {
            let mut best: Option<&(String, usize)> = None;
            for variant in &variants {
                if best.is_none_or(|b| variant.1 > b.1) {
                    best = Some(variant);
                }
            }
            if let Some((expansion, _)) = best {
                table.insert(&key, expansion);
            }
        }
        for (acronym, expansion) in glossary.acronyms() {
            table.insert(acronym, expansion);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_shapes() {
        for (word, core) in [
            ("PoC", Some("PoC")),
            ("PoCs", Some("PoC")),
            ("POCs", Some("POC")),
            ("CBMs", Some("CBM")),
            ("CERTs", Some("CERT")),
            ("GGEs", Some("GGE")),
            ("OEWG", Some("OEWG")),
            ("IPv6", Some("IPv6")),
            ("CII", Some("CII")),
            ("MEASURES", Some("MEASURES")),
            ("States", None),
            ("McDonald", None),
            ("It", None),
            ("Is", None),
            ("it", None),
            ("poc", None),
            ("Ms", None),
            ("U.N", None),
            ("Genève", None),
        ] {
            assert_eq!(acronym_core(word), core, "{word}");
        }
        assert_eq!(acronym_key("PoCs"), "poc");
        assert_eq!(acronym_key("poc"), "poc");
        assert_eq!(acronym_key("ICTs"), "ict");
    }

    fn defs(text: &str) -> Vec<(String, String)> {
        definitions(text)
            .into_iter()
            .map(|d| (d.acronym, d.expansion))
            .collect()
    }

    fn pair(a: &str, e: &str) -> (String, String) {
        (a.to_string(), e.to_string())
    }

    #[test]
    fn finds_definitions_in_real_sentences() {
        assert_eq!(
            defs(
                "States may, on a voluntary basis, provide points of contact (PoCs) at the diplomatic, policy and technical levels"
            ),
            [pair("PoC", "points of contact")]
        );
        assert_eq!(
            defs(
                "States made concrete, action-oriented proposals on confidence-building measures (CBMs)."
            ),
            [pair("CBM", "confidence-building measures")]
        );
        assert_eq!(
            defs(
                "protection of Critical Infrastructure (CI) and Critical Information Infrastructure (CII)."
            ),
            [
                pair("CI", "critical infrastructure"),
                pair("CII", "critical information infrastructure")
            ]
        );
        assert_eq!(
            defs("in particular the Programme of Action (PoA)"),
            [pair("PoA", "programme of action")]
        );
        assert_eq!(
            defs("the Group of Governmental Experts (GGE) and the Open-ended Working Group (OEWG)"),
            [
                pair("GGE", "group of governmental experts"),
                pair("OEWG", "open-ended working group")
            ]
        );
        assert_eq!(
            defs("the use of information and communications technologies (ICTs) by States"),
            [pair("ICT", "information and communications technologies")]
        );
    }

    #[test]
    fn ignores_what_is_not_a_definition() {
        assert!(defs("information on their national POCs as part of their responses").is_empty());
        assert!(defs("the report (A/76/135) of the Group").is_empty());
        assert!(defs("States, contact points (PoC)").is_empty());
        assert!(defs("points, of contact (PoC)").is_empty());
        assert!(defs("see annex (CBM").is_empty());
        assert!(defs("(PoC) at the start").is_empty());
    }

    #[test]
    fn learns_most_frequent_and_glossary_wins() {
        let glossary =
            Glossary::from_toml("[acronyms]\nCII = \"critical information infrastructures\"\n")
                .unwrap();
        let table = AcronymTable::learn(
            [
                "points of contact (PoCs); point of coordination (PoC)",
                "more points of contact (PoCs)",
                "national points of contact (PoC)",
                "Critical Information Infrastructure (CII)",
            ],
            &glossary,
        );
        assert_eq!(table.expansion("PoC"), Some("points of contact"));
        assert_eq!(table.expansion("POCs"), Some("points of contact"));
        assert_eq!(
            table.expansion("cii"),
            Some("critical information infrastructures")
        );
        assert_eq!(table.expansion("CI"), None);
        assert_eq!(table.len(), 2);
        assert_eq!(table.iter().count(), 2);
    }
}
