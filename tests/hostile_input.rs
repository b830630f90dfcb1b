//! Hostile and unusual input, end to end: each test builds a corpus in a
//! temporary directory (a copy of the shipped corpus plus the hostile files,
//! or the hostile files alone where that is clearer), runs the real binary
//! (`negotext index`, `search`, `show`, `parse`, `history`) and checks what
//! a user would see: the exit status, one warning line on stderr per bad
//! file naming it and what was done, every other file still found, and no
//! panic. Every run has a deadline ([`HANG_LIMIT`]): a hang fails the test
//! instead of stalling the suite.
//!
//! **Sizes.** By default the big inputs are small enough for CI (two cores,
//! debug build; this file adds about 30 s to `cargo test`): a 2 MB file, a
//! 512 KB paragraph, 512 KB lines, 2,000 files.
//! With `NEGOTEXT_TEST_FULL=1` they are the sizes of the issue — a 50 MB
//! file, a 5 MB paragraph, 5 MB lines, 10,000 files:
//!
//! ```sh
//! NEGOTEXT_TEST_FULL=1 cargo test --release --test hostile_input
//! ```
//!
//! The inputs are generated here, deterministically; no fixture is stored.

mod common;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{CRP1, MARCH_LETTER, REV1, THIRD_REPORT, ZERO_DRAFT, corpus_dir, parse_shipped};
use serde_json::Value;
use unicode_segmentation::UnicodeSegmentation;

/// How long any run may take before it counts as hung (generous: a slow
/// CI machine must never hit it; a hang or a quadratic blow-up does).
const HANG_LIMIT: Duration = Duration::from_secs(300);

/// The limit for the pathological parses: each takes a couple of seconds
/// in a debug build, and minutes when a parser stage goes quadratic.
const PATHOLOGICAL_LIMIT: Duration = Duration::from_secs(120);

/// The shipped drafts.
const SHIPPED: [&str; 5] = [MARCH_LETTER, ZERO_DRAFT, REV1, CRP1, THIRD_REPORT];

/// The longest snippet, in characters (README: search JSON contract).
const SNIPPET_CHARS: usize = 240;

// ---------------------------------------------------------------------------
// Sizes

/// The sizes of the big inputs (see the module docs).
struct Sizes {
    big_file: usize,
    paragraph: usize,
    long_line: usize,
    files: usize,
}

fn sizes() -> Sizes {
    if std::env::var("NEGOTEXT_TEST_FULL").is_ok_and(|v| v == "1") {
        Sizes {
            big_file: 50 << 20,
            paragraph: 5 << 20,
            long_line: 5 << 20,
            files: 10_000,
        }
    } else {
        Sizes {
            big_file: 2 << 20,
            paragraph: 512 << 10,
            long_line: 512 << 10,
            files: 2_000,
        }
    }
}

// ---------------------------------------------------------------------------
// Running the binary

/// One run of the binary: its arguments, exit code and raw output.
struct Run {
    args: Vec<String>,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// At most `max` characters of `text`, for failure messages.
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}… ({} bytes in all)", &text[..at], text.len()),
        None => text.to_string(),
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "negotext {:?} exited {:?}\n--- stderr:\n{}\n--- stdout:\n{}",
            self.args,
            self.code,
            clip(&self.err(), 3000),
            clip(&self.out(), 3000)
        )
    }
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Asserts the exit code.
    fn expect(self, code: i32) -> Run {
        assert_eq!(self.code, Some(code), "{self}");
        self
    }

    /// The `warning: …` lines of stderr, without the prefix.
    fn warnings(&self) -> Vec<String> {
        self.err()
            .lines()
            .filter_map(|line| line.strip_prefix("warning: "))
            .map(str::to_string)
            .collect()
    }

    /// Asserts exactly one warning line names `file`, and that it says `what`.
    fn warns_once(&self, file: &str, what: &str) {
        let about: Vec<String> = self
            .warnings()
            .into_iter()
            .filter(|w| w.starts_with(&format!("{file}:")))
            .collect();
        assert_eq!(about.len(), 1, "one warning about {file}: {self}");
        assert!(about[0].contains(what), "{file}: {what:?} in {self}");
    }

    /// The chunks per file that `negotext index` lists
    /// (`  name   12 chunks`).
    fn chunks_per_file(&self) -> BTreeMap<String, usize> {
        self.out()
            .lines()
            .filter_map(|line| {
                let line = line.strip_prefix("  ")?.strip_suffix(" chunks")?;
                let (name, count) = line.trim_end().rsplit_once(' ')?;
                Some((name.trim().to_string(), count.parse().ok()?))
            })
            .collect()
    }

    /// The JSON Lines of stdout.
    fn json(&self) -> Vec<Value> {
        self.out()
            .lines()
            .map(|line| {
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {}", clip(line, 500)))
            })
            .collect()
    }
}

/// Runs the binary with `args`; fails the test if it runs past `limit` (a
/// hang) or panics.
fn run_within(args: &[&str], limit: Duration) -> Run {
    Run::of(args, common::negotext_within(args, limit))
}

impl Run {
    /// The run of `args` that gave `output`; fails the test on a panic.
    fn of(args: &[&str], output: std::process::Output) -> Run {
        let run = Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            code: output.status.code(),
            stdout: output.stdout,
            stderr: output.stderr,
        };
        assert!(
            !run.err().contains("panicked") && run.code != Some(101),
            "panic: {run}"
        );
        run
    }
}

fn run(args: &[&str]) -> Run {
    run_within(args, HANG_LIMIT)
}

/// What `search --json` printed.
struct Found {
    code: Option<i32>,
    hits: Vec<Value>,
    summary: Value,
}

impl Found {
    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .hits
            .iter()
            .map(|hit| hit["key"].as_str().unwrap_or_default().to_string())
            .collect();
        keys.sort();
        keys
    }

    fn total(&self) -> u64 {
        self.summary["total_hits"].as_u64().expect("total_hits")
    }

    /// The only hit.
    fn one(&self) -> &Value {
        assert_eq!(self.hits.len(), 1, "one hit: {:?}", self.keys());
        &self.hits[0]
    }
}

/// The parts of a snippet its highlights mark.
fn highlighted(hit: &Value) -> Vec<String> {
    let snippet = hit["snippet"].as_str().expect("a snippet");
    hit["highlights"]
        .as_array()
        .expect("highlights")
        .iter()
        .map(|range| {
            let start = range[0].as_u64().expect("a start") as usize;
            let end = range[1].as_u64().expect("an end") as usize;
            snippet
                .get(start..end)
                .unwrap_or_else(|| panic!("highlight {start}..{end} off char boundaries: {hit}"))
                .to_string()
        })
        .collect()
}

/// Byte offsets at which `text` may be cut: grapheme cluster boundaries.
fn grapheme_bounds(text: &str) -> Vec<usize> {
    text.grapheme_indices(true)
        .map(|(at, _)| at)
        .chain([text.len()])
        .collect()
}

/// What every hit must be: a snippet of at most 240 characters that is a
/// piece of the chunk's text (`…` aside) cut at grapheme boundaries, with
/// highlights on grapheme boundaries of the snippet.
fn check_hit(hit: &Value) {
    let snippet = hit["snippet"].as_str().expect("a snippet");
    let context = || clip(&hit.to_string(), 1500);
    assert!(
        snippet.chars().count() <= SNIPPET_CHARS,
        "snippet longer than {SNIPPET_CHARS} chars: {}",
        context()
    );
    let snippet_bounds = grapheme_bounds(snippet);
    for part in hit["highlights"].as_array().expect("highlights") {
        for end in [&part[0], &part[1]] {
            let at = end.as_u64().expect("an offset") as usize;
            assert!(
                snippet_bounds.binary_search(&at).is_ok(),
                "highlight end {at} inside a grapheme: {}",
                context()
            );
        }
    }
    highlighted(hit);
    if hit["snippet_view"] != "text" {
        return;
    }
    let text = hit["text"].as_str().expect("a text");
    let body = snippet.trim_start_matches('…').trim_end_matches('…');
    let text_bounds = grapheme_bounds(text);
    let at_bounds = text.match_indices(body).any(|(at, _)| {
        text_bounds.binary_search(&at).is_ok()
            && text_bounds.binary_search(&(at + body.len())).is_ok()
    });
    assert!(
        at_bounds,
        "the snippet is not a piece of the text cut at grapheme boundaries: {}",
        context()
    );
}

