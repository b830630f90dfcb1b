//! Repairing words broken by PDF extraction, from the file's own vocabulary.
//!
//! Extraction splits words (`substan tive`, `cou nter`) and detaches hyphens
//! (`confidence -building`, `non -State`, `capacity- building`). A repair
//! is made only when the repaired word occurs elsewhere in the same file, so
//! nothing is joined from a hard-coded list, and a split is only undone when
//! both fragments (of three letters or more) occur nowhere else: they are
//! not words. Line-end hyphens
//! were already kept as compound hyphens when lines were joined.

use std::collections::HashMap;

/// Word counts of a file.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    counts: HashMap<String, u32>,
}

/// A token without surrounding punctuation, lower-cased.
fn core(token: &str) -> String {
    token
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

impl Vocabulary {
    pub fn new<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut counts = HashMap::new();
        for line in lines {
            for token in line.split_whitespace() {
                let core = core(token);
                if !core.is_empty() {
                    *counts.entry(core).or_insert(0) += 1;
                }
            }
        }
        Vocabulary { counts }
    }

    fn count(&self, word: &str) -> u32 {
        self.counts.get(word).copied().unwrap_or(0)
    }

    /// Repairs the broken words of `text` (whose whitespace is already tidy).
    pub fn repair(&self, text: &str) -> String {
        let mut tokens: Vec<String> = text.split(' ').map(String::from).collect();
        let mut i = 0;
        while i + 1 < tokens.len() {
            let (Some(current), Some(next)) = (tokens.get(i), tokens.get(i + 1)) else {
                break;
            };
            if self.joins(current, next) {
                let merged = format!("{current}{next}");
                tokens.splice(i..=i + 1, [merged]);
            } else {
                i += 1;
            }
        }
        tokens.join(" ")
    }

    fn joins(&self, current: &str, next: &str) -> bool {
        let merged = core(&format!("{current}{next}"));
        let detached_hyphen =
            (next.len() > 1 && next.starts_with('-') && current.ends_with(char::is_alphanumeric))
                || (current.len() > 1
                    && current.ends_with('-')
                    && next.starts_with(char::is_alphanumeric));
        if detached_hyphen {
            return self.count(&merged) > 0;
        }
        let is_word = |t: &str| t.chars().count() >= 3 && t.chars().all(char::is_alphabetic);
        let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let split = is_word(current)
            && is_word(&next_word)
            && self.count(&current.to_lowercase()) == 1
            && self.count(&next_word.to_lowercase()) == 1;
        split
            && self.count(&format!(
                "{}{}",
                current.to_lowercase(),
                next_word.to_lowercase()
            )) > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::new([
            "substantive sessions, to prevent and counter threats, confidence-building,",
            "non-State actors, capacity-building, 2021-2025, substan tive, cou nter, a round table",
            "around",
        ])
    }

    #[test]
    fn broken_words_are_repaired_from_the_vocabulary() {
        let v = vocabulary();
        assert_eq!(
            v.repair("that substan tive discussions"),
            "that substantive discussions"
        );
        assert_eq!(
            v.repair("prevent and cou nter such"),
            "prevent and counter such"
        );
        assert_eq!(
            v.repair("as well as confidence -building measures"),
            "as well as confidence-building measures"
        );
        assert_eq!(v.repair("Some non -State actors"), "Some non-State actors");
        assert_eq!(
            v.repair("approach to capacity- building. States"),
            "approach to capacity-building. States"
        );
        assert_eq!(
            v.repair("ICTs (ICTs) 2021 -2025 took"),
            "ICTs (ICTs) 2021-2025 took"
        );
    }

    #[test]
    fn real_words_are_left_alone() {
        let v = vocabulary();
        assert_eq!(v.repair("a round table"), "a round table");
        assert_eq!(v.repair("policy - and"), "policy - and");
        assert_eq!(v.repair("pre- and post-session"), "pre- and post-session");
    }
}
