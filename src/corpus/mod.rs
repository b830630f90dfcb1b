//! The corpus: a directory of draft files plus its manifest.
//!
//! Every regular file under the directory is a document file, except hidden
//! files, `*.toml` (the manifest, the glossary) and `README*`. Subdirectories
//! are walked; symbolic links to directories are not followed, so a link loop
//! cannot trap the walk.

mod manifest;
mod source;

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
        Ok(Corpus {
            dir: dir.to_path_buf(),
            files: list_files(dir)?,
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

/// Lists the document files of a corpus directory, sorted by name.
pub fn list_files(dir: &Path) -> Result<Vec<CorpusFile>> {
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort();
    Ok(files)
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<CorpusFile>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, err))?;
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') {
            continue;
        }
        let file_type = entry.file_type().map_err(|err| Error::io(&path, err))?;
        if file_type.is_dir() {
            walk(root, &path, files)?;
            continue;
        }
        // A symlink to a file is read; a symlink to a directory is skipped.
        if file_type.is_symlink() && path.is_dir() {
            continue;
        }
        if !is_document_name(&file_name) {
            continue;
        }
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        files.push(CorpusFile { name, path });
    }
    Ok(())
}

/// Whether a file name is a document (not the manifest, a glossary or a README).
fn is_document_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    !(lower.ends_with(".toml") || lower.starts_with("readme"))
}

/// The stem of a corpus file name, used in document ids: `a/b.txt` → `a/b`.
pub fn stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(dot) if dot > name.rfind('/').map_or(0, |slash| slash + 1) => &name[..dot],
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("2022-07-28-crp1.txt"), "2022-07-28-crp1");
        assert_eq!(stem("sub/a.b.txt"), "sub/a.b");
        assert_eq!(stem("noext"), "noext");
        assert_eq!(stem(".hidden"), ".hidden");
    }
}
