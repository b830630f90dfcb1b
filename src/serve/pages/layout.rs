//! The frame of every page: head (the one stylesheet and script, both the
//! server's own), a top bar with the search box, and a footer that says
//! how the index stands with the corpus.

use maud::{DOCTYPE, Markup, html};

use super::clock;
use crate::serve::snapshot::{Snapshot, Status};

/// What the frame says about the index.
pub struct Frame<'a> {
    pub snapshot: &'a Snapshot,
    pub status: &'a Status,
    /// The query in the top bar's search box; `None` for the search page,
    /// which has its own.
    pub query: Option<&'a str>,
}

/// A whole page: `title`, then `main`.
pub fn page(frame: &Frame, title: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · negotext" }
                link rel="stylesheet" href="/static/style.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "negotext" }
                    @if let Some(query) = frame.query {
                        form.topsearch action="/" method="get" role="search" {
                            label.hidden for="top-q" { "Search the drafts" }
                            input #top-q type="search" name="q" value=(query)
                                placeholder="Search the drafts" autocomplete="off";
                            button type="submit" { "Search" }
                        }
                    }
                    nav {
                        a href="/" { "Search" }
                        a href="/redline" { "Redline" }
                        a href="/help" { "Help" }
                    }
                }
                main { (main) }
                (footer(frame))
            }
        }
    }
}

/// How many chunks and files the index holds, when it was opened and when
/// the corpus was last compared with it; a warning when it may be behind.
fn footer(frame: &Frame) -> Markup {
    let index = &frame.snapshot.index;
    let chunks = index.reader.searcher().num_docs();
    let files = index.state.files.len();
    html! {
        footer.status {
            @if let Some(stale) = &frame.status.stale {
                p.stale role="status" {
                    "The index may be behind the corpus: " (stale) "."
                }
            }
            p {
                (chunks) " chunks from " (files) " files · index refreshed "
                time { (clock(frame.snapshot.opened)) }
                " · corpus checked " time { (clock(frame.status.checked)) }
            }
        }
    }
}
