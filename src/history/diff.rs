//! Word-level diffs between two versions of a paragraph.
//!
//! The texts are split at Unicode word boundaries (words, punctuation and
//! spaces are separate tokens, so `contact,` → `contact` is a change of one
//! comma, not of a word; a hyphenated compound stays one token), diffed
//! with the `similar` crate's patience algorithm (which anchors on words
//! that occur once, rather than on the commas and spaces that a minimal
//! diff would happily match across a rewritten paragraph), and regrouped
//! for reading: the spaces between two changes join them, and within each
//! run of changes the deleted text comes before the inserted text. The
//! result alternates unchanged text and changes, as a redline does.
//!
//! Both texts are normalised first as the parser normalises chunk texts
//! ([`crate::parse::normalise`]): a non-breaking hyphen against a hyphen,
//! or a no-break space against a space, is not a change.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use similar::{Algorithm, ChangeTag, TextDiff};
use unicode_segmentation::UnicodeSegmentation;

use crate::parse::normalise;

/// What happened to a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Equal,
    Insert,
    Delete,
}

/// A piece of text and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub change: Change,
    pub text: String,
}

/// The difference between an older and a newer text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordDiff {
    /// In reading order: the older text is every `equal` and `delete`
    /// segment, the newer every `equal` and `insert` segment.
    pub segments: Vec<Segment>,
}

impl WordDiff {
    /// The diff from `old` to `new`, both [normalised](crate::parse::normalise).
    pub fn between(old: &str, new: &str) -> WordDiff {
        let (old, new) = (normalise(old), normalise(new));
        let (old_tokens, new_tokens) = (tokens(&old), tokens(&new));
        let diff = TextDiff::configure()
            .algorithm(Algorithm::Patience)
            .diff_slices(&old_tokens, &new_tokens);
        let mut segments: Vec<Segment> = Vec::new();
        // The pending run of changes, with the spaces between them.
        let mut run: Vec<(Change, &str)> = Vec::new();
        for change in diff.iter_all_changes() {
            let token = change.value();
            match change.tag() {
                ChangeTag::Equal if token.trim().is_empty() && !run.is_empty() => {
                    run.push((Change::Equal, token));
                }
                ChangeTag::Equal => {
                    flush(&mut segments, &mut run);
                    push(&mut segments, Change::Equal, token);
                }
                ChangeTag::Delete => run.push((Change::Delete, token)),
                ChangeTag::Insert => run.push((Change::Insert, token)),
            }
        }
        flush(&mut segments, &mut run);
        WordDiff { segments }
    }

    /// Whether the two texts are the same.
    pub fn is_unchanged(&self) -> bool {
        self.segments.iter().all(|s| s.change == Change::Equal)
    }

    /// The runs of inserted text that hold a word (not only punctuation).
    pub fn inserted(&self) -> Vec<&str> {
        self.runs(Change::Insert)
    }

    /// The runs of deleted text that hold a word.
    pub fn deleted(&self) -> Vec<&str> {
        self.runs(Change::Delete)
    }

    fn runs(&self, change: Change) -> Vec<&str> {
        self.segments
            .iter()
            .filter(|s| s.change == change && s.text.chars().any(char::is_alphanumeric))
            .map(|s| s.text.trim())
            .collect()
    }

    /// The older text, rebuilt.
    pub fn old_text(&self) -> String {
        self.text_without(Change::Insert)
    }

    /// The newer text, rebuilt.
    pub fn new_text(&self) -> String {
        self.text_without(Change::Delete)
    }

    fn text_without(&self, change: Change) -> String {
        self.segments
            .iter()
            .filter(|s| s.change != change)
            .map(|s| s.text.as_str())
            .collect()
    }

    /// The diff as plain text: `[-deleted-]` and `[+inserted+]`, a space
    /// between a deleted and an inserted run that would touch
    /// (`[-enhanced-] [+enhancing+]`, never `enhancedenhancing`).
    pub fn marked(&self) -> String {
        self.marked_runs().0
    }

    /// [`WordDiff::marked`], and the byte range of each marked run in it
    /// (brackets included) with its change: what a printer colours.
    pub fn marked_runs(&self) -> (String, Vec<(Range<usize>, Change)>) {
        let mut out = String::new();
        let mut runs = Vec::new();
        let mut previous = Change::Equal;
        for segment in &self.segments {
            let (open, close) = match segment.change {
                Change::Equal => {
                    out.push_str(&segment.text);
                    previous = Change::Equal;
                    continue;
                }
                Change::Delete => ("[-", "-]"),
                Change::Insert => ("[+", "+]"),
            };
            if previous != Change::Equal {
                out.push(' ');
            }
            let start = out.len();
            out.push_str(open);
            out.push_str(&segment.text);
            out.push_str(close);
            runs.push((start..out.len(), segment.change));
            previous = segment.change;
        }
        (out, runs)
    }
}

