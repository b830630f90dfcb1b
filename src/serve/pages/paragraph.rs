//! The paragraph page: a chunk whole (text, marked changes, footnotes,
//! comments) with a button that copies its citation, then its history:
//! every version across the drafts of its report, each with its word diff
//! against the version before, splits and merges said in words.

use maud::{Markup, html};

use super::layout::{Frame, page};
use super::{corpus_text, word_diff};
use crate::model::LinkRef;
use crate::model::Record;
use crate::printer::hits::place;
use crate::search::trace::{History, Version};
use crate::serve::params::link;

/// The page for `citation`: the chunks it names (or why none), and their
/// histories (or why there are none).
pub fn render(
    frame: &Frame,
    citation: &str,
    shown: &Result<Vec<Record>, String>,
    histories: &Result<Vec<History>, String>,
) -> Markup {
    let body = html! {
        form.cite action="/paragraph" method="get" {
            label for="c" { "Paragraph " }
            input #c type="text" name="c" value=(citation) placeholder="crp1 16(a)";
            button type="submit" { "Show" }
        }
        @match shown {
            Err(message) => p.error role="alert" { (message) },
            Ok(records) => {
                @for record in records { (chunk(record)) }
                @match histories {
                    Ok(histories) => { @for history in histories { (history_of(history)) } }
                    Err(message) => p.note { "No history: " (message) }
                }
            }
        }
    };
    page(frame, citation, body)
}

/// A chunk whole.
fn chunk(record: &Record) -> Markup {
    let chunk = &record.chunk;
    html! {
        article.chunk {
            h1 { (corpus_text(&chunk.citation)) }
            p.copy {
                input.citation-text type="text" readonly value=(corpus_text(&chunk.citation))
                    aria-label="Citation";
                button.copy-citation type="button" data-copy=(corpus_text(&chunk.citation)) hidden {
                    "Copy citation"
                }
            }
            p.place {
                (corpus_text(&place(record))) " · " (corpus_text(&record.document.file))
                " " (chunk.lines.to_string())
            }
            div.text { (corpus_text(&chunk.text)) }
            @if !chunk.inserted.is_empty() || !chunk.deleted.is_empty() {
                ul.marks {
                    @for text in &chunk.inserted { li { "inserted: " ins { (corpus_text(text)) } } }
                    @for text in &chunk.deleted { li { "struck out: " del { (corpus_text(text)) } } }
                }
            }
            @if chunk.moved { p.note { "(carried a \"text moved\" note)" } }
            @if !chunk.changes.is_empty() {
                h2 { "Tracked changes" }
                ul.changes {
                    @for change in &chunk.changes {
                        li {
                            (change.kind.to_string()) " by " (corpus_text(&change.author))
                            @if let Some(date) = &change.date { " (" (corpus_text(date)) ")" }
                            ": " (corpus_text(&change.text))
                        }
                    }
                }
            }
            @if !chunk.comments.is_empty() {
                h2 { "Comments" }
                ul.comments {
                    @for comment in &chunk.comments {
                        li { (corpus_text(&comment.author)) ": " (corpus_text(&comment.text)) }
                    }
                }
            }
            @if !chunk.footnotes.is_empty() {
                h2 { "Footnotes" }
                ol.footnotes {
                    @for footnote in &chunk.footnotes {
                        li value=(footnote.number) { (corpus_text(&footnote.body)) }
                    }
                }
            }
        }
    }
}

/// The versions of one paragraph, oldest first.
fn history_of(history: &History) -> Markup {
    let drafts: Vec<String> = history.drafts.iter().map(|d| d.display_name()).collect();
    html! {
        section.history {
            h2 { "History" }
            p.place { "Report " (corpus_text(&history.report)) ": " (drafts.join(" → ")) }
            @if !history.aligned {
                p.note { "Only the paragraphs and recommended next steps of a draft are followed across drafts." }
            }
            @if let Some(draft) = history.new_in {
                p.note { "New in " (draft.display_name()) "." }
            }
            ol.versions {
                @for version in &history.versions { (version_of(history, version)) }
            }
            @if let Some(draft) = history.dropped_after {
                p.note { "Dropped after " (draft.display_name()) "." }
            }
        }
    }
}

/// One version: its key and citation, where it comes from and goes to
/// (a split or a merge said so), and its diff against the version before.
fn version_of(history: &History, version: &Version) -> Markup {
    let record = &version.record;
    let links = &record.links;
    html! {
        li.version {
            h3 {
                a.key href=(link("/paragraph", &[("c", &version.key)])) { (corpus_text(&version.key)) }
                " " span.citation { (corpus_text(&record.chunk.citation)) }
            }
            p.place { (corpus_text(&place(record))) }
            @if links.previous.len() > 1 {
                p.lineage { "Merged from " (link_list(history, &links.previous)) "." }
            } @else if let [previous] = links.previous.as_slice() {
                p.lineage { "From " (link_list(history, std::slice::from_ref(previous))) "." }
            }
            @if links.next.len() > 1 {
                p.lineage { "Split into " (link_list(history, &links.next)) "." }
            }
            div.text {
                @match &version.diff {
                    Some(diff) if diff.is_unchanged() => {
                        span.note { "(unchanged) " } (corpus_text(&record.chunk.text))
                    }
                    Some(diff) => (word_diff(diff)),
                    None => (corpus_text(&record.chunk.text)),
                }
            }
            @if record.chunk.is_struck() { p.note { "(struck out whole)" } }
        }
    }
}

/// Linked versions, `rev1 10(a) (0.93), …`.
fn link_list(history: &History, links: &[LinkRef]) -> Markup {
    html! {
        @for (i, to) in links.iter().enumerate() {
            @if i > 0 { ", " }
            @let key = format!("{}/{} {}", history.report, to.draft.short(), to.label);
            a href=(link("/paragraph", &[("c", &key)])) {
                (to.draft.short()) " " (corpus_text(&to.label))
            }
            " (" (format!("{:.2}", to.score)) ")"
        }
    }
}
