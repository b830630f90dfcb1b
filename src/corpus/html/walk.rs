//! The walk over the page's tree that turns its elements into lines.
//!
//! Blocks (`p`, `div`, headings, list items, table rows…) end a
//! paragraph; inline elements and text add to it. What a reader of the
//! page does not read as the draft is skipped with everything inside it:
//! scripts, styles, `noscript`, `template`, navigation, `aside`, forms and
//! their controls, embedded objects, the page's own `header` and `footer`
//! (those outside `article`, `aside`, `main`, `nav` and `section`, which
//! are a site's banner and footer; a `header` inside an article is the
//! draft's), ARIA landmarks of the same kinds, dialogs (cookie banners),
//! and hidden elements (`hidden`, `aria-hidden="true"`,
//! `display: none`, `visibility: hidden`).
//!
//! The walk is iterative (ego-tree's `traverse`), so no nesting depth can
//! overflow the stack.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::Node;
use scraper::node::Element;

use super::list::List;
use super::text::{Mark, Paragraph, blank, changes};
use crate::model::{Change, ChangeKind};

/// The lines read from a page, and the changes it marks.
#[derive(Debug, Default)]
pub struct Lines {
    pub lines: Vec<String>,
    pub changes: Vec<Change>,
    /// The page marks insertions or deletions.
    pub track_changes: bool,
}

/// How strictly the page's furniture is skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Strictness {
    /// Everything the module docs list.
    #[default]
    Strict,
    /// Forms kept (a whole page may sit in one, as ASP.NET pages do).
    KeepForms,
}

