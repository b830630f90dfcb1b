//! `corpus/manifest.toml`: what the text of a file does not say about itself,
//! and the heading → pillar table.
//!
//! ```toml
//! [files."2022-07-28-crp1.txt"]
//! report = "apr1"              # the text never says "first"
//!
//! # Files named alike: the first matching rule fills what a file's own
//! # entry leaves unset; a named group `report` or `draft` takes its value
//! # from the name.
//! [[rule]]
//! pattern = '^\d{4}-\d{2}-\d{2}-(?P<report>r\d+)-(zero-draft|rev\d+|crp1)\.txt$'
//!
//! [[rule]]
//! pattern = '-letter\.txt$'
//! draft = "none"
//!
//! [[pillar]]
//! pillar = "cbm"
//! headings = ["confidence-building measures"]
//! ```
//!
//! A rule serves an archive of thousands of files in one line where
//! entries would need one table each (reading a manifest costs about 2 KB
//! of memory per table while it is parsed).

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;
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

impl FileOverride {
    /// Fills each field this leaves unset from `other`.
    fn or(mut self, other: &FileOverride) -> FileOverride {
        self.title = self.title.or_else(|| other.title.clone());
        self.symbol = self.symbol.or_else(|| other.symbol.clone());
        self.date = self.date.or(other.date);
        self.report = self.report.or_else(|| other.report.clone());
        self.draft = self.draft.or(other.draft);
        self.track_changes = self.track_changes.or(other.track_changes);
        self
    }
}

/// Overrides for every file whose path matches a pattern.
#[derive(Debug, Clone)]
pub struct NameRule {
    pattern: Regex,
    /// The fixed values of the rule.
    set: FileOverride,
}

impl NameRule {
    /// The rule's overrides for `name`, if it matches: the fixed values,
    /// and the named groups `report` and `draft`.
    fn apply(&self, name: &str) -> Result<Option<FileOverride>, String> {
        let Some(captures) = self.pattern.captures(name) else {
            return Ok(None);
        };
        let mut found = self.set.clone();
        if let Some(report) = captures.name("report") {
            found.report = Some(report.as_str().to_string());
        }
        if let Some(draft) = captures.name("draft") {
            found.draft = Some(draft.as_str().parse().map_err(|err| format!("{err}"))?);
        }
        Ok(Some(found))
    }
}

impl PartialEq for NameRule {
    fn eq(&self, other: &Self) -> bool {
        self.pattern.as_str() == other.pattern.as_str() && self.set == other.set
    }
}

