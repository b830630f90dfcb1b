//! Reading an HTML page: its main text, headings and lists as paragraphs.

use super::format::{Extracted, Unreadable};

/// Not built yet.
pub fn read(bytes: &[u8]) -> Result<Extracted, Unreadable> {
    let _ = bytes;
    Err(Unreadable::new("reading HTML is not built yet"))
}
