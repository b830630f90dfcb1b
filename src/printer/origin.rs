//! `negotext origin`, for people: the document where a phrase first
//! appears, then each later one, with the chunks that hold it, and the
//! drafts that dropped it.
//!
//! ```text
//! first in apr1/rev1 · 20 July 2022
//!   rev1 10(a)
//!     Draft first annual progress report, Rev.1 (20 July 2022), para. 10(a)
//!   rev1 next-steps-E.2
//!     Draft first annual progress report, Rev.1 (20 July 2022), section E,
//!     recommended next step 2
//! then in apr1/crp1 · 28 July 2022
//!   crp1 16(a)  A/AC.292/2022/CRP.1, para. 16(a)
//!   …
//! 4 chunks in 2 documents
//! ```

use std::io::{self, Write};

use super::color::{Palette, Style};
use super::human::wrap;
use super::sanitize::sanitize;
use crate::search::origin::{Appearance, Origin};

/// Writes a chunk's key and citation on one line, indented; when they do
/// not fit the width, the citation goes below, wrapped, indented further.
fn write_cited<W: Write>(
    out: &mut W,
    key: &str,
    citation: &str,
    palette: Palette,
) -> io::Result<()> {
    let (key, citation) = (sanitize(key), sanitize(citation));
    let fits = 2 + key.chars().count() + 2 + citation.chars().count() <= palette.width();
    let key = palette.paint(Style::Key, &key);
    if fits {
        return writeln!(
            out,
            "  {key}  {}",
            palette.paint(Style::Citation, &citation)
        );
    }
    writeln!(out, "  {key}")?;
    for line in wrap(&citation, palette.width().saturating_sub(4)) {
        writeln!(out, "    {}", palette.paint(Style::Citation, line))?;
    }
    Ok(())
}

/// Writes where the phrase first appears, then every later document.
pub fn write_origin<W: Write>(out: &mut W, origin: &Origin, palette: Palette) -> io::Result<()> {
    for (i, appearance) in origin.appearances.iter().enumerate() {
        let when = if i == 0 { "first in" } else { "then in" };
        writeln!(
            out,
            "{} {}",
            palette.paint(Style::Note, when),
            palette.paint(Style::Meta, &sanitize(&heading(appearance)))
        )?;
        for cited in &appearance.chunks {
            write_cited(out, &cited.key, &cited.record.chunk.citation, palette)?;
        }
    }
    for dropped in &origin.dropped {
        writeln!(
            out,
            "{}",
            palette.paint(
                Style::Removed,
                &format!(
                    "dropped in {}/{} (after {})",
                    sanitize(&dropped.report),
                    dropped.draft.short(),
                    dropped.after.short()
                )
            )
        )?;
    }
    let documents = origin.appearances.len();
    writeln!(
        out,
        "{} {} in {} {}{}",
        origin.chunks,
        if origin.chunks == 1 {
            "chunk"
        } else {
            "chunks"
        },
        documents,
        if documents == 1 {
            "document"
        } else {
            "documents"
        },
        if origin.cut {
            " (only the best-ranked were read: make the phrase longer)"
        } else {
            ""
        }
    )
}

/// The document by its symbol, else by its draft (`A/RES/77/321 · 6 July
/// 2023`, `apr1/rev1 · 20 July 2022`), with what it is when it comes with
/// a draft but is not it (`apr1/zero-draft · 22 June 2022 · letter`); an
/// undated document says so.
fn heading(appearance: &Appearance) -> String {
    let document = &appearance.document;
    let mut parts = vec![
        document
            .symbol
            .clone()
            .unwrap_or_else(|| appearance.draft_key.clone()),
    ];
    match document.dates() {
        Some(dates) => parts.push(dates.to_string()),
        None => parts.push("undated, so placed last (give its date in manifest.toml)".to_string()),
    }
    if document.report.is_some() && !document.kind.is_negotiated_draft() {
        parts.push(document.kind.display_name().to_string());
    }
    parts.join(" · ")
}
