//! Where an index may be: never inside the corpus it indexes.
//!
//! An index in its own corpus (`--corpus X --index X`, or the default
//! `index` of a search run from inside the corpus directory) would list its
//! own files as drafts, change with every commit and never settle. Such a
//! placement is refused before anything is read or written; the paths are
//! compared resolved (symbolic links followed, `..` removed), the index's
//! through its nearest existing ancestor when it does not exist yet.
//!
//! ```
//! use negotext::index::placement::outside_corpus;
//!
//! let corpus = tempfile::tempdir().unwrap();
//! assert!(outside_corpus(corpus.path(), &corpus.path().join("index")).is_err());
//! assert!(outside_corpus(corpus.path(), corpus.path()).is_err());
//! let elsewhere = tempfile::tempdir().unwrap();
//! assert!(outside_corpus(corpus.path(), elsewhere.path()).is_ok());
//! ```

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// `Ok` unless the index directory `index` is the corpus directory
/// `corpus` or lies inside it ([`Error::IndexInCorpus`]).
pub fn outside_corpus(corpus: &Path, index: &Path) -> Result<()> {
    let (resolved_corpus, resolved_index) = (resolved(corpus), resolved(index));
    if resolved_index.starts_with(&resolved_corpus) {
        return Err(Error::IndexInCorpus {
            index: index.to_path_buf(),
            corpus: corpus.to_path_buf(),
        });
    }
    Ok(())
}

/// `path` absolute, with symbolic links and `..` resolved as far as it
/// exists; the components that do not exist yet appended as they are.
fn resolved(path: &Path) -> PathBuf {
    let absolute = match std::env::current_dir() {
        Ok(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    };
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    loop {
        if let Ok(found) = existing.canonicalize() {
            return missing
                .iter()
                .rev()
                .fold(found, |path, name| path.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}