/// A corpus and an index in a temporary directory.
struct Corpus {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    index: PathBuf,
}

impl Corpus {
    /// An empty corpus directory.
    fn empty() -> Corpus {
        let tmp = tempfile::tempdir().expect("a temp dir");
        let dir = tmp.path().join("corpus");
        fs::create_dir(&dir).expect("the corpus dir");
        let index = tmp.path().join("index");
        Corpus {
            _tmp: tmp,
            dir,
            index,
        }
    }

    /// A copy of the shipped corpus: drafts, manifest and glossary.
    fn shipped() -> Corpus {
        let corpus = Corpus::empty();
        for entry in fs::read_dir(corpus_dir()).expect("the shipped corpus") {
            let entry = entry.expect("an entry");
            if entry.file_type().expect("a type").is_file() {
                fs::copy(entry.path(), corpus.dir.join(entry.file_name())).expect("a copy");
            }
        }
        corpus
    }

    /// Writes `bytes` as the corpus file `name` (directories created).
    fn add(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("the file's directory");
        }
        fs::write(&path, bytes).expect("the file writes");
        path
    }

    /// `<args> --corpus <dir> --index <index>`.
    fn args<'a>(&'a self, args: &[&'a str]) -> Vec<&'a str> {
        let mut all = args.to_vec();
        let places = [
            "--corpus",
            self.dir.to_str().expect("a UTF-8 path"),
            "--index",
            self.index.to_str().expect("a UTF-8 path"),
        ];
        all.extend(places);
        all
    }

    /// `negotext <args> --corpus <dir> --index <index>`.
    fn run(&self, args: &[&str]) -> Run {
        run(&self.args(args))
    }

    /// `negotext index`, which must succeed.
    fn index(&self) -> Run {
        self.run(&["index"]).expect(0)
    }

    /// `negotext search <query> --json --limit 1000 <args>`; exit 0 or 1,
    /// every hit checked with [`check_hit`].
    fn search(&self, query: &str, args: &[&str]) -> Found {
        let mut all = vec!["search", query, "--json"];
        if !args.contains(&"--limit") {
            all.extend(["--limit", "1000"]);
        }
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(matches!(run.code, Some(0 | 1)), "{run}");
        let mut lines = run.json();
        let summary = lines.pop().expect("a summary line");
        assert_eq!(summary["type"], "summary", "{run}");
        let hits: Vec<Value> = lines
            .into_iter()
            .map(|line| {
                assert_eq!(line["type"], "hit");
                line["data"].clone()
            })
            .collect();
        hits.iter().for_each(check_hit);
        let found = Found {
            code: run.code,
            hits,
            summary: summary["data"].clone(),
        };
        assert_eq!(
            run.code,
            Some(if found.total() > 0 { 0 } else { 1 }),
            "{run}"
        );
        found
    }

    /// `negotext show <key>` (a hit's `key`, split at its space), which
    /// must succeed.
    fn show(&self, key: &str) -> Run {
        let mut all = vec!["show"];
        all.extend(key.split(' '));
        self.run(&all).expect(0)
    }
}

/// Searches run on the shipped corpus, whose hits a corpus with hostile
/// files added must still give: none of them matches a hostile file.
const SHIPPED_QUERIES: [&str; 5] = [
    "\"inter-governmental points of contact\"",
    "hotlines",
    "sovereignty",
    "\"capacity-building\" directory",
    "\"third annual progress report\"",
];

/// The shipped drafts, next to hostile files, are indexed whole (as many
/// chunks as the parser makes of them) and found as in an index of the
/// shipped corpus alone.
fn assert_shipped_searchable(corpus: &Corpus, indexed: &Run) {
    let listed = indexed.chunks_per_file();
    for file in SHIPPED {
        assert_eq!(
            listed.get(file),
            Some(&parse_shipped(file).chunks.len()),
            "{file} indexed whole: {indexed}"
        );
    }
    for query in SHIPPED_QUERIES {
        let mut expected = common::search(query, &[]).keys();
        expected.sort();
        assert!(!expected.is_empty(), "{query} finds something");
        assert_eq!(corpus.search(query, &[]).keys(), expected, "{query}");
    }
}

