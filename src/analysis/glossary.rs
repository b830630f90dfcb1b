//! The glossary: acronyms and compounds that the text may not define itself.
//!
//! Written in TOML, kept in `corpus/glossary.toml`:
//!
//! ```toml
//! [acronyms]
//! PoC = "points of contact"
//! CBM = "confidence-building measures"
//!
//! [compounds]
//! hyphenated = ["inter-governmental", "multi-stakeholder"]
//! ```
//!
//! Glossary acronyms override those learned from the text; glossary compounds
//! are added to those learned (so `intergovernmental` splits even if the text
//! never writes `inter-governmental`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Acronyms and compounds given by hand; see the module docs for the format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// Acronym as usually written → expansion.
    #[serde(default)]
    acronyms: BTreeMap<String, String>,
    /// Hyphenated compounds whose closed spelling must split.
    #[serde(default)]
    compounds: Compounds,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Compounds {
    #[serde(default)]
    hyphenated: Vec<String>,
}

impl Glossary {
    /// Parses a glossary from TOML text.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// Adds (or replaces) an acronym.
    pub fn add_acronym(&mut self, acronym: &str, expansion: &str) {
        self.acronyms
            .insert(acronym.to_string(), expansion.to_string());
    }

    /// Adds a hyphenated compound.
    pub fn add_compound(&mut self, hyphenated: &str) {
        self.compounds.hyphenated.push(hyphenated.to_string());
    }

    /// The acronyms with their expansions.
    pub fn acronyms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.acronyms
            .iter()
            .map(|(acronym, expansion)| (acronym.as_str(), expansion.as_str()))
    }

    /// The hyphenated compounds.
    pub fn compounds(&self) -> impl Iterator<Item = &str> {
        self.compounds.hyphenated.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_acronyms_and_compounds() {
        let glossary = Glossary::from_toml(
            "[acronyms]\nPoC = \"points of contact\"\n\n[compounds]\nhyphenated = [\"inter-governmental\"]\n",
        )
        .unwrap();
        assert_eq!(
            glossary.acronyms().collect::<Vec<_>>(),
            [("PoC", "points of contact")]
        );
        assert_eq!(
            glossary.compounds().collect::<Vec<_>>(),
            ["inter-governmental"]
        );
    }

    #[test]
    fn sections_are_optional_and_typos_are_errors() {
        assert_eq!(Glossary::from_toml("").unwrap(), Glossary::default());
        assert!(Glossary::from_toml("[acronym]\nPoC = \"x\"\n").is_err());
    }

    #[test]
    fn the_shipped_glossary_parses() {
        let text = include_str!("../../corpus/glossary.toml");
        let glossary = Glossary::from_toml(text).unwrap();
        let find = |a: &str| glossary.acronyms().find(|(k, _)| *k == a).map(|(_, e)| e);
        assert_eq!(find("PoC"), Some("points of contact"));
        assert_eq!(find("CI"), Some("critical infrastructure"));
        assert_eq!(find("CII"), Some("critical information infrastructure"));
        assert_eq!(glossary.acronyms().count(), 12);
    }
}
