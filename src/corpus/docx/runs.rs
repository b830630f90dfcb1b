//! The body of a Word file as lines the parser knows: one line per
//! paragraph, the number a reader sees in front (`16. `, `(a) `), blank
//! lines between; tracked insertions as `**…**` (a move's new place too),
//! deletions as `~~…~~` (a move's old place too), a paragraph deleted whole
//! struck number and all; a footnote reference as its superscript number
//! (`security¹`) and the footnote's text after the paragraph on a line of
//! its own (`¹ A/75/816.`), as the markdown-like export of a Word draft
//! has them. Bold is never written as `**`: in this text `**` is always an
//! insertion. Who made each change, and when, goes to a [`Change`] on the
//! line; a comment to a [`Comment`] on the line where its range starts.

use std::collections::{HashMap, HashSet};

use super::markup::{Mark, render, squeezed, superscript};
use super::notes::CommentBody;
use super::numbering::Numbering;
use super::xml::{Element, MAX_DEPTH, Node};
use crate::model::{Change, ChangeKind, Comment};

/// What the body became.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    pub lines: Vec<String>,
    pub changes: Vec<Change>,
    pub comments: Vec<Comment>,
    pub warnings: Vec<(Option<usize>, String)>,
}

/// A tracked change while its paragraph is read.
#[derive(Debug, Clone)]
struct Pending {
    kind: ChangeKind,
    author: String,
    date: Option<String>,
    text: String,
}

/// One paragraph while it is read.
#[derive(Debug, Default)]
struct Paragraph {
    spans: Vec<(Mark, String)>,
    changes: Vec<Pending>,
    /// Footnote numbers and texts referred to in it.
    notes: Vec<(u32, String)>,
}

/// Reads the body of a document, paragraph by paragraph.
pub struct Reader<'a> {
    numbering: Numbering,
    footnotes: &'a HashMap<String, String>,
    comments: &'a HashMap<String, CommentBody>,
    out: Lines,
    footnotes_seen: u32,
    /// Comments whose range started in paragraphs not yet written.
    comments_pending: Vec<String>,
    comments_seen: HashSet<String>,
}

