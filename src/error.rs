//! The one error type of the library.
//!
//! Parsing never fails on a file's *content* — odd input becomes a
//! [`Warning`](crate::parse::Warning) and the run goes on — so these errors are
//! about the environment: a path that cannot be read, a manifest that does not
//! parse, a name the user typed that means nothing here.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("cannot read {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `corpus/manifest.toml` is not valid.
    #[error("{}: {message} (fix the manifest, or delete it to use the defaults)", path.display())]
    Manifest { path: PathBuf, message: String },
    /// A value typed by the user (a draft, a pillar, a kind) is not one we know.
    #[error("unknown {what} '{value}' (valid: {valid})")]
    UnknownName {
        what: &'static str,
        value: String,
        valid: String,
    },
    /// The index on disk was made by another version of negotext.
    #[error("the index was made by another version of negotext ({found})")]
    IndexVersion { found: String },
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
