//! The README's and the `--help`'s examples, run: every `negotext …` line of a `sh` block (and every example of a `--help`)
//! runs without error against the shipped corpus, and every command shown
//! with its output (`$ negotext …` in a `text` block) prints each line the
//! README shows — except the lines the README cuts with `…` — so the docs
//! cannot drift from the program.
//!
//! Commands that need what a test cannot give are named in [`SKIPPED`],
//! each with its reason.

mod common;

use std::path::Path;
use std::process::Command;

/// Lines not run, and why.
const SKIPPED: &[(&str, &str)] = &[
    (
        "negotext serve",
        "serves until stopped (tests/serve.rs runs it)",
    ),
    ("~/Downloads", "a file on the reader's machine"),
    (
        "negotext watch",
        "saves searches in the index; tests/watch.rs runs the sequence on a copy of the corpus",
    ),
    (
        "/tmp/un",
        "a corpus the reader makes first, as the README says",
    ),
];

/// Commands whose output the README shows as an illustration of one
/// moment, and why it cannot be reproduced here.
const OUTPUT_OF_A_MOMENT: &[(&str, &str)] = &[(
    "negotext index",
    "reports what changed since the last update: here nothing has",
)];

/// A fenced block of the README: its language and its lines.
struct Block {
    language: String,
    lines: Vec<String>,
    /// 1-based line of the README where it starts.
    at: usize,
}

fn blocks() -> Vec<Block> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md reads");
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (n, line) in readme.lines().enumerate() {
        if let Some(language) = line.strip_prefix("```") {
            match open.take() {
                Some(block) => blocks.push(block),
                None => {
                    open = Some(Block {
                        language: language.trim().to_string(),
                        lines: Vec::new(),
                        at: n + 1,
                    })
                }
            }
        } else if let Some(block) = &mut open {
            block.lines.push(line.to_string());
        }
    }
    blocks
}

fn skipped(command: &str) -> bool {
    SKIPPED.iter().any(|(part, _)| command.contains(part))
        || (command.contains("| jq") && Command::new("jq").arg("--version").output().is_err())
}

/// `command` run by bash from the project root, with the binary on the
/// PATH, the shipped corpus and the tests' index, 80 columns: status and
/// stdout + stderr.
fn run(command: &str) -> (Option<i32>, String) {
    let binary = Path::new(env!("CARGO_BIN_EXE_negotext"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .args(["-c", command])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PATH", path)
        .env("NEGOTEXT_CORPUS", common::corpus_dir())
        .env("NEGOTEXT_INDEX", common::shared_index())
        .env("COLUMNS", "80")
        // As on a terminal: in colour (stripped below), matches unmarked.
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .expect("bash runs");
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    let colour = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    (
        output.status.code(),
        colour.replace_all(&text, "").into_owned(),
    )
}

#[test]
fn every_command_of_the_readme_runs() {
    let mut ran = 0;
    for block in blocks().iter().filter(|b| b.language == "sh") {
        for (i, line) in block.lines.iter().enumerate() {
            let command = line.trim();
            if !command.starts_with("negotext ") || skipped(command) {
                continue;
            }
            let (status, output) = run(command);
            assert!(
                matches!(status, Some(0 | 1)),
                "README line {}: `{command}` exited {status:?}:\n{output}",
                block.at + i + 1
            );
            ran += 1;
        }
    }
    assert!(ran >= 20, "only {ran} commands found in the README");
}

#[test]
fn every_output_the_readme_shows_is_printed() {
    let mut checked = 0;
    for block in blocks().iter().filter(|b| b.language == "text") {
        let mut lines = block.lines.iter().enumerate().peekable();
        while let Some((i, line)) = lines.next() {
            let Some(command) = line.strip_prefix("$ ") else {
                continue;
            };
            let mut shown = Vec::new();
            while let Some((_, next)) = lines.peek() {
                if next.starts_with("$ ") {
                    break;
                }
                shown.push(lines.next().map(|(_, l)| l.clone()).unwrap_or_default());
            }
            if skipped(command) || OUTPUT_OF_A_MOMENT.iter().any(|(c, _)| c == &command) {
                continue;
            }
            let (_, output) = run(command);
            let printed: Vec<&str> = output.lines().map(str::trim_end).collect();
            for expected in shown.iter().map(|l| l.trim_end()) {
                // Cut by the README, or a time that differs run to run.
                if expected.is_empty() || expected.contains('…') || expected.contains(" ms") {
                    continue;
                }
                assert!(
                    printed.contains(&expected),
                    "README line {}: `{command}` does not print {expected:?}; it prints:\n{output}",
                    block.at + i + 1
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} outputs found in the README");
}

/// The example commands of every `--help`: indented lines that start with
/// `negotext `, and `` `negotext …` `` in the text.
fn help_examples() -> Vec<(String, String)> {
    let commands = [
        "search", "show", "history", "diff", "origin", "stats", "index", "parse", "serve",
    ];
    let quoted = regex::Regex::new("`(negotext [^`]+)`").unwrap();
    let mut examples = Vec::new();
    for command in commands {
        let (_, help) = run(&format!("negotext {command} --help"));
        for line in help.lines() {
            let line = line.trim();
            if line.starts_with("negotext ") {
                examples.push((command.to_string(), line.to_string()));
            }
            for found in quoted.captures_iter(line) {
                examples.push((command.to_string(), found[1].to_string()));
            }
        }
    }
    examples
}

#[test]
fn every_example_of_the_help_runs() {
    let mut ran = 0;
    for (help, example) in help_examples() {
        // A command that takes arguments, named alone (`negotext search`),
        // is a word, not an example; `index --rebuild` would rebuild the
        // tests' index.
        let named = ["search", "show", "history", "diff", "origin", "parse"]
            .iter()
            .any(|c| example == format!("negotext {c}"));
        if named || example.contains("--rebuild") || skipped(&example) {
            continue;
        }
        let (status, output) = run(&example);
        assert!(
            matches!(status, Some(0 | 1)),
            "`negotext {help} --help` shows `{example}`, which exited {status:?}:\n{output}"
        );
        ran += 1;
    }
    assert!(ran >= 10, "only {ran} examples found in the help");
}
