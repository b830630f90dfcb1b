//! `negotext serve` over HTTP, as a browser and a script use it: the pages
//! answer what the CLI answers, the JSON API is the CLI's `--json` byte for
//! byte (but for the time taken), hostile corpus text is inert, hostile
//! requests are refused, and a corpus changed while serving is searched.

mod common;

use std::fs;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::server::{Served, encode};
use regex::Regex;

const QUERY: &str = "\"inter-governmental points of contact\"";

/// One server on the shipped corpus (and the tests' shared index), for the
/// tests that only read.
fn shipped() -> &'static Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    SERVED.get_or_init(|| Served::start(&common::corpus_dir(), &common::shared_index()))
}

/// `negotext <args> --json` on the shared index, as JSON values.
fn cli_json(command: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = args.to_vec();
    all.push("--json");
    common::json_lines(&common::on_shared_index(command, &all))
}

fn lines(body: &str) -> Vec<serde_json::Value> {
    common::parse_lines(body)
}

/// The summary's time taken differs from run to run; all else must not.
fn without_time(mut lines: Vec<serde_json::Value>) -> Vec<serde_json::Value> {
    for line in &mut lines {
        if line["type"] == "summary"
            && let Some(data) = line["data"].as_object_mut()
        {
            data.remove("elapsed_ms");
        }
    }
    lines
}

