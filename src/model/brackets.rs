//! Square brackets in a negotiating text: the passages not yet agreed.
//!
//! A bracket opens with `[` and closes with the first `]` after it that
//! closes nothing opened later: brackets nest (`[[Adaptation] and loss and
//! damage]`), and are matched left to right. A `]` that closes nothing and
//! a `[` never closed are stray, counted apart.
//!
//! ```
//! use negotext::model::brackets::Brackets;
//!
//! let found = Brackets::of("Parties [shall][should] report [annually [or biennially]].");
//! assert_eq!(found.pairs, 4);
//! assert_eq!(found.passages, ["[shall]", "[should]", "[annually [or biennially]]", "[or biennially]"]);
//! ```

/// The brackets of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Brackets {
    /// Matched pairs.
    pub pairs: usize,
    /// `[` never closed.
    pub unclosed: usize,
    /// `]` that closes nothing.
    pub stray: usize,
    /// The bracketed passages, brackets included, in the order they open
    /// (a nested passage after the one that holds it).
    pub passages: Vec<String>,
}

impl Brackets {
    /// The brackets of `text`.
    pub fn of(text: &str) -> Brackets {
        let mut found = Brackets::default();
        // Where each open bracket starts, and the index its passage will
        // take in `passages` (kept in opening order).
        let mut open: Vec<(usize, usize)> = Vec::new();
        let mut passages: Vec<Option<String>> = Vec::new();
        for (at, c) in text.char_indices() {
            match c {
                '[' => {
                    open.push((at, passages.len()));
                    passages.push(None);
                }
                ']' => match open.pop() {
                    Some((start, slot)) => {
                        found.pairs += 1;
                        if let (Some(passage), Some(place)) =
                            (text.get(start..at + 1), passages.get_mut(slot))
                        {
                            *place = Some(passage.to_string());
                        }
                    }
                    None => found.stray += 1,
                },
                _ => {}
            }
        }
        found.unclosed = open.len();
        found.passages = passages.into_iter().flatten().collect();
        found
    }

    /// The passages of `old` that `new` no longer holds (cleared: agreed or
    /// dropped), and those of `new` that `old` did not hold (added), each
    /// compared whole, white space aside.
    pub fn changed(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
        let squash = |passage: &String| passage.split_whitespace().collect::<Vec<_>>().join(" ");
        let before = Brackets::of(old).passages;
        let after = Brackets::of(new).passages;
        let before_set: Vec<String> = before.iter().map(squash).collect();
        let after_set: Vec<String> = after.iter().map(squash).collect();
        let cleared = before
            .iter()
            .filter(|p| !after_set.contains(&squash(p)))
            .cloned()
            .collect();
        let added = after
            .iter()
            .filter(|p| !before_set.contains(&squash(p)))
            .cloned()
            .collect();
        (cleared, added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_stray_and_unclosed() {
        let found = Brackets::of("a] [b [c] d] [e");
        assert_eq!((found.pairs, found.stray, found.unclosed), (2, 1, 1));
        assert_eq!(found.passages, ["[b [c] d]", "[c]"]);
    }

    #[test]
    fn cleared_and_added_passages() {
        let (cleared, added) = Brackets::changed(
            "Each Party [shall][should] engage in [a] [national] adaptation planning [process]",
            "Each Party should engage in adaptation planning [processes and actions]",
        );
        assert_eq!(
            cleared,
            ["[shall]", "[should]", "[a]", "[national]", "[process]"]
        );
        assert_eq!(added, ["[processes and actions]"]);
        assert_eq!(Brackets::changed("[a  b]", "[a b]"), (vec![], vec![]));
    }
}
