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
    /// A file or directory could not be read or written: the message
    /// names the cause when the system gave one that the user can act on
    /// (read-only, no permission, no space, too many open files, no
    /// memory) and what to do.
    #[error("{}", io_message(path, source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `corpus/manifest.toml` is not valid.
    #[error("{}: {message} (fix the manifest, or delete it to use the defaults)", path.display())]
    Manifest { path: PathBuf, message: String },
    /// `corpus/glossary.toml` is not valid.
    #[error("{}: {message} (fix the glossary, or delete it to learn acronyms from the drafts only)", path.display())]
    Glossary { path: PathBuf, message: String },
    /// The corpus directory does not exist.
    #[error("no corpus directory at {}: run negotext from the project root, or pass --corpus DIR", path.display())]
    NoCorpus { path: PathBuf },
    /// A value typed by the user (a draft, a pillar, a kind) is not one we know.
    #[error("unknown {what} '{value}' (valid: {valid})")]
    UnknownName {
        what: &'static str,
        value: String,
        valid: String,
    },
    /// The query does not parse.
    #[error("invalid query: {0}")]
    Query(crate::search::QueryError),
    /// A command (`show`, `diff`) cannot find or use what the citation
    /// names.
    #[error("cannot {command} '{citation}': {message}")]
    Citation {
        command: &'static str,
        citation: String,
        message: String,
    },
    /// No index where one was expected.
    #[error("no index at {}: run `negotext index` to build it", path.display())]
    NoIndex { path: PathBuf },
    /// A directory given as the index holds something else.
    #[error("{} is neither a negotext index nor empty (it has no negotext-index.toml): nothing was changed there; pass --index with a new or empty directory", path.display())]
    NotAnIndex { path: PathBuf },
    /// The index directory is the corpus directory, or inside it.
    #[error("the index {} is inside the corpus {}: it would index itself; pass --index with a directory outside the corpus", index.display(), corpus.display())]
    IndexInCorpus { index: PathBuf, corpus: PathBuf },
    /// The index was built from another corpus than the one given.
    #[error("the index {} was built from the corpus {}, not {}: nothing was changed; search it without --corpus, or build it from the new corpus with `negotext index --rebuild --corpus {} --index {}`", index.display(), recorded.display(), given.display(), given.display(), index.display())]
    OtherCorpus {
        index: PathBuf,
        recorded: PathBuf,
        given: PathBuf,
    },
    /// Another process holds the index lock.
    #[error("another negotext is updating the index at {}: wait for it to finish, then run again", path.display())]
    IndexBusy { path: PathBuf },
    /// tantivy failed on the index at `path`.
    #[error(
        "cannot serve on {addr}: {source} (pass --addr with another address or port, e.g. --addr 127.0.0.1:0 for any free port)"
    )]
    Listen {
        addr: String,
        #[source]
        source: std::io::Error,
    },

    #[error("index at {}: {source}", path.display())]
    Tantivy {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    /// A value could not be turned into JSON (a bug, reported rather than hidden).
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The index on disk was made by another version of negotext.
    #[error(
        "the index was made by another version of negotext ({found}): run `negotext index --rebuild` to build it again from the corpus"
    )]
    IndexVersion { found: String },
    /// The index on disk is damaged: a file is missing, cut short or
    /// unreadable. Nothing is deleted until the user asks for a rebuild.
    #[error(
        "the index at {} is damaged ({problem}): run `negotext index --rebuild` to build it again from the corpus", path.display()
    )]
    IndexDamaged { path: PathBuf, problem: String },
    /// `negotext watch add` with a name already saved.
    #[error(
        "a search is already saved as '{name}': pick another name, or `negotext watch remove {name}` first"
    )]
    WatchTaken { name: String },
    /// The saved searches' file cannot be read.
    #[error("{}: {problem} (fix it, or move it away to start again with no saved searches)", path.display())]
    Watches { path: PathBuf, problem: String },
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

impl From<crate::search::QueryError> for Error {
    fn from(err: crate::search::QueryError) -> Self {
        Error::Query(err)
    }
}

/// `err` again (an `io::Error` cannot be cloned): the same OS error
/// (found inside it when it wraps one), or the same kind and message.
pub(crate) fn copy_io_error(err: &std::io::Error) -> std::io::Error {
    match os_error(err) {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(err.kind(), err.to_string()),
    }
}

impl Error {
    /// Wraps a tantivy error with the index directory it concerns; an I/O
    /// failure inside it whose cause the user can act on ([`Cause`])
    /// becomes [`Error::Io`], which names it.
    pub fn tantivy(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Self {
        let path = path.into();
        Error::environmental(&path, &source).unwrap_or(Error::Tantivy { path, source })
    }

    /// The I/O failure inside `err` (of the index at `dir`) as
    /// [`Error::Io`], when its cause lies outside the index ([`Cause`]):
    /// such an index is not damaged.
    pub fn environmental(dir: &std::path::Path, err: &tantivy::TantivyError) -> Option<Error> {
        use tantivy::TantivyError;
        use tantivy::directory::error::{
            LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
        };
        let (file, io_error) = match err {
            TantivyError::OpenDirectoryError(OpenDirectoryError::IoError {
                io_error,
                directory_path,
            }) => (directory_path.clone(), io_error),
            TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath })
            | TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
                (dir.join(filepath), io_error)
            }
            TantivyError::LockFailure(LockError::IoError(io_error), _)
            | TantivyError::IoError(io_error) => (dir.to_path_buf(), io_error),
            _ => return None,
        };
        Cause::of(io_error)?;
        Some(Error::io(file, copy_io_error(io_error)))
    }
}