/// The keys of the hits on a search page, in order.
fn hit_keys(page: &str) -> Vec<String> {
    let key = Regex::new(r#"<li class="hit"><h2><a class="key" href="[^"]*">([^<]*)</a>"#).unwrap();
    key.captures_iter(page)
        .map(|c| html_unescape(&c[1]))
        .collect()
}

fn html_unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The facet links of a search page: `(param, value, count, href)`.
fn facet_links(page: &str) -> Vec<(String, String, u64, String)> {
    let link = Regex::new(
        r#"<a (?:class="on" )?href="([^"]*)" aria-pressed="(?:true|false)" data-facet="([^"]*)" data-value="([^"]*)"><span class="value">[^<]*</span> <span class="n">(\d+)</span>"#,
    )
    .unwrap();
    link.captures_iter(page)
        .map(|c| {
            (
                c[2].to_string(),
                html_unescape(&c[3]),
                c[4].parse().unwrap(),
                html_unescape(&c[1]),
            )
        })
        .collect()
}

#[test]
fn the_search_page_and_the_api_give_the_four_hits_of_the_cli() {
    let served = shipped();
    let page = served.get(&format!("/?q={}", encode(QUERY)));
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    let cli = common::search(QUERY, &[]);
    assert_eq!(cli.keys().len(), 4);
    assert_eq!(hit_keys(&page.body), cli.keys());
    assert!(
        page.body.contains("<mark>"),
        "matched words are highlighted"
    );
    assert!(page.body.contains("4 hits"));

    let api = served.get(&format!("/api/search?q={}", encode(QUERY)));
    assert_eq!(api.status, 200);
    assert_eq!(api.content_type, "application/x-ndjson; charset=utf-8");
    assert_eq!(
        without_time(lines(&api.body)),
        without_time(cli_json("search", &[QUERY]))
    );
}

#[test]
fn a_facet_click_filters_as_the_cli_does_and_a_second_click_removes_it() {
    let served = shipped();
    let query = "States";
    let first = served.get(&format!("/?q={query}"));
    let facets = facet_links(&first.body);
    let cli = common::search(query, &[]);
    // Every count shown is the CLI's.
    for (param, value, count, _) in &facets {
        let facet = match param.as_str() {
            "kind" => "doc_kind",
            other => other,
        };
        assert_eq!(
            cli.summary["facets"][facet][value].as_u64(),
            Some(*count),
            "{param} {value}"
        );
    }
    let (_, value, count, href) = facets
        .iter()
        .find(|(param, ..)| param == "pillar")
        .expect("a pillar facet")
        .clone();
    let filtered = served.get(&href);
    let cli_filtered = common::search(query, &["--pillar", &value]);
    assert_eq!(cli_filtered.hits.len() as u64, count);
    assert!(filtered.body.contains(&format!("{count} hits")) || count == 1);
    let shown = hit_keys(&filtered.body);
    assert_eq!(shown, cli_filtered.keys()[..shown.len()]);
    // Chosen, it is marked; a second click goes back to the first search.
    let again = facet_links(&filtered.body)
        .into_iter()
        .find(|(param, v, ..)| param == "pillar" && *v == value)
        .expect("the chosen value is still listed");
    assert!(filtered.body.contains(r#"class="on""#));
    assert_eq!(again.3, format!("/?q={query}"));
}

#[test]
fn pages_follow_one_another() {
    let served = shipped();
    let first = served.get("/?q=States");
    assert!(
        first
            .body
            .contains(r#"rel="next" href="/?q=States&amp;page=2""#)
    );
    let second = served.get("/?q=States&page=2");
    let cli = common::search("States", &[]);
    assert_eq!(hit_keys(&second.body), cli.keys()[10..20]);
}

#[test]
fn the_paragraph_page_shows_the_history_of_crp1_16a() {
    let page = shipped().get("/paragraph?c=crp1+16(a)");
    assert_eq!(page.status, 200);
    let body = &page.body;
    let order: Vec<usize> = ["zero-draft 6(a)", "rev1 10(a)", "crp1 16(a)"]
        .iter()
        .map(|key| {
            body.find(&format!(">{key}</a>"))
                .unwrap_or_else(|| panic!("{key} is on the page"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "oldest first: {order:?}"
    );
    assert!(
        body.contains("<ins>") && body.contains("<del>"),
        "the word diff is marked"
    );
    // Rev.1 10(a) was split into CRP.1 16(a) and 16(b): the page says so.
    let split =
        Regex::new(r"Split into <a [^>]*>crp1 16\(a\)</a> \([0-9.]+\), <a [^>]*>crp1 16\(b\)</a>")
            .unwrap();
    assert!(split.is_match(body), "the split is shown");
    assert!(body.contains(r#"class="copy-citation""#));
    // The JSON twin is the CLI's.
    let api = shipped().get("/api/history?c=crp1+16(a)");
    assert_eq!(lines(&api.body), cli_json("history", &["crp1", "16(a)"]));
    let show = shipped().get("/api/show?c=crp1+16(a)");
    assert_eq!(lines(&show.body), cli_json("show", &["crp1", "16(a)"]));
}

#[test]
fn the_redline_page_lists_the_changed_paragraphs_of_rev1_to_crp1() {
    let page = shipped().get("/redline?from=rev1&to=crp1");
    assert_eq!(page.status, 200);
    let cli = cli_json("diff", &["rev1", "crp1"]);
    let changed: Vec<String> = cli
        .iter()
        .filter(|line| line["type"] == "changed")
        .map(|line| line["data"]["newer"]["key"].as_str().unwrap().to_string())
        .collect();
    assert!(changed.len() > 5);
    let shown = Regex::new(r#"<li class="changed"><h2><a class="key" href="[^"]*">([^<]*)</a>"#)
        .unwrap()
        .captures_iter(&page.body)
        .map(|c| html_unescape(&c[1]))
        .collect::<Vec<_>>();
    assert_eq!(shown, changed);
    let api = shipped().get("/api/diff?from=rev1&to=crp1");
    assert_eq!(lines(&api.body), cli);
    // A pillar filter is the CLI's --pillar.
    let cbm = shipped().get("/api/diff?from=rev1&to=crp1&pillar=cbm");
    assert_eq!(
        lines(&cbm.body),
        cli_json("diff", &["rev1", "crp1", "--pillar", "cbm"])
    );
}

#[test]
fn a_malformed_query_is_a_400_with_the_cli_message() {
    let served = shipped();
    let cli = common::on_shared_index("search", &["\"points of"]);
    let message = common::stderr(&cli);
    let message = message.trim().trim_start_matches("negotext: ");
    let api = served.get(&format!("/api/search?q={}", encode("\"points of")));
    assert_eq!(api.status, 400);
    let line = &lines(&api.body)[0];
    assert_eq!(line["type"], "error");
    assert_eq!(line["data"]["message"], message);
    let page = served.get(&format!("/?q={}", encode("\"points of")));
    assert_eq!(page.status, 400);
    assert!(page.body.contains(&maud_escape(message)));
}

fn maud_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn requests_outside_the_pages_are_refused() {
    let served = shipped();
    for path in [
        "/static/..%2f..%2fCargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/..%2f..%2fetc%2fpasswd",
        "/static/style.css/../../Cargo.toml",
    ] {
        let got = served.get(path);
        assert_eq!(got.status, 404, "{path}");
        assert!(!got.body.contains("[package]"), "{path}");
    }
    // Longer than a URI may be: refused before any search.
    let long = format!(
        "/api/search?q={}",
        "a".repeat(negotext::serve::guard::MAX_TARGET_BYTES)
    );
    assert_eq!(
        served
            .raw(format!("GET {long} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes()),
        Some(414)
    );
    // Longer than the server reads at all: refused or cut off, never served.
    let huge = format!("/?q={}", "a".repeat(4 << 20));
    let answer = served.raw(format!("GET {huge} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes());
    assert!(answer.is_none_or(|code| code >= 400), "{answer:?}");
    // A query the CLI refuses as too big is a 400 here too, same message.
    let words = vec!["a"; negotext::search::query::MAX_TERMS + 1].join(" ");
    let cli = common::on_shared_index("search", &[&words]);
    let message = common::stderr(&cli);
    assert!(message.contains("invalid query"), "{message}");
    let got = served.get(&format!("/api/search?q={}", encode(&words)));
    assert_eq!(got.status, 400);
    assert_eq!(
        lines(&got.body)[0]["data"]["message"],
        // Its last line: an index built by an older binary says first
        // that it was brought up to date.
        message
            .lines()
            .last()
            .unwrap_or_default()
            .trim_start_matches("negotext: ")
    );
    assert_eq!(
        served.raw(b"POST /api/search?q=x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"),
        Some(405)
    );
}

#[test]
fn every_answer_carries_the_security_headers() {
    let served = shipped();
    for path in [
        "/",
        "/?q=States",
        "/paragraph?c=crp1+16(a)",
        "/api/search?q=x",
        "/nothing",
    ] {
        let got = served.get(path);
        let csp = got.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(
            got.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(got.header("x-frame-options"), Some("DENY"), "{path}");
    }
    // No inline script on any page: the CSP would block it anyway.
    let page = served.get("/?q=States").body;
    assert!(
        !Regex::new(r"<script(?: [^>]*)?>[^<]")
            .unwrap()
            .is_match(&page)
    );
    assert!(!page.contains(" on") || !Regex::new(r#" on[a-z]+=""#).unwrap().is_match(&page));
}

/// A corpus whose one draft holds a script, a `javascript:` link and
/// bidirectional overrides.
fn hostile_corpus(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join("hostile.txt"),
        "Hostile draft\n\n1. Delegates discussed <script>alert(1)</script> and \
         <a href=\"javascript:alert(2)\">a link</a> in plenary.\n\n\
         2. Delegates read \u{202E}txt.exe\u{202C} and \u{2066}isolated\u{2069} text in plenary.\n",
    )
    .unwrap();
}

#[test]
fn hostile_corpus_text_is_shown_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    hostile_corpus(&corpus);
    let served = Served::start(&corpus, &tmp.path().join("index"));
    // JSON is not HTML: it holds the text exactly, served as JSON that no
    // browser may sniff into a page.
    let api = served.get("/api/search?q=delegates");
    assert_eq!(api.content_type, "application/x-ndjson; charset=utf-8");
    assert_eq!(api.header("x-content-type-options"), Some("nosniff"));
    let texts: Vec<String> = lines(&api.body)
        .iter()
        .filter_map(|line| line["data"]["text"].as_str().map(str::to_string))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("<script>alert(1)</script>")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains('\u{202E}')), "{texts:?}");
    for control in ['\u{202E}', '\u{2066}'] {
        assert!(
            !api.body.contains(control),
            "{control:?} is escaped in the JSON"
        );
    }
    for path in ["/?q=delegates", "/?q=plenary&collapse=1"] {
        let got = served.get(path);
        assert_eq!(got.status, 200, "{path}");
        let body = &got.body;
        assert!(body.contains("alert"), "{path}: the text is shown: {body}");
        assert!(!body.contains("<script>alert"), "{path}");
        assert!(!body.contains("<a href=\"javascript"), "{path}");
        assert!(!body.contains("href=\"javascript"), "{path}");
        for control in ['\u{202E}', '\u{202C}', '\u{2066}', '\u{2069}'] {
            assert!(!body.contains(control), "{path}: {control:?} raw");
        }
    }
    let page = served.get("/?q=delegates").body;
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("\\u{202e}"),
        "a bidi override is shown escaped"
    );
    let key = hit_keys(&page).into_iter().next().expect("a hit");
    let paragraph = served.get(&format!("/paragraph?c={}", encode(&key))).body;
    assert!(!paragraph.contains("<script>alert") && !paragraph.contains("href=\"javascript"));
}

/// Polls `/api/search?q=query` until its total is `expected`.
fn wait_for_total(served: &Served, query: &str, expected: u64) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let got = served.get(&format!("/api/search?q={}&limit=0", encode(query)));
        let total = lines(&got.body)
            .last()
            .and_then(|line| line["data"]["total_hits"].as_u64());
        if total == Some(expected) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{query}: total {total:?}, never {expected}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_corpus_changed_while_serving_is_searched_without_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    for name in [common::ZERO_DRAFT, common::REV1] {
        fs::copy(common::corpus_dir().join(name), corpus.join(name)).unwrap();
    }
    let served = Served::start(&corpus, &tmp.path().join("index"));
    let before = served.get("/").body;
    wait_for_total(&served, "zanzibar", 0);
    fs::write(
        corpus.join("added.txt"),
        "Added draft\n\n1. Delegates met in Zanzibar to agree.\n",
    )
    .unwrap();
    wait_for_total(&served, "zanzibar", 1);
    let after = served.get("/").body;
    let refreshed = |page: &str| {
        Regex::new(r"index refreshed <time>([^<]*)</time>")
            .unwrap()
            .captures(page)
            .map(|c| c[1].to_string())
    };
    assert!(refreshed(&before).is_some());
    assert!(after.contains("6") || refreshed(&after).is_some());
    fs::remove_file(corpus.join("added.txt")).unwrap();
    wait_for_total(&served, "zanzibar", 0);
}
