//! Which version of a negotiated text a document is.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// A draft in the sequence of one report. The order of the variants is the
/// order of a negotiation: Zero Draft, then revisions, then conference room
/// papers, then the limited-distribution document put up for adoption, then
/// what comes out: an advance unedited version, the final issue, the
/// adopted text (a resolution adopted from an L-document).
///
/// Written in the short form used on the command line and in JSON:
/// `zero-draft`, `rev1`, `rev2`, `crp1`, `l1`, `advance`, `final`,
/// `adopted`, `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Draft {
    ZeroDraft,
    Rev(u8),
    Crp(u8),
    L(u8),
    /// An advance unedited version.
    Advance,
    /// The final (edited) issue.
    Final,
    /// The text as adopted.
    Adopted,
    /// Not a draft of anything (a stand-alone letter, an unknown file).
    None,
}

impl Draft {
    /// The short form, e.g. `rev1`.
    pub fn short(self) -> String {
        match self {
            Draft::ZeroDraft => "zero-draft".to_string(),
            Draft::Rev(n) => format!("rev{n}"),
            Draft::Crp(n) => format!("crp{n}"),
            Draft::L(n) => format!("l{n}"),
            Draft::Advance => "advance".to_string(),
            Draft::Final => "final".to_string(),
            Draft::Adopted => "adopted".to_string(),
            Draft::None => "none".to_string(),
        }
    }

    /// How a delegate writes it: `Zero Draft`, `Rev.1`, `CRP.1`, `L.1`.
    pub fn display_name(self) -> String {
        match self {
            Draft::ZeroDraft => "Zero Draft".to_string(),
            Draft::Rev(n) => format!("Rev.{n}"),
            Draft::Crp(n) => format!("CRP.{n}"),
            Draft::L(n) => format!("L.{n}"),
            Draft::Advance => "Advance unedited version".to_string(),
            Draft::Final => "Final".to_string(),
            Draft::Adopted => "Adopted".to_string(),
            Draft::None => "document".to_string(),
        }
    }
}

impl fmt::Display for Draft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.short())
    }
}

impl FromStr for Draft {
    type Err = Error;

    /// Accepts the short form and the usual spellings: `Rev. 1`, `CRP.1`,
    /// `zero draft`, `L.1` (case and punctuation do not matter).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let numbered = |prefix: &str| -> Option<u8> {
            key.strip_prefix(prefix)
                .filter(|n| !n.is_empty())
                .and_then(|n| n.parse().ok())
        };
        let draft = match key.as_str() {
            "zerodraft" | "zero" | "zd" => Some(Draft::ZeroDraft),
            "advance" | "advanceunedited" | "advanceuneditedversion" => Some(Draft::Advance),
            "final" => Some(Draft::Final),
            "adopted" => Some(Draft::Adopted),
            "none" => Some(Draft::None),
            _ => numbered("rev")
                .map(Draft::Rev)
                .or_else(|| numbered("crp").map(Draft::Crp))
                .or_else(|| numbered("l").map(Draft::L)),
        };
        draft.ok_or_else(|| Error::UnknownName {
            what: "draft",
            value: s.to_string(),
            valid: "zero-draft, rev1, rev2, …, crp1, …, l1, …, advance, final, adopted, none"
                .to_string(),
        })
    }
}

impl Serialize for Draft {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.short())
    }
}

impl<'de> Deserialize<'de> for Draft {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_parse_to_one_draft() {
        for text in ["rev1", "Rev. 1", "REV.1", "rev-1"] {
            assert_eq!(text.parse::<Draft>().unwrap(), Draft::Rev(1), "{text}");
        }
        assert_eq!("CRP.1".parse::<Draft>().unwrap(), Draft::Crp(1));
        assert_eq!("Zero Draft".parse::<Draft>().unwrap(), Draft::ZeroDraft);
        assert_eq!("l1".parse::<Draft>().unwrap(), Draft::L(1));
        assert!("rev".parse::<Draft>().is_err());
        assert_eq!("final".parse::<Draft>().unwrap(), Draft::Final);
        assert_eq!("advance unedited".parse::<Draft>().unwrap(), Draft::Advance);
        assert!("draft".parse::<Draft>().is_err());
    }

    #[test]
    fn outcomes_come_after_the_drafts() {
        assert!(Draft::L(20) < Draft::Advance);
        assert!(Draft::Advance < Draft::Final);
        assert!(Draft::Final < Draft::Adopted);
    }

    #[test]
    fn drafts_are_ordered_as_negotiated() {
        let mut drafts = vec![
            Draft::Crp(1),
            Draft::Rev(2),
            Draft::ZeroDraft,
            Draft::Rev(1),
        ];
        drafts.sort();
        assert_eq!(
            drafts,
            vec![
                Draft::ZeroDraft,
                Draft::Rev(1),
                Draft::Rev(2),
                Draft::Crp(1)
            ]
        );
    }

    #[test]
    fn short_form_round_trips() {
        for draft in [
            Draft::ZeroDraft,
            Draft::Rev(3),
            Draft::Crp(1),
            Draft::L(1),
            Draft::Advance,
            Draft::Final,
            Draft::Adopted,
            Draft::None,
        ] {
            assert_eq!(draft.short().parse::<Draft>().unwrap(), draft);
        }
    }
}
