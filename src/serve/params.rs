//! The state of a page, held whole in its URL: a search (query, filters,
//! page, switches), a paragraph's citation, a pair of drafts. Parsed from a
//! request's query string, and written back into the links of a page, so
//! that any page can be shared and the back button works.

use std::fmt::Write as _;

use crate::search::{Filters, Request};

/// Hits per page.
pub const PAGE_SIZE: usize = 10;

/// The highest page a link offers or a request may ask for: past it, a
/// search would rank more hits than anyone reads.
pub const MAX_PAGE: usize = 1_000;

/// The pairs of a query string (`a=1&b=2`), `+` and `%XX` decoded.
pub fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The value of `key` (the last one given), if any and not blank.
pub fn value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, v)| k == key && !v.trim().is_empty())
        .map(|(_, v)| v.as_str())
}

/// Every non-blank value of `key`, in order, without repeats.
pub fn values(pairs: &[(String, String)], key: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (k, v) in pairs {
        if k == key && !v.trim().is_empty() && !found.contains(v) {
            found.push(v.clone());
        }
    }
    found
}

/// A search as the search page and `/api/search` take it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchParams {
    /// The query, in the CLI's syntax.
    pub q: String,
    /// `draft=`: draft-facet keys (`apr1/crp1`) or draft names.
    pub drafts: Vec<String>,
    /// `pillar=`.
    pub pillars: Vec<String>,
    /// `kind=`: kinds of document.
    pub doc_kinds: Vec<String>,
    /// `symbol=`.
    pub symbols: Vec<String>,
    /// `collapse=1`: one hit per paragraph.
    pub collapse: bool,
    /// `exact=1`: words as typed.
    pub exact: bool,
    /// `page=`: 1-based.
    pub page: usize,
}

/// The facets a click can filter by: their parameter and how the page
/// names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Pillar,
    Draft,
    DocKind,
    Symbol,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Pillar, Facet::Draft, Facet::DocKind, Facet::Symbol];

    /// The URL parameter.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Pillar => "pillar",
            Facet::Draft => "draft",
            Facet::DocKind => "kind",
            Facet::Symbol => "symbol",
        }
    }

    /// The heading of its box on the page.
    pub fn heading(self) -> &'static str {
        match self {
            Facet::Pillar => "Pillar",
            Facet::Draft => "Draft",
            Facet::DocKind => "Kind of document",
            Facet::Symbol => "Symbol",
        }
    }
}

/// `yes` for `1`, `true`, `on` (a checked checkbox).
fn flag(pairs: &[(String, String)], key: &str) -> bool {
    value(pairs, key).is_some_and(|v| matches!(v, "1" | "true" | "on" | "yes"))
}

impl SearchParams {
    /// The search a query string asks for. A page that is not a number,
    /// or past [`MAX_PAGE`], is the nearest page there is.
    pub fn from_query(query: Option<&str>) -> SearchParams {
        let pairs = pairs(query);
        let page = value(&pairs, "page")
            .and_then(|p| p.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_PAGE);
        SearchParams {
            q: value(&pairs, "q").unwrap_or_default().trim().to_string(),
            drafts: values(&pairs, Facet::Draft.param()),
            pillars: values(&pairs, Facet::Pillar.param()),
            doc_kinds: values(&pairs, Facet::DocKind.param()),
            symbols: values(&pairs, Facet::Symbol.param()),
            collapse: flag(&pairs, "collapse"),
            exact: flag(&pairs, "exact"),
            page,
        }
    }

    /// The values chosen for `facet`.
    pub fn chosen(&self, facet: Facet) -> &[String] {
        match facet {
            Facet::Pillar => &self.pillars,
            Facet::Draft => &self.drafts,
            Facet::DocKind => &self.doc_kinds,
            Facet::Symbol => &self.symbols,
        }
    }

    fn chosen_mut(&mut self, facet: Facet) -> &mut Vec<String> {
        match facet {
            Facet::Pillar => &mut self.pillars,
            Facet::Draft => &mut self.drafts,
            Facet::DocKind => &mut self.doc_kinds,
            Facet::Symbol => &mut self.symbols,
        }
    }

