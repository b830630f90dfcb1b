//! The index state in files of its own, named by the commit.
//!
//! tantivy's `meta.json` carries a small payload, the [`Header`] (schema
//! version, build, settings, corpus, and a generation), which names two
//! files written and synced before that commit replaces `meta.json`:
//!
//! - `state-<generation>.json`: the whole [`IndexState`] — every file's
//!   documents and the lexicon, which a search and an update need;
//! - `stamps-<generation>.json`: per file only what the freshness check
//!   needs (its name, fingerprint and [`Stamp`]), read instead of the
//!   whole state before every search.
//!
//! The state thus changes atomically with the documents, as when it was
//! the payload itself: a killed update leaves `meta.json` naming the files
//! of the last commit, which are still there. A commit's files are removed
//! by the commit after next (a search that read `meta.json` just before a
//! commit still finds the files it names; [`ChunkIndex::open`] opens again
//! when they went meanwhile), and an interrupted update's by the next
//! commit.
//!
//! [`ChunkIndex::open`]: super::ChunkIndex::open

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::state::{CorpusPlace, FileState, IndexState, Stamp};
use crate::error::{Error, Result};

/// The payload of a commit: the state's small part, and the generation
/// that names its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Header {
    /// Read first, alone: see [`IndexState::from_payload`].
    pub(crate) schema_version: u32,
    pub(crate) negotext_version: String,
    pub(crate) build: String,
    pub(crate) settings: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) corpus: Option<CorpusPlace>,
    /// The files of this commit's state are `state-<generation>.json` and
    /// `stamps-<generation>.json` (the commit's opstamp).
    pub(crate) generation: u64,
}

/// How much of a commit's state to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// The header alone: no files, no lexicon.
    Header,
    /// The header and each file's fingerprint and stamp (no documents, no
    /// lexicon): what the freshness check compares the corpus with.
    Stamps,
    /// Everything.
    Whole,
}

/// One file in the stamps file: name, fingerprint, and the stamp's size
/// and modification time (nanoseconds), when it has one.
type StampedFile = (String, String, Option<(u64, u128)>);

/// The stamps file.
#[derive(Serialize, Deserialize)]
struct Stamps {
    files: Vec<StampedFile>,
}

/// Just the version, to read before trusting the rest of a payload.
#[derive(Deserialize)]
struct Versioned {
    schema_version: u32,
}

/// Reads a commit's payload: `Err(version)` when it is of another schema
/// version (0 when it cannot be read at all).
pub(crate) fn header_of(payload: &str) -> std::result::Result<Header, u32> {
    let version = serde_json::from_str::<Versioned>(payload)
        .map(|v| v.schema_version)
        .unwrap_or(0);
    if version != super::schema::SCHEMA_VERSION {
        return Err(version);
    }
    serde_json::from_str(payload).map_err(|_| version)
}

/// The payload text of `header`.
pub(crate) fn payload(header: &Header) -> serde_json::Result<String> {
    serde_json::to_string(header)
}

/// The header of `state` for the commit of `generation`.
pub(crate) fn header(state: &IndexState, generation: u64) -> Header {
    Header {
        schema_version: state.schema_version,
        negotext_version: state.negotext_version.clone(),
        build: state.build.clone(),
        settings: state.settings.clone(),
        corpus: state.corpus.clone(),
        generation,
    }
}

fn state_name(generation: u64) -> String {
    format!("state-{generation}.json")
}

fn stamps_name(generation: u64) -> String {
    format!("stamps-{generation}.json")
}

/// The generation of a state or stamps file's name, temporary ones
/// (`….json.tmp`) included; `None` for any other name.
fn generation_of(name: &str) -> Option<u64> {
    let rest = name
        .strip_prefix("state-")
        .or_else(|| name.strip_prefix("stamps-"))?;
    let digits = rest
        .strip_suffix(".json")
        .or_else(|| rest.strip_suffix(".json.tmp"))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether `name` is one of the state's files (or a temporary one).
pub(crate) fn is_state_file(name: &str) -> bool {
    generation_of(name).is_some()
}

/// Writes the files of `state` for the commit of `generation` into `dir`,
/// each synced before it takes its name: they are complete before any
/// `meta.json` names them.
pub(crate) fn write(dir: &Path, generation: u64, state: &IndexState) -> Result<()> {
    let whole = serde_json::to_vec(state)?;
    write_synced(dir, &state_name(generation), &whole)?;
    drop(whole);
    let stamps = Stamps {
        files: state
            .files
            .iter()
            .map(|(name, file)| {
                let stamp = file.stamp.map(|stamp| (stamp.len, stamp.modified_ns));
                (name.clone(), file.fingerprint.clone(), stamp)
            })
            .collect(),
    };
    write_synced(dir, &stamps_name(generation), &serde_json::to_vec(&stamps)?)
}

/// Writes `bytes` to `dir/name` through a temporary file, synced, then
/// renamed (the rename is made durable with `meta.json`'s, which syncs the
/// directory).
pub(crate) fn write_synced(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    let temporary = dir.join(format!("{name}.tmp"));
    let mut file = std::fs::File::create(&temporary).map_err(|err| Error::io(&temporary, err))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|err| Error::io(&temporary, err))?;
    drop(file);
    std::fs::rename(&temporary, &path).map_err(|err| Error::io(&path, err))
}

