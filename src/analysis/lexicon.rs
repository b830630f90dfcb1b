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
        let mut compounds = CompoundDictionary::default();
        let mut definitions = DefinitionLearner::default();
        for text in texts {
            compounds.observe(text);
            definitions.observe(text);
        }
        for compound in glossary.compounds() {
            compounds.insert_hyphenated(compound);
        }
        Lexicon {
            compounds,
            acronyms: definitions.finish(glossary),
        }
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
}
