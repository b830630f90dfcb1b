//! The corpus: a directory of draft files plus its manifest.
//!
//! Every regular file under the directory is a document file, except hidden
//! files, `*.toml` (the manifest, the glossary) and `README*`. Subdirectories
//! are walked; symbolic links to files are read, symbolic links to
//! directories are not followed, so a link loop cannot trap the walk.
//!
//! What cannot be a document is [`Skipped`] with its reason, never read: a
//! FIFO, socket or device (reading a FIFO would wait forever for a writer),
//! a broken symbolic link or a link loop, a symbolic link to a directory, a
//! file or subdirectory that cannot be opened.

mod manifest;
mod source;

use std::fmt;
use std::fs::FileType;
use std::path::{Path, PathBuf};

pub use manifest::{FileOverride, MANIFEST_FILE, Manifest};
pub use source::{Decoded, decode};

use crate::analysis::Glossary;
use crate::error::{Error, Result};

/// The glossary file of a corpus (see [`Glossary`]).
pub const GLOSSARY_FILE: &str = "glossary.toml";

/// A corpus directory, opened: its files, manifest and glossary.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub dir: PathBuf,
    pub files: Vec<CorpusFile>,
    /// What was found in the directory but is not read, in name order.
    pub skipped: Vec<Skipped>,
    pub manifest: Manifest,
    pub glossary: Glossary,
    /// The bytes of the manifest and the glossary (empty when absent): a
    /// change to either changes every file's analysis.
    pub settings: Vec<u8>,
}

impl Corpus {
    /// Opens the corpus at `dir`: lists its files, reads its manifest and
    /// glossary (the defaults when absent).
    pub fn open(dir: &Path) -> Result<Corpus> {
        if !dir.is_dir() {
            return Err(Error::NoCorpus {
                path: dir.to_path_buf(),
            });
        }
        let manifest_text = read_optional(&dir.join(MANIFEST_FILE))?;
        let manifest = match &manifest_text {
            Some(text) => Manifest::parse(text, &dir.join(MANIFEST_FILE))?,
            None => Manifest::builtin(),
        };
        let glossary_path = dir.join(GLOSSARY_FILE);
        let glossary_text = read_optional(&glossary_path)?;
        let glossary = match &glossary_text {
            Some(text) => Glossary::from_toml(text).map_err(|err| Error::Glossary {
                path: glossary_path.clone(),
                message: err.message().to_string(),
            })?,
            None => Glossary::default(),
        };
        let mut settings = Vec::new();
        for text in [&manifest_text, &glossary_text] {
            settings.extend_from_slice(text.as_deref().unwrap_or_default().as_bytes());
            settings.push(0);
        }
        let Listing { files, skipped } = list(dir)?;
        Ok(Corpus {
            dir: dir.to_path_buf(),
            files,
            skipped,
            manifest,
            glossary,
            settings,
        })
    }
}

/// The text of a file that may be absent.
fn read_optional(path: &Path) -> Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Error::io(path, err)),
    }
}

/// A file of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CorpusFile {
    /// Path relative to the corpus directory, with `/` separators: the name
    /// used in the manifest, in document ids and in search results.
    pub name: String,
    pub path: PathBuf,
}

/// An entry of a corpus directory that is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    /// Path relative to the corpus directory, as [`CorpusFile::name`].
    pub name: String,
    /// What it is: `a FIFO, not a regular file`.
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: skipped: {}", self.name, self.reason)
    }
}

/// The document files of a corpus directory and what was skipped, each
/// sorted by name.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub files: Vec<CorpusFile>,
    pub skipped: Vec<Skipped>,
}

/// Lists a corpus directory: its document files and what was skipped.
pub fn list(dir: &Path) -> Result<Listing> {
    let mut listing = Listing::default();
    walk(dir, dir, &mut listing)?;
    listing.files.sort();
    listing.skipped.sort();
    Ok(listing)
}

/// Lists the document files of a corpus directory, sorted by name.
pub fn list_files(dir: &Path) -> Result<Vec<CorpusFile>> {
    Ok(list(dir)?.files)
}

fn walk(root: &Path, dir: &Path, listing: &mut Listing) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        // A subdirectory we may not read is skipped; the corpus itself must be readable.
        Err(err) if dir != root => {
            listing.skipped.push(Skipped {
                name: relative_name(root, dir),
                reason: format!("a directory that cannot be read ({err})"),
            });
            return Ok(());
        }
        Err(err) => return Err(Error::io(dir, err)),
    };
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') {
            continue;
        }
        let file_type = entry.file_type().map_err(|err| Error::io(&path, err))?;
        if file_type.is_dir() {
            walk(root, &path, listing)?;
            continue;
        }
        if !is_document_name(&file_name) {
            continue;
        }
        let name = relative_name(root, &path);
        match unreadable(&path, file_type) {
            Some(reason) => listing.skipped.push(Skipped { name, reason }),
            None => listing.files.push(CorpusFile { name, path }),
        }
    }
    Ok(())
}

