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
//! file or subdirectory that cannot be opened, a file larger than the
//! limit ([`DEFAULT_MAX_FILE_SIZE`], `--max-file-size`). The manifest and
//! the glossary are read on the same terms: one that is not a regular file
//! or is over the limit is skipped (the defaults apply), never opened.

mod docx;
mod format;
mod html;
mod manifest;
mod pdf;
mod pdf_glyphs;
mod source;

use std::fmt;
use std::fs::FileType;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use format::{Extracted, Origin, Unreadable, sniff};
pub use manifest::{FileOverride, MANIFEST_FILE, Manifest};
pub use source::{Decoded, decode, extract};

use crate::analysis::Glossary;
use crate::error::{Error, Result};

/// The glossary file of a corpus (see [`Glossary`]).
pub const GLOSSARY_FILE: &str = "glossary.toml";

/// The largest file of a corpus that is read, by default: 256 MiB
/// (`--max-file-size`). A report is parsed whole, at about 4 times its size
/// in memory; larger files are skipped with a warning.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 << 20;

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
    /// The largest file read, in bytes (`--max-file-size`).
    pub max_file_size: u64,
}

impl Corpus {
    /// The bytes of one of its files, read as [`read_bounded`] reads: a
    /// file that grew past the limit or became a FIFO since the listing is
    /// skipped, not read whole or waited on.
    pub fn read(&self, file: &CorpusFile) -> Result<Bounded> {
        read_bounded(&file.path, self.max_file_size)
    }

    /// Opens the corpus at `dir`: lists its files, reads its manifest and
    /// glossary (the defaults when absent), files over
    /// [`DEFAULT_MAX_FILE_SIZE`] skipped.
    pub fn open(dir: &Path) -> Result<Corpus> {
        Corpus::open_limited(dir, DEFAULT_MAX_FILE_SIZE)
    }

    /// [`Corpus::open`], files over `max_file_size` bytes skipped.
    pub fn open_limited(dir: &Path, max_file_size: u64) -> Result<Corpus> {
        if !dir.is_dir() {
            return Err(Error::NoCorpus {
                path: dir.to_path_buf(),
            });
        }
        let mut skipped = Vec::new();
        let mut setting = |name: &str| match read_setting(&dir.join(name), max_file_size)? {
            Setting::Text(text) => Ok(Some(text)),
            Setting::Absent => Ok(None),
            Setting::Skipped(reason) => {
                skipped.push(Skipped {
                    name: name.to_string(),
                    reason: format!("{reason}; the defaults apply"),
                });
                Ok::<_, Error>(None)
            }
        };
        let manifest_text = setting(MANIFEST_FILE)?;
        let glossary_text = setting(GLOSSARY_FILE)?;
        let manifest = match &manifest_text {
            Some(text) => Manifest::parse(text, &dir.join(MANIFEST_FILE))?,
            None => Manifest::builtin(),
        };
        let glossary_path = dir.join(GLOSSARY_FILE);
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
        let listing = list_limited(dir, max_file_size)?;
        skipped.extend(listing.skipped);
        skipped.sort();
        Ok(Corpus {
            dir: dir.to_path_buf(),
            files: listing.files,
            skipped,
            manifest,
            glossary,
            settings,
            max_file_size,
        })
    }
}

/// What reading a settings file (the manifest, the glossary) gave.
pub(crate) enum Setting {
    Absent,
    Text(String),
    /// Not read: why (`a FIFO, not a regular file`).
    Skipped(String),
}

/// The text of the settings file at `path`, which may be absent, read by
/// [`read_bounded`].
pub(crate) fn read_setting(path: &Path, max_size: u64) -> Result<Setting> {
    Ok(match read_bounded(path, max_size)? {
        Bounded::Absent => Setting::Absent,
        Bounded::Skipped(reason) => Setting::Skipped(reason),
        Bounded::Bytes(bytes) => Setting::Text(String::from_utf8(bytes).map_err(|err| {
            Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, err),
            )
        })?),
    })
}

/// What reading a file with [`read_bounded`] gave.
pub enum Bounded {
    Absent,
    Bytes(Vec<u8>),
    /// Not read: why (`a FIFO, not a regular file`).
    Skipped(String),
}

