//! Saved searches (`negotext watch`): a search given a name, run again
//! whenever asked, reporting the hits that are new or changed since its
//! last run — a new draft dropped in the corpus shows what moved.
//!
//! The searches and what each last found live in `watches.json` in the
//! index directory (one of negotext's own files there: `index --rebuild`
//! keeps it). A hit is known by its key (`crp1 16(a)`) and a fingerprint
//! of what the chunk says (its text, inserted and deleted words): a key
//! not seen before is new, a key seen with another fingerprint is
//! changed, a key seen and no longer found is gone. Adding a search runs
//! it once, so that its first report holds only what changed after.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::index::fingerprint::fingerprint;
use crate::index::{ChunkIndex, WATCHES_FILE, write_synced};
use crate::search::{self, Filters, Hit, Request};

/// How many hits of a saved search are compared at most: past them, the
/// report says the search found more.
pub const MAX_HITS: usize = 10_000;

/// The version of the file's format.
const VERSION: u32 = 1;

/// A saved search and the hits its last run found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Watch {
    /// What the user calls it: `pocs`.
    pub name: String,
    /// The query, in the syntax of `search`.
    pub query: String,
    /// The filters, as `search` takes them.
    #[serde(default)]
    pub filters: Filters,
    #[serde(default)]
    pub exact: bool,
    /// The key of each hit of the last run, with the fingerprint of what
    /// the chunk said.
    #[serde(default)]
    pub seen: BTreeMap<String, String>,
}

impl Watch {
    /// The search this watch runs: every hit, up to [`MAX_HITS`].
    pub fn request(&self) -> Request {
        Request {
            filters: self.filters.clone(),
            limit: MAX_HITS,
            exact: self.exact,
            ..Request::new(self.query.clone())
        }
    }
}

/// The file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    watches: Vec<Watch>,
}

/// The saved searches of an index directory.
#[derive(Debug)]
pub struct Watches {
    path: PathBuf,
    /// In the order they were added.
    pub list: Vec<Watch>,
}

impl Watches {
    /// The saved searches of the index in `index_dir` (none when it has
    /// none yet).
    pub fn load(index_dir: &Path) -> Result<Watches> {
        let path = index_dir.join(WATCHES_FILE);
        let list = match std::fs::read(&path) {
            Ok(bytes) => {
                let file: File = serde_json::from_slice(&bytes).map_err(|err| Error::Watches {
                    path: path.clone(),
                    problem: err.to_string(),
                })?;
                if file.version != VERSION {
                    return Err(Error::Watches {
                        path,
                        problem: format!("format version {}, not {VERSION}", file.version),
                    });
                }
                file.watches
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => return Err(Error::io(path, err)),
        };
        Ok(Watches { path, list })
    }

    /// Writes the saved searches back, whole (through a temporary file).
    pub fn save(&self) -> Result<()> {
        let file = File {
            version: VERSION,
            watches: self.list.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&file)?;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        write_synced(dir, WATCHES_FILE, &bytes)
    }

    /// The names of the saved searches, for a message.
    fn names(&self) -> String {
        match self.list.is_empty() {
            true => "none saved yet: `negotext watch add NAME QUERY`".to_string(),
            false => self
                .list
                .iter()
                .map(|w| w.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// Saves `watch`, run once on `index` so that its next report holds
    /// only what changes after; an error when the name is taken or the
    /// search does not run (a bad query, an unknown draft).
    pub fn add(&mut self, index: &ChunkIndex, mut watch: Watch) -> Result<Report> {
        if self.list.iter().any(|w| w.name == watch.name) {
            return Err(Error::WatchTaken { name: watch.name });
        }
        let report = run(index, &mut watch)?;
        self.list.push(watch);
        Ok(report)
    }

    /// Removes the saved search `name`.
    pub fn remove(&mut self, name: &str) -> Result<Watch> {
        match self.list.iter().position(|w| w.name == name) {
            Some(at) => Ok(self.list.remove(at)),
            None => Err(Error::UnknownName {
                what: "watch",
                value: name.to_string(),
                valid: self.names(),
            }),
        }
    }
}

/// What one run of a saved search found against its last run.
#[derive(Debug)]
pub struct Report {
    pub name: String,
    pub query: String,
    /// Hits whose key the last run did not find, in rank order.
    pub new: Vec<Hit>,
    /// Hits the last run found saying something else, in rank order.
    pub changed: Vec<Hit>,
    /// Keys the last run found that this one does not, in order.
    pub gone: Vec<String>,
    /// All hits of this run.
    pub total: usize,
    /// More than [`MAX_HITS`] hits: only the best were compared.
    pub cut: bool,
}

/// Runs `watch` on `index`, compares its hits with those of its last run,
/// and records this run's as seen.
pub fn run(index: &ChunkIndex, watch: &mut Watch) -> Result<Report> {
    let results = search::run(index, &watch.request())?;
    let mut seen = BTreeMap::new();
    let (mut new, mut changed) = (Vec::new(), Vec::new());
    for hit in results.hits {
        let said = said(&hit);
        match watch.seen.get(&hit.key) {
            None => new.push(hit.clone()),
            Some(before) if *before != said => changed.push(hit.clone()),
            Some(_) => {}
        }
        seen.insert(hit.key, said);
    }
    let gone = watch
        .seen
        .keys()
        .filter(|key| !seen.contains_key(*key))
        .cloned()
        .collect();
    watch.seen = seen;
    Ok(Report {
        name: watch.name.clone(),
        query: watch.query.clone(),
        new,
        changed,
        gone,
        total: results.total,
        cut: results.total > MAX_HITS,
    })
}

/// The fingerprint of what a hit's chunk says: its text, and its inserted
/// and deleted words.
fn said(hit: &Hit) -> String {
    let chunk = &hit.record.chunk;
    let mut bytes = chunk.text.clone().into_bytes();
    for words in chunk.inserted.iter().chain(&chunk.deleted) {
        bytes.push(0);
        bytes.extend_from_slice(words.as_bytes());
    }
    fingerprint(&bytes)
}
