//! `negotext serve` under load: many concurrent searches over HTTP on
//! loopback while the corpus changes and the index is updated and swapped
//! under them (the load lasts `NEGOTEXT_BENCH_SECS`, and until two changes
//! were served). Fails on any error or wrong answer, or when no change was
//! served; reports request latency (p50, p99) and throughput, how long a
//! change of the corpus took to be served under the load, and the
//! in-process search latency on the same index for comparison.
//!
//! Run with `cargo bench --bench serve` (the generated 100 MB corpus;
//! `NEGOTEXT_BENCH_MB=N` for another size, `0` for the shipped corpus;
//! `NEGOTEXT_BENCH_CLIENTS` (200) and `NEGOTEXT_BENCH_SECS` (10) for the
//! load). The server runs in this process (the library's `serve::Server`,
//! as `negotext serve` runs it); the clients are threads of this process
//! with their own connections, so the latency is a request's round trip
//! through the kernel's loopback, HTTP parsing, the search and the page.

#[path = "support/generated.rs"]
mod generated;
#[path = "support/queries.rs"]
mod queries;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use std::time::{Duration, Instant};

use negotext::index::{self, Options};
use negotext::search::{self, Filters, Request};
use negotext::serve::Server;
use negotext::serve::refresh::Places;

use generated::{bench_mb, generated};

