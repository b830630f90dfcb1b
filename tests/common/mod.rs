//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod server;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

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

/// An index of the shipped corpus, built once per test binary (each its
/// own) under cargo's target tmp dir, and kept up to date by the binary
/// itself.
pub fn shared_index() -> PathBuf {
    static INDEX: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("index-{}", env!("CARGO_CRATE_NAME")));
            // Built afresh: one left by a build of another schema is refused.
            let _ = std::fs::remove_dir_all(&dir);
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

/// The document fields of a `hit` line of `search --json` and of an
/// `appearance` line of `origin --json` (the contract's shared part,
/// `printer::json::DocumentLine`), flattened into both.
#[derive(Debug, serde::Deserialize)]
pub struct DocumentFields {
    pub doc: String,
    pub file: String,
    pub symbol: Option<String>,
    pub report: Option<String>,
    pub draft: String,
    pub draft_key: String,
    pub date: Option<String>,
    pub date_end: Option<String>,
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

/// Whether the bigger variants run (`NEGOTEXT_TEST_FULL=1`).
pub fn full() -> bool {
    std::env::var_os("NEGOTEXT_TEST_FULL").is_some_and(|v| v == "1")
}

/// How long any one run of the binary may take before the test calls it a
/// hang: generous, a debug build on a busy machine.
pub const HANG: Duration = Duration::from_secs(60);

/// The shipped drafts copied `copies` times into `dir` (created): copy
/// `k` of `name` is `c<k>-<name>`, with the word `copy<k>` put into one of
/// its sentences, so that every file is distinct, and a manifest that gives
/// each copy's drafts a report of their own (`c<k>`; the 2024 draft
/// `c<k>x`), as the shipped manifest does for the originals.
pub fn copies(dir: &Path, copies: usize) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let shipped = corpus_dir();
    let mut manifest = fs::read_to_string(shipped.join("manifest.toml")).unwrap();
    fs::copy(shipped.join("glossary.toml"), dir.join("glossary.toml")).unwrap();
    let mut names: Vec<String> = fs::read_dir(&shipped)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    for k in 0..copies {
        for name in &names {
            let text = fs::read_to_string(shipped.join(name)).unwrap();
            let copy = copy_name(k, name);
            fs::write(dir.join(&copy), marked(&text, k)).unwrap();
            let entry = if name.contains("third-progress-report") {
                format!("report = \"c{k}x\"\ndraft = \"l1\"\nsymbol = \"A/AC.292/2024/L.1\"")
            } else if name.contains("capacity-building-meeting") {
                // A letter of no report, as the original.
                continue;
            } else {
                format!("report = \"c{k}\"")
            };
            manifest.push_str(&format!("\n[files.\"{copy}\"]\n{entry}\n"));
        }
    }
    fs::write(dir.join("manifest.toml"), manifest).unwrap();
    dir.to_path_buf()
}

/// The name of copy `k` of the shipped file `name`.
pub fn copy_name(k: usize, name: &str) -> String {
    format!("c{k:02}-{name}")
}

/// `text` with the word `copy<k>` after the first ` the ` of its second
/// half.
fn marked(text: &str, k: usize) -> String {
    let half = (text.len() / 2..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    match text[half..].find(" the ") {
        Some(at) => {
            let at = half + at + " the ".len();
            format!("{}copy{k} {}", &text[..at], &text[at..])
        }
        None => format!("{text}\ncopy{k}\n"),
    }
}

/// Runs the binary with `args`, killing it and failing the test if it
/// takes longer than [`HANG`].
pub fn negotext(args: &[&str]) -> Output {
    negotext_within(args, HANG)
}

/// [`negotext`] with another time limit.
pub fn negotext_within(args: &[&str], limit: Duration) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_negotext"));
    command.args(args);
    output_within(command, limit, &format!("negotext {args:?}"))
}

/// Runs `command` (without colour, stdin closed), killing it and failing
/// the test if it takes longer than `limit`.
pub fn output_within(command: Command, limit: Duration, what: &str) -> Output {
    finish(spawn(command), limit, what)
}