/// The state of the commit whose payload is `header`, read from `dir` as
/// deep as `depth` asks: `Err(problem)` when a file it names is missing or
/// cannot be read.
pub(crate) fn read(
    dir: &Path,
    header: Header,
    depth: Depth,
) -> std::result::Result<IndexState, String> {
    let mut state = IndexState {
        schema_version: header.schema_version,
        negotext_version: header.negotext_version,
        build: header.build,
        settings: header.settings,
        files: BTreeMap::new(),
        lexicon: Default::default(),
        corpus: header.corpus,
    };
    match depth {
        Depth::Header => {}
        Depth::Stamps => {
            let name = stamps_name(header.generation);
            let stamps: Stamps = read_json(&dir.join(&name), &name)?;
            state.files = stamps
                .files
                .into_iter()
                .map(|(name, fingerprint, stamp)| {
                    let stamp = stamp.map(|(len, modified_ns)| Stamp { len, modified_ns });
                    let file = FileState {
                        fingerprint,
                        stamp,
                        chunks: 0,
                        documents: Vec::new(),
                        shown_as: None,
                    };
                    (name, file)
                })
                .collect();
        }
        Depth::Whole => {
            // Not read, but part of the commit: an index without it is
            // damaged for every command alike.
            let stamps = stamps_name(header.generation);
            if !dir.join(&stamps).is_file() {
                return Err(format!("{stamps} is missing"));
            }
            let name = state_name(header.generation);
            let whole: IndexState = read_json(&dir.join(&name), &name)?;
            state.files = whole.files;
            state.lexicon = whole.lexicon;
        }
    }
    Ok(state)
}

/// A JSON file of the state, or what is wrong with it.
fn read_json<T: serde::de::DeserializeOwned>(
    path: &Path,
    name: &str,
) -> std::result::Result<T, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("{name} is missing"));
        }
        Err(err) => return Err(format!("{name} cannot be read: {err}")),
    };
    serde_json::from_slice(&bytes).map_err(|err| format!("{name} cannot be read: {err}"))
}

/// The state's files in `dir`.
fn state_files(dir: &Path) -> Result<Vec<(PathBuf, u64)>> {
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, err))?;
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        if let Some(generation) = generation_of(&entry.file_name().to_string_lossy()) {
            found.push((entry.path(), generation));
        }
    }
    Ok(found)
}

/// Once the commit of `generation` has landed, removes the state's files
/// of other commits but the one before it (the newest older generation),
/// and every temporary one.
pub(crate) fn remove_old(dir: &Path, generation: u64) -> Result<()> {
    let found = state_files(dir)?;
    let previous = found
        .iter()
        .filter(|(path, g)| *g < generation && !is_temporary(path))
        .map(|(_, g)| *g)
        .max();
    for (path, g) in found {
        if is_temporary(&path) || (g != generation && Some(g) != previous) {
            remove(&path)?;
        }
    }
    Ok(())
}

/// The generation of the commit `metas`, if it is negotext's.
pub(crate) fn generation(metas: &tantivy::IndexMeta) -> Option<u64> {
    let payload = metas.payload.as_deref()?;
    header_of(payload).ok().map(|header| header.generation)
}

/// Whether `dir` holds state files that an update stopped before the
/// commit of `generation` landed left: temporary ones, or of a later
/// generation (which no commit names).
pub(crate) fn stray(dir: &Path, generation: u64) -> bool {
    state_files(dir).is_ok_and(|found| {
        found
            .iter()
            .any(|(path, g)| is_temporary(path) || *g > generation)
    })
}

/// Removes every state file from `dir` (the index is removed).
pub(crate) fn remove_all(dir: &Path) -> Result<()> {
    for (path, _) in state_files(dir)? {
        remove(&path)?;
    }
    Ok(())
}

fn is_temporary(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension == "tmp")
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(Error::io(path, err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_the_state_files_are_recognised() {
        for name in ["state-7.json", "stamps-12.json", "state-7.json.tmp"] {
            assert!(is_state_file(name), "{name}");
        }
        for name in ["state-.json", "state-x.json", "stamps-1.toml", "meta.json"] {
            assert!(!is_state_file(name), "{name}");
        }
    }

    #[test]
    fn the_stamps_hold_what_the_check_compares() {
        let tmp = tempfile::tempdir().unwrap();
        let mut state = IndexState {
            schema_version: 1,
            build: "b".to_string(),
            ..IndexState::default()
        };
        let stamp = Stamp {
            len: 3,
            modified_ns: 1 << 70,
        };
        for (name, stamp) in [("a.txt", Some(stamp)), ("b.txt", None)] {
            let file = FileState {
                fingerprint: format!("fp-{name}"),
                stamp,
                chunks: 2,
                documents: Vec::new(),
                shown_as: Some("shown".to_string()),
            };
            state.files.insert(name.to_string(), file);
        }
        write(tmp.path(), 5, &state).unwrap();
        let whole = read(tmp.path(), header(&state, 5), Depth::Whole).unwrap();
        assert_eq!(whole, state);
        let stamps = read(tmp.path(), header(&state, 5), Depth::Stamps).unwrap();
        assert_eq!(stamps.files.len(), 2);
        for (name, file) in &stamps.files {
            let whole = &state.files[name];
            assert_eq!(
                (&file.fingerprint, file.stamp),
                (&whole.fingerprint, whole.stamp)
            );
        }
        let missing = read(tmp.path(), header(&state, 6), Depth::Stamps).unwrap_err();
        assert_eq!(missing, "stamps-6.json is missing");
    }

    #[test]
    fn old_files_go_but_the_previous_commits() {
        let tmp = tempfile::tempdir().unwrap();
        let state = IndexState::default();
        for generation in [1, 3, 4] {
            write(tmp.path(), generation, &state).unwrap();
        }
        std::fs::write(tmp.path().join("state-9.json.tmp"), b"{").unwrap();
        remove_old(tmp.path(), 4).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "stamps-3.json",
                "stamps-4.json",
                "state-3.json",
                "state-4.json"
            ]
        );
    }
}
