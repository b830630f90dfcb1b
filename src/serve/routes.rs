//! Requests to answers: which path is which page, each page's work done on
//! a blocking thread against the current [`Snapshot`], every answer passed
//! through the [`guard`](super::guard).

use std::sync::Arc;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::Markup;

use super::api::{self, DiffRequest, Lines, status_of};
use super::guard::guard;
use super::pages::layout::Frame;
use super::pages::{help, paragraph, redline, search};
use super::params::{self, PAGE_SIZE, SearchParams};
use super::snapshot::{Live, Snapshot, Status};

/// The stylesheet and the script, compiled in.
const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

/// What every handler shares.
#[derive(Clone)]
pub struct App {
    pub live: Arc<Live>,
}

/// Every route.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(search_page))
        .route("/paragraph", get(paragraph_page))
        .route("/redline", get(redline_page))
        .route("/help", get(help_page))
        .route(
            "/api/search",
            get(api_route(|snapshot, status, query| {
                api::search(snapshot, query, status.stale.as_deref())
            })),
        )
        .route(
            "/api/show",
            get(api_route(|snapshot, _, query| api::show(snapshot, query))),
        )
        .route(
            "/api/history",
            get(api_route(|snapshot, _, query| {
                api::history(snapshot, query)
            })),
        )
        .route(
            "/api/diff",
            get(api_route(|snapshot, _, query| api::diff(snapshot, query))),
        )
        .route(
            "/api/stats",
            get(api_route(|snapshot, _, _| api::stats(snapshot))),
        )
        .route(
            "/static/style.css",
            get(|| async { asset("text/css", STYLE) }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript", SCRIPT) }),
        )
        .fallback(not_found)
        .layer(middleware::from_fn(guard))
        .with_state(app)
}

/// Runs `work` on a blocking thread (searching is CPU work) against the
/// current snapshot.
async fn answer(
    app: &App,
    work: impl FnOnce(&Snapshot, &Status) -> Response + Send + 'static,
) -> Response {
    let live = Arc::clone(&app.live);
    let done = tokio::task::spawn_blocking(move || {
        let snapshot = live.current();
        let status = live.status();
        work(&snapshot, &status)
    })
    .await;
    done.unwrap_or_else(|_| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            "negotext failed on this request (a bug: please report it)\n",
        )
            .into_response()
    })
}

fn html(status: StatusCode, page: Markup) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page.into_string(),
    )
        .into_response()
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

fn frame<'a>(snapshot: &'a Snapshot, status: &'a Status, query: Option<&'a str>) -> Frame<'a> {
    Frame {
        snapshot,
        status,
        query,
    }
}

async fn search_page(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    answer(&app, move |snapshot, status| {
        let params = SearchParams::from_query(query.as_deref());
        let outcome = (!params.q.is_empty())
            .then(|| crate::search::run(&snapshot.index, &params.request(PAGE_SIZE)));
        let (code, answer) = match &outcome {
            None => (StatusCode::OK, search::Answer::Nothing),
            Some(Ok(results)) => (StatusCode::OK, search::Answer::Found(results)),
            Some(Err(err)) => (status_of(err), search::Answer::Failed(err.to_string())),
        };
        let page = search::render(&frame(snapshot, status, None), &params, &answer);
        html(code, page)
    })
    .await
}

async fn paragraph_page(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    answer(&app, move |snapshot, status| {
        let pairs = params::pairs(query.as_deref());
        let citation = params::value(&pairs, "c")
            .unwrap_or_default()
            .trim()
            .to_string();
        let frame = frame(snapshot, status, Some(""));
        if citation.is_empty() {
            let asked = Err(
                "Give a paragraph: a draft and a label, as a hit shows it (crp1 16(a))."
                    .to_string(),
            );
            return html(
                StatusCode::OK,
                paragraph::render(&frame, "", &asked, &Ok(Vec::new())),
            );
        }
        let shown = crate::search::show(&snapshot.index, &citation);
        let code = shown.as_ref().err().map_or(StatusCode::OK, status_of);
        let shown = shown.map_err(|err| err.to_string());
        let histories =
            crate::search::trace::trace(&snapshot.index, &citation).map_err(|err| err.to_string());
        html(
            code,
            paragraph::render(&frame, &citation, &shown, &histories),
        )
    })
    .await
}

