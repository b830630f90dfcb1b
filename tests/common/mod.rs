//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use negotext::corpus::{self, Manifest};
use negotext::parse::{self, ParsedFile};

/// The shipped corpus.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

pub const ZERO_DRAFT: &str = "2022-06-22-zero-draft.txt";
pub const REV1: &str = "2022-07-20-rev1.txt";
pub const CRP1: &str = "2022-07-28-crp1.txt";
pub const MARCH_LETTER: &str = "2022-03-24-capacity-building-meeting.txt";
pub const THIRD_REPORT: &str = "2024-06-21-third-progress-report-draft.txt";

/// Parses one file of the shipped corpus with the shipped manifest.
pub fn parse_shipped(name: &str) -> ParsedFile {
    let dir = corpus_dir();
    let manifest = Manifest::load(&dir).expect("the shipped manifest loads");
    parse::parse_file(&dir.join(name), name, &manifest).expect("the shipped file reads")
}

/// Parses every file of the shipped corpus.
pub fn parse_all() -> Vec<ParsedFile> {
    let dir = corpus_dir();
    corpus::list_files(&dir)
        .expect("the corpus lists")
        .iter()
        .map(|f| parse_shipped(&f.name))
        .collect()
}

/// Runs the built binary.
pub fn negotext(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_negotext"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}
