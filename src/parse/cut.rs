//! A cut: a chunk whose boundaries are decided but whose text is not yet read.

use crate::model::{ChunkKind, LineRange, Pillar, Section};

use super::block::{Block, Piece, ends_sentence};

/// The physical lines of one future chunk, with its label and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub kind: ChunkKind,
    pub label: String,
    pub section: Option<Section>,
    pub pillar: Pillar,
    /// Raw lines; the first has had its bullet and item marker removed.
    pub pieces: Vec<Piece>,
}

impl Cut {
    /// A cut of whole blocks.
    pub fn new(kind: ChunkKind, label: impl Into<String>, blocks: &[&Block]) -> Cut {
        let mut cut = Cut {
            kind,
            label: label.into(),
            section: None,
            pillar: Pillar::General,
            pieces: Vec::new(),
        };
        for block in blocks {
            cut.push_block(block);
        }
        cut
    }

    /// A cut of one block whose first line is replaced by `first` (the line
    /// without its marker).
    pub fn item(kind: ChunkKind, label: String, block: &Block, first: &str) -> Cut {
        let mut cut = Cut::new(kind, label, &[]);
        cut.push_item(block, first);
        cut
    }

    pub fn in_section(mut self, section: Option<Section>, pillar: Pillar) -> Cut {
        self.section = section;
        self.pillar = pillar;
        self
    }

    pub fn push_block(&mut self, block: &Block) {
        self.pieces.extend(block.pieces.iter().cloned());
    }

    /// Appends a block whose first line is replaced by `first`.
    pub fn push_item(&mut self, block: &Block, first: &str) {
        let mut pieces = block.pieces.iter();
        if let Some(head) = pieces.next() {
            self.pieces.push(Piece {
                line: head.line,
                text: first.to_string(),
            });
        }
        self.pieces.extend(pieces.cloned());
    }

    /// The first and last line of the cut (its pieces are in reading
    /// order, which an extractor's damage may have made differ from the
    /// order of the lines).
    pub fn lines(&self) -> LineRange {
        let start = self.pieces.iter().map(|p| p.line).min().unwrap_or(0);
        let end = self.pieces.iter().map(|p| p.line).max().unwrap_or(start);
        LineRange::new(start, end)
    }

    pub fn last_text(&self) -> &str {
        self.pieces.last().map_or("", |p| p.text.as_str())
    }

    /// Whether the cut ends a sentence: if not, the next unmarked block
    /// continues it (a paragraph broken by a page bottom or a footnote block).
    pub fn ends_sentence(&self) -> bool {
        ends_sentence(self.last_text())
    }

    /// Whether the cut ends with a colon, introducing a sub-list.
    pub fn opens_list(&self) -> bool {
        let text = self.last_text().trim_end_matches(|c: char| {
            c.is_whitespace()
                || c.is_ascii_digit()
                || matches!(c, '*' | '~')
                || super::markup::superscript_value(c).is_some()
        });
        text.ends_with(':')
    }

    pub fn is_item(&self) -> bool {
        matches!(self.kind, ChunkKind::Paragraph | ChunkKind::NextStep)
    }
}
