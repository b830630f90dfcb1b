//! `corpus/manifest.toml`: what the text of a file does not say about itself,
//! and the heading → pillar table.
//!
//! ```toml
//! [files."2022-07-28-crp1.txt"]
//! report = "apr1"              # the text never says "first"
//!
//! [[pillar]]
//! pillar = "cbm"
//! headings = ["confidence-building measures"]
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Date, Draft, PillarRule, PillarTable};

/// The manifest shipped with negotext; its pillar table is the default for a
/// corpus whose manifest has none.
const SHIPPED: &str = include_str!("../../corpus/manifest.toml");

/// The file name of the manifest inside a corpus directory.
pub const MANIFEST_FILE: &str = "manifest.toml";

/// Overrides for one corpus file. Every field is optional; what is set wins
/// over what the parser detected from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileOverride {
    /// Title of the file's main document (its draft report, else its first).
    pub title: Option<String>,
    /// Symbol of the file's main document.
    pub symbol: Option<String>,
    /// Date of every document in the file (`YYYY-MM-DD`).
    pub date: Option<Date>,
    /// Report of every document in the file (`apr1`…).
    pub report: Option<String>,
    /// Draft of every document in the file (`zero-draft`, `rev1`…).
    pub draft: Option<Draft>,
    /// Whether `**bold**` / `~~strike~~` are track changes (insertions and
    /// deletions) rather than emphasis. Detected: a file with `~~` has them.
    pub track_changes: Option<bool>,
}

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Per-file overrides, keyed by the file's path relative to the corpus.
    pub files: BTreeMap<String, FileOverride>,
    pub pillars: PillarTable,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    files: BTreeMap<String, FileOverride>,
    #[serde(default)]
    pillar: Vec<PillarRule>,
}

impl Manifest {
    /// The defaults: no overrides, the shipped pillar table.
    pub fn builtin() -> Manifest {
        let pillars = toml::from_str::<RawManifest>(SHIPPED)
            .map(|raw| PillarTable { rules: raw.pillar })
            .unwrap_or_default();
        Manifest {
            files: BTreeMap::new(),
            pillars,
        }
    }

    /// Parses a manifest's text; `path` is only used in the error.
    pub fn parse(text: &str, path: &Path) -> Result<Manifest> {
        let raw: RawManifest = toml::from_str(text).map_err(|err| Error::Manifest {
            path: path.to_path_buf(),
            message: err.message().to_string(),
        })?;
        let pillars = if raw.pillar.is_empty() {
            Manifest::builtin().pillars
        } else {
            PillarTable { rules: raw.pillar }
        };
        Ok(Manifest {
            files: raw.files,
            pillars,
        })
    }

    /// Loads `dir/manifest.toml`, or the defaults when there is none.
    pub fn load(dir: &Path) -> Result<Manifest> {
        let path = dir.join(MANIFEST_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Manifest::parse(&text, &path),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::builtin()),
            Err(err) => Err(Error::io(path, err)),
        }
    }

    /// The overrides for a file, by its path relative to the corpus.
    pub fn file(&self, name: &str) -> Option<&FileOverride> {
        self.files.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pillar;

    #[test]
    fn shipped_manifest_parses_and_maps_the_2022_headings() {
        let manifest = Manifest::parse(SHIPPED, Path::new("corpus/manifest.toml")).unwrap();
        let p = &manifest.pillars;
        assert_eq!(p.pillar_of("A. Introduction"), Pillar::General);
        assert_eq!(
            p.pillar_of("B. Existing and Potential Threats"),
            Pillar::Threats
        );
        assert_eq!(
            p.pillar_of("C. Rules, Norms and Principles of Responsible State Behaviour"),
            Pillar::Norms
        );
        assert_eq!(
            p.pillar_of("D. International Law"),
            Pillar::InternationalLaw
        );
        assert_eq!(p.pillar_of("E. Confidence-Building Measures"), Pillar::Cbm);
        assert_eq!(
            p.pillar_of("F. Capacity-Building"),
            Pillar::CapacityBuilding
        );
        assert_eq!(
            p.pillar_of("G. Regular Institutional Dialogue"),
            Pillar::InstitutionalDialogue
        );
        assert_eq!(p.pillar_of("B. Attendance"), Pillar::General);
        assert_eq!(manifest.pillars, Manifest::builtin().pillars);
    }

    #[test]
    fn a_typo_is_a_clear_error() {
        let err = Manifest::parse("[files.\"a.txt\"]\nsymbl = \"A/1\"\n", Path::new("m.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("m.toml: unknown field `symbl`"), "{err}");
        let err = Manifest::parse(
            "[files.\"a.txt\"]\ndraft = \"final\"\n",
            Path::new("m.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("unknown draft 'final'"), "{err}");
    }
}