/// The allocator of the `negotext` binary, which the server runs in.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use queries::{QUERY_LIST, read_queries};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A copy of `from` in `to` (the served corpus is changed; the cached one
/// is not).
fn copy_corpus(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("the corpus copy");
    for entry in fs::read_dir(from).expect("the corpus lists") {
        let path = entry.expect("an entry").path();
        if path.is_file() {
            fs::copy(&path, to.join(path.file_name().expect("a name"))).expect("a copy");
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let at = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[at]
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The requests the clients make, in turn: each query of the list as
/// JSON, and one in four as the HTML page.
fn targets() -> Vec<String> {
    let queries = read_queries(Path::new(QUERY_LIST)).expect("the query list");
    let mut targets = Vec::new();
    for (i, line) in queries.iter().enumerate() {
        let mut query = format!("q={}", encode(&line.query));
        if let Some(draft) = &line.draft {
            query.push_str(&format!("&draft={}", encode(draft)));
        }
        targets.push(format!("/api/search?{query}"));
        if i % 4 == 0 {
            targets.push(format!("/?{query}"));
        }
    }
    targets
}

/// In-process search p50 and p99 (ms) of the query list on the index at
/// `index_dir` (the work of one request without HTTP), all kinds together
/// and per kind of query (`term 1.2`).
fn in_process(index_dir: &Path) -> (f64, f64, Vec<(String, f64)>) {
    let index = index::ChunkIndex::open(index_dir).expect("the index opens");
    let queries = read_queries(Path::new(QUERY_LIST)).expect("the query list");
    let mut times = Vec::new();
    let mut by_kind: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    for _ in 0..20 {
        for line in &queries {
            let request = Request {
                filters: Filters {
                    drafts: line.draft.iter().cloned().collect(),
                    ..Filters::default()
                },
                ..Request::new(line.query.clone())
            };
            let started = Instant::now();
            let results = search::run(&index, &request).expect("a search");
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            times.push(ms);
            by_kind.entry(line.kind.clone()).or_default().push(ms);
            std::hint::black_box(results.total);
        }
    }
    times.sort_by(f64::total_cmp);
    let kinds = by_kind
        .into_iter()
        .map(|(kind, mut times)| {
            times.sort_by(f64::total_cmp);
            (kind, percentile(&times, 0.5))
        })
        .collect();
    (percentile(&times, 0.5), percentile(&times, 0.99), kinds)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument that is not this
    // bench's name means another bench was asked for.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"serve".contains(&a))
    {
        return;
    }
    let mb = bench_mb();
    let clients = env_number("NEGOTEXT_BENCH_CLIENTS", 200) as usize;
    let secs = env_number("NEGOTEXT_BENCH_SECS", 10);
    let source: PathBuf = if mb == 0 {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
    } else {
        generated(mb)
    };
    let work = tempfile::tempdir().expect("a work directory");
    let corpus = work.path().join("corpus");
    let index_dir = work.path().join("index");
    copy_corpus(&source, &corpus);

    let started = Instant::now();
    let ready = index::ready(&corpus, u64::MAX, &index_dir, Options::default()).expect("indexed");
    eprintln!(
        "indexed {} in {:.1} s",
        source.display(),
        started.elapsed().as_secs_f64()
    );
    let (in_p50, in_p99, in_kinds) = in_process(&index_dir);

    let places = Places {
        corpus: corpus.clone(),
        max_file_size: u64::MAX,
        index: index_dir.clone(),
    };
    let server = Server::start(
        "127.0.0.1:0".parse().expect("an address"),
        places,
        ready.index,
        None,
    )
    .expect("the server starts");
    let base = format!("http://{}", server.addr);
    let targets = Arc::new(targets());

    // While the clients search, the corpus changes: a file added, then
    // removed again, each change once the previous one is served (a new
    // index swapped in); how long each took from the change to the swap is
    // the refresh latency.
    let stop = Arc::new(AtomicBool::new(false));
    let mutator = {
        let (stop, live, corpus) = (Arc::clone(&stop), Arc::clone(&server.live), corpus.clone());
        let letter = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/2022-03-24-capacity-building-meeting.txt");
        std::thread::spawn(move || {
            let added = corpus.join("zz-bench-added.txt");
            let mut refreshes = Vec::new();
            'changes: while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(500));
                let generation = live.current().generation;
                if added.exists() {
                    fs::remove_file(&added).expect("removed");
                } else {
                    fs::copy(&letter, &added).expect("added");
                }
                let changed = Instant::now();
                while live.current().generation == generation {
                    if stop.load(Ordering::Relaxed) {
                        break 'changes;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                refreshes.push(changed.elapsed().as_secs_f64());
            }
            let _ = fs::remove_file(&added);
            refreshes
        })
    };
    let done = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let mut threads = Vec::new();
    for client in 0..clients {
        let (targets, base, errors, done) = (
            Arc::clone(&targets),
            base.clone(),
            Arc::clone(&errors),
            Arc::clone(&done),
        );
        threads.push(std::thread::spawn(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(Duration::from_secs(60)))
                .build()
                .into();
            let mut times = Vec::new();
            let mut i = client;
            while !done.load(Ordering::Relaxed) {
                let target = &targets[i % targets.len()];
                i += 1;
                let sent = Instant::now();
                let ok = match agent.get(&format!("{base}{target}")).call() {
                    Ok(mut response) => {
                        let mut body = String::new();
                        let read = response.body_mut().as_reader().read_to_string(&mut body);
                        response.status() == 200
                            && read.is_ok()
                            && (target.starts_with("/?") && body.contains("</html>")
                                || body.contains("\"type\":\"summary\""))
                    }
                    Err(_) => false,
                };
                if ok {
                    times.push(sent.elapsed().as_secs_f64() * 1000.0);
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
            times
        }));
    }
    // The load lasts `secs`, and until two changes of the corpus were
    // served under it (at most ten times `secs`).
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(secs));
    while server.live.current().generation < 3 && started.elapsed().as_secs() < secs * 10 {
        std::thread::sleep(Duration::from_millis(100));
    }
    done.store(true, Ordering::Relaxed);
    let mut times: Vec<f64> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("a client"))
        .collect();
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut refreshes = mutator.join().expect("the mutator");
    refreshes.sort_by(f64::total_cmp);
    let generations = server.live.current().generation;
    drop(server);

    times.sort_by(f64::total_cmp);
    let errors = errors.load(Ordering::Relaxed);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "serve/{}: {cores} cores, {clients} clients, {elapsed:.1} s, {} index commits served",
        if mb == 0 {
            "shipped".to_string()
        } else {
            format!("gen-{mb}m")
        },
        generations
    );
    println!(
        "  requests {} ({:.0}/s), errors {errors}; latency p50 {:.1} ms, p99 {:.1} ms",
        times.len(),
        times.len() as f64 / elapsed,
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );
    println!(
        "  corpus change to new index served, under the load: {} times, median {:.1} s, max {:.1} s",
        refreshes.len(),
        percentile(&refreshes, 0.5),
        refreshes.last().copied().unwrap_or(f64::NAN)
    );
    println!("  in-process search (no HTTP, no load): p50 {in_p50:.2} ms, p99 {in_p99:.2} ms");
    let kinds: Vec<String> = in_kinds
        .iter()
        .map(|(kind, p50)| format!("{kind} {p50:.2}"))
        .collect();
    println!(
        "  in-process p50 by kind of query (ms): {}",
        kinds.join(" · ")
    );
    assert_eq!(errors, 0, "requests failed under load");
    assert!(
        generations >= 3,
        "the index was not swapped twice while serving"
    );
}
