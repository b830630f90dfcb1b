//! The search page: the query box (with the CLI's syntax), the hits with
//! citation, place and highlighted snippet, the facet counts of all hits
//! (a click filters, a second click removes the filter), and the pages.

use maud::{Markup, html};

use super::layout::{Frame, page};
use super::{corpus_text, marked};
use crate::index::View;
use crate::printer::hits::place;
use crate::search::{Counts, Hit, Results};
use crate::serve::params::{Facet, MAX_PAGE, PAGE_SIZE, SearchParams, link};

/// What the search answered, if anything was asked.
pub enum Answer<'a> {
    /// No query and no filter: the page invites one.
    Nothing,
    Found(&'a Results),
    /// The search failed: why, in one line (a malformed query).
    Failed(String),
}

/// The whole search page.
pub fn render(frame: &Frame, params: &SearchParams, answer: &Answer) -> Markup {
    let title = if params.q.is_empty() {
        "Search".to_string()
    } else {
        params.q.clone()
    };
    let body = html! {
        (search_form(params))
        @match answer {
            Answer::Nothing => (invitation()),
            Answer::Failed(message) => p.error role="alert" { (message) },
            Answer::Found(results) => (found(params, results)),
        }
    };
    page(frame, &title, body)
}

/// The query box, the switches, and the filters in force (kept by a new
/// query; each can be removed).
fn search_form(params: &SearchParams) -> Markup {
    html! {
        form.search action="/" method="get" role="search" {
            div.querybox {
                label.hidden for="q" { "Query" }
                input #q type="search" name="q" value=(params.q) autofocus
                    placeholder="\"points of contact\" OR hotline" autocomplete="off";
                button type="submit" { "Search" }
            }
            p.syntax {
                code { "\"a phrase\"" } " in order · " code { "a OR b" } " · "
                code { "-word" } " excludes · " code { "inserted:word" } " · "
                code { "deleted:\"…\"" } " · " code { "author:\"Name\"" } " · "
                a href="/help" { "more" }
            }
            p.switches {
                label { input type="checkbox" name="collapse" value="1" checked[params.collapse];
                    " collapse versions (one hit per paragraph)" }
                label { input type="checkbox" name="exact" value="1" checked[params.exact];
                    " exact words (no stems, compounds or acronyms)" }
            }
            @for facet in Facet::ALL {
                @for value in params.chosen(facet) {
                    input type="hidden" name=(facet.param()) value=(value);
                }
            }
        }
        (chosen_filters(params))
    }
}

/// The filters in force, each a link that removes it.
fn chosen_filters(params: &SearchParams) -> Markup {
    let chosen: Vec<(Facet, &String)> = Facet::ALL
        .iter()
        .flat_map(|facet| params.chosen(*facet).iter().map(move |v| (*facet, v)))
        .collect();
    html! {
        @if !chosen.is_empty() {
            p.chosen {
                "Filtered by: "
                @for (facet, value) in chosen {
                    a.chip href=(params.toggled(facet, value).url())
                        title={ "Remove the " (facet.param()) " filter" } {
                        (facet.param()) " " (corpus_text(value)) " ✕"
                    }
                    " "
                }
            }
        }
    }
}

/// What the page shows before the first query.
fn invitation() -> Markup {
    let examples = [
        "\"inter-governmental points of contact\"",
        "hotline OR \"points of contact\"",
        "capacity-building -gender",
        "inserted:confidence",
    ];
    html! {
        section.invite {
            p { "Every draft is cut into citable paragraphs. Try:" }
            ul {
                @for example in examples {
                    li { a href=(link("/", &[("q", example)])) { code { (example) } } }
                }
            }
        }
    }
}

/// The hits, the facets beside them, the pages below.
fn found(params: &SearchParams, results: &Results) -> Markup {
    let total = results.paragraphs.unwrap_or(results.total);
    let noun = match (results.paragraphs.is_some(), total == 1) {
        (true, true) => "paragraph",
        (true, false) => "paragraphs",
        (false, true) => "hit",
        (false, false) => "hits",
    };
    let first = (params.page - 1) * PAGE_SIZE + 1;
    let last = first + results.hits.len().saturating_sub(1);
    html! {
        div.results {
            section.hits aria-label="Hits" {
                p.count role="status" {
                    strong { (total) " " (noun) }
                    @if !results.hits.is_empty() { " · " (first) "–" (last) " shown" }
                    " · " (format!("{:.1}", results.elapsed.as_secs_f64() * 1000.0)) " ms"
                    a.tofilters href="#filters" { "Filters ↓" }
                }
                @if results.hits.is_empty() && total > 0 {
                    p { "No hit on this page: " a href=(params.on_page(1).url()) { "go to the first page" } "." }
                }
                @if total == 0 {
                    p { "Nothing found. Fewer words, a filter removed, or " code { "OR" } " may help." }
                }
                ol.hitlist start=(first) {
                    @for hit in &results.hits { (one_hit(hit)) }
                }
                (pages(params, total))
            }
            (facets(params, results))
        }
    }
}

