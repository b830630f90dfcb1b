//! Footnotes (`word/footnotes.xml`) and comments (`word/comments.xml`):
//! their text by id, to be placed where the body refers to them.
//!
//! A note's text is what it reads as now: inserted words in, deleted ones
//! out, paragraphs joined with a space, the footnote's own number (the
//! `w:footnoteRef` run) left out. Separator footnotes (`w:type` =
//! `separator`, `continuationSeparator`, `continuationNotice`) are not notes.

use std::collections::HashMap;

use super::xml::{Element, Node};

/// A comment, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentBody {
    pub author: String,
    pub date: Option<String>,
    pub text: String,
}

/// The text of every footnote of `footnotes` (the root of
/// `footnotes.xml`), by `w:id`.
pub fn footnotes(root: Option<&Element>) -> HashMap<String, String> {
    root.into_iter()
        .flat_map(Element::elements)
        .filter(|note| note.name == "footnote")
        .filter(|note| note.attr("type").is_none_or(|kind| kind == "normal"))
        .filter_map(|note| Some((note.attr("id")?.to_string(), plain_text(note))))
        .collect()
}

/// Every comment of `comments` (the root of `comments.xml`), by `w:id`.
pub fn comments(root: Option<&Element>) -> HashMap<String, CommentBody> {
    root.into_iter()
        .flat_map(Element::elements)
        .filter(|comment| comment.name == "comment")
        .filter_map(|comment| {
            let body = CommentBody {
                author: comment.attr("author").unwrap_or_default().to_string(),
                date: comment.attr("date").map(str::to_string),
                text: plain_text(comment),
            };
            Some((comment.attr("id")?.to_string(), body))
        })
        .collect()
}

/// The text of `element` as it reads now, one space between paragraphs
/// and runs of white space squeezed.
pub fn plain_text(element: &Element) -> String {
    let mut out = String::new();
    collect(element, &mut out, 0);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect(element: &Element, out: &mut String, depth: usize) {
    if depth > super::xml::MAX_DEPTH {
        return;
    }
    for node in &element.children {
        let Node::Element(child) = node else { continue };
        match child.name.as_str() {
            "t" => out.push_str(&child.text()),
            "tab" | "br" | "cr" => out.push(' '),
            "noBreakHyphen" => out.push('-'),
            "p" => {
                collect(child, out, depth + 1);
                out.push(' ');
            }
            // Deleted words, properties, field codes and drawings are not text.
            "del" | "moveFrom" | "delText" | "pPr" | "rPr" | "instrText" | "drawing" | "pict"
            | "AlternateContent" => {}
            _ => collect(child, out, depth + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    #[test]
    fn notes_read_as_they_are_now_and_separators_are_skipped() {
        let root = parse(
            "f.xml",
            br#"<w:footnotes xmlns:w="w">
              <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
              <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A/75/816,</w:t></w:r>
                <w:del w:author="X"><w:r><w:delText>annex</w:delText></w:r></w:del>
                <w:ins w:author="X"><w:r><w:t xml:space="preserve"> para. 7.</w:t></w:r></w:ins></w:p></w:footnote>
            </w:footnotes>"#,
        )
        .unwrap();
        let notes = footnotes(Some(&root));
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes.get("1").map(String::as_str),
            Some("A/75/816, para. 7.")
        );
    }

    #[test]
    fn comments_keep_author_and_date() {
        let root = parse(
            "c.xml",
            br#"<w:comments xmlns:w="w"><w:comment w:id="0" w:author="Delegation B" w:date="2026-03-02T10:15:00Z">
              <w:p><w:r><w:annotationRef/></w:r><w:r><w:t>Agreed</w:t></w:r></w:p><w:p><w:r><w:t>ad ref.</w:t></w:r></w:p></w:comment></w:comments>"#,
        )
        .unwrap();
        let all = comments(Some(&root));
        let comment = all.get("0").unwrap();
        assert_eq!(comment.author, "Delegation B");
        assert_eq!(comment.date.as_deref(), Some("2026-03-02T10:15:00Z"));
        assert_eq!(comment.text, "Agreed ad ref.");
    }
}
