//! The help page: the query syntax and what each page does.

use maud::{Markup, html};

use super::layout::{Frame, page};

const SYNTAX: &[(&str, &str)] = &[
    (
        "states cooperation",
        "all the words (stemmed: measure finds measures)",
    ),
    ("\"points of contact\"", "the words in this order"),
    ("\"contact points\"~2", "the words, up to 2 positions apart"),
    (
        "hotline OR \"points of contact\"",
        "either (OR binds tighter than the implicit AND)",
    ),
    ("PoC -directory", "exclude a word (or NOT word)"),
    ("(CBM OR PoC) directory", "group"),
    ("inserted:confidence", "in a draft's marked insertions"),
    (
        "deleted:\"smooth and\"",
        "in struck-out words (never searched otherwise)",
    ),
    (
        "author:\"Delegation A\"",
        "chunks with a Word file's tracked changes by that author",
    ),
    (
        "comment:word",
        "in a Word file's comments (never searched otherwise)",
    ),
];

pub fn render(frame: &Frame) -> Markup {
    let body = html! {
        h1 { "Help" }
        h2 { "Query syntax" }
        p { "The same as " code { "negotext search" } " on the command line. Hyphenated compounds match every spelling; acronyms match their plurals and expansions; tick “exact words” to turn that off." }
        table.syntax {
            @for (example, meaning) in SYNTAX {
                tr {
                    td { a href=(crate::serve::params::link("/", &[("q", example)])) { code { (example) } } }
                    td { (meaning) }
                }
            }
        }
        h2 { "Pages" }
        ul {
            li { strong { "Search" } ": hits ranked, with citation and place; the counts beside them filter on a click, a second click removes the filter; the URL holds the whole search." }
            li { strong { "Paragraph" } ": a chunk whole, its citation to copy, and its history across the drafts, with the words added (underlined) and removed (struck through)." }
            li { strong { "Redline" } ": every paragraph that changed between two drafts of a report." }
        }
        h2 { "JSON" }
        p { "Each page has its JSON Lines twin, the CLI's contracts: "
            code { "/api/search?q=…" } ", " code { "/api/show?c=…" } ", "
            code { "/api/history?c=…" } ", " code { "/api/diff?from=…&to=…" } "." }
    };
    page(frame, "Help", body)
}
