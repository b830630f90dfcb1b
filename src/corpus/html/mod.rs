//! Reading an HTML page: its main text, headings and lists as paragraphs.
//!
//! The page is decoded with the charset it declares ([`charset`]), parsed
//! by html5ever as a browser would (through `scraper`; unclosed `<p>` and
//! `<li>`, stray tags and entities are handled by the HTML standard's
//! rules), and its main text read in document order ([`walk`]): the
//! `<main>` element (or `role="main"`) when there is one, else its
//! `<article>`s, else its `<body>` — falling back to the body, and then to
//! the body with forms kept, when that gives no text.
//!
//! What it gives the parser: one line per paragraph, heading, list item or
//! table row, blank lines between; an `<ol>` item opens with the marker a
//! reader sees (`1. `, `(a) `, `(i) `: see [`list`]); table cells are joined
//! by a tab (so a row "`1.` | text" reads as the numbered paragraph
//! `1.\ttext`, and a search finds the cells' words); `<br>` wraps a line
//! unless it ends a sentence or opens an item; `<ins>` is `**…**` and
//! `<del>`, `<s>`, `<strike>` are `~~…~~` (the origin then says the page
//! tracks changes, and an `<ins>`/`<del>` with a `data-author` or `title`
//! is a [`Change`](crate::model::Change)); a `<sup>` holding a number is
//! a footnote marker in superscript digits; `*`, `~` and `\` of the text
//! are escaped with a backslash.
//!
//! Crate choice: `scraper` 0.29 without default features (html5ever 0.40,
//! browser-grade tree building) took 32 s to build from scratch in a debug
//! build on this 2-core machine, against 10 s for html5ever alone (whose
//! tree must be built by hand through its `TreeSink`), 1.2 s for the
//! tokenizer `html5gum` and 1 s for `tl` (neither builds the tree the
//! standard's way: implied end tags, foster parenting and the rest would be
//! ours to get right). Robustness on arbitrary pages won.

mod charset;
mod elements;
mod list;
mod text;
mod walk;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::format::{Extracted, Origin, Unreadable};
use walk::Strictness;

/// Reads the page `bytes`: its main text in the lines the parser knows
/// (see the module docs). A page with no text at all, or bytes that are no
/// text, are [`Unreadable`].
pub fn read(bytes: &[u8]) -> Result<Extracted, Unreadable> {
    let decoded = charset::decode(bytes)?;
    let page = Html::parse_document(&decoded.text);
    let mut warnings = decoded.warnings;
    let root = page.tree.root();
    let body = root
        .descendants()
        .find(|n| named(*n, "body"))
        .unwrap_or(root);
    let main = main_text(root);
    let mut lines = walk::read(&main, Strictness::Strict);
    if lines.lines.is_empty() && main != [body] {
        warnings.push((
            None,
            "the page's <main> or <article> has no text: its whole body was read".into(),
        ));
        lines = walk::read(&[body], Strictness::Strict);
    }
    if lines.lines.is_empty() {
        lines = walk::read(&[body], Strictness::KeepForms);
        if !lines.lines.is_empty() {
            warnings.push((
                None,
                "the page's text is all inside a form: the form was read".into(),
            ));
        }
    }
    if lines.lines.is_empty() {
        return Err(Unreadable::new(
            "an HTML page with no text: nothing but markup, scripts, styles, \
             navigation or hidden elements",
        ));
    }
    let mut text = lines.lines.join("\n\n");
    text.push('\n');
    Ok(Extracted {
        text,
        origin: Origin {
            track_changes: lines.track_changes,
            changes: lines.changes,
            ..Origin::default()
        },
        warnings,
    })
}

/// The elements that hold the page's main text: its first `<main>` (or
/// `role="main"`), else its outermost `<article>`s, else its body.
fn main_text(root: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    let visible = |n: &NodeRef<'_, Node>| {
        !n.ancestors()
            .any(|a| named(a, "template") || named(a, "noscript"))
    };
    // Ancestors are looked at for the candidates only: for every node,
    // a page nested deep would make this quadratic.
    let main = root
        .descendants()
        .filter(|n| {
            named(*n, "main")
                || n.value()
                    .as_element()
                    .and_then(|e| e.attr("role"))
                    .is_some_and(|r| r.trim().eq_ignore_ascii_case("main"))
        })
        .find(visible);
    if let Some(main) = main {
        return vec![main];
    }
    let articles: Vec<_> = root
        .descendants()
        .filter(|n| named(*n, "article"))
        .filter(|n| visible(n) && !n.ancestors().any(|a| named(a, "article")))
        .collect();
    if !articles.is_empty() {
        return articles;
    }
    root.descendants()
        .find(|n| named(*n, "body"))
        .into_iter()
        .collect()
}

/// Whether `node` is an element named `name`.
fn named(node: NodeRef<'_, Node>, name: &str) -> bool {
    node.value().as_element().is_some_and(|e| e.name() == name)
}

#[cfg(test)]
mod tests;