async fn redline_page(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    answer(&app, move |snapshot, status| {
        let request = DiffRequest::of(query.as_deref());
        let drafts = draft_choices(snapshot);
        let mut params = redline::RedlineParams {
            from: request.from.clone(),
            to: request.to.clone(),
            pillars: request.pillars.clone(),
        };
        // With no drafts asked for: the last two of the first report.
        if params.from.is_empty()
            && params.to.is_empty()
            && let Some((older, newer)) = last_two(snapshot)
        {
            params.from = older;
            params.to = newer;
        }
        let asked = DiffRequest {
            from: params.from.clone(),
            to: params.to.clone(),
            pillars: params.pillars.clone(),
        };
        let redline =
            (!asked.from.is_empty() && !asked.to.is_empty()).then(|| asked.redline(snapshot));
        let code = match &redline {
            Some(Err(err)) => status_of(err),
            _ => StatusCode::OK,
        };
        // The lists show the drafts compared, however they were named.
        if let Some(Ok(redline)) = &redline {
            params.from = format!("{}/{}", redline.report, redline.from.short());
            params.to = format!("{}/{}", redline.report, redline.to.short());
        }
        let redline = redline.map(|r| r.map_err(|err| err.to_string()));
        let frame = frame(snapshot, status, Some(""));
        html(
            code,
            redline::render(&frame, &drafts, &params, redline.as_ref()),
        )
    })
    .await
}

/// The drafts a redline can compare, `(value, name)`: `apr1/rev1`,
/// `Rev.1 (apr1)`.
fn draft_choices(snapshot: &Snapshot) -> Vec<(String, String)> {
    snapshot
        .index
        .drafts
        .iter()
        .map(|(report, draft)| {
            (
                format!("{report}/{}", draft.short()),
                format!("{} ({report})", draft.display_name()),
            )
        })
        .collect()
}

/// The last two drafts of the first report that has two.
fn last_two(snapshot: &Snapshot) -> Option<(String, String)> {
    let drafts = &snapshot.index.drafts;
    let report = drafts.first().map(|(report, _)| report.clone())?;
    let of_report: Vec<String> = drafts
        .iter()
        .filter(|(r, _)| *r == report)
        .map(|(r, d)| format!("{r}/{}", d.short()))
        .collect();
    match of_report.as_slice() {
        [.., older, newer] => Some((older.clone(), newer.clone())),
        _ => None,
    }
}

async fn help_page(State(app): State<App>) -> Response {
    answer(&app, |snapshot, status| {
        html(
            StatusCode::OK,
            help::render(&frame(snapshot, status, Some(""))),
        )
    })
    .await
}

/// A handler for an `/api/…` route answered by `work`.
fn api_route<F>(
    work: F,
) -> impl Fn(State<App>, RawQuery) -> std::pin::Pin<Box<dyn Future<Output = Response> + Send>>
+ Clone
+ Send
+ Sync
+ 'static
where
    F: Fn(&Snapshot, &Status, Option<&str>) -> Lines + Copy + Send + Sync + 'static,
{
    move |State(app): State<App>, RawQuery(query): RawQuery| {
        Box::pin(async move {
            answer(&app, move |snapshot, status| {
                json_lines(work(snapshot, status, query.as_deref()))
            })
            .await
        })
    }
}

fn json_lines(lines: Lines) -> Response {
    (
        lines.status,
        [
            (header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        lines.body,
    )
        .into_response()
}

async fn not_found(State(app): State<App>, uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return json_lines(api::error(
            StatusCode::NOT_FOUND,
            "no such API: /api/search, /api/show, /api/history, /api/diff, /api/stats",
        ));
    }
    answer(&app, |snapshot, status| {
        let body = maud::html! {
            h1 { "Not found" }
            p { "There is no such page. " a href="/" { "Search the drafts" } "." }
        };
        html(
            StatusCode::NOT_FOUND,
            super::pages::layout::page(&frame(snapshot, status, Some("")), "Not found", body),
        )
    })
    .await
}