/// Starts `command` without colour, stdin closed, stdout and stderr
/// piped.
pub fn spawn(mut command: Command) -> Child {
    command
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Runs the binary with `args` under a limit of `memory_kib` KiB of
/// address space (`ulimit -v`), killing it and failing the test if it
/// takes longer than [`HANG`].
pub fn negotext_within_memory(args: &[&str], memory_kib: u64) -> Output {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {memory_kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_negotext"))
        .args(args);
    let what: String = format!("negotext {args:?}").chars().take(120).collect();
    output_within(command, HANG, &what)
}

/// Waits for `child`, reading its output, for at most `limit`.
pub fn finish(mut child: Child, limit: Duration, what: &str) -> Output {
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stderr.read_to_end(&mut bytes).map(|_| bytes)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} still running after {limit:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Output {
        status,
        stdout: out.join().unwrap().unwrap(),
        stderr: err.join().unwrap().unwrap(),
    }
}

/// `negotext <args> --corpus <corpus> --index <index>`.
pub fn run(args: &[&str], corpus: &Path, index: &Path) -> Output {
    let mut all = args.to_vec();
    all.extend([
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    negotext(&all)
}

/// The two Paris drafts of `tests/fixtures/real/dev2` (23 October and 4
/// December 2015) with their manifest, as a corpus in `dir/corpus`.
pub fn paris_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    let dev2 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/dev2");
    for name in [
        "2015-10-23-paris-draft-agreement.md",
        "2015-12-04-paris-draft-agreement.md",
    ] {
        fs::copy(dev2.join(name), corpus.join(name)).unwrap();
    }
    fs::copy(
        dev2.join("paris-manifest.toml"),
        corpus.join("manifest.toml"),
    )
    .unwrap();
    corpus
}

/// How a test runs the binary: as the user running the tests, or as
/// `nobody` (with `setpriv`; root ignores permission bits, so a test of
/// them run as root runs the binary as `nobody`).
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum User {
    Me,
    Nobody,
}

/// Whether the tests run as root.
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

/// `negotext <args> --corpus <corpus> --index <index>` as `user`.
pub fn run_as(user: User, args: &[&str], corpus: &Path, index: &Path) -> Output {
    let binary = env!("CARGO_BIN_EXE_negotext");
    let mut command = match user {
        User::Me => Command::new(binary),
        User::Nobody => {
            let mut command = Command::new("setpriv");
            command.args(["--reuid=65534", "--regid=65534", "--clear-groups", binary]);
            command
        }
    };
    command
        .args(args)
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index);
    output_within(command, HANG, &format!("negotext {args:?}"))
}

/// `negotext index --quiet` that must succeed.
pub fn index(corpus: &Path, index: &Path) {
    let output = run(&["index", "--quiet"], corpus, index);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Queries whose answers stand for an index's content: a phrase, an
/// acronym, a boolean query, marked deletions, and the marks of the copies.
pub const PROBES: &[&str] = &[
    "\"inter-governmental points of contact\"",
    "PoC",
    "(CBM OR hotlines) directory -regional",
    "deleted:\"Red Cross\"",
    "copy1 OR copy3 OR copy5",
];

/// What a search answered, in a form that does not depend on how the index
/// is laid out in segments: the hits as sorted `key | citation` lines (the
/// ranking may differ between an index updated in place and a fresh one,
/// by deleted documents still counted in term statistics), the total and
/// the facet counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub hits: Vec<String>,
    pub total: u64,
    pub facets: String,
}

/// Each of [`PROBES`] on the index at `index` as it is: searched without
/// a corpus, so that the search neither checks nor updates it. Panics
/// unless every search exits 0 or 1.
pub fn answers(index: &Path) -> BTreeMap<&'static str, Answer> {
    PROBES
        .iter()
        .map(|query| {
            (
                *query,
                answer(index, query).unwrap_or_else(|e| panic!("{e}")),
            )
        })
        .collect()
}

/// One search of `query` on `index` as it is; an error describes a
/// failure (exit code and stderr).
pub fn answer(index: &Path, query: &str) -> Result<Answer, String> {
    let no_corpus = index.with_extension("no-corpus");
    let output = run(
        &["search", query, "--json", "--limit", "100000"],
        &no_corpus,
        index,
    );
    let code = output.status.code();
    if code != Some(0) && code != Some(1) {
        return Err(format!(
            "search {query} exited {code:?}: {}",
            stderr(&output)
        ));
    }
    let mut hits = Vec::new();
    let mut summary = None;
    for line in stdout(&output).lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{e}: {line}"))?;
        match value["type"].as_str() {
            Some("hit") => hits.push(format!(
                "{} | {}",
                value["data"]["key"].as_str().unwrap_or_default(),
                value["data"]["citation"].as_str().unwrap_or_default()
            )),
            Some("summary") => summary = Some(value["data"].clone()),
            _ => return Err(format!("unexpected line {line}")),
        }
    }
    let summary = summary.ok_or_else(|| format!("no summary for {query}"))?;
    hits.sort();
    Ok(Answer {
        hits,
        total: summary["total_hits"].as_u64().unwrap_or_default(),
        facets: summary["facets"].to_string(),
    })
}

/// A directory that holds someone's file and no index.
pub fn foreign_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    tmp
}

/// `output` refused [`foreign_dir`] `dir` (exit 2, the reason on stderr)
/// and left its file as it was.
pub fn assert_foreign_dir_refused(output: &Output, dir: &Path) {
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(output).contains("neither a negotext index nor empty"),
        "{}",
        stderr(output)
    );
    assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
}

/// A zip of `entries`, deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        std::io::Write::write_all(&mut writer, bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}
