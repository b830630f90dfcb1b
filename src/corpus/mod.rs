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

use crate::error::{Error, Result};

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
