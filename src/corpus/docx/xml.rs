//! A small element tree of one XML part, enough to walk a Word part:
//! elements by local name (`w:p` is `p`), their attributes by local name
//! (`w:val` is `val`), and their text with entities resolved.
//!
//! Parts are bounded before they get here (see [`package`](super::package));
//! the tree is bounded in depth too, so that walking it cannot overflow the
//! stack.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::corpus::Unreadable;

/// The deepest nesting of elements read: Word nests a dozen deep, a
/// table in a table in a text box a few dozen.
pub const MAX_DEPTH: usize = 256;

/// One XML element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// The local name, without its prefix.
    pub name: String,
    /// `(local name, value)` pairs, values unescaped.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// What an element holds: elements and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of the attribute of local name `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The `val` attribute of the child element named `name`
    /// (`<w:numId w:val="3"/>`).
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name)?.attr("val")
    }

    /// The text directly inside the element.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|node| match node {
                Node::Text(text) => Some(text.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }
}

/// The root element of the XML part `part` (named for messages).
pub fn parse(part: &str, bytes: &[u8]) -> Result<Element, Unreadable> {
    let damaged = |what: String| {
        Unreadable::new(format!(
            "{part} is not well-formed XML ({what}): the file is damaged; open it in Word or LibreOffice and save it again as .docx"
        ))
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|err| {
        Unreadable::new(format!(
            "{part} is not UTF-8 ({err}): save the file again as .docx from Word or LibreOffice"
        ))
    })?;
    let mut reader = Reader::from_str(text);
    // The root is a placeholder holding the document element.
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|err| damaged(format!("{err} at byte {position}")))?;
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(damaged(format!("elements nested over {MAX_DEPTH} deep")));
                }
                stack.push(element(&start).map_err(damaged)?);
            }
            Event::Empty(start) => {
                let empty = element(&start).map_err(damaged)?;
                push(&mut stack, Node::Element(empty));
            }
            Event::End(_) => {
                let done = stack
                    .pop()
                    .ok_or_else(|| damaged("an end tag too many".into()))?;
                if stack.is_empty() {
                    return Err(damaged("an end tag too many".into()));
                }
                push(&mut stack, Node::Element(done));
            }
            Event::Text(text) => push(&mut stack, Node::Text(text.xml10_content().into_owned())),
            Event::CData(data) => push(&mut stack, Node::Text(data.xml10_content().into_owned())),
            Event::GeneralRef(reference) => {
                let resolved = if reference.is_char_ref() {
                    reference
                        .resolve_char_ref()
                        .map_err(|err| damaged(err.to_string()))?
                        .map(String::from)
                } else {
                    predefined(&reference.xml10_content()).map(str::to_string)
                };
                let resolved = resolved.ok_or_else(|| {
                    damaged(format!("an unknown entity &{};", reference.xml10_content()))
                })?;
                push(&mut stack, Node::Text(resolved));
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    let mut root = match (stack.pop(), stack.is_empty()) {
        (Some(root), true) => root,
        _ => return Err(damaged("it ends inside an element".into())),
    };
    let first = root
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(_)));
    match first.map(|index| root.children.swap_remove(index)) {
        Some(Node::Element(document)) => Ok(document),
        _ => Err(damaged("no root element".into())),
    }
}

/// Adds `node` to the innermost open element.
fn push(stack: &mut [Element], node: Node) {
    if let Some(open) = stack.last_mut() {
        match (&node, open.children.last_mut()) {
            (Node::Text(more), Some(Node::Text(text))) => text.push_str(more),
            _ => open.children.push(node),
        }
    }
}

/// An element without children from its start tag.
fn element(start: &BytesStart<'_>) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|err| err.to_string())?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| err.to_string())?;
        attrs.push((local(attr.key.as_ref()).to_string(), value.into_owned()));
    }
    Ok(Element {
        name: local(start.name().as_ref()).to_string(),
        attrs,
        children: Vec::new(),
    })
}

/// A name without its namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The five entities XML predefines.
fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_attributes_and_entities() {
        let root = parse(
            "t.xml",
            br#"<?xml version="1.0"?><w:document xmlns:w="x"><w:p><w:r><w:t xml:space="preserve">a &amp; b&#x2019;s</w:t></w:r><w:numId w:val="3"/></w:p></w:document>"#,
        )
        .unwrap();
        assert_eq!(root.name, "document");
        let p = root.child("p").unwrap();
        assert_eq!(p.child_val("numId"), Some("3"));
        assert_eq!(
            p.child("r").unwrap().child("t").unwrap().text(),
            "a & b\u{2019}s"
        );
    }

    #[test]
    fn damaged_xml_is_unreadable() {
        for bad in [
            &b"<a><b></a>"[..],
            b"<a><b>",
            b"",
            b"<a>&nope;</a>",
            b"\xff\xfe<a/>",
            b"<a></a></b>",
        ] {
            assert!(parse("t.xml", bad).is_err(), "{bad:?}");
        }
        let deep = "<a>".repeat(MAX_DEPTH + 2);
        assert!(parse("t.xml", deep.as_bytes()).is_err());
    }
}
