//! The lexicon: everything the analyzer learned from the corpus.
//!
//! A [`Lexicon`] is the [`CompoundDictionary`] plus the [`AcronymTable`],
//! learned in one pass over the texts with [`Lexicon::learn`]. The analyzer
//! depends on it, so the indexer saves it as JSON next to the index
//! ([`Lexicon::to_json`]) and the searcher loads it back
//! ([`Lexicon::from_json`]) before registering the analyzers: a query must be
//! analyzed with the lexicon its index was built with.

use serde::{Deserialize, Serialize};

use super::acronyms::{AcronymTable, DefinitionLearner};
use super::compounds::CompoundDictionary;
use super::glossary::Glossary;

/// Compounds and acronyms, learned from the corpus and a glossary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lexicon {
    /// Closed compounds and their parts.
    #[serde(default)]
    pub compounds: CompoundDictionary,
    /// Acronyms and their expansions.
    #[serde(default)]
    pub acronyms: AcronymTable,
}

impl Lexicon {
    /// Learns compounds and acronym definitions from `texts` (one pass), then
    /// adds the glossary's compounds and acronyms (glossary acronyms win).
    pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str>, glossary: &Glossary) -> Self {
        let mut learner = Learner::default();
        for text in texts {
            learner.observe(text);
        }
        learner.finish(glossary)
    }

    /// The lexicon as pretty-printed JSON.
    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(self)
    }

    /// A lexicon saved by [`Lexicon::to_json`].
    pub fn from_json(json: &str) -> serde_json::Result<Self> {
        serde_json::from_str(json)
    }
}

/// What [`Lexicon::learn`] has seen so far. Learners of parts of a corpus
/// [merge](Learner::merge) into the learner of the whole, in corpus order:
/// the result is the same as one pass over all of it.
#[derive(Default)]
pub struct Learner {
    compounds: CompoundDictionary,
    definitions: DefinitionLearner,
}

impl Learner {
    /// Learns from one more text.
    pub fn observe(&mut self, text: &str) {
        self.compounds.observe(text);
        self.definitions.observe(text);
    }

    /// Adds what `later` learned from the texts after this one's.
    pub fn merge(mut self, later: Learner) -> Learner {
        self.compounds.merge(later.compounds);
        self.definitions.merge(later.definitions);
        self
    }

    /// The lexicon, with the glossary's compounds and acronyms added
    /// (glossary acronyms win).
    pub fn finish(mut self, glossary: &Glossary) -> Lexicon {
        for compound in glossary.compounds() {
            self.compounds.insert_hyphenated(compound);
        }
        Lexicon {
            compounds: self.compounds,
            acronyms: self.definitions.finish(glossary),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_both_and_round_trips() {
        let mut glossary = Glossary::default();
        glossary.add_acronym("PoA", "Programme of Action");
        glossary.add_compound("multi-stakeholder");
        let lexicon = Lexicon::learn(
            [
                "provide points of contact (PoCs) at the diplomatic level",
                "on confidence-building measures (CBMs).",
            ],
            &glossary,
        );
        assert_eq!(lexicon.acronyms.expansion("PoC"), Some("points of contact"));
        assert_eq!(
            lexicon.acronyms.expansion("CBMs"),
            Some("confidence-building measures")
        );
        assert_eq!(
            lexicon.acronyms.expansion("PoA"),
            Some("programme of action")
        );
        assert!(lexicon.compounds.parts("confidencebuilding").is_some());
        assert!(lexicon.compounds.parts("multistakeholder").is_some());

        let json = lexicon.to_json().unwrap();
        assert_eq!(Lexicon::from_json(&json).unwrap(), lexicon);
        assert_eq!(Lexicon::from_json("{}").unwrap(), Lexicon::default());
    }

    #[test]
    fn merged_learners_learn_what_one_pass_does() {
        let texts: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
            .unwrap()
            .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
            .collect();
        let glossary = Glossary::default();
        let whole = Lexicon::learn(texts.iter().map(String::as_str), &glossary);
        let merged = texts
            .iter()
            .map(|text| {
                let mut learner = Learner::default();
                learner.observe(text);
                learner
            })
            .fold(Learner::default(), Learner::merge)
            .finish(&glossary);
        assert!(!whole.acronyms.is_empty() && !whole.compounds.is_empty());
        assert_eq!(merged, whole);
    }
}
