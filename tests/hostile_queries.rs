//! Queries meant to hurt: huge, deep, empty, odd. Each answers (exit 0
//! with hits, 1 without) or fails with one line saying what is wrong (exit
//! 2), within a hang timeout ([`common::HANG`]); never a panic. No timing
//! is asserted beyond that.

mod common;

use negotext::index::ChunkIndex;
use negotext::search::query::{MAX_DEPTH, MAX_QUERY_BYTES, MAX_TERMS};
use negotext::search::{self, Request};

/// `negotext search <args> --json` on the shipped corpus's shared index.
fn search(args: &[&str]) -> std::process::Output {
    let index = common::shared_index();
    let corpus = common::corpus_dir();
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend([
        "--json",
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    common::negotext(&all)
}

/// The query answers: exit 0 with hits or 1 without, and nothing on stderr.
fn answers(args: &[&str]) -> usize {
    let output = search(args);
    let code = output.status.code();
    let hits = common::stdout(&output)
        .lines()
        .filter(|line| line.contains(r#""type":"hit""#))
        .count();
    assert!(
        code == Some(0) || code == Some(1),
        "{}: exit {code:?}: {}",
        excerpt(args),
        common::stderr(&output)
    );
    assert_eq!(common::stderr(&output), "", "{}", excerpt(args));
    assert!(
        common::stdout(&output).contains(r#""type":"summary""#),
        "{}",
        excerpt(args)
    );
    hits
}

/// The query is refused: exit 2, one line that contains each of `words`.
fn refused(args: &[&str], words: &[&str]) {
    let output = search(args);
    let message = common::stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}: {message}",
        excerpt(args)
    );
    assert_eq!(message.lines().count(), 1, "{}: {message}", excerpt(args));
    assert!(message.len() < 400, "{}: {message}", excerpt(args));
    for word in words {
        assert!(message.contains(word), "{}: {message}", excerpt(args));
    }
    assert_eq!(common::stdout(&output), "");
}

fn excerpt(args: &[&str]) -> String {
    let text = format!("{args:?}");
    text.chars().take(80).collect()
}

/// `count` words of the shipped Rev.1, over and over.
fn words(count: usize) -> Vec<String> {
    let text = std::fs::read_to_string(common::corpus_dir().join(common::REV1)).unwrap();
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect();
    words.iter().cycle().take(count).cloned().collect()
}

#[test]
fn ten_thousand_terms() {
    let terms = words(MAX_TERMS);
    answers(&[&terms.join(" OR ")]);
    answers(&[&terms.join(" ")]);
    let one_more = format!("{} extra", terms.join(" "));
    refused(&[&one_more], &["words and phrases", "10000 allowed"]);
}

#[test]
fn a_query_of_100_kb() {
    let cooperation = "cooperation ".repeat(100_000 / 12);
    assert!(cooperation.len() > 99_000);
    assert_eq!(answers(&[&cooperation]), 10);
    // Longer than one argument may be: through the library.
    let index = ChunkIndex::open(&common::shared_index()).unwrap();
    let longer = "x".repeat(MAX_QUERY_BYTES + 1);
    let err = search::run(&index, &Request::new(longer)).unwrap_err();
    assert!(err.to_string().contains("128 KB allowed"), "{err}");
}

#[test]
fn deeply_nested_parentheses() {
    let fine = format!(
        "{}PoC{}",
        "(".repeat(MAX_DEPTH / 2),
        ")".repeat(MAX_DEPTH / 2)
    );
    assert!(answers(&[&fine]) > 0);
    for depth in [10_000, 100_000] {
        // 100,000 pairs are more than one argument may hold (128 KiB):
        // the opening ones alone reach the limit first.
        let deep = if depth * 2 < 120_000 {
            format!("{}PoC{}", "(".repeat(depth), ")".repeat(depth))
        } else {
            format!("{}PoC", "(".repeat(depth))
        };
        refused(&[&deep], &["nests more than 100"]);
        let negations = format!("{}PoC", "-".repeat(depth));
        refused(&[&negations], &["nests more than 100"]);
    }
}

#[test]
fn deep_nesting_and_nul_bytes_through_the_library() {
    // What no command line can carry: a query of 200 KB, and a NUL byte.
    let index = ChunkIndex::open(&common::shared_index()).unwrap();
    let deep = format!("{}PoC{}", "(".repeat(100_000), ")".repeat(100_000));
    let err = search::run(&index, &Request::new(deep)).unwrap_err();
    assert!(err.to_string().contains("KB long"), "{err}");
    let deep = format!("{}PoC{}", "(".repeat(60_000), ")".repeat(60_000));
    let err = search::run(&index, &Request::new(deep)).unwrap_err();
    assert!(err.to_string().contains("nests more than"), "{err}");
    let deep = format!("{}PoC{}", "(".repeat(40_000), ")".repeat(40_000));
    let err = search::run(&index, &Request::new(deep)).unwrap_err();
    assert!(err.to_string().contains("nests more than"), "{err}");
    for query in ["PoC\0directory", "\0", "\"points\0of contact\""] {
        match search::run(&index, &Request::new(query)) {
            Ok(_) => {}
            Err(err) => assert!(!err.to_string().contains('\n'), "{query:?}: {err}"),
        }
    }
}

#[test]
fn stop_words_punctuation_and_nothing() {
    answers(&["the of and to a in"]);
    refused(&["!!! ,,, ;;; ... --- ***"], &[]);
    refused(&["... ,,,"], &["nothing to search for", "only punctuation"]);
    refused(&[""], &["empty query"]);
    refused(&["   "], &["empty query"]);
}

#[test]
fn unknown_fields_and_wildcards() {
    refused(&["foo:bar"], &["unknown field 'foo:'", "quote them"]);
    refused(&["*tion"], &["wildcards are not supported"]);
    refused(&["?ation"], &["wildcards are not supported"]);
    refused(&["measure*"], &["wildcards are not supported"]);
}

/// 500 words of the Rev.1 draft's text, quotes left out.
fn rev1_phrase() -> Vec<String> {
    let text = std::fs::read_to_string(common::corpus_dir().join(common::REV1)).unwrap();
    text.split_whitespace()
        .filter(|w| !w.contains(['"', '“', '”']))
        .take(500)
        .map(str::to_string)
        .collect()
}

#[test]
fn a_phrase_of_500_words() {
    // On the shipped corpus the 500 words run across chunks (a phrase
    // matches within one chunk): answered, without a hit.
    let phrase = rev1_phrase().join(" ");
    answers(&[&format!("\"{phrase}\"")]);
    answers(&[&format!("\"{phrase}\"~3")]);
    answers(&[&format!("\"{}\"", words(500).join(" "))]);
}

#[test]
fn a_phrase_of_500_words_is_found_in_the_paragraph_that_holds_it() {
    // One paragraph (one line) holding the 500 words, with words around
    // them, in a corpus of its own.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let phrase = rev1_phrase().join(" ");
    let paragraph = format!("Recalling that {phrase} and deciding further");
    std::fs::write(
        corpus.join("long-paragraph.txt"),
        format!("Notes on a long paragraph\n\n{paragraph}\n\nAnother paragraph.\n"),
    )
    .unwrap();
    let index = dir.path().join("index");
    for query in [format!("\"{phrase}\""), format!("\"{phrase}\"~3")] {
        let output = common::run(&["search", &query, "--json"], &corpus, &index);
        assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
        let hits: Vec<serde_json::Value> = common::json_lines(&output)
            .into_iter()
            .filter(|line| line["type"] == "hit")
            .collect();
        assert_eq!(hits.len(), 1, "{}", common::stdout(&output));
        let hit = &hits[0]["data"];
        assert_eq!(hit["file"], "long-paragraph.txt", "{hit}");
        assert!(
            hit["text"].as_str().unwrap().contains("Recalling that"),
            "{hit}"
        );
    }
    // The same phrase with one word changed is not found.
    let changed = phrase.replacen("honour", "pleasure", 1);
    assert_ne!(changed, phrase);
    let output = common::run(
        &["search", &format!("\"{changed}\""), "--json"],
        &corpus,
        &index,
    );
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
}

#[test]
fn limits_and_offsets_at_the_extremes() {
    let phrase = "\"inter-governmental points of contact\"";
    assert_eq!(answers(&[phrase, "--limit", "0"]), 0);
    let huge = u64::MAX.to_string();
    assert_eq!(answers(&[phrase, "--limit", &huge]), 4);
    // Past the last hit: no hits, exit 1, one line that says where the
    // last page starts.
    let past_the_end = |args: &[&str]| {
        let output = search(args);
        assert_eq!(output.status.code(), Some(1), "{}", excerpt(args));
        let message = common::stderr(&output);
        assert!(
            message.starts_with("negotext: no hits from ") && message.lines().count() == 1,
            "{}: {message}",
            excerpt(args)
        );
        assert!(!common::stdout(&output).contains(r#""type":"hit""#));
    };
    past_the_end(&[phrase, "--offset", &huge]);
    past_the_end(&[phrase, "--limit", &huge, "--offset", &huge]);
    assert_eq!(answers(&[phrase, "--limit", &huge, "--offset", "3"]), 1);
    past_the_end(&["PoC", "--collapse", "--offset", &huge]);
    // The human output too.
    let human = {
        let index = common::shared_index();
        let corpus = common::corpus_dir();
        common::negotext(&[
            "search",
            phrase,
            "--limit",
            &huge,
            "--offset",
            &huge,
            "--corpus",
            corpus.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ])
    };
    assert_eq!(human.status.code(), Some(1), "{}", common::stderr(&human));
    let too_big = format!("{huge}0");
    let output = search(&[phrase, "--limit", &too_big]);
    assert_eq!(output.status.code(), Some(2));
    // A negative count: one line, exit 2.
    let negative = search(&[phrase, "--offset", "-1"]);
    assert_eq!(negative.status.code(), Some(2));
    assert!(common::stderr(&negative).contains("'-1'"));
}

#[test]
fn unbalanced_quotes_and_parentheses() {
    refused(&["\"points of contact"], &["missing closing '\"'"]);
    refused(&["(points of contact"], &["unclosed '('"]);
    refused(&["points of contact)"], &["unmatched ')'"]);
    refused(&["“points of contact"], &["missing closing"]);
    refused(&["((a) (b)"], &["unclosed '('"]);
}

#[test]
fn slop_values() {
    for slop in ["", "-1", "x", "1.5", "99999999999999999999", "2x"] {
        refused(
            &[&format!("\"points of contact\"~{slop}")],
            &["e.g. \"a b\"~2"],
        );
    }
    refused(&["contact~2"], &["quoted phrases"]);
    assert!(answers(&["\"points of contact\"~4294967295"]) > 0);
}

#[test]
fn control_characters_are_searched_or_refused_in_one_line() {
    for query in ["PoC\u{1}directory", "\u{7}", "PoC\u{1b}[31m", "\u{202e}PoC"] {
        let output = search(&[query]);
        let code = output.status.code();
        assert!(matches!(code, Some(0..=2)), "{query:?}: {code:?}");
        assert!(common::stderr(&output).lines().count() <= 1, "{query:?}");
        assert!(!common::stderr(&output).contains("panicked"), "{query:?}");
    }
}

/// The address space a search of a hostile phrase may use: 500 MB, in KiB.
const MEMORY_LIMIT_KIB: u64 = 500_000_000 / 1024;

/// `negotext search <query> --json` on the shared index, under a limit of
/// [`MEMORY_LIMIT_KIB`] of address space and [`common::HANG`].
fn search_within_memory(query: &str) -> std::process::Output {
    let index = common::shared_index();
    let corpus = common::corpus_dir();
    common::negotext_within_memory(
        &[
            "search",
            query,
            "--json",
            "--corpus",
            corpus.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ],
        MEMORY_LIMIT_KIB,
    )
}

#[test]
fn repeated_words_in_a_sloppy_phrase_answer_in_bounded_memory() {
    // tantivy's own sloppy phrase matching doubled its work at each
    // repeated word: 16 words took gigabytes.
    for word in ["the", "and"] {
        for count in [12, 16, 64, 9000] {
            for slop in [1, 100, 1000, u32::MAX] {
                let query = format!("\"{}\"~{slop}", vec![word; count].join(" "));
                let output = search_within_memory(&query);
                let code = output.status.code();
                let what = format!("{word} × {count} ~{slop}");
                let message = common::stderr(&output);
                match code {
                    Some(0 | 1) => {
                        assert_eq!(message, "", "{what}");
                        assert!(
                            common::stdout(&output).contains(r#""type":"summary""#),
                            "{what}"
                        );
                    }
                    Some(2) => assert_eq!(message.lines().count(), 1, "{what}: {message}"),
                    _ => panic!("{what}: {:?}: {message}", output.status),
                }
            }
        }
    }
}

#[test]
fn a_long_sloppy_phrase_on_a_long_paragraph_answers_or_is_refused_in_one_line() {
    // One paragraph of 200,000 words, nine in ten `the`: a phrase of 9,000
    // `the` with a slop of 100 fails deep into the phrase from almost every
    // start, more steps than a search may take.
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let words: Vec<&str> = (0u64..200_000)
        .map(|i| {
            if i.wrapping_mul(2_654_435_761) % 10 == 0 {
                "and"
            } else {
                "the"
            }
        })
        .collect();
    std::fs::write(
        corpus.join("long.txt"),
        format!("A. Notes\n\n1. {}.\n", words.join(" ")),
    )
    .unwrap();
    let index = tmp.path().join("index");
    common::index(&corpus, &index);
    let (corpus, index) = (corpus.to_str().unwrap(), index.to_str().unwrap());
    for (count, slop) in [(9000, 100), (9000, u32::MAX), (64, 1)] {
        let query = format!("\"{}\"~{slop}", vec!["the"; count].join(" "));
        let args = [
            "search", &query, "--json", "--corpus", corpus, "--index", index,
        ];
        let output = common::negotext_within_memory(&args, MEMORY_LIMIT_KIB);
        let message = common::stderr(&output);
        match output.status.code() {
            Some(0 | 1) => assert_eq!(message, "", "the × {count} ~{slop}"),
            Some(2) => {
                assert_eq!(message.lines().count(), 1, "{message}");
                assert!(message.contains("steps to match here"), "{message}");
            }
            code => panic!("the × {count} ~{slop}: {code:?}: {message}"),
        }
    }
}
