//! What an update must do: the files added, changed and removed since the
//! last commit, or why every file is indexed again; then which files it
//! parses — new and changed ones and the other drafts of their reports,
//! since a report's drafts are linked together — grouped by report.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use super::Existing;
use super::fingerprint::fingerprint;
use super::scan::Source;
use super::schema::SCHEMA_VERSION;
use super::state::{BUILD, IndexState};
use crate::corpus::Corpus;
use crate::model::NO_REPORT;

/// Why the whole index is (re)built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// There was no index.
    New,
    /// The index was made by another version (0: unreadable).
    OtherVersion(u32),
    /// The manifest or the glossary changed.
    Settings,
    /// negotext itself changed since the index was built.
    Build,
    /// The acronyms and compounds learned from the corpus changed.
    Lexicon,
    /// Asked for (`--rebuild`), of an index that was fine.
    Asked,
    /// Asked for (`--rebuild`), of a damaged index: what was wrong.
    Damaged(String),
}

impl fmt::Display for Rebuild {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rebuild::New => f.write_str("there was no index"),
            Rebuild::OtherVersion(0) => {
                f.write_str("the index was made by another version of negotext")
            }
            Rebuild::OtherVersion(version) => write!(
                f,
                "the index was made by another version of negotext (schema {version}, now {SCHEMA_VERSION})"
            ),
            Rebuild::Settings => f.write_str("the corpus manifest or glossary changed"),
            Rebuild::Build => f.write_str("negotext changed since the index was built"),
            Rebuild::Lexicon => {
                f.write_str("the acronyms and compounds learned from the corpus changed")
            }
            Rebuild::Asked => f.write_str("rebuilt as asked"),
            Rebuild::Damaged(problem) => write!(f, "the index was damaged: {problem}"),
        }
    }
}

/// What an update must do, or did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Set when every file is (re)indexed.
    pub rebuild: Option<Rebuild>,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// Unchanged files indexed again because a file of the same report
    /// changed (a report's drafts are linked together).
    pub relinked: Vec<String>,
    pub unchanged: usize,
    /// Unchanged files whose size or time changed, or settled, since they
    /// were indexed: recording their stamps spares the next checks from
    /// reading them ([`restamp`](super::restamp)).
    pub restamp: usize,
}

impl Plan {
    /// Whether the index already matches the corpus.
    pub fn is_fresh(&self) -> bool {
        self.rebuild.is_none()
            && self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
    }
}