/// The bytes of the file at `path`, which may be absent. What is not a
/// regular file is never opened (a FIFO would block, a device never end),
/// and at most `max_size` bytes are read: a larger file is skipped.
pub fn read_bounded(path: &Path, max_size: u64) -> Result<Bounded> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Bounded::Absent),
        Err(err) => return Err(Error::io(path, err)),
    };
    if !metadata.is_file() {
        return Ok(Bounded::Skipped(format!(
            "{}, not a regular file",
            special_kind(metadata.file_type())
        )));
    }
    if let Some(reason) = too_large(metadata.len(), max_size) {
        return Ok(Bounded::Skipped(reason));
    }
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Bounded::Absent),
        // Made unreadable since the listing, or refused by a rule the
        // listing's check does not see.
        Err(err) if err.kind() == std::io::ErrorKind::PermissionDenied => {
            return Ok(Bounded::Skipped(format!("cannot be opened ({err})")));
        }
        Err(err) => return Err(Error::io(path, err)),
    };
    // Bounded even if the file grew since the stat.
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, max_size.saturating_add(1)),
        &mut bytes,
    )
    .map_err(|err| Error::io(path, err))?;
    Ok(match too_large(bytes.len() as u64, max_size) {
        Some(reason) => Bounded::Skipped(reason),
        None => Bounded::Bytes(bytes),
    })
}

/// Why a file of `len` bytes is not read, when it is over `max_size`.
fn too_large(len: u64, max_size: u64) -> Option<String> {
    (len > max_size).then(|| {
        format!(
            "{}, larger than the {} limit (--max-file-size)",
            mebibytes(len),
            mebibytes(max_size)
        )
    })
}

/// `bytes` in MiB, for a message: `3072 MiB`, `0.5 MiB`.
fn mebibytes(bytes: u64) -> String {
    let mib = bytes as f64 / f64::from(1u32 << 20);
    if mib >= 10.0 || mib.fract() == 0.0 {
        format!("{mib:.0} MiB")
    } else {
        format!("{mib:.1} MiB")
    }
}

/// A file of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CorpusFile {
    /// Path relative to the corpus directory, with `/` separators: the name
    /// used in the manifest, in document ids and in search results.
    pub name: String,
    pub path: PathBuf,
    /// Its size when listed.
    pub len: u64,
    /// Its modification time when listed, if the system gives one: with
    /// the size, what the freshness check compares with the index's
    /// stamps, without a second `stat`.
    pub modified: Option<std::time::SystemTime>,
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

/// Lists a corpus directory: its document files and what was skipped
/// (files over [`DEFAULT_MAX_FILE_SIZE`] among them).
pub fn list(dir: &Path) -> Result<Listing> {
    list_limited(dir, DEFAULT_MAX_FILE_SIZE)
}

/// [`list`], files over `max_file_size` bytes skipped.
pub fn list_limited(dir: &Path, max_file_size: u64) -> Result<Listing> {
    let mut listing = Listing::default();
    walk(dir, dir, max_file_size, &mut listing)?;
    listing.files.sort();
    // Two files one name (see `escaped`): the second is skipped.
    let mut files: Vec<CorpusFile> = Vec::with_capacity(listing.files.len());
    for file in std::mem::take(&mut listing.files) {
        match files.last() {
            Some(last) if last.name == file.name => listing.skipped.push(Skipped {
                reason: format!(
                    "its name reads as that of another file ({})",
                    file.path.display()
                ),
                name: file.name,
            }),
            _ => files.push(file),
        }
    }
    listing.files = files;
    listing.skipped.sort();
    Ok(listing)
}

/// Lists the document files of a corpus directory, sorted by name.
pub fn list_files(dir: &Path) -> Result<Vec<CorpusFile>> {
    Ok(list(dir)?.files)
}

fn walk(root: &Path, dir: &Path, max_file_size: u64, listing: &mut Listing) -> Result<()> {
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
    let mut documents = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') {
            continue;
        }
        let file_type = entry
            .file_type()
            .map_err(|err| Error::io(entry.path(), err))?;
        if file_type.is_dir() {
            walk(root, &entry.path(), max_file_size, listing)?;
        } else if is_document_name(&file_name) {
            documents.push((entry, file_type));
        }
    }
    // A stat and an access check per file: the cost of every search's
    // freshness check, shared out among the cores.
    let checked: Vec<(
        String,
        PathBuf,
        std::result::Result<std::fs::Metadata, String>,
    )> = documents
        .par_iter()
        .map(|(entry, file_type)| {
            let path = entry.path();
            let readable = readable(entry, &path, *file_type, max_file_size);
            (relative_name(root, &path), path, readable)
        })
        .collect();
    for (name, path, readable) in checked {
        match readable {
            Err(reason) => listing.skipped.push(Skipped { name, reason }),
            Ok(metadata) => listing.files.push(CorpusFile {
                name,
                path,
                len: metadata.len(),
                modified: metadata.modified().ok(),
            }),
        }
    }
    Ok(())
}

