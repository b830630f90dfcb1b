//! Word-level diffs between two versions of a paragraph.
//!
//! The texts are split at Unicode word boundaries (words, punctuation and
//! spaces are separate tokens, so `contact,` → `contact` is a change of one
//! comma, not of a word), diffed with the `similar` crate, and regrouped
//! for reading: the spaces between two changes join them, and within each
//! run of changes the deleted text comes before the inserted text. The
//! result alternates unchanged text and changes, as a redline does.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

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
    /// The diff from `old` to `new`.
    pub fn between(old: &str, new: &str) -> WordDiff {
        let diff = TextDiff::configure().diff_unicode_words(old, new);
        let mut segments: Vec<Segment> = Vec::new();
        // The pending run of changes: deleted and inserted text, and the
        // spaces seen since the last change (which join two changes).
        let mut deleted = String::new();
        let mut inserted = String::new();
        let mut spaces = String::new();
        let flush = |segments: &mut Vec<Segment>, deleted: &mut String, inserted: &mut String| {
            for (change, text) in [(Change::Delete, deleted), (Change::Insert, inserted)] {
                if !text.is_empty() {
                    segments.push(Segment {
                        change,
                        text: std::mem::take(text),
                    });
                }
            }
        };
        for change in diff.iter_all_changes() {
            let token = change.value();
            match change.tag() {
                ChangeTag::Equal if token.trim().is_empty() && in_run(&deleted, &inserted) => {
                    spaces.push_str(token);
                }
                ChangeTag::Equal => {
                    flush(&mut segments, &mut deleted, &mut inserted);
                    push_equal(&mut segments, &std::mem::take(&mut spaces));
                    push_equal(&mut segments, token);
                }
                ChangeTag::Delete | ChangeTag::Insert => {
                    if !spaces.is_empty() {
                        if !deleted.is_empty() {
                            deleted.push_str(&spaces);
                        }
                        if !inserted.is_empty() {
                            inserted.push_str(&spaces);
                        }
                        spaces.clear();
                    }
                    if change.tag() == ChangeTag::Delete {
                        deleted.push_str(token);
                    } else {
                        inserted.push_str(token);
                    }
                }
            }
        }
        // Spaces after the last change stay unchanged text.
        let trailing = std::mem::take(&mut spaces);
        flush(&mut segments, &mut deleted, &mut inserted);
        push_equal(&mut segments, &trailing);
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

    /// The diff as plain text: `[-deleted-]` and `[+inserted+]`.
    pub fn marked(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment.change {
                Change::Equal => out.push_str(&segment.text),
                Change::Delete => {
                    out.push_str("[-");
                    out.push_str(&segment.text);
                    out.push_str("-]");
                }
                Change::Insert => {
                    out.push_str("[+");
                    out.push_str(&segment.text);
                    out.push_str("+]");
                }
            }
        }
        out
    }
}

/// Whether a run of changes is pending.
fn in_run(deleted: &str, inserted: &str) -> bool {
    !deleted.is_empty() || !inserted.is_empty()
}

/// Appends unchanged text, joining it to the previous unchanged segment.
fn push_equal(segments: &mut Vec<Segment>, text: &str) {
    if text.is_empty() {
        return;
    }
    match segments.last_mut() {
        Some(last) if last.change == Change::Equal => last.text.push_str(text),
        _ => segments.push(Segment {
            change: Change::Equal,
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
            "States could share [-hotlines and table-top exercises-][+directories+]."
        );
        assert_eq!(diff.deleted(), ["hotlines and table-top exercises"]);
        assert_eq!(diff.inserted(), ["directories"]);
    }

    #[test]
    fn rebuilds_both_texts() {
        let pairs = [
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
    fn punctuation_alone_is_not_a_word_run() {
        let diff = WordDiff::between("points of contact.", "points of contact;");
        assert!(!diff.is_unchanged());
        assert!(diff.inserted().is_empty() && diff.deleted().is_empty());
    }
}
