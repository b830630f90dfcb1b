//! Reading a PDF's text layer, page by page.

use super::format::{Extracted, Unreadable};

/// Not built yet.
pub fn read(bytes: &[u8]) -> Result<Extracted, Unreadable> {
    let _ = bytes;
    Err(Unreadable::new("reading PDF is not built yet"))
}
