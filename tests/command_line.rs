//! The command line as people use it (issue 18): closed pipes, query words,
//! paging hints, markers without colour, forgiving labels and filters,
//! the terminal's width, suggestions for words with no hits.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{HANG, corpus_dir, finish, on_shared_index, shared_index, stderr, stdout};

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

#[test]
fn diff_names_itself_in_its_errors_and_refuses_one_draft_against_itself() {
    let reports = on_shared_index("diff", &["rev1", "l1"]);
    assert_eq!(reports.status.code(), Some(2));
    assert!(
        stderr(&reports).starts_with("negotext: cannot diff 'rev1 l1': "),
        "{}",
        stderr(&reports)
    );
    let same = on_shared_index("diff", &["rev1", "Rev.1"]);
    assert_eq!(same.status.code(), Some(2));
    assert_eq!(stdout(&same), "");
    assert_eq!(
        stderr(&same),
        "negotext: cannot diff 'rev1 Rev.1': rev1 and Rev.1 are the same draft (apr1/rev1): give two drafts of one report\n"
    );
}

#[test]
fn a_redline_lists_the_changed_paragraphs_then_the_new_then_the_dropped() {
    for (from, to) in [
        ("rev1", "crp1"),
        ("zero-draft", "crp1"),
        ("zero-draft", "rev1"),
    ] {
        let output = on_shared_index("diff", &[from, to, "--json"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let kinds: Vec<String> = common::json_lines(&output)
            .iter()
            .map(|line| line["type"].as_str().unwrap().to_string())
            .collect();
        let rank = |kind: &str| {
            ["changed", "added", "dropped", "summary"]
                .iter()
                .position(|k| *k == kind)
        };
        let ranks: Vec<_> = kinds.iter().map(|k| rank(k).unwrap()).collect();
        assert!(ranks.is_sorted(), "{from} → {to}: {kinds:?}");
        assert!(
            kinds.iter().any(|k| k == "added"),
            "{from} → {to} adds paragraphs"
        );
        // The text for people in the same order.
        let text = stdout(&on_shared_index("diff", &[from, to]));
        let first_new = text.find("  new in ").unwrap();
        assert!(!text[first_new..].contains(" ← "), "{from} → {to}");
    }
}
