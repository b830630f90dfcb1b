//! Footnotes: lifted out of the paragraph text, kept as references.

use serde::{Deserialize, Serialize};

/// A footnote a chunk refers to. Numbers are only unique within one document
/// and are not stable across drafts, so they are never used as identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    pub number: u32,
    /// The footnote's text; empty when the document has no body for the marker.
    pub body: String,
}
