//! Histories and redlines, for people.
//!
//! A word diff is shown in colour on a terminal (added words green and
//! underlined, removed words red and struck through) or, without colour,
//! marked `[+added+]` and `[-removed-]`.

use std::io::{self, Write};
use std::ops::Range;

use super::color::{Palette, Style};
use super::hits::{place, write_wrapped};
use super::sanitize::sanitize;
use crate::history::diff::{Change, WordDiff};
use crate::model::Record;
use crate::search::Cited;
use crate::search::redline::{Entry, Redline};
use crate::search::trace::History;

/// Writes the history of one paragraph: each version, oldest first, with
/// its diff against the version before.
pub fn write_history<W: Write>(out: &mut W, history: &History, palette: Palette) -> io::Result<()> {
    let drafts: Vec<String> = history.drafts.iter().map(|d| d.short()).collect();
    writeln!(
        out,
        "{} {}",
        palette.paint(Style::Meta, &format!("report {}:", history.report)),
        palette.paint(Style::Meta, &drafts.join(" → "))
    )?;
    if !history.aligned {
        writeln!(
            out,
            "{}",
            palette.paint(
                Style::Note,
                "(only the paragraphs and recommended next steps of a draft are followed across drafts)"
            )
        )?;
    }
    if let Some(draft) = history.new_in {
        writeln!(
            out,
            "{}",
            palette.paint(Style::Note, &format!("new in {}", draft.display_name()))
        )?;
    }
    for version in &history.versions {
        writeln!(out)?;
        let mut title = format!("{}  ", palette.paint(Style::Key, &version.key));
        title.push_str(&palette.paint(Style::Citation, &version.record.chunk.citation));
        let previous = &version.record.links.previous;
        if !previous.is_empty() {
            let from: Vec<String> = previous
                .iter()
                .map(|link| format!("{} {} ({:.2})", link.draft.short(), link.label, link.score))
                .collect();
            title.push_str(&format!(
                "  {}",
                palette.paint(Style::Meta, &format!("from {}", from.join(", ")))
            ));
        }
        writeln!(out, "{title}")?;
        writeln!(
            out,
            "  {}",
            palette.paint(Style::Meta, &place(&version.record))
        )?;
        match &version.diff {
            Some(diff) if diff.is_unchanged() => {
                writeln!(out, "  {}", palette.paint(Style::Note, "(unchanged)"))?;
                write_wrapped(out, &version.record.chunk.text, &[], palette)?;
            }
            Some(diff) => write_diff(out, diff, palette)?,
            None => write_wrapped(out, &version.record.chunk.text, &[], palette)?,
        }
        if version.record.chunk.is_struck() {
            writeln!(
                out,
                "  {}",
                palette.paint(Style::Note, "(struck out whole)")
            )?;
        }
    }
    if let Some(draft) = history.dropped_after {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            palette.paint(
                Style::Note,
                &format!("dropped after {}", draft.display_name())
            )
        )?;
    }
    Ok(())
}

/// Writes the redline of one draft against another.
pub fn write_redline<W: Write>(out: &mut W, redline: &Redline, palette: Palette) -> io::Result<()> {
    for entry in &redline.entries {
        match entry {
            Entry::Changed {
                older,
                newer,
                score,
                diff,
            } => {
                let from: Vec<&str> = older.iter().map(|c| c.key.as_str()).collect();
                let title = format!("{} ← {}", newer.key, from.join(" + "));
                writeln!(
                    out,
                    "{}  {}",
                    palette.paint(Style::Key, &title),
                    palette.paint(Style::Meta, &format!("similarity {score:.2}"))
                )?;
                write_place(out, &newer.record, palette)?;
                write_diff(out, diff, palette)?;
            }
            Entry::Added(Cited { key, record }) => {
                writeln!(
                    out,
                    "{}  {}",
                    palette.paint(Style::Key, key),
                    palette.paint(
                        Style::Added,
                        &format!("new in {}", redline.to.display_name())
                    )
                )?;
                write_place(out, record, palette)?;
                write_wrapped(out, &record.chunk.text, &[], palette)?;
            }
            Entry::Dropped(Cited { key, record }) => {
                writeln!(
                    out,
                    "{}  {}",
                    palette.paint(Style::Key, key),
                    palette.paint(
                        Style::Removed,
                        &format!("not in {}", redline.to.display_name())
                    )
                )?;
                write_place(out, record, palette)?;
                write_wrapped(out, &record.chunk.text, &[], palette)?;
            }
        }
        writeln!(out)?;
    }
    let counts = redline.counts();
    writeln!(
        out,
        "{} → {} ({}): {} changed, {} new, {} dropped, {} unchanged",
        redline.from.display_name(),
        redline.to.display_name(),
        sanitize(&redline.report),
        counts.changed,
        counts.added,
        counts.dropped,
        redline.unchanged
    )
}

fn write_place<W: Write>(out: &mut W, record: &Record, palette: Palette) -> io::Result<()> {
    writeln!(
        out,
        "  {}",
        palette.paint(
            Style::Meta,
            &format!("{} · {}", record.chunk.citation, place(record))
        )
    )
}

/// Writes a word diff, wrapped: coloured, or marked when colour is off.
pub fn write_diff<W: Write>(out: &mut W, diff: &WordDiff, palette: Palette) -> io::Result<()> {
    if !palette.is_enabled() {
        return write_wrapped(out, &diff.marked(), &[], palette);
    }
    let mut text = String::new();
    let mut spans: Vec<(Range<usize>, Style)> = Vec::new();
    for segment in &diff.segments {
        let start = text.len();
        text.push_str(&segment.text);
        match segment.change {
            Change::Equal => {}
            Change::Insert => spans.push((start..text.len(), Style::Added)),
            Change::Delete => spans.push((start..text.len(), Style::Removed)),
        }
    }
    write_wrapped(out, &text, &spans, palette)
}