/// A deterministic stream of numbers (xorshift64*).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Words of the shipped Zero Draft (letters only, so that generated text
/// has the corpus's vocabulary but none of its markers or acronyms).
fn vocabulary() -> Vec<String> {
    let text = fs::read_to_string(corpus_dir().join(ZERO_DRAFT)).expect("the Zero Draft");
    let mut words: Vec<String> = text
        .split_whitespace()
        .filter(|w| w.len() > 2 && w.chars().all(|c| c.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// `n` words of `vocabulary`, space-separated.
fn words(random: &mut Random, vocabulary: &[String], n: usize) -> String {
    (0..n)
        .map(|_| vocabulary[random.below(vocabulary.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------
// 1–5: empty, binary, invalid UTF-8, UTF-16, CRLF

#[test]
fn empty_files_get_one_warning_each_and_the_rest_stays_searchable() {
    let corpus = Corpus::shipped();
    let empties: [(&str, &[u8]); 5] = [
        ("empty.txt", b""),
        ("blank.txt", b"\n   \n\t\n\r\n"),
        ("bom-only.txt", b"\xEF\xBB\xBF"),
        ("utf16-bom-only.txt", b"\xFF\xFE"),
        ("sub/empty.md", b""),
    ];
    for (name, bytes) in empties {
        corpus.add(name, bytes);
    }
    let indexed = corpus.index();
    for (name, _) in empties {
        indexed.warns_once(name, "empty file: there is no text to index");
        assert_eq!(indexed.chunks_per_file().get(name), Some(&0), "{indexed}");
    }
    assert_eq!(indexed.warnings().len(), empties.len(), "{indexed}");
    assert_shipped_searchable(&corpus, &indexed);

    // A corpus of nothing but empty files: an index of nothing, and a
    // search that finds nothing (exit 1), not an error.
    let only = Corpus::empty();
    only.add("empty.txt", "");
    let indexed = only.index();
    assert!(indexed.out().contains("0 chunks from 1 files"), "{indexed}");
    let found = only.search("anything", &[]);
    assert_eq!((found.code, found.total()), (Some(1), 0));
}

#[test]
fn binary_files_are_skipped_with_one_warning_each() {
    let corpus = Corpus::shipped();
    let mut random = Random(0x5EED);
    let noise: Vec<u8> = (0..65_536).map(|_| random.next() as u8).collect();
    let controls: Vec<u8> = b"zanzibar\x01\x02\x03\x04\x05\x06".repeat(400);
    // A damaged PDF is the PDF reader's to refuse (tests/unreadable.rs).
    let binaries: [(&str, Vec<u8>); 4] = [
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR zanzibar".to_vec(),
        ),
        (
            "program.txt",
            b"\x7fELF\x02\x01\x01\x00\x00\x00 zanzibar".to_vec(),
        ),
        ("noise.bin", noise),
        ("controls.txt", controls),
    ];
    for (name, bytes) in &binaries {
        corpus.add(name, bytes);
    }
    let indexed = corpus.index();
    for (name, _) in &binaries {
        indexed.warns_once(name, "skipped: a binary file (");
        assert_eq!(indexed.chunks_per_file().get(*name), Some(&0), "{indexed}");
    }
    assert_eq!(indexed.warnings().len(), binaries.len(), "{indexed}");
    // Their "words" are not indexed.
    assert_eq!(corpus.search("zanzibar", &[]).hits.len(), 0);
    assert_shipped_searchable(&corpus, &indexed);
}

#[test]
fn invalid_utf8_is_decoded_with_replacement_characters_and_a_warning_naming_the_line() {
    let corpus = Corpus::shipped();
    let files: [(&str, &[u8], usize, &str, &str); 3] = [
        (
            "latin1.txt",
            b"A. Introduction\n\n1. The Group met in Gen\xE8ve on Quokkaday.\n\n2. It adjourned.\n",
            3,
            "quokkaday",
            "The Group met in Gen\u{FFFD}ve on Quokkaday.",
        ),
        (
            "truncated.txt",
            b"A. Introduction\n\n1. Wombatday was fine.\n\n2. The caf\xC3",
            5,
            "wombatday",
            "Wombatday was fine.",
        ),
        (
            "mangled.txt",
            b"A. Introduction\n\n1. Numbatday \x80 lone, \xC0\xAF overlong, \xED\xA0\x80 surrogate, \xF4\x90\x80\x80 too high.\n",
            3,
            "numbatday",
            "Numbatday \u{FFFD} lone, \u{FFFD}\u{FFFD} overlong, \u{FFFD}\u{FFFD}\u{FFFD} surrogate, \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} too high.",
        ),
    ];
    for (name, bytes, ..) in files {
        corpus.add(name, bytes);
    }
    let indexed = corpus.index();
    for (name, _, line, word, text) in files {
        indexed.warns_once(
            &format!("{name}:{line}"),
            "invalid UTF-8, decoded with replacement characters (U+FFFD)",
        );
        let found = corpus.search(word, &[]);
        assert_eq!(found.one()["file"], name);
        assert_eq!(found.one()["text"], text);
    }
    assert_eq!(indexed.warnings().len(), files.len(), "{indexed}");
    assert_shipped_searchable(&corpus, &indexed);
}

/// `text` in UTF-16 with a byte-order mark.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

/// Searches whose hits must not change when the files' encoding or line
/// endings do, with their options.
const ENCODING_QUERIES: [(&str, &[&str]); 7] = [
    ("\"inter-governmental points of contact\"", &[]),
    ("PoC", &["--draft", "crp1"]),
    ("deleted:\"Red Cross\"", &[]),
    ("capacity", &[]),
    ("\"regular institutional dialogue\"", &[]),
    (
        "\"information and communications technologies\"",
        &["--draft", "l1"],
    ),
    ("States", &["--pillar", "norms"]),
];

/// Every search of [`ENCODING_QUERIES`] gives the same hits, field for
/// field, on `corpus` as on the shipped corpus.
fn assert_same_hits_as_shipped(corpus: &Corpus) {
    for (query, args) in ENCODING_QUERIES {
        let expected = common::search(query, args);
        assert!(!expected.hits.is_empty(), "{query} finds something");
        let found = corpus.search(query, args);
        // Scores depend on the index's segments and deleted documents
        // (BM25 statistics), so another build may score and order equal
        // hits differently: compared in key order, without scores.
        let by_key = |hits: &[Value]| {
            let mut hits = hits.to_vec();
            hits.sort_by_key(|hit| hit["key"].to_string());
            for hit in &mut hits {
                hit["score"] = Value::Null;
            }
            hits
        };
        assert_eq!(
            by_key(&found.hits),
            by_key(&expected.hits),
            "{query} {args:?}"
        );
        assert_eq!(found.summary["facets"], expected.summary["facets"]);
    }
}

#[test]
fn utf16_with_a_bom_is_decoded_little_and_big_endian_and_searchable() {
    let corpus = Corpus::shipped();
    let third = fs::read_to_string(corpus_dir().join(THIRD_REPORT)).expect("the third report");
    for big_endian in [false, true] {
        corpus.add(THIRD_REPORT, utf16(&third, big_endian));
        let indexed = corpus.index();
        assert_eq!(indexed.warnings(), Vec::<String>::new(), "{indexed}");
        assert_eq!(
            indexed.chunks_per_file().get(THIRD_REPORT),
            Some(&parse_shipped(THIRD_REPORT).chunks.len()),
            "{indexed}"
        );
        assert_same_hits_as_shipped(&corpus);
    }

    // Text outside the Latin script and the Basic Multilingual Plane
    // (surrogate pairs); a stray last byte; a lone surrogate; no BOM.
    let text = "A. Introduction\n\n1. Государства обсуждали безопасность 𠀀𠀁 и сотрудничество.\n";
    corpus.add("cyrillic-le.txt", utf16(text, false));
    corpus.add("cyrillic-be.txt", utf16(text, true));
    let mut odd = utf16("A. Introduction\n\n1. Odd oddlength text.\n", false);
    odd.push(b'x');
    corpus.add("odd.txt", odd);
    let mut lone = utf16("A. Introduction\n\n1. Lone surrogate ", false);
    lone.extend([0x00, 0xD8]);
    lone.extend(&utf16(" lonesurrogate text.\n", false)[2..]);
    corpus.add("lone.txt", lone);
    corpus.add("no-bom.txt", &utf16(text, false)[2..]);
    let indexed = corpus.index();
    let found = corpus.search("безопасность", &[]);
    let mut files: Vec<&str> = found
        .hits
        .iter()
        .filter_map(|h| h["file"].as_str())
        .collect();
    files.sort();
    assert_eq!(files, ["cyrillic-be.txt", "cyrillic-le.txt"]);
    assert!(
        found.hits[0]["text"]
            .as_str()
            .unwrap_or_default()
            .contains("𠀀𠀁")
    );
    indexed.warns_once(
        "odd.txt",
        "UTF-16 text has an odd number of bytes; the last byte is ignored",
    );
    assert_eq!(corpus.search("oddlength", &[]).one()["file"], "odd.txt");
    indexed.warns_once(
        "lone.txt",
        "invalid UTF-16, decoded with replacement characters (U+FFFD)",
    );
    let lone = corpus.search("lonesurrogate", &[]);
    assert!(
        lone.one()["text"]
            .as_str()
            .unwrap_or_default()
            .contains('\u{FFFD}')
    );
    // Without a BOM, UTF-16 is not recognised: it holds NUL bytes.
    indexed.warns_once(
        "no-bom.txt",
        "skipped: a binary file (it contains NUL bytes)",
    );
    assert_eq!(indexed.warnings().len(), 3, "{indexed}");
}

#[test]
fn crlf_and_cr_line_endings_give_the_same_hits_as_lf() {
    let corpus = Corpus::shipped();
    for file in SHIPPED {
        let text = fs::read_to_string(corpus_dir().join(file)).expect("a shipped draft");
        // The March letter with old Mac line ends, the others with CRLF.
        let ending = if file == MARCH_LETTER { "\r" } else { "\r\n" };
        corpus.add(file, text.replace('\n', ending));
    }
    let indexed = corpus.index();
    assert_eq!(indexed.warnings(), Vec::<String>::new(), "{indexed}");
    for file in SHIPPED {
        assert_eq!(
            indexed.chunks_per_file().get(file),
            Some(&parse_shipped(file).chunks.len()),
            "{indexed}"
        );
    }
    assert_same_hits_as_shipped(&corpus);
    for key in [
        "crp1 16(a)",
        "rev1 7(b)(vi)-deleted",
        "2022-06-22-zero-draft/letter letter.3",
    ] {
        let shown = corpus.show(key);
        let mut args = vec!["show"];
        args.extend(key.split(' '));
        let expected = common::on_shared_index(args[0], &args[1..]);
        assert_eq!(
            shown.out(),
            String::from_utf8_lossy(&expected.stdout),
            "{key}"
        );
    }
}

// ---------------------------------------------------------------------------
// 6–9: a big file, a huge paragraph, thousands of files, very long lines

/// The word that opens paragraph `n` of a generated draft, found nowhere else.
fn token(n: usize) -> String {
    format!("zqp{n}x")
}

/// A draft of about `bytes` bytes: a title, then sections (`A.`…`Z.`, round
/// again) of 900 numbered paragraphs of about 600 bytes, each opening with
/// its [`token`] and holding the word `cooperation`. Returns the text and
/// the number of paragraphs.
fn big_draft(bytes: usize) -> (String, usize) {
    let vocabulary = vocabulary();
    let mut random = Random(0xB16_F11E);
    let mut text = String::with_capacity(bytes + 1024);
    text.push_str("Compilation of proposals on security in the use of ICTs\n\n");
    let mut paragraphs = 0;
    while text.len() < bytes {
        let section = paragraphs / 900;
        let letter = char::from(b'A' + (section % 26) as u8);
        text.push_str(&format!("{letter}. Proposals of part {}\n\n", section + 1));
        for number in 1..=900 {
            let body = words(&mut random, &vocabulary, 80);
            text.push_str(&format!(
                "{number}. {} {body} cooperation.\n\n",
                token(paragraphs)
            ));
            paragraphs += 1;
            if text.len() >= bytes {
                break;
            }
        }
    }
    (text, paragraphs)
}

#[test]
fn a_big_file_is_indexed_whole_and_searchable() {
    let corpus = Corpus::empty();
    let (text, paragraphs) = big_draft(sizes().big_file);
    corpus.add("big.txt", &text);
    drop(text);
    let indexed = corpus.index();
    assert_eq!(indexed.warnings(), Vec::<String>::new(), "{indexed}");
    // Every paragraph and the title.
    assert_eq!(
        indexed.chunks_per_file().get("big.txt"),
        Some(&(paragraphs + 1)),
        "{indexed}"
    );
    let everything = corpus.search("cooperation", &["--limit", "0"]);
    assert_eq!(everything.total(), paragraphs as u64);
    for n in [0, 900, paragraphs - 1] {
        let found = corpus.search(&token(n), &[]);
        let hit = found.one();
        assert!(
            hit["text"]
                .as_str()
                .unwrap_or_default()
                .starts_with(&format!("{} ", token(n))),
            "{hit}"
        );
        let letter = char::from(b'A' + ((n / 900) % 26) as u8);
        assert_eq!(hit["section"]["number"], letter.to_string(), "{hit}");
        assert_eq!(highlighted(hit), [token(n)]);
        let key = hit["key"].as_str().expect("a key");
        assert!(corpus.show(key).out().contains(&token(n)), "{key}");
    }
}

#[test]
fn a_single_huge_paragraph_is_one_chunk_and_searchable() {
    let size = sizes().paragraph;
    let vocabulary = vocabulary();
    let mut random = Random(0xBA5E);
    // A paragraph as PDF text gives it: hard-wrapped, a trailing space on
    // every line, no blank line; words at its start, middle and end that
    // occur nowhere else.
    let mut paragraph = String::from("zqstart");
    let mut middle_done = false;
    while paragraph.len() < size {
        if !middle_done && paragraph.len() >= size / 2 {
            paragraph.push_str(" zqmiddle");
            middle_done = true;
        }
        paragraph.push(' ');
        paragraph.push_str(&words(&mut random, &vocabulary, 1));
    }
    paragraph.push_str(" zqend.");
    let mut text = String::from("A. Introduction \n \n1. ");
    let mut line_length = 0;
    for word in paragraph.split(' ') {
        text.push_str(word);
        line_length += word.len() + 1;
        if line_length > 75 {
            text.push_str(" \n");
            line_length = 0;
        } else {
            text.push(' ');
        }
    }
    text.push_str("\n \n2. After the long paragraph. \n");
    let corpus = Corpus::empty();
    corpus.add("paragraph.txt", &text);
    let indexed = corpus.index();
    assert_eq!(indexed.warnings(), Vec::<String>::new(), "{indexed}");
    assert_eq!(indexed.chunks_per_file().get("paragraph.txt"), Some(&2));
    for word in ["zqstart", "zqmiddle", "zqend"] {
        let found = corpus.search(word, &[]);
        let hit = found.one();
        assert_eq!(hit["label"], "1");
        // The whole paragraph, its lines joined.
        assert!(hit["text"] == paragraph.as_str(), "the paragraph whole");
        assert_eq!(highlighted(hit), [word]);
    }
    let shown = corpus.show("paragraph/draft 1");
    assert!(shown.out().contains("zqmiddle"));
    assert_eq!(
        corpus.search("\"after the long paragraph\"", &[]).one()["label"],
        "2"
    );
}

#[test]
fn thousands_of_small_files_are_all_indexed() {
    let count = sizes().files;
    let corpus = Corpus::empty();
    let note =
        |i: usize, word: &str| format!("A. Notes\n\n1. Note {i} says {} in cooperation.\n", word);
    let name = |i: usize| format!("d{:02}/note-{i:05}.txt", i % 20);
    for i in 0..count {
        corpus.add(&name(i), note(i, &token(i)));
    }
    let indexed = corpus.index();
    assert_eq!(indexed.warnings(), Vec::<String>::new(), "{indexed}");
    assert!(
        indexed
            .out()
            .contains(&format!("\n{count} chunks from {count} files in ")),
        "{indexed}"
    );
    assert_eq!(
        corpus.search("cooperation", &["--limit", "0"]).total(),
        count as u64
    );
    for i in (0..count).step_by(count / 3).chain([count - 1]) {
        let found = corpus.search(&token(i), &[]);
        assert_eq!(found.one()["file"], name(i).as_str());
    }
    // One file changed among thousands: only it is indexed again.
    let changed = count / 2;
    corpus.add(&name(changed), note(changed, "zqchanged"));
    let updated = corpus.index();
    assert!(
        updated
            .out()
            .contains(&format!("({} changed)", name(changed))),
        "{updated}"
    );
    assert_eq!(updated.chunks_per_file().len(), 1, "{updated}");
    assert_eq!(
        corpus.search("zqchanged", &[]).one()["file"],
        name(changed).as_str()
    );
    assert_eq!(corpus.search(&token(changed), &[]).hits.len(), 0);
}

#[test]
fn files_of_one_very_long_line_are_indexed() {
    let size = sizes().long_line;
    let vocabulary = vocabulary();
    let mut random = Random(0x10_0C);
    let corpus = Corpus::empty();
    // Words and spaces, and no line end: the whole file is one line.
    let spaced = format!(
        "zqfirst {} zqlast",
        words(&mut random, &vocabulary, size / 8)
    );
    corpus.add("spaced.txt", &spaced);
    // One word longer than any token (dropped), then a word.
    corpus.add("unbroken.txt", format!("{} zqafter", "x".repeat(size / 4)));
    // Chinese without spaces: every ideograph a word.
    corpus.add(
        "chinese.txt",
        format!("{}信息安全 zqcjk", "各国重申".repeat(size / 48)),
    );
    // One compound of thousands of parts.
    corpus.add(
        "compound.txt",
        format!("{}governmental zqhyphen", "inter-".repeat(size / 24)),
    );
    let indexed = corpus.index();
    for file in ["spaced.txt", "unbroken.txt", "chinese.txt", "compound.txt"] {
        indexed.warns_once(
            file,
            "no letter or draft structure recognised; cut into blocks at blank lines",
        );
        assert_eq!(indexed.chunks_per_file().get(file), Some(&1), "{indexed}");
    }
    assert_eq!(indexed.warnings().len(), 4, "{indexed}");
    for (word, file) in [
        ("zqfirst", "spaced.txt"),
        ("zqlast", "spaced.txt"),
        ("zqafter", "unbroken.txt"),
        ("zqcjk", "chinese.txt"),
        ("\"信息安全\"", "chinese.txt"),
        ("zqhyphen", "compound.txt"),
    ] {
        let found = corpus.search(word, &[]);
        assert_eq!(found.one()["file"], file, "{word}");
    }
    // The compound's last parts, as a phrase (the Zero Draft's words in
    // spaced.txt may hold it too).
    let found = corpus.search("\"inter-governmental\"", &[]);
    assert!(found.hits.iter().any(|hit| hit["file"] == "compound.txt"));
}

// ---------------------------------------------------------------------------
// 10: absurd numbering

#[test]
fn absurd_numbering_is_parsed_and_every_label_can_be_shown() {
    let deep = format!("{}.", vec!["1"; 300].join("."));
    // (marker line, the label its chunk gets). What is not a marker
    // (numbers of four digits or more, non-canonical or overlong roman
    // numerals, other digits) is text: an unlabelled paragraph after an
    // item that ends a sentence, labelled `A.text-N`.
    let items: Vec<(String, &str)> = vec![
        ("1. The Group met about numbering zqone.".into(), "1"),
        ("a) First lettered item about zqtwo:".into(), "1(a)"),
        ("(i) roman item zqthree;".into(), "1(a)(i)"),
        (
            "(mmmcmxcix) a large roman numeral zqfour.".into(),
            "1(a)(mmmcmxcix)",
        ),
        ("2. Second paragraph zqfive.".into(), "2"),
        (
            format!("{deep} a deeply nested paragraph zqsix."),
            "A.text-1",
        ),
        (
            "99999999999999999999. beyond u64 zqseven.".into(),
            "A.text-2",
        ),
        (
            "18446744073709551616. u64::MAX + 1 zqeight.".into(),
            "A.text-3",
        ),
        ("4294967296. u32::MAX + 1 zqnine.".into(), "A.text-4"),
        ("999. three digits zqten.".into(), "999"),
        ("1000. four digits zqeleven.".into(), "A.text-5"),
        (
            "(mmmmmmmmmmmmmmm) fifteen thousand zqtwelve.".into(),
            "A.text-6",
        ),
        (
            "(zzzzzzzzzzzz) twelve letters zqthirteen.".into(),
            "A.text-7",
        ),
        ("١٢٣. Arabic-Indic digits zqfourteen.".into(), "A.text-8"),
        (
            "((((((((((a)))))))))) nested parentheses zqfifteen.".into(),
            "A.text-9",
        ),
        (
            "(iiii) not a canonical numeral zqsixteen.".into(),
            "A.text-10",
        ),
        ("0. zero zqseventeen.".into(), "0"),
        ("Recommended next steps".into(), ""),
        ("1. continue zqeighteen.".into(), "next-steps-A.1"),
        ("4294967295. u32::MAX zqnineteen.".into(), "A.text-11"),
    ];
    let text = format!(
        "A. Introduction\n\n{}\n",
        items
            .iter()
            .map(|(line, _)| line.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    let corpus = Corpus::empty();
    let path = corpus.add("numbering.txt", &text);
    let parsed = run(&["parse", path.to_str().expect("a UTF-8 path"), "--json"]).expect(0);
    let labels: Vec<String> = parsed
        .json()
        .iter()
        .filter(|line| line["type"] == "chunk")
        .map(|line| {
            line["data"]["label"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let expected: Vec<&str> = items
        .iter()
        .map(|(_, label)| *label)
        .filter(|label| !label.is_empty())
        .collect();
    assert_eq!(labels, expected);

    corpus.index();
    for (line, label) in items.iter().filter(|(_, label)| !label.is_empty()) {
        let word = line
            .split_whitespace()
            .find(|w| w.starts_with("zq"))
            .expect("a word to find")
            .trim_end_matches(['.', ':', ';']);
        let found = corpus.search(word, &[]);
        let hit = found.one();
        assert_eq!(hit["label"], *label, "{word}");
        let key = hit["key"].as_str().expect("a key");
        assert_eq!(key, format!("numbering/draft {label}"));
        let shown = corpus.show(key);
        assert!(shown.out().contains(word), "{shown}");
        // As delegates write it, in another case.
        let cited = format!("numbering/draft para. {}", label.to_uppercase());
        assert!(corpus.show(&cited).out().contains(word), "{cited}");
    }
    let history = corpus
        .run(&["history", "numbering/draft", "1(a)(mmmcmxcix)"])
        .expect(0);
    assert!(history.out().contains("zqfour"), "{history}");
}

/// `negotext parse FILE --json` on a generated file, which must finish
/// within [`PATHOLOGICAL_LIMIT`].
fn parse_pathological(name: &str, text: &str) -> Run {
    let corpus = Corpus::empty();
    let path = corpus.add(name, text);
    run_within(
        &["parse", path.to_str().expect("a UTF-8 path"), "--json"],
        PATHOLOGICAL_LIMIT,
    )
    .expect(0)
}

#[test]
fn markers_links_and_enclosures_repeated_thousands_of_times_parse_in_one_pass() {
    // One marker 40,000 times: every item gets the next free suffix.
    let repeated = 40_000;
    let text = format!("A. Introduction\n\n{}", "1. Again.\n\n".repeat(repeated));
    let labels: Vec<String> = parse_pathological("repeated.txt", &text)
        .json()
        .iter()
        .filter(|line| line["type"] == "chunk")
        .map(|line| {
            line["data"]["label"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(labels.len(), repeated);
    assert_eq!(labels[0], "1");
    assert_eq!(labels[1], "1-2");
    assert_eq!(labels[repeated - 1], format!("1-{repeated}"));

    // A line of 50,000 unclosed links and autolinks: kept as text.
    let line = "[w](x <w ".repeat(50_000);
    let line = line.trim_end();
    let parsed = parse_pathological("links.txt", &format!("A. Introduction\n\n1. {line}\n"));
    let texts: Vec<Value> = parsed
        .json()
        .iter()
        .filter(|line| line["type"] == "chunk")
        .map(|line| line["data"]["text"].clone())
        .collect();
    assert!(texts.len() == 1 && texts[0] == line, "the line as it is");

    // A cover letter enclosing 2,000 annexes, none of which has a heading.
    let mut letter = String::from("Permanent Mission\n28 July 2022\n\nExcellency,\n\n");
    letter.push_str("I have the honour to write.\n\nEnclosures:\n");
    for i in 0..2_000 {
        letter.push_str(&format!("Annex {} – Report on topic number {i}\n", i % 999));
    }
    for i in 0..10_000 {
        letter.push_str(&format!("\nSome text line number {i} about things."));
    }
    let parsed = parse_pathological("letter.txt", &letter);
    let warnings: Vec<String> = parsed
        .json()
        .iter()
        .filter(|line| line["type"] == "warning")
        .map(|line| {
            line["data"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert!(
        warnings[0].contains("\"Report on topic number 1\""),
        "{warnings:?}"
    );
    assert_eq!(
        warnings[3],
        "the cover letter encloses 1996 more annexes without a heading like theirs"
    );
}

// ---------------------------------------------------------------------------
// 11: scripts, combining marks, emoji

#[test]
fn arabic_chinese_cyrillic_and_french_are_searchable() {
    let arabic = "تؤكد الدول الأعضاء على أهمية الأمن السيبراني والتعاون الدولي في مجال تكنولوجيا المعلومات والاتصالات";
    let chinese = "各国重申信息和通信技术安全的重要性并承诺加强国际合作与能力建设";
    let cyrillic = "Государства подчеркивают важность международной информационной безопасности и сотрудничества";
    let french =
        "Les États soulignent l’importance de la coopération internationale réunie à Genève";
    // The same French with every accent a combining mark, as PDF
    // extraction and macOS often give it (NFD).
    let decomposed = "Les E\u{301}tats re\u{301}unis a\u{300} Gene\u{300}ve de\u{301}cident et pre\u{301}fe\u{300}rent";
    let paragraphs = [arabic, chinese, cyrillic, french, decomposed];
    // Long enough to be cut in the snippets.
    let text = format!(
        "A. Introduction\n\n{}\n",
        paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}. {}.", i + 1, [*p; 10].join(" ; ")))
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    let corpus = Corpus::empty();
    corpus.add("scripts.txt", &text);
    let indexed = corpus.index();
    assert_eq!(indexed.warnings(), Vec::<String>::new(), "{indexed}");
    for (query, label, marked) in [
        ("السيبراني", "1", "السيبراني"),
        ("安全", "2", "安全"),
        ("\"国际合作\"", "2", "国际合作"),
        ("безопасности", "3", "безопасности"),
        ("coopération", "4", "coopération"),
        ("cooperation", "4", "coopération"),
        ("Genève", "4", "Genève"),
        ("geneve", "4", "Genève"),
        ("décident", "5", "de\u{301}cident"),
        ("préfèrent", "5", "pre\u{301}fe\u{300}rent"),
    ] {
        let found = corpus.search(query, &[]);
        let labels: Vec<&str> = found
            .hits
            .iter()
            .filter_map(|h| h["label"].as_str())
            .collect();
        let expected: Vec<&str> = if query == "Genève" || query == "geneve" {
            vec!["4", "5"]
        } else {
            vec![label]
        };
        let mut labels = labels;
        labels.sort();
        assert_eq!(labels, expected, "{query}");
        let hit = found
            .hits
            .iter()
            .find(|h| h["label"] == label)
            .expect("the hit");
        let marks = highlighted(hit);
        assert!(
            !marks.is_empty() && marks.iter().all(|m| m == marked),
            "{query}: {marks:?}"
        );
        assert!(
            hit["snippet"].as_str().unwrap_or_default().contains('…'),
            "cut: {hit}"
        );
    }
    // Both spellings of É find both paragraphs.
    assert_eq!(corpus.search("États", &[]).keys().len(), 2);
}

#[test]
fn snippets_are_never_cut_inside_a_grapheme() {
    // Graphemes of several code points: combining marks (one and
    // stacked), emoji ZWJ sequences, a flag, a skin tone, a keycap, Hangul
    // jamo, a Devanagari conjunct, Arabic with its vowel marks.
    let graphemes = [
        "e\u{301}",
        "e\u{323}\u{302}",
        "👩\u{200d}👩\u{200d}👧\u{200d}👦",
        "🏳\u{fe0f}\u{200d}🌈",
        "🇫🇷",
        "👋🏽",
        "1\u{fe0f}\u{20e3}",
        "\u{1100}\u{1161}\u{11a8}",
        "क्षि",
        "بِسْمِ",
    ];
    // Paragraphs in which the word to find sits at different distances
    // from the start, among graphemes written as words (spaces between)
    // or as one long word, so that the snippets are cut at many places.
    let mut paragraphs = Vec::new();
    for i in 0..40 {
        let grapheme = graphemes[i % graphemes.len()];
        let separator = if (i / graphemes.len()).is_multiple_of(2) {
            " "
        } else {
            ""
        };
        let run = |n: usize| vec![grapheme; n].join(separator);
        paragraphs.push(format!(
            "{}. {} zqgrapheme {} end.",
            i + 1,
            run(7 * i + 1),
            run(300)
        ));
    }
    let corpus = Corpus::empty();
    corpus.add(
        "graphemes.txt",
        format!("A. Introduction\n\n{}\n", paragraphs.join("\n\n")),
    );
    corpus.index();
    // check_hit, run on every hit, holds the grapheme assertions.
    let found = corpus.search("zqgrapheme", &[]);
    assert_eq!(found.hits.len(), 40);
    for hit in &found.hits {
        assert_eq!(highlighted(hit), ["zqgrapheme"]);
        assert!(
            hit["snippet"].as_str().unwrap_or_default().ends_with('…'),
            "{hit}"
        );
    }
    // Without a highlight (a query that only excludes), a snippet is the
    // start of the text: where that is one word longer than the snippet,
    // it is cut between two graphemes.
    let everything = corpus.search("-zqabsent", &[]);
    assert_eq!(everything.hits.len(), 40);
    let cut_in_a_word = everything
        .hits
        .iter()
        .filter_map(|hit| hit["snippet"].as_str())
        .filter(|snippet| snippet.ends_with('…') && !snippet.contains(' '))
        .count();
    assert!(
        cut_in_a_word >= 10,
        "{cut_in_a_word} snippets cut inside a word"
    );
}

// ---------------------------------------------------------------------------
// 12: control characters and bidi overrides

/// Whether a character must never reach a terminal raw: C0 controls but
/// newline and tab, DEL, C1 controls, bidi embeddings, overrides,
/// isolates and marks.
fn drives_a_terminal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
        )
}

/// Asserts that a stream is UTF-8 without a raw control or bidi character.
fn assert_harmless(stream: &[u8], what: &str, run: &Run) {
    let text =
        std::str::from_utf8(stream).unwrap_or_else(|e| panic!("{what} not UTF-8 ({e}): {run}"));
    let raw: Vec<String> = text
        .chars()
        .filter(|&c| drives_a_terminal(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    assert!(raw.is_empty(), "raw {raw:?} in {what}: {run}");
}

#[cfg(unix)]
#[test]
fn control_and_bidi_characters_never_reach_the_terminal_raw() {
    let corpus = Corpus::empty();
    let evil = "evil\u{1b}[31m\u{202e}\u{7}name.txt";
    let hostile = "The zqbell\u{7} text clears \u{1b}[2J\u{1b}[31mthe screen\u{1b}[0m, \
         reverses \u{202e}this\u{202c}, isolates \u{2066}lri\u{2069} \u{2067}rli\u{2069} \
         \u{2068}fsi\u{2069}, marks \u{200e}\u{200f}\u{61c}, sends C1 \u{9b}31m and \u{85} \
         and DEL \u{7f} and a backspace\u{8} and a title \u{1b}]0;pwned\u{7}.";
    // A NUL past the bytes sniffed for binary content keeps the file text.
    let filler = "Filler words to pass the sniffed head of the file. ".repeat(200);
    let text = format!("A. Introduction\n\n1. {hostile}\n\n2. {filler}and a NUL \u{0} zqnul.\n");
    corpus.add(evil, &text);
    corpus.add("bin\u{1b}[2J\u{202e}.txt", b"\x00\x01binary");
    corpus.add(
        "notes\u{1b}[1m\u{2067}.txt",
        "Plain notes without structure zqnotes.\n",
    );
    std::os::unix::fs::symlink("nowhere\u{1b}", corpus.dir.join("dangling\u{2066}.txt"))
        .expect("a symlink");
    mkfifo(&corpus.dir.join("fifo\u{1b}]0;x\u{7}.txt"));

    let indexed = corpus.index();
    assert_eq!(indexed.warnings().len(), 4, "{indexed}");
    let evil_doc = "evil\u{1b}[31m\u{202e}\u{7}name/draft";
    let runs = [
        indexed,
        corpus.run(&["search", "zqbell"]).expect(0),
        corpus.run(&["search", "zqnul"]).expect(0),
        corpus.run(&["search", "zqnotes"]).expect(0),
        corpus.run(&["show", evil_doc, "1"]).expect(0),
        corpus.run(&["show", evil_doc, "77"]).expect(2),
        corpus.run(&["history", evil_doc, "1"]).expect(0),
        corpus.run(&["stats"]).expect(0),
        run(&["parse", corpus.dir.join(evil).to_str().expect("UTF-8")]).expect(0),
        run(&[
            "parse",
            corpus
                .dir
                .join("notes\u{1b}[1m\u{2067}.txt")
                .to_str()
                .expect("UTF-8"),
        ])
        .expect(0),
        run(&[
            "parse",
            corpus
                .dir
                .join("bin\u{1b}[2J\u{202e}.txt")
                .to_str()
                .expect("UTF-8"),
        ])
        .expect(1),
    ];
    for run in &runs {
        assert_harmless(&run.stdout, "stdout", run);
        assert_harmless(&run.stderr, "stderr", run);
    }
    // Shown escaped, so that a reader sees what the file holds.
    let shown = runs[4].out();
    for escaped in [
        "\\u{1b}[2J",
        "\\u{202e}this\\u{202c}",
        "\\u{9b}31m",
        "\\u{7f}",
    ] {
        assert!(shown.contains(escaped), "{escaped} in {shown}");
    }
    assert!(
        runs[0]
            .err()
            .contains("warning: bin\\u{1b}[2J\\u{202e}.txt: skipped: a binary file")
    );
    assert!(
        runs[5]
            .err()
            .contains("no chunk labelled '77' in evil\\u{1b}[31m"),
        "{}",
        runs[5]
    );
}

#[cfg(unix)]
#[test]
fn json_keeps_control_characters_exactly_as_escapes() {
    let corpus = Corpus::empty();
    let name = "evil\u{1b}[31m\u{202e}\u{7}name.txt";
    let hostile = "zqbell\u{7} clears \u{1b}[2J, reverses \u{202e}this\u{202c}, \
                   isolates \u{2066}lri\u{2069}, C1 \u{9b}31m, DEL \u{7f}.";
    let path = corpus.add(name, format!("A. Introduction\n\n1. {hostile}\n"));
    corpus.index();
    let runs = [
        corpus.run(&["search", "zqbell", "--json"]).expect(0),
        corpus
            .run(&[
                "show",
                "evil\u{1b}[31m\u{202e}\u{7}name/draft",
                "1",
                "--json",
            ])
            .expect(0),
        run(&["parse", path.to_str().expect("UTF-8"), "--json"]).expect(0),
    ];
    for run in &runs {
        // Valid JSON, and nothing raw that could drive a terminal: JSON
        // escapes C0 controls itself, negotext DEL, C1 and bidi controls.
        assert_harmless(&run.stdout, "stdout", run);
        for escaped in [
            "\\u001b[2J",
            "\\u0007",
            "\\u202e",
            "\\u2066",
            "\\u009b",
            "\\u007f",
        ] {
            assert!(run.out().contains(escaped), "{escaped}: {run}");
        }
        let lines = run.json();
        let texts: Vec<&str> = lines
            .iter()
            .filter_map(|line| {
                line["data"]["text"]
                    .as_str()
                    .or(line["data"]["chunk"]["text"].as_str())
            })
            .collect();
        // Read back, the strings are the file's, exactly.
        assert_eq!(texts, [hostile], "{run}");
        assert!(
            lines.iter().any(
                |line| line["data"]["file"] == name || line["data"]["document"]["file"] == name
            ),
            "{run}"
        );
    }
}

// ---------------------------------------------------------------------------
// 13: links, FIFOs, directories and files unreadable when read, in the corpus

/// Makes a FIFO at `path` (with `mkfifo`, there being no libc here).
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn links_fifos_and_directories_are_skipped_without_hanging() {
    use std::os::unix::fs::symlink;

    let corpus = Corpus::shipped();
    let dir = &corpus.dir;
    symlink("b.txt", dir.join("a.txt")).expect("a -> b");
    symlink("a.txt", dir.join("b.txt")).expect("b -> a");
    symlink("nowhere.txt", dir.join("dangling.txt")).expect("a dangling link");
    corpus.add(
        "sub/inner.txt",
        "A. Notes\n\n1. A subdirectory's zqinner.\n",
    );
    symlink("..", dir.join("sub/up")).expect("a link to the parent");
    corpus.add("target.txt", "A. Notes\n\n1. Linked zqlinked.\n");
    symlink("target.txt", dir.join("alias.txt")).expect("a link to a file");
    mkfifo(&dir.join("pipe.txt"));

    let indexed = corpus.index();
    indexed.warns_once("a.txt", "skipped: a broken symbolic link (");
    indexed.warns_once("b.txt", "skipped: a broken symbolic link (");
    indexed.warns_once("dangling.txt", "skipped: a broken symbolic link (");
    indexed.warns_once(
        "sub/up",
        "skipped: a symbolic link to a directory, not followed",
    );
    indexed.warns_once("pipe.txt", "skipped: a FIFO, not a regular file");
    assert_eq!(indexed.warnings().len(), 5, "{indexed}");
    assert_shipped_searchable(&corpus, &indexed);
    assert_eq!(corpus.search("zqinner", &[]).one()["file"], "sub/inner.txt");
    let linked = corpus.search("zqlinked", &[]);
    let files: Vec<&str> = linked
        .hits
        .iter()
        .filter_map(|h| h["file"].as_str())
        .collect();
    assert_eq!(files.len(), 2);
    assert!(files.contains(&"alias.txt") && files.contains(&"target.txt"));
    // A search checks the corpus again before answering: it must not
    // hang on the FIFO either, and the index is up to date.
    let again = corpus.run(&["search", "hotlines"]).expect(0);
    assert_eq!(again.err(), "", "{again}");
}

/// Files listed as documents that cannot be read when their turn comes —
/// one removed, one replaced by a FIFO (which would block whoever opens
/// it) — are left out, the FIFO with one warning, and the rest is indexed,
/// without hanging. Unlike a file of mode 000, which root reads anyway,
/// this holds for every user, root included.
#[cfg(unix)]
#[test]
fn files_unreadable_when_read_are_left_out_without_hanging() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    fs::create_dir_all(&dir).unwrap();
    for (name, word) in [
        ("kept.txt", "zqkept"),
        ("removed.txt", "zqremoved"),
        ("piped.txt", "zqpiped"),
    ] {
        fs::write(dir.join(name), format!("A. Notes\n\n1. A {word} note.\n")).unwrap();
    }
    let corpus = negotext::corpus::Corpus::open(&dir).unwrap();
    assert_eq!(corpus.files.len(), 3);
    // Between the listing and the reading.
    fs::remove_file(dir.join("removed.txt")).unwrap();
    fs::remove_file(dir.join("piped.txt")).unwrap();
    mkfifo(&dir.join("piped.txt"));

    let index = tmp.path().join("index");
    let (done, finished) = std::sync::mpsc::channel();
    let updating = index.clone();
    std::thread::spawn(move || {
        let _ = done.send(negotext::index::update(&corpus, &updating));
    });
    let report = finished
        .recv_timeout(common::HANG)
        .expect("the update hung on a file it could not read")
        .expect("the update succeeds");
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("piped.txt")
            && warnings[0].contains("a FIFO, not a regular file")
            && warnings[0].contains("left out"),
        "{warnings:?}"
    );
    assert_eq!(report.files, 1, "kept.txt alone: {:?}", report.parsed);
    assert_eq!(report.parsed, [("kept.txt".to_string(), 1)]);
    let searched = common::negotext_within(
        &[
            "search",
            "zqkept OR zqremoved OR zqpiped",
            "--json",
            "--corpus",
            dir.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ],
        common::HANG,
    );
    assert_eq!(
        searched.status.code(),
        Some(0),
        "{}",
        common::stderr(&searched)
    );
    let files: Vec<String> = common::json_lines(&searched)
        .iter()
        .filter(|line| line["type"] == "hit")
        .map(|line| line["data"]["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, ["kept.txt"]);
}

// ---------------------------------------------------------------------------
// Files read with a size bound; the manifest and the glossary never opened
// when they are not regular files

/// The address space an `index` with hostile files may use: 1 GB, in KiB
/// (a file read whole would pass it).
const INDEX_MEMORY_KIB: u64 = 1_000_000_000 / 1024;

impl Corpus {
    /// [`Corpus::run`] under a limit of `memory_kib` KiB of address space.
    fn run_within_memory(&self, args: &[&str], memory_kib: u64) -> Run {
        let all = self.args(args);
        Run::of(&all, common::negotext_within_memory(&all, memory_kib))
    }

    /// `negotext index` under [`INDEX_MEMORY_KIB`], which must succeed.
    fn index_within_memory(&self) -> Run {
        self.run_within_memory(&["index"], INDEX_MEMORY_KIB)
            .expect(0)
    }
}

/// A file listed under the limit that grows past it before the indexer
/// reads it is left out with one warning, not read whole; the other files
/// are indexed.
#[test]
fn a_file_that_grows_past_the_limit_while_indexing_is_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("small.txt"), "1. Parties shall cooperate.\n").unwrap();
    fs::write(dir.join("growing.txt"), "1. States shall report.\n").unwrap();
    let corpus = negotext::corpus::Corpus::open_limited(&dir, 1_000).unwrap();
    assert_eq!(corpus.files.len(), 2);
    fs::write(
        dir.join("growing.txt"),
        "1. States shall report.\n".repeat(100),
    )
    .unwrap();

    let report = negotext::index::update(&corpus, &tmp.path().join("index")).unwrap();
    let left_out: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.file == "growing.txt")
        .map(|w| w.message.clone())
        .collect();
    assert_eq!(left_out.len(), 1, "{:?}", report.warnings);
    assert!(left_out[0].contains("left out"), "{left_out:?}");
    assert_eq!(report.files, 1, "small.txt indexed");
}

#[test]
fn a_file_over_the_size_limit_is_skipped_with_one_warning() {
    let corpus = Corpus::shipped();
    // 3 GB of holes: nothing on disk, but 3 GB to whoever reads it.
    let huge = fs::File::create(corpus.dir.join("backup.iso")).expect("a file");
    huge.set_len(3 << 30).expect("a sparse file");
    drop(huge);
    corpus.add("small.txt", "A. Notes\n\n1. A small zqsmall note.\n");
    let indexed = corpus.index_within_memory();
    indexed.warns_once(
        "backup.iso",
        "skipped: 3072 MiB, larger than the 256 MiB limit (--max-file-size)",
    );
    assert_eq!(indexed.warnings().len(), 1, "{indexed}");
    assert_shipped_searchable(&corpus, &indexed);
    assert_eq!(corpus.search("zqsmall", &[]).one()["file"], "small.txt");
    // A search checks the corpus again: the file is still skipped, silently.
    let again = corpus
        .run_within_memory(&["search", "hotlines"], INDEX_MEMORY_KIB)
        .expect(0);
    assert_eq!(again.err(), "", "{again}");

    // The limit is an option: a file of 2 MiB over a limit of 1.
    corpus.add(
        "two.txt",
        format!("A. Notes\n\n1. {}\n", "zqtwo ".repeat(350_000)),
    );
    let limited = corpus.run(&["index", "--max-file-size", "1"]).expect(0);
    limited.warns_once("two.txt", "larger than the 1 MiB limit");
    assert_eq!(
        corpus.search("zqtwo", &["--max-file-size", "1"]).hits.len(),
        0
    );
    assert_eq!(corpus.search("zqtwo", &[]).hits.len(), 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_manifest_or_glossary_is_skipped_with_one_warning() {
    use std::os::unix::fs::symlink;

    let corpus = Corpus::shipped();
    fs::remove_file(corpus.dir.join("manifest.toml")).expect("no manifest");
    mkfifo(&corpus.dir.join("manifest.toml"));
    fs::remove_file(corpus.dir.join("glossary.toml")).expect("no glossary");
    symlink("/dev/zero", corpus.dir.join("glossary.toml")).expect("a link to /dev/zero");
    let indexed = corpus.index_within_memory();
    indexed.warns_once(
        "manifest.toml",
        "skipped: a FIFO, not a regular file; the defaults apply",
    );
    indexed.warns_once(
        "glossary.toml",
        "skipped: a device, not a regular file; the defaults apply",
    );
    assert_eq!(indexed.warnings().len(), 2, "{indexed}");
    let listed = indexed.chunks_per_file();
    for file in SHIPPED {
        assert!(
            listed.get(file).is_some_and(|&n| n > 0),
            "{file}: {indexed}"
        );
    }
    assert!(!corpus.search("hotlines", &[]).hits.is_empty());
    assert!(!corpus.search("\"points of contact\"", &[]).hits.is_empty());
    // `parse` reads the manifest too: one line naming it, exit 2.
    let file = corpus.dir.join(REV1);
    let parsed = run(&["parse", file.to_str().expect("a UTF-8 path")]);
    assert_eq!(parsed.code, Some(2), "{parsed}");
    assert_eq!(parsed.err().lines().count(), 1, "{parsed}");
    assert!(parsed.err().contains("manifest.toml"), "{parsed}");
    // Nor is the file `parse` is given opened when it is a FIFO.
    let pipe = corpus.dir.join("pipe.txt");
    mkfifo(&pipe);
    let shipped = corpus_dir();
    let piped = run(&[
        "parse",
        pipe.to_str().expect("a UTF-8 path"),
        "--corpus",
        shipped.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(piped.code, Some(2), "{piped}");
    assert_eq!(piped.err().lines().count(), 1, "{piped}");
    assert!(
        piped.err().contains("a FIFO, not a regular file"),
        "{piped}"
    );
}

// ---------------------------------------------------------------------------
// File names that are not UTF-8

#[cfg(unix)]
#[test]
fn names_differing_only_in_bytes_that_are_not_utf8_are_two_documents() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let corpus = Corpus::shipped();
    let first = corpus.dir.join(OsStr::from_bytes(b"n\xff.txt"));
    let second = corpus.dir.join(OsStr::from_bytes(b"n\xfe.txt"));
    fs::write(&first, "A. Notes\n\n1. The zqfirst note.\n").expect("a file");
    fs::write(&second, "A. Notes\n\n1. The zqsecond note.\n").expect("a file");

    let indexed = corpus.index();
    let listed = indexed.chunks_per_file();
    assert_eq!(listed.get(r"n\xff.txt"), Some(&1), "{indexed}");
    assert_eq!(listed.get(r"n\xfe.txt"), Some(&1), "{indexed}");
    assert!(indexed.out().contains("from 7 files"), "{indexed}");
    assert_eq!(corpus.search("zqfirst", &[]).one()["file"], r"n\xff.txt");
    assert_eq!(corpus.search("zqsecond", &[]).one()["file"], r"n\xfe.txt");
    // Recorded as listed: nothing to index again.
    let again = corpus.run(&["search", "hotlines"]).expect(0);
    assert_eq!(again.err(), "", "{again}");
    let fresh = corpus.index();
    assert!(fresh.out().contains("is up to date"), "{fresh}");
    // Human output shows the name escaped (in the document's id).
    let human = corpus
        .run(&["search", "zqfirst", "--color", "never"])
        .expect(0);
    assert!(human.out().starts_with(r"n\xff/draft"), "{human}");
}
