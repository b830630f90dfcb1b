//! The `negotext` binary: parse the arguments, run, map the outcome to an
//! exit code (0 found, 1 nothing found, 2 error; a closed pipe is not an error).

mod cli;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use negotext::corpus::Manifest;
use negotext::parse;
use negotext::printer;

use cli::{Command, Opts};

/// How a command ended, when it did not fail.
enum Outcome {
    Found,
    NothingFound,
}

fn main() -> ExitCode {
    let opts = Opts::parse();
    match run(opts) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("negotext: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(opts: Opts) -> anyhow::Result<Outcome> {
    match opts.command {
        Command::Parse { file, json, corpus } => parse_command(&file, json, corpus.as_deref()),
    }
}

fn parse_command(file: &Path, json: bool, corpus_dir: Option<&Path>) -> anyhow::Result<Outcome> {
    let dir = corpus_dir
        .map(Path::to_path_buf)
        .or_else(|| file.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let manifest = Manifest::load(&dir)?;
    let name = file
        .strip_prefix(&dir)
        .ok()
        .filter(|rel| !rel.as_os_str().is_empty())
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/");
    let name = name.trim_start_matches("./").to_string();
    if file.is_dir() {
        anyhow::bail!(
            "{} is a directory: give one file (negotext parse corpus/<file>)",
            file.display()
        );
    }
    let parsed = parse::parse_file(file, &name, &manifest)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if json {
        printer::json::write_parsed(&mut out, &parsed)?;
    } else {
        for warning in &parsed.warnings {
            eprintln!(
                "warning: {}",
                printer::sanitize::sanitize(&warning.to_string())
            );
        }
        printer::human::write_parsed(&mut out, &parsed)?;
    }
    out.flush()?;
    Ok(if parsed.chunks.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
