//! A chunk: the citable unit every search answers with.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Change, Comment, Footnote, PageRange, Pillar};

/// What kind of text a chunk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChunkKind {
    /// A document title.
    Title,
    /// A document header block (symbol, distribution, date, session).
    Header,
    /// A numbered paragraph or one of its lettered or roman sub-items.
    Paragraph,
    /// An item of a "Recommended next steps" block.
    NextStep,
    /// A part of a letter: date, body paragraph, question, signature, enclosures.
    Letter,
    /// A part of an annex: programme of work, guiding questions, invitation…
    Annex,
    /// A block of a file whose structure we do not recognise.
    Other,
}

impl ChunkKind {
    pub const ALL: [ChunkKind; 7] = [
        ChunkKind::Title,
        ChunkKind::Header,
        ChunkKind::Paragraph,
        ChunkKind::NextStep,
        ChunkKind::Letter,
        ChunkKind::Annex,
        ChunkKind::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ChunkKind::Title => "title",
            ChunkKind::Header => "header",
            ChunkKind::Paragraph => "paragraph",
            ChunkKind::NextStep => "next-step",
            ChunkKind::Letter => "letter",
            ChunkKind::Annex => "annex",
            ChunkKind::Other => "other",
        }
    }
}

impl fmt::Display for ChunkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl std::str::FromStr for ChunkKind {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        ChunkKind::ALL
            .into_iter()
            .find(|k| k.name() == wanted)
            .ok_or_else(|| crate::Error::UnknownName {
                what: "kind",
                value: s.to_string(),
                valid: super::list_names(ChunkKind::ALL.iter().map(|k| k.name())),
            })
    }
}

/// A section of a document: its number or letter and its heading text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Section {
    /// `E`, or `II.A` under a roman chapter.
    pub number: String,
    /// `Confidence-Building Measures`.
    pub heading: String,
}

/// First and last line (1-based, inclusive) of a chunk in its source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LineRange {
    pub start: usize,
    pub end: usize,
}

impl LineRange {
    pub fn new(start: usize, end: usize) -> Self {
        LineRange { start, end }
    }

    /// The smallest range covering both.
    pub fn cover(self, other: LineRange) -> LineRange {
        LineRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl fmt::Display for LineRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "L{}", self.start)
        } else {
            write!(f, "L{}-{}", self.start, self.end)
        }
    }
}

/// One citable piece of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    /// The [`Document::id`](super::Document::id) it belongs to.
    pub doc: String,
    /// Position in the document, from 0.
    pub ordinal: u32,
    pub kind: ChunkKind,
    /// The citation label: `16`, `16(a)`, `14(c)(i)`, `next-steps-E.2`,
    /// `7(b)(vi)-deleted`, `letter.3`, `pow.mon`…
    pub label: String,
    pub section: Option<Section>,
    pub pillar: Pillar,
    /// What the draft says: no markup, no deleted words, no footnote bodies or
    /// markers, no page debris. Empty for an item that was struck out whole.
    pub text: String,
    /// Rev.1-style marked insertions (`**…**`), in order.
    pub inserted: Vec<String>,
    /// Rev.1-style marked deletions (`~~…~~`), in order.
    pub deleted: Vec<String>,
    /// The item carried a "[text moved above/below]" note.
    pub moved: bool,
    pub footnotes: Vec<Footnote>,
    pub lines: LineRange,
    /// Its pages, in a source with pages (a PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<PageRange>,
    /// The tracked changes on its lines, with who made them and when, in a
    /// source that records them (a DOCX); absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// The comments on its lines, kept apart from its text; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// Who proposed it: the groups or delegations a compilation text names
    /// (`[EU: …]`, `Proposed by Egypt:`), the sponsors of a draft
    /// resolution; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributions: Vec<String>,
    /// The human citation, e.g. `A/AC.292/2022/CRP.1, para. 16(a)`.
    pub citation: String,
}

impl Chunk {
    /// Who wrote it, each once: who made its tracked changes, in the order
    /// of the changes, then who proposed it ([`Chunk::attributions`]).
    pub fn authors(&self) -> Vec<&str> {
        let mut authors: Vec<&str> = Vec::new();
        let names = self.changes.iter().map(|c| c.author.as_str());
        for name in names.chain(self.attributions.iter().map(String::as_str)) {
            if !authors.contains(&name) {
                authors.push(name);
            }
        }
        authors
    }

    /// Whether the item was struck out whole (it has only deleted text).
    pub fn is_struck(&self) -> bool {
        self.label.ends_with("-deleted")
    }
}
