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

use super::elements::{footnote_marker, hidden, is_block, mark, starts_item};
use super::list::List;
use super::text::{Mark, Paragraph, blank, changes};
use crate::model::Change;

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