impl Eq for NameRule {}

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Per-file overrides, keyed by the file's path relative to the corpus.
    pub files: BTreeMap<String, FileOverride>,
    /// Overrides by file name pattern, in the manifest's order.
    pub rules: Vec<NameRule>,
    pub pillars: PillarTable,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    files: BTreeMap<String, FileOverride>,
    /// Each a `pattern` and the fields of a [`FileOverride`] (read in two
    /// steps: serde's `flatten` would let a mistyped field through).
    #[serde(default)]
    rule: Vec<toml::Table>,
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
            rules: Vec::new(),
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
        let error = |message: String| Error::Manifest {
            path: path.to_path_buf(),
            message,
        };
        let mut rules = Vec::with_capacity(raw.rule.len());
        for mut rule in raw.rule {
            let source = match rule.remove("pattern") {
                Some(toml::Value::String(source)) => source,
                Some(_) => return Err(error("a rule's `pattern` must be a string".to_string())),
                None => return Err(error("a [[rule]] without its `pattern`".to_string())),
            };
            let set = FileOverride::deserialize(toml::Value::Table(rule))
                .map_err(|err| error(format!("rule '{source}': {}", err.message())))?;
            let pattern = Regex::new(&source)
                .map_err(|err| error(format!("rule pattern '{source}': {err}")))?;
            if let Some(group) = pattern
                .capture_names()
                .flatten()
                .find(|group| !matches!(*group, "report" | "draft"))
            {
                return Err(error(format!(
                    "rule pattern '{}': unknown group '{group}' (a rule can take `report` and `draft` from a name)",
                    source
                )));
            }
            rules.push(NameRule { pattern, set });
        }
        Ok(Manifest {
            files: raw.files,
            rules,
            pillars,
        })
    }

    /// Loads `dir/manifest.toml`, or the defaults when there is none.
    pub fn load(dir: &Path) -> Result<Manifest> {
        let path = dir.join(MANIFEST_FILE);
        match super::read_setting(&path, super::DEFAULT_MAX_FILE_SIZE)? {
            super::Setting::Text(text) => Manifest::parse(&text, &path),
            super::Setting::Absent => Ok(Manifest::builtin()),
            // Never opened (a FIFO would block): an error naming it.
            super::Setting::Skipped(reason) => Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidInput, reason),
            )),
        }
    }

    /// The overrides for a file, by its path relative to the corpus: its
    /// own entry, then what the first matching rule sets. A name that makes
    /// a rule's `draft` group capture something that is not a draft is an
    /// error naming the file.
    pub fn file(&self, name: &str) -> Result<FileOverride, String> {
        let own = self.files.get(name).cloned().unwrap_or_default();
        for rule in &self.rules {
            if let Some(found) = rule.apply(name)? {
                return Ok(own.or(&found));
            }
        }
        Ok(own)
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
    fn rules_fill_what_a_file_entry_leaves_unset() {
        let manifest = Manifest::parse(
            r#"
[files."2022-02-12-r001-rev1.txt"]
symbol = "A/1"

[files."2022-02-13-r002-crp1.txt"]
report = "apr1"

[[rule]]
pattern = '^\d{4}-\d{2}-\d{2}-(?P<report>r\d+)-(?P<draft>zero-draft|rev\d|crp1|none)\.txt$'

[[rule]]
pattern = '-letter\.txt$'
draft = "none"
track_changes = false
"#,
            Path::new("m.toml"),
        )
        .unwrap();
        let rev1 = manifest.file("2022-02-12-r001-rev1.txt").unwrap();
        assert_eq!(rev1.report.as_deref(), Some("r001"));
        assert_eq!(rev1.draft, Some(Draft::Rev(1)));
        assert_eq!(rev1.symbol.as_deref(), Some("A/1"));
        // The file's own entry wins.
        let crp1 = manifest.file("2022-02-13-r002-crp1.txt").unwrap();
        assert_eq!(crp1.report.as_deref(), Some("apr1"));
        assert_eq!(crp1.draft, Some(Draft::Crp(1)));
        let letter = manifest.file("2023-01-05-r002-letter.txt").unwrap();
        assert_eq!(letter.report, None);
        assert_eq!(letter.draft, Some(Draft::None));
        assert_eq!(letter.track_changes, Some(false));
        assert_eq!(manifest.file("other.txt").unwrap(), FileOverride::default());
    }

    #[test]
    fn a_bad_rule_is_a_clear_error() {
        let err = |text: &str| {
            Manifest::parse(text, Path::new("m.toml"))
                .unwrap_err()
                .to_string()
        };
        let bad = err("[[rule]]\npattern = '(unclosed'\n");
        assert!(
            bad.starts_with("m.toml: rule pattern '(unclosed':"),
            "{bad}"
        );
        let bad = err("[[rule]]\npattern = '(?P<year>\\d+)'\n");
        assert!(bad.contains("unknown group 'year'"), "{bad}");
        let bad = err("[[rule]]\npattern = 'a'\ndraft = 'penultimate'\n");
        assert!(bad.contains("unknown draft 'penultimate'"), "{bad}");
        let bad = err("[[rule]]\npattern = 'a'\nsymbl = 'A/1'\n");
        assert!(bad.contains("unknown field `symbl`"), "{bad}");
        let bad = err("[[rule]]\ndraft = 'rev1'\n");
        assert!(bad.contains("without its `pattern`"), "{bad}");
        // A name whose `draft` group holds no draft.
        let manifest = Manifest::parse(
            "[[rule]]\npattern = '-(?P<draft>[a-z0-9]+)\\.txt$'\n",
            Path::new("m.toml"),
        )
        .unwrap();
        let problem = manifest.file("x-letter.txt").unwrap_err();
        assert!(problem.contains("unknown draft 'letter'"), "{problem}");
        assert_eq!(
            manifest.file("x-rev2.txt").unwrap().draft,
            Some(Draft::Rev(2))
        );
    }

    #[test]
    fn a_typo_is_a_clear_error() {
        let err = Manifest::parse("[files.\"a.txt\"]\nsymbl = \"A/1\"\n", Path::new("m.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("m.toml: unknown field `symbl`"), "{err}");
        let err = Manifest::parse(
            "[files.\"a.txt\"]\ndraft = \"penultimate\"\n",
            Path::new("m.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("unknown draft 'penultimate'"), "{err}");
    }
}
