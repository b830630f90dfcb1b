//! The command line as people use it (issue 18): closed pipes, query words,
//! paging hints, markers without colour, forgiving labels and filters,
//! the terminal's width, suggestions for words with no hits.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{HANG, corpus_dir, finish, on_shared_index, search, shared_index, stderr, stdout};

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
fn query_words_are_joined_as_the_query_syntax_joins_them() {
    let joined = search("human rights", &[]);
    assert!(!joined.hits.is_empty(), "the corpus speaks of human rights");
    let words = on_shared_index("search", &["human", "rights", "--json", "--limit", "1000"]);
    assert_eq!(words.status.code(), Some(0), "{}", stderr(&words));
    assert_eq!(keys(&words), joined.keys());
    // A quoted phrase stays a phrase; flags after the words still apply.
    let phrase = search("\"points of contact\" directory", &["--draft", "crp1"]);
    let typed = on_shared_index(
        "search",
        &[
            "\"points of contact\"",
            "directory",
            "--draft",
            "crp1",
            "--json",
            "--limit",
            "1000",
        ],
    );
    assert_eq!(typed.status.code(), Some(0), "{}", stderr(&typed));
    assert!(!phrase.hits.is_empty());
    assert_eq!(keys(&typed), phrase.keys());
}

/// The `key`s of the hits of a `search --json` output.
fn keys(output: &std::process::Output) -> Vec<String> {
    common::json_lines(output)
        .iter()
        .filter(|line| line["type"] == "hit")
        .map(|line| line["data"]["key"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_last_page_offers_no_more_and_a_page_past_the_end_says_where_the_last_starts() {
    let total = search("States", &[]).hits.len();
    assert!(total > 10, "States is in more than one page: {total}");
    let last_page = (total - 1) / 10 * 10;
    let last = on_shared_index("search", &["States", "--offset", &last_page.to_string()]);
    assert_eq!(last.status.code(), Some(0), "{}", stderr(&last));
    let summary = stdout(&last);
    assert!(
        summary.contains(&format!("({}–{total} shown) in", last_page + 1)),
        "{summary}"
    );
    assert!(!summary.contains("for more"), "{summary}");
    let first = stdout(&on_shared_index("search", &["States"]));
    assert!(
        first.contains("(1–10 shown; --offset 10 for more)"),
        "{first}"
    );

    let past_end = (total + 5).to_string();
    for json in [false, true] {
        let mut args = vec!["States", "--offset", &past_end];
        if json {
            args.push("--json");
        }
        let past = on_shared_index("search", &args);
        assert_eq!(past.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&past),
            format!(
                "negotext: no hits from {}: there are {total}; try --offset {last_page}\n",
                total + 6
            ),
            "{args:?}"
        );
    }
}

/// `text` without ANSI colour sequences.
fn without_colour(text: &str) -> String {
    regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(text, "")
        .into_owned()
}

#[test]
fn diffs_are_marked_in_colour_too_and_removed_and_added_words_never_touch() {
    for args in [
        &["diff", "rev1", "crp1"][..],
        &["history", "crp1", "16(a)"][..],
    ] {
        let plain = stdout(&on_shared_index(
            args[0],
            &[&args[1..], &["--color", "never"]].concat(),
        ));
        let coloured = stdout(&on_shared_index(
            args[0],
            &[&args[1..], &["--color", "always"]].concat(),
        ));
        assert!(coloured.contains("\x1b["), "{args:?} in colour");
        assert!(plain.contains("[-") && plain.contains("[+"), "{plain}");
        // The same marks with colour and without.
        assert_eq!(without_colour(&coloured), plain, "{args:?}");
        // A removed run and the added run after it are apart.
        assert!(
            !plain.contains("-][+") && !plain.contains("+][-"),
            "{plain}"
        );
    }
}

#[test]
fn matched_words_are_marked_when_colour_is_off_unless_asked_not_to() {
    let hit_lines = |args: &[&str]| {
        let output = on_shared_index("search", &[&["PoC", "--limit", "1"], args].concat());
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        // Without the time the search took.
        regex::Regex::new(r" in [0-9.]+ ms")
            .unwrap()
            .replace(&stdout(&output), "")
            .into_owned()
    };
    // The tests run with NO_COLOR=1 and a pipe: no colour, so marks.
    let piped = hit_lines(&[]);
    assert!(piped.contains("**"), "{piped}");
    let plain = hit_lines(&["--color", "never"]);
    assert!(!plain.contains("**"), "{plain}");
    assert_eq!(plain, hit_lines(&["--marker", "never"]));
    assert_eq!(
        piped,
        hit_lines(&["--color", "never", "--marker", "always"])
    );
    let coloured = hit_lines(&["--color", "always", "--marker", "always"]);
    assert_eq!(without_colour(&coloured), piped);
    assert!(!hit_lines(&["--color", "always"]).contains("**"));
    // JSON keeps the snippet as the text has it.
    let json = search("PoC", &[]);
    assert!(
        json.hits
            .iter()
            .all(|hit| !hit["snippet"].as_str().unwrap().contains("**"))
    );
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

#[test]
fn repeatable_filters_take_comma_separated_values() {
    let repeated = search("States", &["--pillar", "cbm", "--pillar", "general"]);
    let commas = search("States", &["--pillar", "cbm,general"]);
    assert_eq!(commas.keys(), repeated.keys());
    let cbm = search("States", &["--pillar", "cbm"]).keys().len();
    let general = search("States", &["--pillar", "general"]).keys().len();
    assert!(cbm > 0 && general > 0);
    assert_eq!(commas.keys().len(), cbm + general);
    let kinds = search("capacity", &["--doc-kind", "letter,annex"]);
    let kinds_repeated = search("capacity", &["--doc-kind", "letter", "--doc-kind", "annex"]);
    assert_eq!(kinds.keys(), kinds_repeated.keys());
    let diff = |pillars: &[&str]| {
        stdout(&on_shared_index(
            "diff",
            &[&["rev1", "crp1"], pillars].concat(),
        ))
    };
    assert_eq!(
        diff(&["--pillar", "cbm,norms"]),
        diff(&["--pillar", "cbm", "--pillar", "norms"])
    );
}

#[test]
fn search_help_lists_every_view_of_the_query_syntax() {
    let help = stdout(&common::negotext(&["search", "--help"]));
    for view in [
        "text:",
        "inserted:",
        "deleted:",
        "added:",
        "removed:",
        "comment:",
        "author:",
    ] {
        assert!(help.contains(&format!("  {view}")), "{view} in {help}");
    }
}

#[test]
fn a_negative_count_is_a_one_line_error_that_does_not_suggest_a_query() {
    for flag in ["--limit", "--offset", "-n"] {
        let output = on_shared_index("search", &["PoC", flag, "-1"]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(
            message.starts_with("negotext: invalid value '-1' for '"),
            "{message}"
        );
        assert!(message.contains("0 or more"), "{message}");
        assert!(!message.contains("-- -1"), "{message}");
    }
}

/// `negotext <args> --corpus <shipped> --index <shared>` with `COLUMNS`
/// set: its stdout.
fn with_columns(columns: &str, args: &[&str]) -> String {
    let mut command = on_shared(args);
    command.env("COLUMNS", columns);
    let output = common::output_within(command, HANG, &format!("negotext {args:?}"));
    assert!(
        output.status.code().is_some_and(|code| code < 2),
        "{}",
        stderr(&output)
    );
    stdout(&output)
}

#[test]
fn output_fits_the_width_of_the_terminal() {
    let widest = |text: &str| {
        text.lines()
            .map(|line| line.chars().count())
            .max()
            .unwrap_or(0)
    };
    // Its words, without the time a search took.
    let time = regex::Regex::new(r" in [0-9.]+ ms").unwrap();
    let timeless = |text: &str| {
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        time.replace(&words, "").into_owned()
    };
    for args in [
        &["search", "States", "--limit", "30"][..],
        &["search", "capacity", "--limit", "0"][..],
        &["show", "crp1", "16(a)"][..],
        &["history", "crp1", "16(a)"][..],
        &["diff", "rev1", "crp1"][..],
        &["stats"][..],
    ] {
        let narrow = with_columns("80", args);
        assert!(widest(&narrow) <= 80, "{args:?} at 80 columns:\n{narrow}");
        if args[0] != "stats" {
            let wide = with_columns("160", args);
            assert!(widest(&wide) > 100, "{args:?} uses 160 columns:\n{wide}");
            // The same words, wrapped otherwise.
            assert_eq!(timeless(&narrow), timeless(&wide), "{args:?}");
        }
    }
    // Piped with no COLUMNS: 80.
    let piped = stdout(&on_shared_index("search", &["States", "--limit", "30"]));
    assert!(widest(&piped) <= 80, "{piped}");
}

#[test]
fn a_word_no_chunk_holds_gets_the_nearest_indexed_words_on_stderr() {
    let output = on_shared_index("search", &["sovreignty", "--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "negotext: no hits for \"sovreignty\"; did you mean: sovereignty?\n"
    );
    // The query is not changed, and stdout holds only the summary.
    let lines = common::json_lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["type"], "summary");
    assert_eq!(lines[0]["data"]["total_hits"], 0);
    // Each word suggested is one chunks hold; only the missing words get any.
    let output = on_shared_index("search", &["confidnce", "cooperation", "buidling"]);
    let said = stderr(&output);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 2, "{said}");
    for (line, word) in lines.iter().zip(["confidnce", "buidling"]) {
        let prefix = format!("negotext: no hits for \"{word}\"; did you mean: ");
        let nearest = line
            .strip_prefix(&prefix)
            .unwrap()
            .strip_suffix('?')
            .unwrap();
        let nearest: Vec<&str> = nearest.split(", ").collect();
        assert!((1..=3).contains(&nearest.len()), "{line}");
        for suggested in nearest {
            assert!(
                !search(suggested, &["--exact"]).hits.is_empty(),
                "{suggested}"
            );
        }
    }
    // A search with hits suggests nothing.
    assert_eq!(stderr(&on_shared_index("search", &["sovereignty"])), "");
}

#[test]
fn labels_are_taken_as_people_type_them() {
    let shown = |citation: &[&str]| {
        let output = on_shared_index("show", &[&["--json"][..], citation].concat());
        assert_eq!(
            output.status.code(),
            Some(0),
            "{citation:?}: {}",
            stderr(&output)
        );
        common::json_lines(&output)
            .iter()
            .map(|line| line["data"]["chunk"]["label"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    for citation in [
        &["crp1", "16(a)"][..],
        &["crp1", "16a"],
        &["crp1", "16 (a)"],
        &["crp1", "para", "16(a)"],
        &["crp1", "paragraph", "16", "(a)"],
        &["crp1", "para.", "16a"],
    ] {
        assert_eq!(shown(citation), ["16(a)"], "{citation:?}");
    }
    // An unknown label lists the nearest labels first.
    let output = on_shared_index("show", &["crp1", "16(z)"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    let listed = message.split("nearest labels: ").nth(1).unwrap();
    let first: Vec<&str> = listed.split(", ").take(3).collect();
    assert!(first.contains(&"16(a)"), "{message}");
    assert!(
        first.iter().all(|label| label.starts_with("16")),
        "{message}"
    );
}

/// Point 13: an argument error is one line, as every error is: what is
/// wrong, clap's tip, the usage — exit 2; help and version stay whole.
#[test]
fn argument_errors_are_one_line() {
    for args in [
        &["show"][..],
        &["diff", "rev1"],
        &["stats", "--bogus"],
        &["frobnicate"],
        &["completions", "tcsh"],
    ] {
        let output = common::negotext(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = common::stderr(&output);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("negotext: "), "{args:?}: {stderr}");
    }
    let missing = common::stderr(&common::negotext(&["show"]));
    assert!(
        missing.contains("<CITATION>") && missing.contains("(usage: negotext show"),
        "{missing}"
    );
    let help = common::negotext(&["search", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(common::stdout(&help).lines().count() > 20);
}
