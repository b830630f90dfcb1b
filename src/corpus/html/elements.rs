//! What an element is to a reader of the draft: a block that ends a
//! paragraph, a tracked change, a footnote number, hidden; and what text
//! opens a new item.

use ego_tree::NodeRef;
use scraper::Node;
use scraper::node::Element;

use super::text::{Mark, blank};
use crate::model::ChangeKind;

/// The change `element` marks, if it marks one.
pub fn mark(element: &Element) -> Option<Mark> {
    let kind = match element.name() {
        "ins" => ChangeKind::Inserted,
        "del" | "s" | "strike" => ChangeKind::Deleted,
        _ => return None,
    };
    let author = ["data-author", "title"]
        .iter()
        .filter_map(|a| element.attr(a))
        .map(str::trim)
        .find(|a| !a.is_empty())
        .map(str::to_string);
    Some(Mark {
        kind,
        author,
        date: element.attr("datetime").map(str::to_string),
    })
}

/// Whether the page hides `element` from its readers.
pub fn hidden(element: &Element) -> bool {
    if element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// A `<sup>` holding only a number (a footnote call): the number in
/// superscript digits, which the parser reads as a footnote marker.
pub fn footnote_marker(node: NodeRef<'_, Node>, element: &Element) -> Option<String> {
    if element.name() != "sup" {
        return None;
    }
    // A few nodes at most: an unclosed `<sup>` may hold the rest of the
    // page, and nested ones would make the walk quadratic.
    let mut nodes = node.descendants();
    let text: String = nodes
        .by_ref()
        .take(8)
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect();
    if nodes.next().is_some() {
        return None;
    }
    let digits = text.trim();
    if digits.is_empty() || digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(
        digits
            .chars()
            .map(|d| match d {
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                '0' => '⁰',
                _ => char::from_u32(u32::from(d) - u32::from('4') + 0x2074).unwrap_or(d),
            })
            .collect(),
    )
}

/// Whether `text` opens with an item marker: `12.`, `(a)`, `b)`, `(iv)`.
pub fn starts_item(text: &str) -> bool {
    let text = text.trim_start_matches(blank);
    let token = text.split(blank).next().unwrap_or_default();
    let inner = token.strip_prefix('(').unwrap_or(token);
    if let Some(number) = token.strip_suffix('.') {
        return !number.is_empty()
            && number.len() <= 3
            && number.chars().all(|c| c.is_ascii_digit());
    }
    inner.strip_suffix(')').is_some_and(|m| {
        !m.is_empty()
            && m.len() <= 6
            && m.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

/// Whether `name` is an element that starts and ends a paragraph.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}
