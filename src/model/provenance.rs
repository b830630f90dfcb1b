//! Where a chunk came from, beyond its lines: the format of its file, its
//! pages, the tracked changes on it (who changed what, and when) and the
//! comments on it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The format of a corpus file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: a markdown-like export, hard-wrapped text or `pdftotext` output.
    #[default]
    Text,
    /// A PDF with a text layer.
    Pdf,
    /// A Word file (Office Open XML).
    Docx,
    /// An HTML page.
    Html,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Text, Format::Pdf, Format::Docx, Format::Html];

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }

    /// Whether it is plain text.
    pub fn is_text(&self) -> bool {
        *self == Format::Text
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// What a tracked change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Inserted,
    Deleted,
    /// Moved away from here (`w:moveFrom`): read as deleted.
    MovedFrom,
    /// Moved to here (`w:moveTo`): read as inserted.
    MovedTo,
}

impl ChangeKind {
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Inserted => "inserted",
            ChangeKind::Deleted => "deleted",
            ChangeKind::MovedFrom => "moved-from",
            ChangeKind::MovedTo => "moved-to",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// One tracked change of a source that records them, with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The line of the text it is on (from 1).
    pub line: usize,
    pub kind: ChangeKind,
    pub author: String,
    /// As the source gives it (`2026-03-02T10:15:00Z`), when it does.
    pub date: Option<String>,
    /// The words inserted or deleted.
    pub text: String,
}

/// A comment on the text, kept apart from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// The line of the text where the commented range starts (from 1).
    pub line: usize,
    pub author: String,
    pub date: Option<String>,
    pub text: String,
}

/// First and last page (from 1, inclusive) of a chunk in a source with pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PageRange {
    pub start: u32,
    pub end: u32,
}

impl fmt::Display for PageRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "p. {}", self.start)
        } else {
            write!(f, "pp. {}-{}", self.start, self.end)
        }
    }
}