/// One hit: what to open, the citation, the place, the snippet.
fn one_hit(hit: &Hit) -> Markup {
    let note = match hit.snippet_view {
        View::Deleted => Some("struck out:"),
        View::Removed => Some("removed since the previous draft:"),
        _ => None,
    };
    html! {
        li.hit {
            h2 {
                a.key href=(link("/paragraph", &[("c", &hit.key)])) { (corpus_text(&hit.key)) }
                " "
                span.citation { (corpus_text(&hit.record.chunk.citation)) }
            }
            p.place { (corpus_text(&place(&hit.record))) }
            @if hit.versions.len() > 1 {
                p.versions {
                    "versions: "
                    @for (i, version) in hit.versions.iter().enumerate() {
                        @if i > 0 { " → " }
                        a href=(link("/paragraph", &[("c", &version.key)])) { (corpus_text(&version.key)) }
                    }
                }
            }
            @if let Some(note) = note { p.note { (note) } }
            p.snippet { (marked(&hit.snippet.text, &hit.snippet.highlights)) }
        }
    }
}

/// Previous, nearby and next pages.
fn pages(params: &SearchParams, total: usize) -> Markup {
    let count = total.div_ceil(PAGE_SIZE).clamp(1, MAX_PAGE);
    let current = params.page;
    if count <= 1 && current == 1 {
        return html! {};
    }
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(count);
    html! {
        nav.pages aria-label="Pages" {
            @if current > 1 {
                a rel="prev" href=(params.on_page(current - 1).url()) { "← previous" }
            }
            @for n in near {
                @if n == current {
                    span aria-current="page" { (n) }
                } @else {
                    a href=(params.on_page(n).url()) { (n) }
                }
            }
            @if current < count {
                a rel="next" href=(params.on_page(current + 1).url()) { "next →" }
            }
        }
    }
}

/// The facet counts over all hits; each value a link that adds or removes
/// it as a filter.
fn facets(params: &SearchParams, results: &Results) -> Markup {
    let facets = &results.facets;
    html! {
        aside #filters .facets aria-label="Filters" {
            @for facet in Facet::ALL {
                (facet_box(params, facet, counts_of(facets, facet)))
            }
            @if !facets.author.0.is_empty() {
                section.facet {
                    h3 { "Author of changes" }
                    ul {
                        @for (author, count) in &facets.author.0 {
                            li { a href=(author_link(params, author)) {
                                span.value { (corpus_text(author)) } " " span.n { (count) }
                            } }
                        }
                    }
                }
            }
        }
    }
}

fn counts_of(facets: &crate::search::Facets, facet: Facet) -> &Counts {
    match facet {
        Facet::Pillar => &facets.pillar,
        Facet::Draft => &facets.draft,
        Facet::DocKind => &facets.doc_kind,
        Facet::Symbol => &facets.symbol,
    }
}

/// One facet's box: its values with their counts, chosen ones marked
/// (and listed even at no hit, so they can be removed).
fn facet_box(params: &SearchParams, facet: Facet, counts: &Counts) -> Markup {
    let chosen = params.chosen(facet);
    let mut rows: Vec<(&str, u64)> = counts.0.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    for value in chosen {
        if !rows.iter().any(|(k, _)| k == value) {
            rows.push((value, 0));
        }
    }
    html! {
        @if !rows.is_empty() {
            section.facet {
                h3 { (facet.heading()) }
                ul {
                    @for (value, count) in rows {
                        @let on = chosen.iter().any(|v| v == value);
                        li {
                            a class=[on.then_some("on")] href=(params.toggled(facet, value).url())
                                aria-pressed=(if on { "true" } else { "false" })
                                data-facet=(facet.param()) data-value=(value) {
                                span.value { (corpus_text(value)) } " " span.n { (count) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The search narrowed to chunks with changes by `author`.
fn author_link(params: &SearchParams, author: &str) -> String {
    let clause = format!("author:\"{}\"", author.replace('"', ""));
    let mut next = params.on_page(1);
    if !next.q.contains(&clause) {
        next.q = format!("{} {clause}", next.q).trim().to_string();
    }
    next.url()
}
