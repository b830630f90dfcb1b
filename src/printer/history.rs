//! Histories and redlines, for people.
//!
//! A word diff is always marked `[+added+]` and `[-removed-]`, a space
//! between a removed and an added run, so that it reads without colour
//! (piped, `NO_COLOR`, a colour-blind reader); on a terminal the marked runs
//! are coloured too (added green and underlined, removed red and struck
//! through).

use std::io::{self, Write};
use std::ops::Range;

use super::color::{Palette, Style};
use super::hits::{write_place, write_title, write_wrapped};
use super::sanitize::sanitize;
use crate::history::diff::{Change, WordDiff};
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
        let previous = &version.record.links.previous;
        let from: Vec<String> = previous
            .iter()
            .map(|link| format!("{} {} ({:.2})", link.draft.short(), link.label, link.score))
            .collect();
        let from = format!("from {}", from.join(", "));
        let mut title = vec![
            (Style::Key, version.key.as_str()),
            (Style::Citation, version.record.chunk.citation.as_str()),
        ];
        if !previous.is_empty() {
            title.push((Style::Meta, &from));
        }
        write_title(out, &title, palette)?;
        write_place(out, &[], &version.record, &[], palette)?;
        match &version.diff {
            Some(diff) if diff.is_unchanged() => {
                writeln!(out, "  {}", palette.paint(Style::Note, "(unchanged)"))?;
                write_wrapped(out, &version.record.chunk.text, &[], palette)?;
            }
            Some(diff) => {
                write_diff(out, diff, palette)?;
                let links = &version.record.links;
                write_strength(out, &links.softened, &links.hardened, palette)?;
                write_brackets(out, &version.cleared, &version.bracketed, palette)?;
            }
            None => write_wrapped(out, &version.record.chunk.text, &[], palette)?,
        }
        if version.record.chunk.is_struck() {
            writeln!(
                out,
                "  {}",
                palette.paint(Style::Note, "(struck out whole)")
            )?;
        }
        let next = &version.record.links.next;
        if next.len() > 1 {
            let into: Vec<String> = next
                .iter()
                .map(|link| format!("{} {} ({:.2})", link.draft.short(), link.label, link.score))
                .collect();
            // What moved to the other parts reads as removed in each.
            let note = format!("split into {}", into.join(", "));
            writeln!(out, "  {}", palette.paint(Style::Note, &note))?;
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
                softened,
                hardened,
                cleared,
                bracketed,
            } => {
                let from: Vec<&str> = older.iter().map(|c| c.key.as_str()).collect();
                let title = format!("{} ← {}", newer.key, from.join(" + "));
                writeln!(
                    out,
                    "{}  {}",
                    palette.paint(Style::Key, &title),
                    palette.paint(Style::Meta, &format!("similarity {score:.2}"))
                )?;
                write_place(
                    out,
                    &[&newer.record.chunk.citation],
                    &newer.record,
                    &[],
                    palette,
                )?;
                write_diff(out, diff, palette)?;
                write_strength(out, softened, hardened, palette)?;
                write_brackets(out, cleared, bracketed, palette)?;
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
                write_place(out, &[&record.chunk.citation], record, &[], palette)?;
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
                write_place(out, &[&record.chunk.citation], record, &[], palette)?;
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

/// Writes a word diff, wrapped: removed and added runs marked `[-…-]` and
/// `[+…+]` (apart when they would touch), and coloured when colour is on.
pub fn write_diff<W: Write>(out: &mut W, diff: &WordDiff, palette: Palette) -> io::Result<()> {
    let (text, runs) = diff.marked_runs();
    let spans: Vec<(Range<usize>, Style)> = runs
        .into_iter()
        .map(|(range, change)| {
            let style = match change {
                Change::Delete => Style::Removed,
                Change::Insert | Change::Equal => Style::Added,
            };
            (range, style)
        })
        .collect();
    write_wrapped(out, &text, &spans, palette)
}

/// Writes the bracketed passages a version cleared and those it added,
/// a line each when there are some: `cleared: [shall], [should]`.
fn write_brackets<W: Write>(
    out: &mut W,
    cleared: &[String],
    bracketed: &[String],
    palette: Palette,
) -> io::Result<()> {
    for (what, passages) in [("cleared", cleared), ("bracketed", bracketed)] {
        if passages.is_empty() {
            continue;
        }
        let list: Vec<String> = passages.iter().map(|p| sanitize(p).into_owned()).collect();
        let line = format!("{what}: {}", list.join(", "));
        write_wrapped(out, &line, &[(0..what.len() + 1, Style::Note)], palette)?;
    }
    Ok(())
}

/// Writes how a paragraph's wording was softened and hardened, a line per
/// scale: `softened: modal: shall → should`.
fn write_strength<W: Write>(
    out: &mut W,
    softened: &[String],
    hardened: &[String],
    palette: Palette,
) -> io::Result<()> {
    for (what, style, shifts) in [
        ("softened", Style::Note, softened),
        ("hardened", Style::Note, hardened),
    ] {
        for shift in shifts {
            let line = format!("{what}: {}", sanitize(shift));
            writeln!(out, "  {}", palette.paint(style, &line))?;
        }
    }
    Ok(())
}
