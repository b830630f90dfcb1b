//! The pillars of the mandate, and the table that maps section headings to them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// One of the six topics of the OEWG mandate, or `general` for everything
/// that is not about one of them (introductions, letters, annexes,
/// organizational matters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pillar {
    Threats,
    Norms,
    InternationalLaw,
    Cbm,
    CapacityBuilding,
    InstitutionalDialogue,
    General,
}

impl Pillar {
    /// Every pillar, in mandate order.
    pub const ALL: [Pillar; 7] = [
        Pillar::Threats,
        Pillar::Norms,
        Pillar::InternationalLaw,
        Pillar::Cbm,
        Pillar::CapacityBuilding,
        Pillar::InstitutionalDialogue,
        Pillar::General,
    ];

    /// The name used on the command line, in JSON and in facet paths.
    pub fn name(self) -> &'static str {
        match self {
            Pillar::Threats => "threats",
            Pillar::Norms => "norms",
            Pillar::InternationalLaw => "international-law",
            Pillar::Cbm => "cbm",
            Pillar::CapacityBuilding => "capacity-building",
            Pillar::InstitutionalDialogue => "institutional-dialogue",
            Pillar::General => "general",
        }
    }
}

impl fmt::Display for Pillar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Pillar {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase().replace([' ', '_'], "-");
        Pillar::ALL
            .into_iter()
            .find(|p| p.name() == wanted)
            .ok_or_else(|| Error::UnknownName {
                what: "pillar",
                value: s.to_string(),
                valid: super::list_names(Pillar::ALL.iter().map(|p| p.name())),
            })
    }
}

/// One row of the heading → pillar table: a section whose heading contains
/// one of `headings` (compared without case, punctuation or hyphens) belongs
/// to `pillar`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PillarRule {
    pub pillar: Pillar,
    pub headings: Vec<String>,
}

/// The heading → pillar table. It is data (the `[[pillar]]` tables of
/// `corpus/manifest.toml`), so a report whose sections carry other headings is
/// mapped by editing the manifest, not the code. The first matching row wins;
/// a heading that matches no row is `general`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PillarTable {
    pub rules: Vec<PillarRule>,
}

impl PillarTable {
    /// The pillar of a section heading such as `E. Confidence-Building Measures`.
    pub fn pillar_of(&self, heading: &str) -> Pillar {
        self.lookup(heading).unwrap_or(Pillar::General)
    }

    /// The pillar of the first row matching `heading`, if any row does.
    pub fn lookup(&self, heading: &str) -> Option<Pillar> {
        let heading = normalize(heading);
        self.rules
            .iter()
            .find(|rule| {
                rule.headings
                    .iter()
                    .any(|h| contains_words(&heading, &normalize(h)))
            })
            .map(|rule| rule.pillar)
    }
}

/// Lower-cases and turns every run of non-alphanumerics into one space.
fn normalize(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `needle` occurs in `haystack` on word boundaries (both normalized).
fn contains_words(haystack: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {haystack} ").contains(&format!(" {needle} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> PillarTable {
        PillarTable {
            rules: vec![
                PillarRule {
                    pillar: Pillar::Cbm,
                    headings: vec!["confidence-building measures".into()],
                },
                PillarRule {
                    pillar: Pillar::CapacityBuilding,
                    headings: vec!["Capacity-Building".into()],
                },
            ],
        }
    }

    #[test]
    fn headings_map_regardless_of_case_and_hyphens() {
        let t = table();
        assert_eq!(t.pillar_of("E. Confidence-Building Measures"), Pillar::Cbm);
        assert_eq!(
            t.pillar_of("  F.  CAPACITY BUILDING "),
            Pillar::CapacityBuilding
        );
        assert_eq!(t.pillar_of("B. Attendance"), Pillar::General);
    }

    #[test]
    fn names_round_trip_and_unknown_names_list_the_valid_ones() {
        for p in Pillar::ALL {
            assert_eq!(p.name().parse::<Pillar>().unwrap(), p);
        }
        let err = "trade".parse::<Pillar>().unwrap_err().to_string();
        assert!(err.contains("international-law"), "{err}");
    }
}