    /// These params with `value` of `facet` chosen, or no longer chosen if
    /// it was, back on the first page: what a click on a facet asks for.
    pub fn toggled(&self, facet: Facet, value: &str) -> SearchParams {
        let mut next = self.clone();
        let chosen = next.chosen_mut(facet);
        if let Some(at) = chosen.iter().position(|v| v == value) {
            chosen.remove(at);
        } else {
            chosen.push(value.to_string());
        }
        next.page = 1;
        next
    }

    /// These params on `page`.
    pub fn on_page(&self, page: usize) -> SearchParams {
        SearchParams {
            page: page.clamp(1, MAX_PAGE),
            ..self.clone()
        }
    }

    /// The request for the search library, `limit` hits from this page.
    pub fn request(&self, limit: usize) -> Request {
        Request {
            query: self.q.clone(),
            filters: Filters {
                drafts: self.drafts.clone(),
                pillars: self.pillars.clone(),
                doc: None,
                kind: None,
                doc_kinds: self.doc_kinds.clone(),
                symbols: self.symbols.clone(),
            },
            limit,
            offset: (self.page - 1).saturating_mul(limit),
            exact: self.exact,
            collapse: self.collapse,
            pairs: true,
        }
    }

    /// The query string of these params (`q=…&pillar=…`), in a fixed
    /// order, without what is at its default.
    pub fn query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        for facet in Facet::ALL {
            for value in self.chosen(facet) {
                out.append_pair(facet.param(), value);
            }
        }
        if self.collapse {
            out.append_pair("collapse", "1");
        }
        if self.exact {
            out.append_pair("exact", "1");
        }
        if self.page > 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    /// The search page's URL for these params.
    pub fn url(&self) -> String {
        with_query("/", &self.query_string())
    }
}

/// `path?query`, or `path` alone for an empty query.
pub fn with_query(path: &str, query: &str) -> String {
    let mut url = path.to_string();
    if !query.is_empty() {
        let _ = write!(url, "?{query}");
    }
    url
}

/// `path?key=value&…` with each pair encoded.
pub fn link(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        out.append_pair(key, value);
    }
    with_query(path, &out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_reads_back_from_its_own_url() {
        let params = SearchParams {
            q: "\"points of contact\" & <b>".to_string(),
            drafts: vec!["apr1/crp1".to_string()],
            pillars: vec!["cbm".to_string(), "norms".to_string()],
            doc_kinds: vec![],
            symbols: vec!["A/AC.292/2022/CRP.1".to_string()],
            collapse: true,
            exact: false,
            page: 3,
        };
        let query = params.query_string();
        assert_eq!(SearchParams::from_query(Some(&query)), params);
    }

    #[test]
    fn a_facet_click_adds_and_a_second_removes_on_the_first_page() {
        let params = SearchParams::from_query(Some("q=states&page=4&pillar=cbm"));
        let added = params.toggled(Facet::Pillar, "norms");
        assert_eq!(added.pillars, ["cbm", "norms"]);
        assert_eq!(added.page, 1);
        let removed = added.toggled(Facet::Pillar, "cbm");
        assert_eq!(removed.pillars, ["norms"]);
        assert_eq!(removed.query_string(), "q=states&pillar=norms");
    }

    #[test]
    fn pages_and_blanks_are_read_forgivingly() {
        let params = SearchParams::from_query(Some("q=+x+&page=abc&pillar=&draft=rev1&draft=rev1"));
        assert_eq!(params.q, "x");
        assert_eq!(params.page, 1);
        assert!(params.pillars.is_empty());
        assert_eq!(params.drafts, ["rev1"]);
        assert_eq!(
            SearchParams::from_query(Some("page=99999999999")).page,
            MAX_PAGE
        );
        assert_eq!(params.request(10).offset, 0);
        assert_eq!(params.on_page(3).request(10).offset, 20);
    }
}
