//! The redline page: one draft of a report against another, every changed
//! paragraph with its word diff, then the new and the dropped ones; the
//! drafts chosen in a form, the pillars filtered by a click.

use maud::{Markup, html};

use super::layout::{Frame, page};
use super::{corpus_text, word_diff};
use crate::model::Pillar;
use crate::printer::hits::place;
use crate::search::Cited;
use crate::search::redline::{Entry, Redline};
use crate::serve::params::link;

/// A redline as the page's URL asks for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RedlineParams {
    pub from: String,
    pub to: String,
    pub pillars: Vec<String>,
}

impl RedlineParams {
    /// The page's URL for these params.
    pub fn url(&self) -> String {
        let mut pairs = vec![("from", self.from.as_str()), ("to", self.to.as_str())];
        pairs.extend(self.pillars.iter().map(|p| ("pillar", p.as_str())));
        link("/redline", &pairs)
    }

    /// These params with `pillar` filtered by, or no longer if it was.
    pub fn toggled(&self, pillar: &str) -> RedlineParams {
        let mut next = self.clone();
        if let Some(at) = next.pillars.iter().position(|p| p == pillar) {
            next.pillars.remove(at);
        } else {
            next.pillars.push(pillar.to_string());
        }
        next
    }
}

/// The page: the form, then the redline (or why there is none).
pub fn render(
    frame: &Frame,
    drafts: &[(String, String)],
    params: &RedlineParams,
    redline: Option<&Result<Redline, String>>,
) -> Markup {
    let title = format!("Redline {} → {}", params.from, params.to);
    let body = html! {
        h1 { "Redline" }
        (form(drafts, params))
        (pillar_filter(params))
        @match redline {
            None => p { "Choose two drafts of a report." },
            Some(Err(message)) => p.error role="alert" { (message) },
            Some(Ok(redline)) => (entries(redline)),
        }
    };
    page(frame, &title, body)
}

/// Two lists of the drafts (`(value, name)`), and the pillars in force.
fn form(drafts: &[(String, String)], params: &RedlineParams) -> Markup {
    html! {
        form.redline action="/redline" method="get" {
            label { "From " select name="from" {
                @for (value, name) in drafts {
                    option value=(value) selected[*value == params.from] { (corpus_text(name)) }
                }
            } }
            " "
            label { "to " select name="to" {
                @for (value, name) in drafts {
                    option value=(value) selected[*value == params.to] { (corpus_text(name)) }
                }
            } }
            @for pillar in &params.pillars { input type="hidden" name="pillar" value=(pillar); }
            " " button type="submit" { "Compare" }
        }
    }
}

/// Every pillar, a click filters by it (or stops).
fn pillar_filter(params: &RedlineParams) -> Markup {
    html! {
        p.pillars {
            "Pillars: "
            @for pillar in Pillar::ALL {
                @let name = pillar.name();
                @let on = params.pillars.iter().any(|p| p == name);
                a class=(if on { "chip on" } else { "chip" }) href=(params.toggled(name).url())
                    aria-pressed=(if on { "true" } else { "false" }) { (name) }
                " "
            }
        }
    }
}

/// The counts, then each entry.
fn entries(redline: &Redline) -> Markup {
    let counts = redline.counts();
    let to = redline.to.display_name();
    html! {
        p.count role="status" {
            strong { (redline.from.display_name()) " → " (to) }
            " (report " (corpus_text(&redline.report)) "): "
            (counts.changed) " changed, " (counts.added) " new, " (counts.dropped) " dropped, "
            (redline.unchanged) " unchanged"
        }
        ol.redline {
            @for entry in &redline.entries {
                @match entry {
                    Entry::Changed { older, newer, score, diff, softened, hardened, cleared, bracketed } => li.changed {
                        h2 {
                            (cited_link(newer)) " ← "
                            @for (i, old) in older.iter().enumerate() {
                                @if i > 0 { " + " }
                                (cited_link(old))
                            }
                            " " span.meta { "similarity " (format!("{score:.2}")) }
                        }
                        (placed(newer))
                        div.text { (word_diff(diff)) }
                        @for shift in softened {
                            p.strength { "softened: " (corpus_text(shift)) }
                        }
                        @for shift in hardened {
                            p.strength { "hardened: " (corpus_text(shift)) }
                        }
                        @if !cleared.is_empty() {
                            p.brackets { "cleared: " (corpus_text(&cleared.join(", "))) }
                        }
                        @if !bracketed.is_empty() {
                            p.brackets { "bracketed: " (corpus_text(&bracketed.join(", "))) }
                        }
                    },
                    Entry::Added(cited) => li.added {
                        h2 { (cited_link(cited)) " " span.tag { "new in " (to) } }
                        (placed(cited))
                        div.text { ins { (corpus_text(&cited.record.chunk.text)) } }
                    },
                    Entry::Dropped(cited) => li.dropped {
                        h2 { (cited_link(cited)) " " span.tag { "not in " (to) } }
                        (placed(cited))
                        div.text { del { (corpus_text(&cited.record.chunk.text)) } }
                    },
                }
            }
        }
    }
}

fn cited_link(cited: &Cited) -> Markup {
    html! { a.key href=(link("/paragraph", &[("c", &cited.key)])) { (corpus_text(&cited.key)) } }
}

fn placed(cited: &Cited) -> Markup {
    html! {
        p.place { (corpus_text(&cited.record.chunk.citation)) " · " (corpus_text(&place(&cited.record))) }
    }
}