/// Reads the lines of the elements `roots`, in order.
pub fn read(roots: &[NodeRef<'_, Node>], strictness: Strictness) -> Lines {
    let mut walker = Walker {
        strictness,
        ..Walker::default()
    };
    for root in roots {
        walker.walk(*root);
        walker.end_paragraph();
    }
    walker.out
}

#[derive(Default)]
struct Walker {
    strictness: Strictness,
    out: Lines,
    paragraph: Paragraph,
    /// The marker of the list item whose first paragraph is to come.
    prefix: Option<String>,
    lists: Vec<List>,
    /// Inside a table cell: blocks are spaces, nested rows and cells too.
    cells: usize,
    /// The cells of the current row so far.
    row_cells: usize,
    /// `<br>`s since the last text.
    breaks: usize,
    /// Inside `<pre>`: line ends end paragraphs.
    pre: usize,
    /// Inside `article`, `aside`, `main`, `nav` or `section`.
    sectioning: usize,
    marks: Vec<Mark>,
    /// The marks open, innermost last.
    open_marks: Vec<usize>,
}

impl Walker {
    fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut skipping = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => match node.value() {
                    Node::Text(text) => self.text(text),
                    Node::Element(element) => {
                        if self.skipped(element) {
                            skipping = Some(node.id());
                        } else if let Some(digits) = footnote_marker(node, element) {
                            self.text(&digits);
                            skipping = Some(node.id());
                        } else {
                            self.open(node, element);
                        }
                    }
                    _ => {}
                },
                Edge::Open(_) => {}
                Edge::Close(node) => {
                    if skipping == Some(node.id()) {
                        skipping = None;
                    } else if skipping.is_none()
                        && let Node::Element(element) = node.value()
                    {
                        self.close(element);
                    }
                }
            }
        }
    }

    fn skipped(&self, element: &Element) -> bool {
        let furniture = match element.name() {
            "script" | "style" | "noscript" | "template" | "nav" | "aside" | "button"
            | "select" | "textarea" | "input" | "iframe" | "object" | "embed" | "svg"
            | "canvas" | "head" | "title" | "dialog" | "datalist" | "audio" | "video" => true,
            "form" => self.strictness != Strictness::KeepForms,
            "header" | "footer" => self.sectioning == 0,
            _ => false,
        };
        let role = element.attr("role").map(str::to_ascii_lowercase);
        let landmark = match role.as_deref() {
            Some("navigation" | "search" | "complementary" | "dialog" | "alertdialog") => true,
            Some("banner" | "contentinfo") => self.sectioning == 0,
            _ => false,
        };
        furniture || landmark || hidden(element)
    }

    fn open(&mut self, node: NodeRef<'_, Node>, element: &Element) {
        let name = element.name();
        if self.cells > 0 {
            if matches!(name, "td" | "th") {
                self.cells += 1;
            }
            if is_block(name) || name == "br" {
                self.paragraph.push(" ", self.mark());
            }
            if let Some(mark) = mark(element) {
                self.open_mark(mark);
            }
            return;
        }
        match name {
            "br" => self.breaks += 1,
            "ol" | "ul" | "menu" | "dir" => {
                self.end_paragraph();
                if let Some(prefix) = self.prefix.take() {
                    // An item that holds only a list: its marker alone.
                    self.emit(prefix.trim_end().to_string(), Vec::new());
                }
                let items = node
                    .children()
                    .filter(|c| c.value().as_element().is_some_and(|e| e.name() == "li"))
                    .count();
                self.lists.push(List::new(element, items));
            }
            "li" => {
                self.end_paragraph();
                self.prefix = self.lists.last_mut().and_then(|list| list.marker(element));
            }
            "tr" => {
                self.end_paragraph();
                self.row_cells = 0;
            }
            "td" | "th" => {
                if self.row_cells > 0 {
                    self.paragraph.tab();
                }
                self.row_cells += 1;
                self.cells += 1;
            }
            "pre" => {
                self.end_paragraph();
                self.pre += 1;
            }
            "article" | "aside" | "main" | "nav" | "section" => {
                self.end_paragraph();
                self.sectioning += 1;
            }
            _ if is_block(name) => self.end_paragraph(),
            _ => {}
        }
        if let Some(mark) = mark(element) {
            self.open_mark(mark);
        }
    }

    fn close(&mut self, element: &Element) {
        let name = element.name();
        if mark(element).is_some() {
            self.open_marks.pop();
        }
        if matches!(name, "td" | "th") {
            self.cells = self.cells.saturating_sub(1);
            return;
        }
        if self.cells > 0 {
            if is_block(name) {
                self.paragraph.push(" ", self.mark());
            }
            return;
        }
        match name {
            "ol" | "ul" | "menu" | "dir" => {
                self.end_paragraph();
                self.lists.pop();
            }
            "li" => {
                self.end_paragraph();
                self.prefix = None;
            }
            "pre" => {
                self.end_paragraph();
                self.pre = self.pre.saturating_sub(1);
            }
            "article" | "aside" | "main" | "nav" | "section" => {
                self.end_paragraph();
                self.sectioning = self.sectioning.saturating_sub(1);
            }
            _ if is_block(name) => self.end_paragraph(),
            _ => {}
        }
    }

    fn open_mark(&mut self, mark: Mark) {
        self.out.track_changes = true;
        self.open_marks.push(self.marks.len());
        self.marks.push(mark);
    }

    fn mark(&self) -> Option<usize> {
        self.open_marks.last().copied()
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 && self.cells == 0 {
            let mut lines = text.split('\n');
            if let Some(first) = lines.next() {
                self.inline(first);
            }
            for line in lines {
                self.end_paragraph();
                self.inline(line);
            }
        } else {
            self.inline(text);
        }
    }

    fn inline(&mut self, text: &str) {
        if text.chars().all(blank) {
            self.paragraph.push(text, self.mark());
            return;
        }
        let breaks = std::mem::take(&mut self.breaks);
        if breaks > 0 && self.paragraph.has_text() {
            // One `<br>` wraps a line, unless what comes before ends a
            // sentence or clause or what comes after is a new item; two
            // or more separate paragraphs.
            let new_item = starts_item(text);
            if breaks > 1 || new_item || self.paragraph.ends_with(&['.', ';', ':']) {
                self.end_paragraph();
            } else {
                self.paragraph.push(" ", self.mark());
            }
        }
        self.paragraph.push(text, self.mark());
    }

    /// Ends the paragraph being read: its line, if it has text, with the
    /// marker of the list item it opens.
    fn end_paragraph(&mut self) {
        self.breaks = 0;
        if !self.paragraph.has_text() {
            self.paragraph = Paragraph::default();
            return;
        }
        let line = self.paragraph.take(&self.marks);
        let text = match self.prefix.take() {
            Some(prefix) => format!("{prefix}{}", line.text),
            None => line.text,
        };
        self.emit(text, line.runs);
    }

    fn emit(&mut self, text: String, runs: Vec<(usize, String)>) {
        // Lines are separated by blank lines: line k (from 0) is 2k + 1.
        let number = 2 * self.out.lines.len() + 1;
        self.out.changes.extend(changes(number, runs, &self.marks));
        self.out.lines.push(text);
    }
}

/// The change `element` marks, if it marks one.
fn mark(element: &Element) -> Option<Mark> {
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
fn hidden(element: &Element) -> bool {
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
fn footnote_marker(node: NodeRef<'_, Node>, element: &Element) -> Option<String> {
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
fn starts_item(text: &str) -> bool {
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
fn is_block(name: &str) -> bool {
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
