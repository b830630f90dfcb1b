//! Compounds: `inter-governmental`, `inter governmental`, `intergovernmental`.
//!
//! The three spellings of a compound are made to index to the same word
//! sequence: its *parts*. The hyphenated and the open spellings are already
//! cut into parts by segmentation (the hyphen is not a word); the closed
//! spelling is cut by a [`CompoundDictionary`] learned from the text itself:
//! every hyphenated form seen (`inter-governmental`, `non-State`,
//! `confidence-building`) registers its closed form (`intergovernmental` →
//! `inter` `governmental`). The analyzer looks words up by their *stem*, so
//! inflections of a closed form split too (`intergovernmentally`,
//! `peacekeepers` after `peace-keeper`) and a split word keeps matching the
//! rest of its stemming family.
//!
//! Nothing is ever joined: joining `capacity-building` into one token would
//! make a new word that the query `capacity` no longer finds. The price of
//! splitting is precision on the parts: `State` finds `non-State`, and if the
//! text once writes `co-operation`, `operation` finds `cooperation`.
//!
//! The dictionary is plain data (`closed form → parts`, all lowercase and
//! folded), serialised with the [`Lexicon`](super::Lexicon) next to the index
//! so that queries are split exactly as the indexed text was.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TokenStream;

use super::folding::{HYPHENS, front_end, is_hyphen, lowercase};

/// Closed compounds and the parts they split into, learned from hyphenated
/// spellings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CompoundDictionary {
    closed: BTreeMap<String, Vec<String>>,
}

impl CompoundDictionary {
    /// Learns every hyphenated compound of `texts`.
    pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut dictionary = Self::default();
        for text in texts {
            dictionary.observe(text);
        }
        dictionary
    }

    /// Learns the hyphenated compounds of one text.
    ///
    /// A compound is a chain of two or more words joined by single hyphens
    /// with no space (`state-of-the-art`); only chains of alphabetic parts
    /// count, so ranges such as `2022-2025` or symbols such as `A-76` do not.
    pub fn observe(&mut self, text: &str) {
        // A compound never spans a space, so only the space-separated
        // pieces that hold a hyphen are segmented.
        for piece in text.split_whitespace() {
            if piece.contains(HYPHENS) {
                self.observe_piece(piece);
            }
        }
    }

    fn observe_piece(&mut self, text: &str) {
        let mut analyzer = front_end();
        let mut stream = analyzer.token_stream(text);
        let mut chain: Vec<String> = Vec::new();
        let mut previous_end: Option<usize> = None;
        while let Some(token) = stream.next() {
            let joined = previous_end
                .and_then(|end| text.get(end..token.offset_from))
                .is_some_and(is_hyphen);
            if !joined {
                self.insert_parts(&chain);
                chain.clear();
            }
            chain.push(lowercase(&token.text));
            previous_end = Some(token.offset_to);
        }
        self.insert_parts(&chain);
    }

    /// Adds the compounds of `later`, learned from texts after this one's
    /// (a closed form keeps the parts it was first seen with).
    pub fn merge(&mut self, later: CompoundDictionary) {
        for (closed, parts) in later.closed {
            self.closed.entry(closed).or_insert(parts);
        }
    }

    /// Registers one hyphenated compound such as `"non-State"`; returns
    /// whether it was one (two or more alphabetic parts joined by hyphens).
    pub fn insert_hyphenated(&mut self, compound: &str) -> bool {
        let mut single = Self::default();
        single.observe(compound);
        let found = single.closed.len() == 1;
        if found {
            self.closed.append(&mut single.closed);
        }
        found
    }

    /// The parts of a closed compound (`"intergovernmental"` →
    /// `["inter", "governmental"]`), given in lowercase.
    pub fn parts(&self, closed: &str) -> Option<&[String]> {
        self.closed.get(closed).map(Vec::as_slice)
    }

    /// Every closed form with its parts, in alphabetical order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.closed
            .iter()
            .map(|(closed, parts)| (closed.as_str(), parts.as_slice()))
    }

    /// How many compounds are known.
    pub fn len(&self) -> usize {
        self.closed.len()
    }

    /// Whether no compound is known.
    pub fn is_empty(&self) -> bool {
        self.closed.is_empty()
    }

    fn insert_parts(&mut self, parts: &[String]) {
        if parts.len() < 2
            || !parts
                .iter()
                .all(|part| !part.is_empty() && part.chars().all(char::is_alphabetic))
        {
            return;
        }
        let closed: String = parts.concat();
        self.closed.entry(closed).or_insert_with(|| parts.to_vec());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_closed_forms_from_hyphenated_ones() {
        let dictionary = CompoundDictionary::learn([
            "a global, inter-governmental, points of contact directory",
            "confidence\u{2011}building and capacity-building; non-State actors",
            "state-of-the-art sub-regional 2022-2025 A-76 e-mail",
        ]);
        let expect = |closed: &str, parts: &[&str]| {
            assert_eq!(
                dictionary.parts(closed).map(<[String]>::to_vec),
                Some(parts.iter().map(|p| p.to_string()).collect()),
                "{closed}"
            );
        };
        expect("intergovernmental", &["inter", "governmental"]);
        expect("confidencebuilding", &["confidence", "building"]);
        expect("capacitybuilding", &["capacity", "building"]);
        expect("nonstate", &["non", "state"]);
        expect("stateoftheart", &["state", "of", "the", "art"]);
        expect("subregional", &["sub", "regional"]);
        expect("email", &["e", "mail"]);
        assert_eq!(dictionary.parts("20222025"), None);
        assert_eq!(dictionary.parts("a76"), None);
        assert_eq!(dictionary.len(), 7);
    }

    #[test]
    fn spaces_and_dashes_do_not_make_compounds() {
        let dictionary =
            CompoundDictionary::learn(["inter - governmental, Geneva\u{2013}New York"]);
        assert!(dictionary.is_empty());
    }

    #[test]
    fn inserts_a_single_compound() {
        let mut dictionary = CompoundDictionary::default();
        assert!(dictionary.insert_hyphenated("Multi-Stakeholder"));
        assert!(!dictionary.insert_hyphenated("stakeholder"));
        assert!(!dictionary.insert_hyphenated("two words"));
        assert_eq!(
            dictionary.parts("multistakeholder"),
            Some(&["multi".to_string(), "stakeholder".to_string()][..])
        );
    }

    #[test]
    fn round_trips_through_json() {
        let dictionary = CompoundDictionary::learn(["non-State"]);
        let json = serde_json::to_string(&dictionary).unwrap_or_default();
        assert_eq!(json, r#"{"nonstate":["non","state"]}"#);
        let back: CompoundDictionary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, dictionary);
    }
}