impl fmt::Display for Plan {
    /// `2 files changed, 1 added` or the rebuild reason.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        match &self.rebuild {
            // What changed, then why that meant indexing everything again.
            Some(Rebuild::Lexicon) => {}
            Some(reason) => return write!(f, "{reason}"),
            None => {}
        }
        for (files, what) in [
            (&self.added, "added"),
            (&self.changed, "changed"),
            (&self.removed, "removed"),
        ] {
            match files.as_slice() {
                [] => {}
                [file] => parts.push(format!("{file} {what}")),
                files => parts.push(format!("{} files {what}", files.len())),
            }
        }
        match self.relinked.len() {
            0 => {}
            1 => parts.push("1 file of the same report linked again".to_string()),
            n => parts.push(format!("{n} files of the same report linked again")),
        }
        if let Some(reason) = &self.rebuild {
            parts.push(format!("and {reason}: every file was indexed again"));
        }
        if parts.is_empty() {
            f.write_str("up to date")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Compares the corpus with what the index holds.
pub(super) fn plan(existing: &Existing, corpus: &Corpus, sources: &[Source]) -> Plan {
    let state = match existing {
        Existing::None => return rebuild(Rebuild::New, sources),
        Existing::OtherVersion(version) => {
            return rebuild(Rebuild::OtherVersion(*version), sources);
        }
        Existing::Damaged(problem) => return rebuild(Rebuild::Damaged(problem.clone()), sources),
        Existing::Current(_, state) => state,
    };
    if state.build != BUILD {
        return rebuild(Rebuild::Build, sources);
    }
    if state.settings != fingerprint(&corpus.settings) {
        return rebuild(Rebuild::Settings, sources);
    }
    let mut plan = Plan::default();
    for source in sources {
        match state.files.get(&source.file.name) {
            None => plan.added.push(source.file.name.clone()),
            Some(file) if file.fingerprint != source.fingerprint => {
                plan.changed.push(source.file.name.clone())
            }
            Some(file) => {
                plan.unchanged += 1;
                if source.stamp.is_some() && source.stamp != file.stamp {
                    plan.restamp += 1;
                }
            }
        }
    }
    let present: HashSet<&str> = sources.iter().map(|s| s.file.name.as_str()).collect();
    plan.removed = state
        .files
        .keys()
        .filter(|name| !present.contains(name.as_str()))
        .cloned()
        .collect();
    plan
}

/// Every file (re)indexed, for `reason`.
fn rebuild(reason: Rebuild, sources: &[Source]) -> Plan {
    Plan {
        rebuild: Some(reason),
        added: sources.iter().map(|s| s.file.name.clone()).collect(),
        ..Plan::default()
    }
}

/// The plan of an update: [`plan`], or with `rebuild` (`--rebuild`) every
/// file, for the reason the index in `existing` gives.
pub(super) fn for_update(
    existing: &Existing,
    corpus: &Corpus,
    sources: &[Source],
    rebuild_asked: bool,
) -> Plan {
    if !rebuild_asked {
        return plan(existing, corpus, sources);
    }
    let reason = match existing {
        Existing::None => Rebuild::New,
        Existing::OtherVersion(version) => Rebuild::OtherVersion(*version),
        Existing::Damaged(problem) => Rebuild::Damaged(problem.clone()),
        Existing::Current(..) => Rebuild::Asked,
    };
    rebuild(reason, sources)
}

/// The report of `source`: found by the scan, else the one the index
/// holds for it (`old`), if any.
fn report_of(source: &Source, old: &IndexState) -> Option<String> {
    match &source.report {
        Some(report) => Some(report.clone()),
        None => old
            .files
            .get(&source.file.name)
            .and_then(|file| file.documents.first())
            .map(|d| d.report.clone())
            .filter(|report| report != NO_REPORT),
    }
}

/// Marks the `sources` the update parses: every one when the plan
/// rebuilds; else the new and changed files and the unchanged files of
/// the reports they belong to, or belonged to in `old` (recorded in
/// `plan.relinked`). Returns the files whose chunks must be deleted
/// first (changed, removed, relinked); none when the plan rebuilds, which
/// deletes everything.
pub(super) fn select(plan: &mut Plan, sources: &mut [Source], old: &IndexState) -> Vec<String> {
    let new_or_changed: HashSet<&str> = plan
        .added
        .iter()
        .chain(&plan.changed)
        .map(String::as_str)
        .collect();
    for source in sources.iter_mut() {
        source.parse = plan.rebuild.is_some() || new_or_changed.contains(source.file.name.as_str());
    }
    drop(new_or_changed);
    if plan.rebuild.is_some() {
        return Vec::new();
    }
    let mut reports: BTreeSet<String> = sources
        .iter()
        .filter(|s| s.parse)
        .filter_map(|s| report_of(s, old))
        .collect();
    for name in plan.changed.iter().chain(&plan.removed) {
        if let Some(file) = old.files.get(name) {
            reports.extend(file.documents.iter().map(|d| d.report.clone()));
        }
    }
    reports.remove(NO_REPORT);
    let mut relinked = Vec::new();
    for source in sources.iter_mut() {
        if !source.parse
            && let Some(file) = old.files.get(&source.file.name)
            && file.documents.iter().any(|d| reports.contains(&d.report))
        {
            source.parse = true;
            relinked.push(source.file.name.clone());
        }
    }
    plan.relinked = relinked;
    plan.changed
        .iter()
        .chain(&plan.removed)
        .chain(&plan.relinked)
        .cloned()
        .collect()
}

/// The sources to parse (their places in `sources`), grouped by report in
/// corpus order; a file of no report is a group alone.
pub(super) fn groups(sources: &[Source], old: &IndexState) -> BTreeMap<String, Vec<usize>> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, source) in sources.iter().enumerate().filter(|(_, s)| s.parse) {
        let group =
            report_of(source, old).unwrap_or_else(|| format!("{NO_REPORT}/{}", source.file.name));
        groups.entry(group).or_default().push(i);
    }
    groups
}