/// `path` relative to `root`, with `/` separators; bytes that are not
/// UTF-8 written `\xff` (see [`escaped`]).
fn relative_name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| escaped(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as text, losing nothing: its UTF-8 as it is, each byte that
/// is not UTF-8 as `\xNN` — `n\xff.txt` and `n\xfe.txt` stay two names
/// (`to_string_lossy` made both `n\u{fffd}.txt`: one document, indexed
/// again by every search). A name that already reads like an escape can
/// still meet one; [`list`] skips the second of two files named alike.
#[cfg(unix)]
fn escaped(name: &std::ffi::OsStr) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out
}

/// A file name as text (not UTF-8 only on Unix, where bytes are kept).
#[cfg(not(unix))]
fn escaped(name: &std::ffi::OsStr) -> String {
    name.to_string_lossy().into_owned()
}

/// The metadata of `entry` at `path` (of type `file_type`, not following
/// a link) when it can be read as a document, else why not: it must be, or
/// link to, a regular file of at most `max_size` bytes that we may read.
/// Nothing is opened — opening a FIFO waits for a writer.
fn readable(
    entry: &std::fs::DirEntry,
    path: &Path,
    file_type: FileType,
    max_size: u64,
) -> std::result::Result<std::fs::Metadata, String> {
    let metadata = if file_type.is_symlink() {
        std::fs::metadata(path).map_err(|err| format!("a broken symbolic link ({err})"))?
    } else {
        entry
            .metadata()
            .map_err(|err| format!("cannot be opened ({err})"))?
    };
    let target = metadata.file_type();
    if target.is_dir() {
        return Err("a symbolic link to a directory, not followed".to_string());
    }
    if !target.is_file() {
        return Err(format!("{}, not a regular file", special_kind(target)));
    }
    if let Some(reason) = too_large(metadata.len(), max_size) {
        return Err(reason);
    }
    may_read(path, &metadata).map_err(|err| format!("cannot be opened ({err})"))?;
    Ok(metadata)
}

/// Whether we may read the file at `path` (of `metadata`), without opening
/// it: the superuser may read any file; its owner as the owner's
/// permission says; anyone else as the system answers `access(2)` (groups
/// and access control lists).
#[cfg(unix)]
fn may_read(path: &Path, metadata: &std::fs::Metadata) -> std::io::Result<()> {
    use rustix::fs::{Access, AtFlags, CWD, accessat};
    use std::os::unix::fs::MetadataExt;
    static EFFECTIVE_USER: std::sync::OnceLock<rustix::process::Uid> = std::sync::OnceLock::new();
    let me = *EFFECTIVE_USER.get_or_init(rustix::process::geteuid);
    if me.is_root() {
        Ok(())
    } else if metadata.uid() == me.as_raw() {
        match metadata.mode() & 0o400 {
            0 => Err(std::io::Error::from(rustix::io::Errno::ACCESS)),
            _ => Ok(()),
        }
    } else {
        accessat(CWD, path, Access::READ_OK, AtFlags::EACCESS).map_err(std::io::Error::from)
    }
}

/// Whether we may read the file at `path`: it opens.
#[cfg(not(unix))]
fn may_read(path: &Path, _metadata: &std::fs::Metadata) -> std::io::Result<()> {
    std::fs::File::open(path).map(drop)
}

/// What a file that is neither a regular file nor a directory is.
#[cfg(unix)]
fn special_kind(file_type: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_fifo() {
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
fn special_kind(file_type: FileType) -> &'static str {
    if file_type.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
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

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_escaped_and_kept_apart() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join(OsStr::from_bytes(b"n\xff.txt")), "1. A.").unwrap();
        std::fs::write(dir.join(OsStr::from_bytes(b"n\xfe.txt")), "1. B.").unwrap();
        // Valid UTF-8 that reads like an escape: the same name as the first.
        std::fs::write(dir.join(r"n\xff.txt"), "1. C.").unwrap();
        let (files, skipped) = listed(dir);
        assert_eq!(files, [r"n\xfe.txt", r"n\xff.txt"]);
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(
            skipped[0].starts_with(r"n\xff.txt: skipped: its name reads as that of another file"),
            "{skipped:?}"
        );
    }

    #[test]
    fn stems() {
        assert_eq!(stem("2022-07-28-crp1.txt"), "2022-07-28-crp1");
        assert_eq!(stem("sub/a.b.txt"), "sub/a.b");
        assert_eq!(stem("noext"), "noext");
        assert_eq!(stem(".hidden"), ".hidden");
    }
}
