//! Gives the build an identity, `NEGOTEXT_BUILD`: a hash of the sources.
//! An index records the build that made it, and an index made by another
//! build is rebuilt — a change to the parser or the analyzer changes what
//! an index must hold even when the corpus did not change.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.push(Path::new("Cargo.lock").to_path_buf());
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in files {
        file.hash(&mut hasher);
        if let Ok(bytes) = std::fs::read(&file) {
            bytes.hash(&mut hasher);
        }
    }
    println!("cargo:rustc-env=NEGOTEXT_BUILD={:016x}", hasher.finish());
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