impl Error {
    /// The index at `path` is damaged; `problem` is what showed it (a
    /// tantivy error, a panic message), cut to one short line.
    pub fn damaged(path: impl Into<PathBuf>, problem: impl std::fmt::Display) -> Self {
        Error::IndexDamaged {
            path: path.into(),
            problem: one_line(&problem.to_string(), PROBLEM_CHARS),
        }
    }
}

/// How many characters of a problem an error message quotes at most:
/// tantivy's messages can hold a whole file.
const PROBLEM_CHARS: usize = 160;

/// `text` on one line (runs of whitespace and control characters made one
/// space), at most `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        for c in (!out.is_empty())
            .then_some(' ')
            .into_iter()
            .chain(word.chars())
        {
            if chars == max {
                out.push('…');
                return out;
            }
            out.push(c);
            chars += 1;
        }
    }
    out
}

/// What an I/O failure on `path` means to the user, and what to do.
fn io_message(path: &std::path::Path, err: &std::io::Error) -> String {
    let path = path.display();
    match Cause::of(err) {
        Some(Cause::ReadOnly) => format!(
            "cannot write {path}: the file system is read-only (an index there can be searched as it is, not updated: pass --index with a writable directory to build one)"
        ),
        Some(Cause::Permission) => format!(
            "cannot use {path}: permission denied (run negotext as a user who may read it, and write it to update an index, or pass another directory)"
        ),
        Some(Cause::NoSpace) => format!(
            "cannot write {path}: no space left on the device (free some space and run again: the next update removes what this one left)"
        ),
        Some(Cause::TooManyFiles) => format!(
            "cannot open {path}: too many open files (raise the limit, e.g. `ulimit -n 4096`, and run again)"
        ),
        Some(Cause::NoMemory) => format!(
            "cannot read {path}: out of memory (free memory or raise the limit; `negotext index --memory` lowers the indexing budget)"
        ),
        None => format!("cannot read {path}"),
    }
}

/// The causes of an I/O failure that lie outside negotext and its files:
/// the system refused, and says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    ReadOnly,
    Permission,
    NoSpace,
    TooManyFiles,
    NoMemory,
}

/// `EMFILE` and `ENFILE` (the same numbers on Linux and the BSDs), which
/// `std::io::ErrorKind` does not name.
const TOO_MANY_FILES: [i32; 2] = [24, 23];

impl Cause {
    /// The cause `err` names, if it is one of these.
    pub fn of(err: &std::io::Error) -> Option<Cause> {
        use std::io::ErrorKind;
        match err.kind() {
            ErrorKind::ReadOnlyFilesystem => Some(Cause::ReadOnly),
            ErrorKind::PermissionDenied => Some(Cause::Permission),
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(Cause::NoSpace),
            ErrorKind::OutOfMemory => Some(Cause::NoMemory),
            _ if os_error(err).is_some_and(|code| TOO_MANY_FILES.contains(&code)) => {
                Some(Cause::TooManyFiles)
            }
            _ if err.raw_os_error().is_none() => {
                Cause::of(&std::io::Error::from_raw_os_error(os_error(err)?))
            }
            _ => None,
        }
    }
}

/// The OS error number of `err`, or of the I/O error it wraps (the
/// `tempfile` crate, under tantivy's atomic writes, wraps one with its
/// path).
pub(crate) fn os_error(err: &std::io::Error) -> Option<i32> {
    if let Some(code) = err.raw_os_error() {
        return Some(code);
    }
    let inner = err.get_ref()?;
    let wrapped = std::error::Error::source(inner)
        .and_then(|source| source.downcast_ref::<std::io::Error>())
        .or_else(|| inner.downcast_ref::<std::io::Error>());
    match wrapped {
        Some(wrapped) => os_error(wrapped),
        // `tempfile`'s wrapper hides the error it wraps, but prints it
        // as std does: `… (os error 24) at path …`.
        None => {
            let text = inner.to_string();
            let (_, after) = text.split_once("(os error ")?;
            let (code, _) = after.split_once(')')?;
            code.parse().ok()
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;

    #[test]
    fn an_io_error_names_its_cause_and_what_to_do() {
        for (err, says) in [
            (
                io::Error::from_raw_os_error(30),
                "the file system is read-only",
            ),
            (io::Error::from_raw_os_error(13), "permission denied"),
            (
                io::Error::from_raw_os_error(28),
                "no space left on the device",
            ),
            (io::Error::from_raw_os_error(24), "too many open files"),
            (io::Error::from_raw_os_error(12), "out of memory"),
            (
                io::Error::other(io::Error::from_raw_os_error(24)),
                "too many open files",
            ),
        ] {
            let message = Error::io("index/meta.json", err).to_string();
            assert!(message.contains(says), "{message}");
            assert!(message.contains("index/meta.json"), "{message}");
        }
        let message = Error::io("x", io::Error::from_raw_os_error(2)).to_string();
        assert_eq!(message, "cannot read x");
    }
}
