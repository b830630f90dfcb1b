//! The marker a reader sees in front of a list item: `1. `, `(a) `,
//! `(iv) `, computed from the list's `type` (or CSS `list-style-type`),
//! `start`, `reversed` and each item's `value`, written the way UN texts
//! number their paragraphs and sub-items (and the parser reads them).

use scraper::node::Element;

use crate::model::numerals::to_roman;

/// How a list numbers its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `1. `
    Decimal,
    /// `(a) `
    LowerAlpha,
    /// `A. `
    UpperAlpha,
    /// `(i) `
    LowerRoman,
    /// `I. `
    UpperRoman,
    /// No marker: a `<ul>`, or a list whose markers are hidden
    /// (`list-style: none`, often with the numbers written in the text).
    None,
}

/// A list being read: its style and the ordinal of its next item.
#[derive(Debug, Clone)]
pub struct List {
    style: Style,
    next: i64,
    step: i64,
}

impl List {
    /// The list `element` (`ol`, `ul`, `menu`, `dir`) with `items` `<li>`
    /// children.
    pub fn new(element: &Element, items: usize) -> List {
        let ordered = element.name() == "ol";
        let style = css_style(element).unwrap_or(if ordered {
            match element.attr("type") {
                Some("a") => Style::LowerAlpha,
                Some("A") => Style::UpperAlpha,
                Some("i") => Style::LowerRoman,
                Some("I") => Style::UpperRoman,
                _ => Style::Decimal,
            }
        } else {
            Style::None
        });
        let reversed = ordered && element.attr("reversed").is_some();
        let items = i64::try_from(items).unwrap_or(i64::MAX);
        let start = element
            .attr("start")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or(if reversed { items } else { 1 });
        List {
            style,
            next: start,
            step: if reversed { -1 } else { 1 },
        }
    }

    /// The marker of the next item, `item` (its `value` sets the ordinal
    /// from there on), or `None` when the list shows none.
    pub fn marker(&mut self, item: &Element) -> Option<String> {
        if let Some(value) = item
            .attr("value")
            .and_then(|v| v.trim().parse::<i64>().ok())
        {
            self.next = value;
        }
        let n = self.next;
        self.next = self.next.saturating_add(self.step);
        marker(self.style, n)
    }
}

/// The style a `style="list-style-type: …"` (or `list-style: …`) sets.
fn css_style(element: &Element) -> Option<Style> {
    let style = element.attr("style")?.to_ascii_lowercase();
    let declaration = style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .filter(|(property, _)| matches!(property.trim(), "list-style-type" | "list-style"))
        .map(|(_, value)| value)
        .next_back()?;
    declaration.split_whitespace().find_map(|word| match word {
        "decimal" => Some(Style::Decimal),
        "lower-alpha" | "lower-latin" => Some(Style::LowerAlpha),
        "upper-alpha" | "upper-latin" => Some(Style::UpperAlpha),
        "lower-roman" => Some(Style::LowerRoman),
        "upper-roman" => Some(Style::UpperRoman),
        "none" => Some(Style::None),
        _ => None,
    })
}

/// The marker of ordinal `n` in `style`; alphabetic and roman markers fall
/// back to decimal for `n` < 1, as browsers do.
fn marker(style: Style, n: i64) -> Option<String> {
    let positive = u64::try_from(n).ok().filter(|&n| n > 0);
    Some(match (style, positive) {
        (Style::None, _) => return None,
        (Style::LowerAlpha, Some(n)) => format!("({}) ", alphabetic(n)),
        (Style::UpperAlpha, Some(n)) => format!("{}. ", alphabetic(n).to_ascii_uppercase()),
        (Style::LowerRoman, Some(n)) if n < 4000 => format!("({}) ", to_roman(n as u32)),
        (Style::UpperRoman, Some(n)) if n < 4000 => {
            format!("{}. ", to_roman(n as u32).to_ascii_uppercase())
        }
        _ => format!("{n}. "),
    })
}

/// `1` → `a`, `26` → `z`, `27` → `aa`.
fn alphabetic(mut n: u64) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_every_style() {
        assert_eq!(marker(Style::Decimal, 12).as_deref(), Some("12. "));
        assert_eq!(marker(Style::LowerAlpha, 2).as_deref(), Some("(b) "));
        assert_eq!(marker(Style::LowerAlpha, 28).as_deref(), Some("(ab) "));
        assert_eq!(marker(Style::UpperAlpha, 3).as_deref(), Some("C. "));
        assert_eq!(marker(Style::LowerRoman, 14).as_deref(), Some("(xiv) "));
        assert_eq!(marker(Style::UpperRoman, 4).as_deref(), Some("IV. "));
        assert_eq!(marker(Style::LowerAlpha, 0).as_deref(), Some("0. "));
        assert_eq!(marker(Style::LowerRoman, -3).as_deref(), Some("-3. "));
        assert_eq!(marker(Style::None, 1), None);
    }
}
