//! The search page in a real browser: headless Chromium, driven through
//! ChromeDriver (WebDriver), types a query, clicks a facet and the first
//! hit, and the test reads what the page shows. Screenshots at 1280 and 390
//! pixels wide are written to `target/tmp/screenshots/` to be looked at.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
//! them). Without them the test says so and passes, unless
//! `NEGOTEXT_BROWSER_TESTS=require` (as in CI), when it fails.

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::server::Served;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const QUERY: &str = "\"inter-governmental points of contact\"";

/// A program on the PATH or at one of the usual places.
fn program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        for dir in std::env::split_paths(&path).chain([PathBuf::from("/usr/bin")]) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// ChromeDriver on a free loopback port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(binary: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver never listened");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot directory");
    dir
}

async fn snap(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    let path = screenshots().join(name);
    std::fs::write(&path, png).expect("the screenshot is written");
    eprintln!("screenshot: {}", path.display());
}

async fn texts(client: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for element in client.find_all(Locator::Css(css)).await.expect("elements") {
        out.push(element.text().await.expect("text"));
    }
    out
}

/// Whether the page is no wider than the window (no sideways scrolling).
async fn fits(client: &Client) -> bool {
    let fits = client
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .expect("a script runs");
    fits.as_bool().unwrap_or(false)
}

async fn wait_for_url(client: &Client, part: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let url = client.current_url().await.expect("a URL");
        if url.as_str().contains(part) {
            return;
        }
        assert!(Instant::now() < deadline, "{url} never had {part}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn browse(client: &Client, base: &str, cli_keys: &[String]) {
    client
        .set_window_size(1280, 900)
        .await
        .expect("a window size");
    client
        .goto(&format!("{base}/"))
        .await
        .expect("the search page loads");

    // Type the query, submit it.
    let input = client
        .find(Locator::Css("input#q"))
        .await
        .expect("the query box");
    input.send_keys(QUERY).await.expect("typing");
    client
        .find(Locator::Css("form.search button[type=submit]"))
        .await
        .expect("the search button")
        .click()
        .await
        .expect("a click");
    client
        .wait()
        .for_element(Locator::Css("li.hit"))
        .await
        .expect("hits");
    let keys = texts(client, "li.hit h2 a.key").await;
    assert_eq!(keys, cli_keys, "the page shows the CLI's hits, in order");
    let count = texts(client, "p.count strong").await;
    assert_eq!(count, ["4 hits"]);
    assert!(!texts(client, "li.hit mark").await.is_empty(), "highlights");
    snap(client, "search-1280.png").await;

    // Click the crp1 draft facet: only its hits remain, the value marked.
    let facet = client
        .find(Locator::Css(
            r#"a[data-facet="draft"][data-value="apr1/crp1"]"#,
        ))
        .await
        .expect("the crp1 draft facet");
    let facet_count: u64 = facet
        .find(Locator::Css("span.n"))
        .await
        .expect("its count")
        .text()
        .await
        .expect("text")
        .parse()
        .expect("a number");
    facet.click().await.expect("a click");
    wait_for_url(client, "draft=apr1%2Fcrp1").await;
    let filtered = texts(client, "li.hit h2 a.key").await;
    assert_eq!(filtered.len() as u64, facet_count);
    assert!(
        filtered.iter().all(|key| key.starts_with("crp1 ")),
        "{filtered:?}"
    );
    let pressed = client
        .find(Locator::Css(
            r#"a[data-facet="draft"][data-value="apr1/crp1"]"#,
        ))
        .await
        .expect("the facet")
        .attr("aria-pressed")
        .await
        .expect("an attribute");
    assert_eq!(pressed.as_deref(), Some("true"));

    // The back button brings the unfiltered search back.
    client.back().await.expect("back");
    wait_for_url(client, "q=").await;
    assert_eq!(texts(client, "li.hit h2 a.key").await, cli_keys);
    client.forward().await.expect("forward");

    // Open the first hit: the paragraph, its citation, its history.
    let first = client
        .find(Locator::Css("li.hit h2 a.key"))
        .await
        .expect("the first hit");
    let first_key = first.text().await.expect("text");
    first.click().await.expect("a click");
    wait_for_url(client, "/paragraph?c=").await;
    let heading = texts(client, "article.chunk h1").await;
    assert_eq!(heading.len(), 1);
    assert!(heading[0].starts_with("A/AC.292/2022/CRP.1"), "{heading:?}");
    let versions = texts(client, "li.version h3 a.key").await;
    assert!(
        versions.contains(&first_key),
        "{versions:?} has {first_key}"
    );
    assert!(versions.len() >= 2, "a history across drafts: {versions:?}");
    let copy = client
        .find(Locator::Css("button.copy-citation"))
        .await
        .expect("the copy button");
    assert!(
        copy.is_displayed().await.expect("displayed"),
        "the script ran"
    );
    snap(client, "paragraph-1280.png").await;

    // On a phone.
    client
        .set_window_size(390, 844)
        .await
        .expect("a phone's width");
    client
        .goto(&format!("{base}/?q={}", common::server::encode(QUERY)))
        .await
        .expect("the search page");
    client
        .wait()
        .for_element(Locator::Css("li.hit"))
        .await
        .expect("hits");
    assert!(fits(client).await, "the search page fits 390 px");
    snap(client, "search-390.png").await;
    client
        .goto(&format!("{base}/paragraph?c=crp1+16(a)"))
        .await
        .expect("the paragraph page");
    assert!(fits(client).await, "the paragraph page fits 390 px");
    snap(client, "paragraph-390.png").await;
}

#[test]
fn a_browser_searches_filters_and_opens_a_paragraph() {
    let required = std::env::var("NEGOTEXT_BROWSER_TESTS").is_ok_and(|v| v == "require");
    let (Some(chromium), Some(chromedriver)) = (
        program(&["chromium", "chromium-browser", "google-chrome"]),
        program(&["chromedriver"]),
    ) else {
        assert!(
            !required,
            "NEGOTEXT_BROWSER_TESTS=require, but chromium or chromedriver is missing"
        );
        eprintln!(
            "SKIPPED: no chromium and chromedriver (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let cli_keys = common::search(QUERY, &[]).keys();
    let served = Served::start(&common::corpus_dir(), &common::shared_index());
    let driver = Driver::start(&chromedriver);
    let profile = tempfile::tempdir().expect("a browser profile");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_string(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .expect("a browser session");
        browse(&client, &served.base, &cli_keys).await;
        client.close().await.expect("the session closes");
    });
}
