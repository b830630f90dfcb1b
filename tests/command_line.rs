//! The command line as people use it (issue 18): closed pipes, query words,
//! paging hints, markers without colour, forgiving labels and filters,
//! the terminal's width, suggestions for words with no hits.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{HANG, corpus_dir, finish, shared_index, stderr};

/// `negotext <args> --corpus <shipped> --index <shared>`, to run.
fn on_shared(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_negotext"));
    command
        .args(args)
        .arg("--corpus")
        .arg(corpus_dir())
        .arg("--index")
        .arg(shared_index());
    command
}

/// [`on_shared`] with stdout a
/// pipe that is closed after `lines` lines were read: exit status and
/// stderr.
fn closed_after(args: &[&str], lines: usize) -> (Option<i32>, String) {
    let mut child = common::spawn(on_shared(args));
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    for _ in 0..lines {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(
            !line.is_empty(),
            "{args:?} printed fewer than {lines} lines"
        );
    }
    drop(reader);
    // `finish` reads both pipes: give it an empty stdout.
    child.stdout = Command::new("true")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap()
        .stdout
        .take();
    let output = finish(child, HANG, &format!("negotext {args:?}"));
    (output.status.code(), stderr(&output))
}

#[test]
fn a_closed_pipe_is_not_an_error_in_any_command_or_output_mode() {
    // `the` and `--limit 1000` print far more than a pipe holds, so the
    // writes after the first line meet the closed pipe.
    for (args, lines) in [
        (&["search", "the", "--limit", "1000", "--json"][..], 1),
        (&["search", "the", "--limit", "1000"][..], 1),
        (&["diff", "rev1", "crp1", "--json"][..], 1),
        (&["diff", "rev1", "crp1"][..], 1),
        (&["history", "crp1", "16(a)", "--json"][..], 1),
        (&["show", "crp1", "16(a)", "--json"][..], 0),
        (&["stats", "--json"][..], 0),
        // Closed before anything was read: the very first write fails.
        (&["search", "the", "--json"][..], 0),
        (&["diff", "rev1", "crp1", "--json"][..], 0),
    ] {
        let (code, stderr) = closed_after(args, lines);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}