/// `path` relative to `root`, with `/` separators.
fn relative_name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why the entry at `path` (of type `file_type`, not following a link)
/// cannot be read as a document, if it cannot: it must be, or link to, a
/// regular file that opens. Nothing is opened that is not a regular file —
/// opening a FIFO waits for a writer.
fn unreadable(path: &Path, file_type: FileType) -> Option<String> {
    let target = if file_type.is_symlink() {
        match std::fs::metadata(path) {
            Ok(metadata) => metadata.file_type(),
            Err(err) => return Some(format!("a broken symbolic link ({err})")),
        }
    } else {
        file_type
    };
    if target.is_dir() {
        return Some("a symbolic link to a directory, not followed".to_string());
    }
    if !target.is_file() {
        return Some(format!("{}, not a regular file", special_kind(target)));
    }
    std::fs::File::open(path)
        .err()
        .map(|err| format!("cannot be opened ({err})"))
}

/// What a file that is neither a regular file nor a directory is.
#[cfg(unix)]
fn special_kind(file_type: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

/// What a file that is neither a regular file nor a directory is.
#[cfg(not(unix))]
fn special_kind(_: FileType) -> &'static str {
    "a special file"
}

/// Whether a file name is a document (not the manifest, a glossary or a README).
fn is_document_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    !(lower.ends_with(".toml") || lower.starts_with("readme"))
}

/// The stem of a corpus file name, used in document ids: `a/b.txt` → `a/b`.
pub fn stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(dot) if dot > name.rfind('/').map_or(0, |slash| slash + 1) => {
            name.get(..dot).unwrap_or(name)
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names listed and the skipped entries' names and reasons.
    fn listed(dir: &Path) -> (Vec<String>, Vec<String>) {
        let listing = list(dir).unwrap();
        (
            listing.files.into_iter().map(|f| f.name).collect(),
            listing.skipped.iter().map(Skipped::to_string).collect(),
        )
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_files_only_and_special_files_are_skipped() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("draft.txt"), "1. Text.").unwrap();
        std::fs::write(dir.join("manifest.toml"), "").unwrap();
        symlink("draft.txt", dir.join("alias.txt")).unwrap();
        symlink("b.txt", dir.join("a.txt")).unwrap();
        symlink("a.txt", dir.join("b.txt")).unwrap();
        symlink("nowhere.txt", dir.join("dangling.txt")).unwrap();
        std::fs::create_dir(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/inner.txt"), "Inner.").unwrap();
        symlink("..", dir.join("sub/up")).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(dir.join("pipe.txt"))
            .status()
            .is_ok_and(|status| status.success());

        let (files, skipped) = listed(dir);
        assert_eq!(files, ["alias.txt", "draft.txt", "sub/inner.txt"]);
        let reasons: Vec<&str> = skipped.iter().map(String::as_str).collect();
        let mut expected = vec![
            "a.txt: skipped: a broken symbolic link",
            "b.txt: skipped: a broken symbolic link",
            "dangling.txt: skipped: a broken symbolic link",
        ];
        if fifo {
            expected.push("pipe.txt: skipped: a FIFO, not a regular file");
        }
        expected.push("sub/up: skipped: a symbolic link to a directory, not followed");
        assert_eq!(reasons.len(), expected.len(), "{reasons:?}");
        for (reason, start) in reasons.iter().zip(expected) {
            assert!(reason.starts_with(start), "{reason} / {start}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_cannot_be_opened_is_skipped() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let locked = tmp.path().join("locked.txt");
        std::fs::write(&locked, "1. Text.").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root opens it anyway: then it is a document like any other.
        let opens = std::fs::File::open(&locked).is_ok();
        let (files, skipped) = listed(tmp.path());
        if opens {
            assert_eq!((files.len(), skipped.len()), (1, 0));
        } else {
            assert!(files.is_empty());
            assert_eq!(skipped.len(), 1);
            assert!(
                skipped[0].starts_with("locked.txt: skipped: cannot be opened ("),
                "{skipped:?}"
            );
        }
    }

    #[test]
    fn stems() {
        assert_eq!(stem("2022-07-28-crp1.txt"), "2022-07-28-crp1");
        assert_eq!(stem("sub/a.b.txt"), "sub/a.b");
        assert_eq!(stem("noext"), "noext");
        assert_eq!(stem(".hidden"), ".hidden");
    }
}