impl<'a> Reader<'a> {
    pub fn new(
        numbering: Numbering,
        footnotes: &'a HashMap<String, String>,
        comments: &'a HashMap<String, CommentBody>,
    ) -> Reader<'a> {
        Reader {
            numbering,
            footnotes,
            comments,
            out: Lines::default(),
            footnotes_seen: 0,
            comments_pending: Vec::new(),
            comments_seen: HashSet::new(),
        }
    }

    /// The lines of `document` (the root of `document.xml`).
    pub fn read(mut self, document: &Element) -> Lines {
        self.blocks(document, 0);
        self.out
    }

    /// Paragraphs wherever they stand: in the body, tables, content controls.
    fn blocks(&mut self, element: &Element, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in element.elements() {
            match child.name.as_str() {
                "p" => self.paragraph(child),
                "sectPr" | "tblPr" | "trPr" | "tcPr" | "tblGrid" => {}
                _ => self.blocks(child, depth + 1),
            }
        }
    }

    fn paragraph(&mut self, p: &Element) {
        let ppr = p.child("pPr");
        let label = self.numbering.label(ppr).unwrap_or_default();
        let mut paragraph = Paragraph::default();
        self.inline(p, None, &mut paragraph, 0);
        let live = paragraph
            .spans
            .iter()
            .any(|(mark, text)| *mark != Mark::Deleted && !text.trim().is_empty());
        let struck = paragraph
            .spans
            .iter()
            .any(|(mark, text)| *mark == Mark::Deleted && !text.trim().is_empty());
        let line = if !live && struck {
            let words: String = paragraph
                .spans
                .iter()
                .map(|(_, text)| text.as_str())
                .collect();
            let whole = format!("{label} {}", squeezed(&words));
            format!("~~{}~~", whole.trim())
        } else {
            format!("{label} {}", render(&paragraph.spans))
                .trim()
                .to_string()
        };
        if line.is_empty() {
            return;
        }
        if !self.out.lines.is_empty() {
            self.out.lines.push(String::new());
        }
        self.out.lines.push(line);
        let number = self.out.lines.len();
        for change in paragraph.changes {
            let text = squeezed(&change.text);
            if !text.is_empty() {
                self.out.changes.push(Change {
                    line: number,
                    kind: change.kind,
                    author: change.author,
                    date: change.date,
                    text,
                });
            }
        }
        for id in std::mem::take(&mut self.comments_pending) {
            match self.comments.get(&id) {
                Some(body) => self.out.comments.push(Comment {
                    line: number,
                    author: body.author.clone(),
                    date: body.date.clone(),
                    text: body.text.clone(),
                }),
                None => self.out.warnings.push((
                    Some(number),
                    format!("comment {id} is not in word/comments.xml; left out"),
                )),
            }
        }
        for (marker, text) in paragraph.notes {
            self.out.lines.push(String::new());
            self.out
                .lines
                .push(format!("{} {text}", superscript(marker)));
        }
    }

    /// The runs of a paragraph, or of a change, hyperlink, field… inside it;
    /// `change` is the innermost tracked change around them.
    fn inline(
        &mut self,
        element: &Element,
        change: Option<usize>,
        p: &mut Paragraph,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in element.elements() {
            match child.name.as_str() {
                "r" => self.run(child, change, p),
                "ins" | "del" | "moveFrom" | "moveTo" => {
                    let kind = match child.name.as_str() {
                        "ins" => ChangeKind::Inserted,
                        "del" => ChangeKind::Deleted,
                        "moveFrom" => ChangeKind::MovedFrom,
                        _ => ChangeKind::MovedTo,
                    };
                    p.changes.push(Pending {
                        kind,
                        author: child.attr("author").unwrap_or("unknown").to_string(),
                        date: child.attr("date").map(str::to_string),
                        text: String::new(),
                    });
                    let index = p.changes.len() - 1;
                    self.inline(child, Some(index), p, depth + 1);
                }
                "commentRangeStart" => self.comment_starts(child),
                "pPr" | "rPr" | "drawing" | "pict" | "AlternateContent" | "object" => {}
                _ => self.inline(child, change, p, depth + 1),
            }
        }
    }

    /// The text of one run.
    fn run(&mut self, run: &Element, change: Option<usize>, p: &mut Paragraph) {
        let mark = match change
            .and_then(|index| p.changes.get(index))
            .map(|c| c.kind)
        {
            None => Mark::Plain,
            Some(ChangeKind::Inserted | ChangeKind::MovedTo) => Mark::Inserted,
            Some(ChangeKind::Deleted | ChangeKind::MovedFrom) => Mark::Deleted,
        };
        let hidden = run
            .child("rPr")
            .and_then(|rpr| rpr.child("vanish"))
            .is_some_and(|v| v.attr("val").is_none_or(|val| val != "0" && val != "false"));
        if hidden {
            return;
        }
        for node in &run.children {
            let Node::Element(child) = node else { continue };
            let text = match child.name.as_str() {
                "t" | "delText" => child.text(),
                "tab" | "br" | "cr" | "ptab" => " ".to_string(),
                "noBreakHyphen" => "-".to_string(),
                "footnoteReference" => self.footnote(child, p),
                "commentReference" => {
                    self.comment_starts(child);
                    continue;
                }
                _ => continue,
            };
            if let Some(pending) = change.and_then(|index| p.changes.get_mut(index)) {
                pending.text.push_str(&text);
            }
            match p.spans.last_mut() {
                Some((last, spanned)) if *last == mark => spanned.push_str(&text),
                _ => p.spans.push((mark, text)),
            }
        }
    }

    /// The marker of a footnote reference, its text kept for after the
    /// paragraph.
    fn footnote(&mut self, reference: &Element, p: &mut Paragraph) -> String {
        let id = reference.attr("id").unwrap_or_default();
        let Some(text) = self.footnotes.get(id) else {
            self.out.warnings.push((
                None,
                format!("footnote {id} is referred to but not in word/footnotes.xml; left out"),
            ));
            return String::new();
        };
        self.footnotes_seen = self.footnotes_seen.saturating_add(1);
        p.notes.push((self.footnotes_seen, text.clone()));
        superscript(self.footnotes_seen)
    }

    /// A comment's range starts here (or, without a range, its reference
    /// stands here).
    fn comment_starts(&mut self, element: &Element) {
        if let Some(id) = element.attr("id")
            && self.comments_seen.insert(id.to_string())
        {
            self.comments_pending.push(id.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    fn lines(body: &str) -> Lines {
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        let root = parse("d.xml", xml.as_bytes()).unwrap();
        let notes = HashMap::from([("5".to_string(), "A/75/816.".to_string())]);
        let comments = HashMap::new();
        Reader::new(Numbering::default(), &notes, &comments).read(&root)
    }

    #[test]
    fn changes_become_markup_with_who_and_when() {
        let out = lines(
            r#"<w:p><w:r><w:t xml:space="preserve">States </w:t></w:r>
            <w:ins w:author="A" w:date="2026-01-02T00:00:00Z"><w:r><w:t xml:space="preserve">voluntarily </w:t></w:r></w:ins>
            <w:del w:author="B"><w:r><w:delText>could</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> share</w:t></w:r>
            <w:r><w:footnoteReference w:id="5"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>.</w:t></w:r></w:p>
            <w:p/><w:p><w:del w:author="B"><w:r><w:delText>Gone.</w:delText></w:r></w:del></w:p>"#,
        );
        assert_eq!(
            out.lines,
            [
                "States **voluntarily** ~~could~~ share¹.",
                "",
                "¹ A/75/816.",
                "",
                "~~Gone.~~"
            ]
        );
        let kinds: Vec<_> = out
            .changes
            .iter()
            .map(|c| (c.line, c.kind, c.author.as_str(), c.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (1, ChangeKind::Inserted, "A", "voluntarily"),
                (1, ChangeKind::Deleted, "B", "could"),
                (5, ChangeKind::Deleted, "B", "Gone.")
            ]
        );
        assert_eq!(
            out.changes.first().and_then(|c| c.date.as_deref()),
            Some("2026-01-02T00:00:00Z")
        );
    }

    #[test]
    fn moves_read_as_deleted_and_inserted() {
        let out = lines(
            r#"<w:p><w:moveFrom w:author="A"><w:r><w:t>Moved.</w:t></w:r></w:moveFrom></w:p>
            <w:p><w:r><w:t xml:space="preserve">Stays. </w:t></w:r><w:moveTo w:author="A"><w:r><w:t>Moved.</w:t></w:r></w:moveTo></w:p>"#,
        );
        assert_eq!(out.lines, ["~~Moved.~~", "", "Stays. **Moved.**"]);
        assert_eq!(out.changes.len(), 2);
    }

    #[test]
    fn a_comment_is_on_the_line_where_its_range_starts() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:commentRangeStart w:id="1"/><w:r><w:t>One.</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:r><w:t>Two.</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p>
            <w:p><w:commentRangeStart w:id="2"/></w:p>
            <w:p><w:r><w:t>Three.</w:t></w:r><w:r><w:commentReference w:id="2"/></w:r><w:r><w:commentReference w:id="3"/></w:r></w:p>
            </w:body></w:document>"#;
        let root = parse("d.xml", xml.as_bytes()).unwrap();
        let notes = HashMap::new();
        let body = |text: &str| CommentBody {
            author: "X".to_string(),
            date: None,
            text: text.to_string(),
        };
        let comments = HashMap::from([
            ("1".to_string(), body("on one")),
            ("2".to_string(), body("on three")),
        ]);
        let out = Reader::new(Numbering::default(), &notes, &comments).read(&root);
        assert_eq!(out.lines, ["One.", "", "Two.", "", "Three."]);
        let placed: Vec<_> = out
            .comments
            .iter()
            .map(|c| (c.line, c.text.as_str()))
            .collect();
        // An empty paragraph's comment goes to the next written line; an
        // unknown comment is a warning.
        assert_eq!(placed, [(1, "on one"), (5, "on three")]);
        assert_eq!(out.warnings.len(), 1);
    }
}