/// The tokens of a text: Unicode word boundaries (words, punctuation and
/// spaces apart), except that a hyphenated compound stays one token
/// (`inter-governmental` is not `inter`, `-`, `governmental`, whose `inter`
/// could match the `inter` of `inter alia`).
fn tokens(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let pieces: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
    let is_word = |piece: &str| piece.chars().any(char::is_alphanumeric);
    let mut rest = pieces.as_slice();
    while let Some((&(at, piece), after)) = rest.split_first() {
        rest = after;
        let mut end = at + piece.len();
        if is_word(piece) {
            // word (- word)*
            while let [(_, "-"), (next_at, next), after @ ..] = rest
                && is_word(next)
            {
                end = next_at + next.len();
                rest = after;
            }
        }
        out.push(text.get(at..end).unwrap_or_default());
    }
    out
}

/// Ends a run of changes. A run that both deletes and inserts is shown as
/// one deletion then one insertion, the spaces between its changes on both
/// sides; a run of one kind keeps its spaces unchanged between the changes
/// (folding them into the change would drop them from the other text).
fn flush(segments: &mut Vec<Segment>, run: &mut Vec<(Change, &str)>) {
    // Spaces after the last change are not part of the run.
    let mut trailing = Vec::new();
    while let Some(&(Change::Equal, token)) = run.last() {
        trailing.push(token);
        run.pop();
    }
    let deletes = run.iter().any(|(c, _)| *c == Change::Delete);
    let inserts = run.iter().any(|(c, _)| *c == Change::Insert);
    if deletes && inserts {
        for side in [Change::Delete, Change::Insert] {
            let text: String = run
                .iter()
                .filter(|(c, _)| *c == side || *c == Change::Equal)
                .map(|(_, t)| *t)
                .collect();
            push(segments, side, &text);
        }
    } else {
        for (change, token) in run.iter() {
            push(segments, *change, token);
        }
    }
    run.clear();
    for token in trailing.into_iter().rev() {
        push(segments, Change::Equal, token);
    }
}

/// Appends `text`, joining it to the previous segment of the same change.
fn push(segments: &mut Vec<Segment>, change: Change, text: &str) {
    if text.is_empty() {
        return;
    }
    match segments.last_mut() {
        Some(last) if last.change == change => last.text.push_str(text),
        _ => segments.push(Segment {
            change,
            text: text.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_words_and_joins_neighbouring_changes() {
        let diff = WordDiff::between(
            "establish a global points of contact directory",
            "establish a global, inter-governmental, points of contact directory on ICTs",
        );
        assert_eq!(
            diff.marked(),
            "establish a global[+, inter-governmental,+] points of contact directory[+ on ICTs+]"
        );
        assert_eq!(diff.inserted(), [", inter-governmental,", "on ICTs"]);
        assert!(diff.deleted().is_empty());
    }

    #[test]
    fn deletions_come_before_insertions_in_a_run() {
        let diff = WordDiff::between(
            "States could share hotlines and table-top exercises.",
            "States could share directories.",
        );
        assert_eq!(
            diff.marked(),
            "States could share [-hotlines and table-top exercises-] [+directories+]."
        );
        assert_eq!(diff.deleted(), ["hotlines and table-top exercises"]);
        assert_eq!(diff.inserted(), ["directories"]);
    }

    #[test]
    fn rebuilds_both_texts() {
        let pairs = [
            ("the first OEWG, established", "the first OEWG,established"),
            ("on inter alia: the", "a global, inter-governmental, the"),
            ("a d", "a b c d"),
            ("a b c d", "a d"),
            ("a b c", "x b y"),
            ("", "new text"),
            ("old text", ""),
            ("a b c", "a b c"),
            ("one, two; three", "one two: four"),
            ("Genève — “quoted”", "Geneva — ‘quoted’ too"),
        ];
        for (old, new) in pairs {
            let diff = WordDiff::between(old, new);
            assert_eq!(diff.old_text(), old);
            assert_eq!(diff.new_text(), new);
            assert_eq!(diff.is_unchanged(), old == new);
        }
    }

    #[test]
    fn a_compound_is_one_token() {
        let diff = WordDiff::between(
            "discussions on inter alia: the",
            "a global, inter-governmental, the",
        );
        assert!(
            diff.inserted()
                .iter()
                .any(|run| run.contains("inter-governmental")),
            "{}",
            diff.marked()
        );
        assert_eq!(
            tokens("a inter-governmental, b"),
            ["a", " ", "inter-governmental", ",", " ", "b"]
        );
    }

    #[test]
    fn hyphens_and_spaces_that_print_alike_are_no_change() {
        let diff = WordDiff::between(
            "non-State actors and capacity-building 10 000",
            "non\u{2011}State actors and capa\u{AD}city\u{2010}building 10\u{A0}000",
        );
        assert!(diff.is_unchanged(), "{}", diff.marked());
        assert!(diff.inserted().is_empty() && diff.deleted().is_empty());
    }

    #[test]
    fn punctuation_alone_is_not_a_word_run() {
        let diff = WordDiff::between("points of contact.", "points of contact;");
        assert!(!diff.is_unchanged());
        assert!(diff.inserted().is_empty() && diff.deleted().is_empty());
    }
}
