//! The parts of a Word file, read out of its zip within bounds.
//!
//! A DOCX is a zip archive; a hostile one can inflate a few kilobytes into
//! gigabytes (a zip bomb). Only the parts the reader needs are inflated,
//! each through a `take` bound: never more than the `max_unpacked` bytes
//! in all, nor [`MAX_PART`] for one part, whatever the archive declares, so
//! memory stays within the bound however the entry is compressed. An
//! archive of more than [`MAX_ENTRIES`] entries is refused unread.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use crate::corpus::Unreadable;

/// The most entries an archive may list: a long Word file has a few
/// dozen, one with many images a few thousand.
pub const MAX_ENTRIES: usize = 20_000;

/// The most bytes one part may unpack to, whatever the overall bound.
pub const MAX_PART: u64 = 128 << 20;

/// The main part: the document's body.
pub const DOCUMENT: &str = "word/document.xml";

/// The parts of a Word file the reader uses: the body, and when present
/// the numbering definitions, the styles, the footnotes and the comments.
#[derive(Debug, Clone, Default)]
pub struct Package {
    pub document: Vec<u8>,
    pub numbering: Option<Vec<u8>>,
    pub styles: Option<Vec<u8>>,
    pub footnotes: Option<Vec<u8>>,
    pub comments: Option<Vec<u8>>,
}

/// Reads the parts of the Word file `bytes`, unpacking at most
/// `max_unpacked` bytes in all.
pub fn open(bytes: &[u8], max_unpacked: u64) -> Result<Package, Unreadable> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|err| {
        Unreadable::new(format!(
            "not a zip archive ({err}), so not a Word .docx file: a password-protected document or an old .doc is not a zip either; save it from Word or LibreOffice as an unprotected .docx"
        ))
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(Unreadable::new(format!(
            "a zip of {} entries, more than the {MAX_ENTRIES} a Word file could hold: not read (a zip bomb or not a Word file)",
            archive.len()
        )));
    }
    let mut budget = Budget {
        left: max_unpacked,
        max: max_unpacked,
    };
    let document = part(&mut archive, DOCUMENT, &mut budget)?.ok_or_else(|| {
        Unreadable::new(format!(
            "a zip without {DOCUMENT}, so not a Word document (an OpenDocument .odt or another zip named .docx?): save it from Word or LibreOffice as .docx"
        ))
    })?;
    Ok(Package {
        document,
        numbering: part(&mut archive, "word/numbering.xml", &mut budget)?,
        styles: part(&mut archive, "word/styles.xml", &mut budget)?,
        footnotes: part(&mut archive, "word/footnotes.xml", &mut budget)?,
        comments: part(&mut archive, "word/comments.xml", &mut budget)?,
    })
}

/// What may still be unpacked.
struct Budget {
    left: u64,
    max: u64,
}

/// The bytes of the entry `name`, `None` when the archive has none.
fn part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
) -> Result<Option<Vec<u8>>, Unreadable> {
    let bomb = |max: u64| {
        Unreadable::new(format!(
            "a zip bomb: {name} unpacks past {max} bytes; a Word file's text is far smaller, so it is not read (raise --max-file-size if it is a real document)"
        ))
    };
    let damaged = |err: &dyn std::fmt::Display| {
        Unreadable::new(format!(
            "{name} cannot be unpacked ({err}): the file is damaged or encrypted; open it in Word or LibreOffice and save it again as .docx"
        ))
    };
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(err) => return Err(damaged(&err)),
    };
    let limit = budget.left.min(MAX_PART);
    let limit_named = if limit == MAX_PART {
        MAX_PART
    } else {
        budget.max
    };
    // The declared size is only a hint, but a declared bomb is refused unread.
    if entry.size() > limit {
        return Err(bomb(limit_named));
    }
    // Room for what it declares (at most the bound), so that reading does
    // not double the buffer past the bound.
    let mut bytes =
        Vec::with_capacity(usize::try_from(entry.size().min(limit).saturating_add(1)).unwrap_or(0));
    entry
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| damaged(&err))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(bomb(limit_named));
    }
    budget.left = budget.left.saturating_sub(read);
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn the_parts_are_read_and_absent_ones_are_none() {
        let zip = zip_of(&[(DOCUMENT, b"<d/>"), ("word/styles.xml", b"<s/>")]);
        let package = open(&zip, 1000).unwrap();
        assert_eq!(package.document, b"<d/>");
        assert_eq!(package.styles.as_deref(), Some(&b"<s/>"[..]));
        assert!(package.numbering.is_none());
    }

    #[test]
    fn the_bound_counts_every_part_read() {
        let zip = zip_of(&[(DOCUMENT, &[b' '; 600]), ("word/styles.xml", &[b' '; 600])]);
        assert!(open(&zip, 1300).is_ok());
        let err = open(&zip, 1000).unwrap_err();
        assert!(
            err.reason
                .starts_with("a zip bomb: word/styles.xml unpacks past 1000 bytes"),
            "{}",
            err.reason
        );
        assert!(open(&zip, 500).is_err());
    }

    #[test]
    fn an_archive_of_too_many_entries_is_refused_unread() {
        let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("m/{i}")).collect();
        let mut entries: Vec<(&str, &[u8])> =
            names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        entries.push((DOCUMENT, b"<d/>"));
        let err = open(&zip_of(&entries), 1 << 20).unwrap_err();
        assert!(
            err.reason.starts_with("a zip of 20002 entries"),
            "{}",
            err.reason
        );
        entries.truncate(MAX_ENTRIES - 1);
        entries.push((DOCUMENT, b"<d/>"));
        assert!(open(&zip_of(&entries), 1 << 20).is_ok());
    }

    #[test]
    fn not_a_zip_and_no_document_are_unreadable() {
        assert!(
            open(b"PK\x03\x04 not really", 1000)
                .unwrap_err()
                .reason
                .starts_with("not a zip archive")
        );
        let zip = zip_of(&[("content.xml", b"<d/>")]);
        assert!(
            open(&zip, 1000)
                .unwrap_err()
                .reason
                .contains("without word/document.xml")
        );
    }
}
