//! The JSON API: the CLI's `--json` output (JSON Lines, the contracts the
//! README documents) for the same request, so that a script can use the
//! server as it uses the command line.
//!
//! - `GET /api/search?q=…[&draft=…][&pillar=…][&kind=…][&symbol=…][&collapse=1][&exact=1][&limit=N][&offset=N]`:
//!   `hit` lines, then a `summary` (as `negotext search --json`);
//! - `GET /api/show?c=crp1+16(a)`: `chunk` lines (as `show --json`);
//! - `GET /api/history?c=…`: `version` lines and a `history` (as `history --json`);
//! - `GET /api/diff?from=rev1&to=crp1[&pillar=…]`: `changed`, `added`,
//!   `dropped` lines and a `summary` (as `diff --json`);
//! - `GET /api/stats`: one `stats` line (as `stats --json`).
//!
//! A request that cannot be answered is one line
//! `{"type":"error","data":{"status":400,"message":"invalid query: …"}}`
//! with that HTTP status: 400 for a malformed query or an unknown name,
//! 404 for a citation that names nothing, 500 for a failure of the server.

use std::io;

use axum::http::StatusCode;
use serde::Serialize;

use super::params::{self, SearchParams};
use super::snapshot::Snapshot;
use crate::error::Error;
use crate::model::Pillar;
use crate::printer::json;
use crate::search;

/// The most hits one request may ask for.
pub const MAX_LIMIT: usize = 1_000;

/// An answer: its status and its JSON Lines.
pub struct Lines {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

/// The `data` of an `error` line.
#[derive(Debug, Serialize)]
pub struct ErrorLine<'a> {
    pub status: u16,
    pub message: &'a str,
}

/// The HTTP status of a failed request.
pub fn status_of(err: &Error) -> StatusCode {
    match err {
        Error::Query(_) | Error::UnknownName { .. } => StatusCode::BAD_REQUEST,
        Error::Citation { .. } => StatusCode::NOT_FOUND,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The lines `write` writes, or the error line.
fn lines(write: impl FnOnce(&mut Vec<u8>) -> Result<(), Error>) -> Lines {
    let mut body = Vec::new();
    match write(&mut body) {
        Ok(()) => Lines {
            status: StatusCode::OK,
            body,
        },
        Err(err) => error(status_of(&err), &err.to_string()),
    }
}

/// One `error` line with `status`.
pub fn error(status: StatusCode, message: &str) -> Lines {
    let mut body = Vec::new();
    let data = ErrorLine {
        status: status.as_u16(),
        message,
    };
    // Writing to a Vec cannot fail.
    let _ = json::write_message(&mut body, "error", &data);
    Lines { status, body }
}

fn io_error(err: io::Error) -> Error {
    Error::Json(serde_json::Error::io(err))
}

/// `/api/search`; `stale` says why the index may be behind the corpus
/// (the summary's `stale`).
pub fn search(snapshot: &Snapshot, query: Option<&str>, stale: Option<&str>) -> Lines {
    let pairs = params::pairs(query);
    let search = SearchParams::from_query(query);
    if search.q.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid query: empty query: give a word or a \"phrase\" to search for (q=…)",
        );
    }
    let number = |key: &str| {
        params::value(&pairs, key).map(|v| v.trim().parse::<usize>().map_err(|_| key.to_string()))
    };
    let limit = match number("limit").transpose() {
        Ok(limit) => limit.unwrap_or(params::PAGE_SIZE).min(MAX_LIMIT),
        Err(key) => return not_a_number(&key),
    };
    let mut request = search.request(limit);
    match number("offset").transpose() {
        Ok(Some(offset)) => request.offset = offset,
        Ok(None) => {}
        Err(key) => return not_a_number(&key),
    }
    lines(|out| {
        let results = search::run(&snapshot.index, &request)?;
        json::write_results(out, &results, request.offset, stale).map_err(io_error)
    })
}

fn not_a_number(key: &str) -> Lines {
    error(
        StatusCode::BAD_REQUEST,
        &format!("{key} must be a whole number (e.g. {key}=10)"),
    )
}

/// The citation `c=` (`crp1 16(a)`), or the error line.
fn citation(query: Option<&str>) -> Result<String, Lines> {
    let pairs = params::pairs(query);
    params::value(&pairs, "c")
        .map(|c| c.trim().to_string())
        .ok_or_else(|| {
            error(
                StatusCode::BAD_REQUEST,
                "give the paragraph to show: c=<draft> <label> (c=crp1+16(a))",
            )
        })
}

/// `/api/show`.
pub fn show(snapshot: &Snapshot, query: Option<&str>) -> Lines {
    let citation = match citation(query) {
        Ok(citation) => citation,
        Err(lines) => return lines,
    };
    lines(|out| {
        for record in search::show(&snapshot.index, &citation)? {
            json::write_message(out, "chunk", &record).map_err(io_error)?;
        }
        Ok(())
    })
}

/// `/api/history`.
pub fn history(snapshot: &Snapshot, query: Option<&str>) -> Lines {
    let citation = match citation(query) {
        Ok(citation) => citation,
        Err(lines) => return lines,
    };
    lines(|out| {
        for history in crate::search::trace::trace(&snapshot.index, &citation)? {
            json::write_history(out, &history).map_err(io_error)?;
        }
        Ok(())
    })
}

/// The drafts and pillars of a redline request: `from=`, `to=`, `pillar=`.
pub struct DiffRequest {
    pub from: String,
    pub to: String,
    pub pillars: Vec<String>,
}

impl DiffRequest {
    pub fn of(query: Option<&str>) -> DiffRequest {
        let pairs = params::pairs(query);
        let get = |key| {
            params::value(&pairs, key)
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        DiffRequest {
            from: get("from"),
            to: get("to"),
            pillars: params::values(&pairs, "pillar"),
        }
    }

    /// The redline it asks for.
    pub fn redline(&self, snapshot: &Snapshot) -> Result<crate::search::redline::Redline, Error> {
        let pillars = self
            .pillars
            .iter()
            .map(|p| p.parse::<Pillar>())
            .collect::<Result<Vec<_>, _>>()?;
        crate::search::redline::redline(&snapshot.index, &self.from, &self.to, &pillars)
    }
}

/// `/api/diff`.
pub fn diff(snapshot: &Snapshot, query: Option<&str>) -> Lines {
    let request = DiffRequest::of(query);
    if request.from.is_empty() || request.to.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "give the two drafts to compare: from=<older>&to=<newer> (from=rev1&to=crp1)",
        );
    }
    lines(|out| {
        let redline = request.redline(snapshot)?;
        json::write_redline(out, &redline).map_err(io_error)
    })
}

/// `/api/stats`.
pub fn stats(snapshot: &Snapshot) -> Lines {
    lines(|out| {
        let stats = search::stats(&snapshot.index)?;
        json::write_message(out, "stats", &stats).map_err(io_error)
    })
}
