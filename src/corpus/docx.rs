//! Reading a Word file (Office Open XML).

use super::format::{Extracted, Unreadable};

/// Not built yet.
pub fn read(bytes: &[u8], max_unpacked: u64) -> Result<Extracted, Unreadable> {
    let _ = (bytes, max_unpacked);
    Err(Unreadable::new("reading DOCX is not built yet"))
}
