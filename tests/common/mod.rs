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

/// An index of the shipped corpus, built once per test binary (each its
/// own) under cargo's target tmp dir, and kept up to date by the binary
/// itself.
pub fn shared_index() -> PathBuf {
    static INDEX: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("index-{}", env!("CARGO_CRATE_NAME")));
            let output = Command::new(env!("CARGO_BIN_EXE_negotext"))
                .args(["index", "--quiet", "--corpus"])
                .arg(corpus_dir())
                .arg("--index")
                .arg(&dir)
                .output()
                .expect("the binary runs");
            assert!(
                output.status.success(),
                "indexing failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            dir
        })
        .clone()
}

/// Runs `negotext <command> <args> --corpus <shipped> --index <shared>`.
pub fn on_shared_index(command: &str, args: &[&str]) -> Output {
    let index = shared_index();
    let corpus = corpus_dir();
    let mut all = vec![command];
    all.extend_from_slice(args);
    let places = [
        "--corpus",
        corpus.to_str().expect("a UTF-8 path"),
        "--index",
        index.to_str().expect("a UTF-8 path"),
    ];
    all.extend_from_slice(&places);
    negotext(&all)
}

/// The JSON Lines of an output, parsed.
pub fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    parse_lines(&String::from_utf8_lossy(&output.stdout))
}

/// Every line of `text` read as JSON into `T` (a typed contract).
pub fn parse_lines<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// What `search --json` printed: the hits' `data`, and the summary's.
pub struct Searched {
    pub hits: Vec<serde_json::Value>,
    pub summary: serde_json::Value,
    pub code: i32,
}

impl Searched {
    /// The hits' `key`s (`crp1 16(a)`), in rank order.
    pub fn keys(&self) -> Vec<String> {
        self.hits
            .iter()
            .map(|hit| hit["key"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}

/// `negotext search <query> <args> --json --limit 1000` on the shared index.
pub fn search(query: &str, args: &[&str]) -> Searched {
    let mut all = vec![query, "--json", "--limit", "1000"];
    all.extend_from_slice(args);
    let output = on_shared_index("search", &all);
    let code = output.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "search {query} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut lines = json_lines(&output);
    let summary = lines.pop().expect("a summary line");
    assert_eq!(summary["type"], "summary");
    let hits = lines
        .into_iter()
        .map(|line| {
            assert_eq!(line["type"], "hit");
            line["data"].clone()
        })
        .collect();
    Searched {
        hits,
        summary: summary["data"].clone(),
        code,
    }
}
