//! An index ready to answer: brought up to date with its corpus first when
//! the corpus changed, or answering from its last commit when it cannot be
//! updated. The CLI does this before every command; `serve` each time the
//! corpus changes.

use std::path::{Path, PathBuf};

use super::lock::IndexLock;
use super::state_file::Depth;
use super::{ChunkIndex, Existing, Options, Report, check, open_existing_to, restamp, update_with};
use crate::corpus::Corpus;
use crate::error::{Error, Result};

/// How the index stands with its corpus.
#[derive(Debug)]
pub enum Freshness {
    /// Up to date: nothing was written.
    Fresh,
    /// Updated just now.
    Updated(Report),
    /// Answering from its last commit although the corpus changed since:
    /// why (another negotext is updating it, or the update failed).
    Stale(String),
    /// There is no corpus: the index is searched as it is.
    NoCorpus,
}

/// An index opened for searching, and how it stands with its corpus.
pub struct Ready {
    pub index: ChunkIndex,
    pub freshness: Freshness,
}

impl Ready {
    /// Why it answers from an older commit than the corpus asks for, if it
    /// does.
    pub fn stale(&self) -> Option<&str> {
        match &self.freshness {
            Freshness::Stale(reason) => Some(reason),
            _ => None,
        }
    }
}

/// The corpus the index at `index_dir` was built from, if it records one
/// (an index made before negotext recorded it does not, nor does a
/// directory that is not an index): what a command given no `--corpus`
/// searches.
pub fn recorded_corpus(index_dir: &Path) -> Option<PathBuf> {
    match open_existing_to(index_dir, Depth::Header).ok()? {
        Existing::Current(_, state) => state.corpus.map(|corpus| corpus.path),
        Existing::None | Existing::OtherVersion(_) | Existing::Damaged(_) => None,
    }
}

/// The index at `index_dir`, built or updated first when the corpus at
/// `corpus_dir` changed. Without a corpus, the index as it is (or the
/// corpus's error when there is no index either). An update that cannot be
/// made (busy, read-only) leaves the last commit answering, and says why.
/// An index built from another corpus is refused ([`Error::OtherCorpus`]),
/// untouched. While another negotext builds the index from scratch, there
/// is no commit to answer from: `ready` waits for it (telling
/// `options.waiting` once), then answers from its commit.
pub fn ready(
    corpus_dir: &Path,
    max_file_size: u64,
    index_dir: &Path,
    options: Options<'_>,
) -> Result<Ready> {
    let corpus = match Corpus::open_limited(corpus_dir, max_file_size) {
        Ok(corpus) => corpus,
        Err(no_corpus @ Error::NoCorpus { .. }) => {
            return match ChunkIndex::open(index_dir) {
                Ok(index) => Ok(Ready {
                    index,
                    freshness: Freshness::NoCorpus,
                }),
                Err(Error::NoIndex { .. } | Error::NotAnIndex { .. }) => Err(no_corpus),
                // An index that is there but cannot be read says why.
                Err(err) => Err(err),
            };
        }
        Err(err) => return Err(err),
    };
    let mut told = false;
    loop {
        match refreshed(&corpus, index_dir, options)? {
            Some(freshness) => {
                return Ok(Ready {
                    index: ChunkIndex::open(index_dir)?,
                    freshness,
                });
            }
            // Another negotext is building the index from scratch: no
            // commit answers yet. Once it lets go of the lock, its commit
            // is looked at (or, if it died first, the build done here).
            None => {
                if let Some(waiting) = options.waiting.filter(|_| !told) {
                    waiting();
                }
                told = true;
                drop(IndexLock::wait(index_dir)?);
            }
        }
    }
}

/// How the index at `index_dir` stands once brought up to date with
/// `corpus` if it could be; `None` when another negotext holds the lock
/// of an index that has no commit yet, so that there is nothing to answer
/// from.
fn refreshed(corpus: &Corpus, index_dir: &Path, options: Options<'_>) -> Result<Option<Freshness>> {
    let plan = check(corpus, index_dir)?;
    if plan.is_fresh() {
        if plan.restamp > 0 {
            // Only an optimisation (the next checks read fewer files): a
            // busy or read-only index answers as it is.
            let _ = restamp(corpus, index_dir);
        }
        return Ok(Some(Freshness::Fresh));
    }
    match update_with(corpus, index_dir, options) {
        Ok(report) => Ok(Some(Freshness::Updated(report))),
        // Busy, or not writable: the last commit still answers.
        Err(err) if ChunkIndex::open(index_dir).is_ok() => Ok(Some(Freshness::Stale(match err {
            Error::IndexBusy { .. } => {
                format!("another negotext is updating {}", index_dir.display())
            }
            err => format!("cannot update the index ({err})"),
        }))),
        Err(Error::IndexBusy { .. }) => Ok(None),
        Err(err) => Err(err),
    }
}
