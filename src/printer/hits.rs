//! Search results, stats and shown chunks, for people.
//!
//! A hit is three lines or more:
//!
//! ```text
//! crp1 16(a)  A/AC.292/2022/CRP.1, para. 16(a)
//!   CRP.1 · 28 July 2022 · E. Confidence-building measures · cbm
//!   …establish a global, inter-governmental points of contact directory…
//! ```
//!
//! — what to give `negotext show`, the citation; the draft, date, section
//! and pillar (and the page, `pdf p. 7`, of a PDF's chunk); the snippet, wrapped, matched words highlighted. After the
//! hits, the total and the facet counts of the whole result set.

use std::io::{self, Write};
use std::ops::Range;

use super::color::{Palette, Style};
use super::human::{wrap, write_body};
use super::sanitize::sanitize;
use crate::model::{Record, View};
use crate::search::suggest::Suggestion;
use crate::search::{Counts, FacetStats, Hit, Results, Stats};

/// How far text under a hit's first line is indented.
const INDENT: &str = "  ";

/// Writes the hits, then the total and the facets.
pub fn write_results<W: Write>(
    out: &mut W,
    results: &Results,
    offset: usize,
    palette: Palette,
) -> io::Result<()> {
    for hit in &results.hits {
        write_hit(out, hit, palette)?;
        writeln!(out)?;
    }
    write_summary(out, results, offset, palette)
}

/// Writes one hit.
pub fn write_hit<W: Write>(out: &mut W, hit: &Hit, palette: Palette) -> io::Result<()> {
    write_title(
        out,
        &[
            (Style::Key, &hit.key),
            (Style::Citation, &hit.record.chunk.citation),
        ],
        palette,
    )?;
    write_place(out, &[], &hit.record, &[], palette)?;
    if hit.versions.len() > 1 {
        let versions: Vec<&str> = hit.versions.iter().map(|v| v.key.as_str()).collect();
        writeln!(
            out,
            "  {}",
            palette.paint(Style::Meta, &format!("versions: {}", versions.join(" → ")))
        )?;
    }
    match hit.snippet_view {
        View::Deleted => writeln!(out, "  {}", palette.paint(Style::Note, "struck out:"))?,
        View::Removed => writeln!(
            out,
            "  {}",
            palette.paint(Style::Note, "removed since the previous draft:")
        )?,
        _ => {}
    }
    let (text, spans) = marked_matches(&hit.snippet.text, &hit.snippet.highlights, palette);
    write_wrapped(out, &text, &spans, palette)
}

/// A snippet and its matched words as spans to paint, each marked `**…**`
/// first when the palette marks matches.
fn marked_matches(
    text: &str,
    highlights: &[[usize; 2]],
    palette: Palette,
) -> (String, Vec<(Range<usize>, Style)>) {
    if !palette.marks_matches() {
        let spans = highlights
            .iter()
            .map(|[a, b]| (*a..*b, Style::Match))
            .collect();
        return (text.to_string(), spans);
    }
    let mut marked = String::with_capacity(text.len() + 4 * highlights.len());
    let mut spans = Vec::with_capacity(highlights.len());
    let mut at = 0;
    for [start, end] in highlights {
        let (Some(before), Some(matched)) = (text.get(at..*start), text.get(*start..*end)) else {
            continue;
        };
        marked.push_str(before);
        let from = marked.len();
        marked.push_str("**");
        marked.push_str(matched);
        marked.push_str("**");
        spans.push((from..marked.len(), Style::Match));
        at = *end;
    }
    marked.push_str(text.get(at..).unwrap_or_default());
    (marked, spans)
}

/// Writes `text` wrapped and indented by two spaces, painting each span
/// (byte ranges into `text`, sorted, not overlapping) in its style.
pub fn write_wrapped<W: Write>(
    out: &mut W,
    text: &str,
    spans: &[(Range<usize>, Style)],
    palette: Palette,
) -> io::Result<()> {
    for line in wrap(text, palette.width().saturating_sub(INDENT.len())) {
        let start = line.as_ptr() as usize - text.as_ptr() as usize;
        write!(out, "{INDENT}")?;
        write_styled(out, line, start, spans, palette)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Writes `line` (which starts at byte `start` of its text), painting the
/// parts inside `spans`.
fn write_styled<W: Write>(
    out: &mut W,
    line: &str,
    start: usize,
    spans: &[(Range<usize>, Style)],
    palette: Palette,
) -> io::Result<()> {
    let end = start + line.len();
    let mut at = start;
    for (range, style) in spans {
        let from = range.start.clamp(at, end);
        let to = range.end.clamp(from, end);
        if from == to {
            continue;
        }
        let plain = line.get(at - start..from - start).unwrap_or_default();
        let painted = line.get(from - start..to - start).unwrap_or_default();
        write!(out, "{}", sanitize(plain))?;
        write!(out, "{}", palette.paint(*style, painted))?;
        at = to;
    }
    write!(
        out,
        "{}",
        sanitize(line.get(at - start..).unwrap_or_default())
    )
}

/// Writes a chunk shown whole (`negotext show`): citation, place, file and
/// lines, then its text, changes and footnotes.
pub fn write_shown<W: Write>(out: &mut W, record: &Record, palette: Palette) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        palette.paint(Style::Citation, &record.chunk.citation)
    )?;
    let lines = format!("{} {}", record.document.file, record.chunk.lines);
    write_place(out, &[], record, &[lines], palette)?;
    write_body(out, &record.chunk, INDENT, palette.width())
}

/// `CRP.1 · 28 July 2022 · E. Confidence-building measures · cbm`.
pub fn place(record: &Record) -> String {
    place_parts(record).join(" · ")
}

/// Writes parts of a line of metadata (`lead` first, then the record's
/// place, then `tail`), indented, painted as metadata and wrapped to the
/// width between parts.
pub fn write_place<W: Write>(
    out: &mut W,
    lead: &[&str],
    record: &Record,
    tail: &[String],
    palette: Palette,
) -> io::Result<()> {
    let mut parts: Vec<String> = lead
        .iter()
        .map(|part| part.to_string())
        .chain(place_parts(record))
        .chain(tail.iter().cloned())
        .map(|part| sanitize(&part).into_owned())
        .collect();
    // A first part too long for a line (a long citation) is wrapped on
    // lines of its own; the others follow.
    while parts
        .first()
        .is_some_and(|part| INDENT.len() + part.chars().count() > palette.width())
    {
        let mut part = parts.remove(0);
        if !parts.is_empty() {
            part.push_str(" ·");
        }
        write_wrapped(out, &part, &[(0..part.len(), Style::Meta)], palette)?;
    }
    if parts.is_empty() {
        return Ok(());
    }
    let items: Vec<(usize, String)> = parts
        .iter()
        .map(|part| {
            let painted = palette.paint(Style::Meta, part).into_owned();
            (part.chars().count(), painted)
        })
        .collect();
    let margin = INDENT.len() + 2;
    write_items(out, (INDENT, margin), &items, " · ", palette.width())
}

/// Writes `head`, then the items separated by `separator`, going on to a
/// new line, `margin` columns in, before an item that would pass `width`
/// columns. Each item comes with how many columns it takes (colour takes
/// none).
fn write_items<W: Write>(
    out: &mut W,
    (head, margin): (&str, usize),
    items: &[(usize, String)],
    separator: &str,
    width: usize,
) -> io::Result<()> {
    let gap = separator.chars().count();
    // What ends a line that goes on below (` ·`).
    let trail = separator.trim_end().chars().count();
    write!(out, "{head}")?;
    let mut column = head.chars().count();
    for (i, (columns, item)) in items.iter().enumerate() {
        if i > 0 {
            let end = column + gap + columns + if i + 1 < items.len() { trail } else { 0 };
            if end > width {
                write!(out, "{}\n{:margin$}", separator.trim_end(), "")?;
                column = margin;
            } else {
                write!(out, "{separator}")?;
                column += gap;
            }
        }
        write!(out, "{item}")?;
        column += columns;
    }
    writeln!(out)
}

/// Writes the first line of an entry (what to give `show`, the citation,
/// more), its parts apart by two spaces; when they do not fit the width,
/// each part after the first goes on lines of its own, indented and
/// wrapped.
pub fn write_title<W: Write>(
    out: &mut W,
    parts: &[(Style, &str)],
    palette: Palette,
) -> io::Result<()> {
    let items: Vec<(usize, String)> = parts
        .iter()
        .map(|(style, text)| {
            let columns = sanitize(text).chars().count();
            (columns, palette.paint(*style, text).into_owned())
        })
        .collect();
    let columns: usize = items.iter().map(|(columns, _)| columns + 2).sum();
    if columns <= palette.width() + 2 {
        return write_items(out, ("", 0), &items, "  ", usize::MAX);
    }
    let Some(((style, first), rest)) = parts.split_first() else {
        return writeln!(out);
    };
    writeln!(out, "{}", palette.paint(*style, first))?;
    for (style, text) in rest {
        write_wrapped(out, text, &[(0..text.len(), *style)], palette)?;
    }
    Ok(())
}

/// The parts of [`place`].
fn place_parts(record: &Record) -> Vec<String> {
    let document = &record.document;
    let chunk = &record.chunk;
    let mut parts = vec![document.draft.display_name()];
    if let Some(dates) = document.dates() {
        parts.push(dates.to_string());
    }
    if let Some(section) = &chunk.section {
        parts.push(format!("{}. {}", section.number, section.heading));
    }
    parts.push(chunk.pillar.to_string());
    if !chunk.attributions.is_empty() {
        parts.push(format!("by {}", chunk.attributions.join(", ")));
    }
    if let Some(pages) = chunk.pages {
        parts.push(format!("{} {pages}", document.format));
    }
    parts
}

/// `4 hits (1–4 shown)` and the facet counts.
pub fn write_summary<W: Write>(
    out: &mut W,
    results: &Results,
    offset: usize,
    palette: Palette,
) -> io::Result<()> {
    let (total, noun) = match results.paragraphs {
        Some(paragraphs) => (
            paragraphs,
            if paragraphs == 1 {
                "paragraph"
            } else {
                "paragraphs"
            },
        ),
        None => (
            results.total,
            if results.total == 1 { "hit" } else { "hits" },
        ),
    };
    let end = offset.saturating_add(results.hits.len());
    let shown = if results.hits.is_empty() || results.hits.len() >= total {
        String::new()
    } else if end < total {
        format!(" ({}–{end} shown; --offset {end} for more)", offset + 1)
    } else {
        format!(" ({}–{end} shown)", offset + 1)
    };
    writeln!(
        out,
        "{} {noun}{shown} in {:.1} ms",
        palette.paint(Style::Count, &total.to_string()),
        results.elapsed.as_secs_f64() * 1000.0
    )?;
    if total > 0 {
        let facets = &results.facets;
        for (title, counts, max) in [
            ("by pillar", &facets.pillar, usize::MAX),
            ("by draft", &facets.draft, MAX_NAMED),
            ("by doc kind", &facets.doc_kind, usize::MAX),
            ("by symbol", &facets.symbol, MAX_NAMED),
            ("by author", &facets.author, MAX_NAMED),
        ] {
            if !counts.0.is_empty() {
                write_counts(out, &format!("{title:<11}"), counts, max, palette)?;
            }
        }
    }
    Ok(())
}

/// The line that says a query word is in no chunk, and the nearest words
/// that are: `no hits for "sovreignty"; did you mean: sovereignty?`.
pub fn suggestion_line(suggestion: &Suggestion) -> String {
    let word = sanitize(&suggestion.word);
    let nearest: Vec<String> = suggestion
        .nearest
        .iter()
        .map(|word| sanitize(word).into_owned())
        .collect();
    format!(
        "no hits for \"{word}\"; did you mean: {}?",
        nearest.join(", ")
    )
}

/// When `--offset` is past the last hit (and there are hits): the line
/// that says so and where the last page starts, `no hits from 101: there
/// are 18; try --offset 10`.
pub fn past_the_end(results: &Results, offset: usize, limit: usize) -> Option<String> {
    let total = results.paragraphs.unwrap_or(results.total);
    if limit == 0 || total == 0 || offset < total {
        return None;
    }
    let last_page = (total - 1) / limit * limit;
    let are = if total == 1 { "is" } else { "are" };
    Some(format!(
        "no hits from {}: there {are} {total}; try --offset {last_page}",
        offset.saturating_add(1)
    ))
}

/// How many drafts (or symbols) a summary line names; a long negotiation
/// archive has thousands, which no line can hold (`--json` lists them
/// all).
const MAX_NAMED: usize = 12;

/// Writes one line of counts in their order; when there are more than
/// `max`, the `max` largest (in that order) and how many were left out.
fn write_counts<W: Write>(
    out: &mut W,
    title: &str,
    counts: &Counts,
    max: usize,
    palette: Palette,
) -> io::Result<()> {
    let mut shown: Vec<(usize, &(String, u64))> = counts.0.iter().enumerate().collect();
    if shown.len() > max {
        // The largest counts, ties to the earlier key; then back in order.
        shown.sort_by(|&(a, (_, x)), &(b, (_, y))| y.cmp(x).then(a.cmp(&b)));
        shown.truncate(max);
        shown.sort_unstable_by_key(|&(i, _)| i);
    }
    // Each item with how many columns it takes (colour takes none).
    let mut items: Vec<(usize, String)> = shown
        .iter()
        .map(|(_, (key, count))| {
            let (key, count) = (sanitize(key), count.to_string());
            let columns = key.chars().count() + 1 + count.len();
            let item = format!("{key} {}", palette.paint(Style::Count, &count));
            (columns, item)
        })
        .collect();
    let hidden = counts.0.len() - shown.len();
    if hidden > 0 {
        let more = format!("… {hidden} more (--json lists all)");
        items.push((more.chars().count(), more));
    }
    let head = format!("  {title}: ");
    let margin = head.chars().count();
    write_items(out, (&head, margin), &items, " · ", palette.width())
}

/// Writes the chunks of each draft, then per pillar (a document of no
/// report under the name it is shown as), then the documents and chunks
/// of each kind of document and of each symbol: tables that fit 80
/// columns (a long name is cut with `…` in the pillar table, whole in
/// the first).
pub fn write_stats<W: Write>(out: &mut W, stats: &Stats) -> io::Result<()> {
    writeln!(
        out,
        "{} chunks in {} documents from {} files;\nthe analyzer learned {} acronyms and {} compounds",
        stats.chunks, stats.documents, stats.files, stats.acronyms, stats.compounds
    )?;
    let names: Vec<String> = stats
        .drafts
        .iter()
        .map(|d| sanitize(&d.key).into_owned())
        .collect();
    let name_width = names
        .iter()
        .map(|name| name.chars().count())
        .chain([5])
        .max()
        .unwrap_or(5);
    writeln!(
        out,
        "\n{:<name_width$}  {:>10}  {:>6}  {:>8}  {:>8}",
        "draft", "date", "chunks", "softened", "hardened"
    )?;
    for (draft, name) in stats.drafts.iter().zip(&names) {
        let date = draft.date.map(|d| d.iso()).unwrap_or_default();
        writeln!(
            out,
            "{name:<name_width$}  {date:>10}  {:>6}  {:>8}  {:>8}",
            draft.chunks, draft.softened, draft.hardened
        )?;
    }
    let shifted = |pick: fn(&crate::search::DraftStats) -> u64| -> u64 {
        stats.drafts.iter().map(pick).sum()
    };
    writeln!(
        out,
        "{:<name_width$}  {:>10}  {:>6}  {:>8}  {:>8}",
        "all",
        "",
        stats.chunks,
        shifted(|d| d.softened),
        shifted(|d| d.hardened)
    )?;

    write_unsettled(out, stats, &names, name_width)?;

    let pillars: Vec<(&str, &str)> = crate::model::Pillar::ALL
        .iter()
        .map(|p| (p.name(), pillar_header(p.name())))
        .collect();
    let column = |header: &str| header.len().max(5);
    let columns: usize = pillars.iter().map(|(_, header)| 2 + column(header)).sum();
    let name_width = name_width.min(STATS_WIDTH.saturating_sub(columns)).max(5);
    write!(out, "\n{:<name_width$}", "draft")?;
    for (_, header) in &pillars {
        write!(out, "  {:>w$}", header, w = column(header))?;
    }
    writeln!(out)?;
    let row = |out: &mut W, name: &str, counts: &Counts| -> io::Result<()> {
        write!(out, "{:<name_width$}", cut(name, name_width))?;
        for (pillar, header) in &pillars {
            write!(out, "  {:>w$}", counts.get(pillar), w = column(header))?;
        }
        writeln!(out)
    };
    for (draft, name) in stats.drafts.iter().zip(&names) {
        row(out, name, &draft.pillars)?;
    }
    row(out, "all", &stats.pillars)?;
    let renamed: Vec<(usize, String)> = pillars
        .iter()
        .filter(|(name, header)| name != header)
        .map(|(name, header)| {
            let item = format!("{header}: {name}");
            (item.chars().count(), item)
        })
        .collect();
    write_items(out, ("", 0), &renamed, ", ", STATS_WIDTH)?;
    for (title, rows) in [("doc kind", &stats.doc_kinds), ("symbol", &stats.symbols)] {
        if !rows.is_empty() {
            writeln!(out)?;
            write_facet_stats(out, title, rows)?;
        }
    }
    Ok(())
}

/// The square brackets and options of each draft, when a draft has any
/// (a negotiating text): a table of its own.
fn write_unsettled<W: Write>(
    out: &mut W,
    stats: &Stats,
    names: &[String],
    name_width: usize,
) -> io::Result<()> {
    if stats
        .drafts
        .iter()
        .all(|d| d.brackets == 0 && d.options == 0)
    {
        return Ok(());
    }
    writeln!(
        out,
        "\n{:<name_width$}  {:>8}  {:>7}",
        "draft", "brackets", "options"
    )?;
    for (draft, name) in stats.drafts.iter().zip(names) {
        writeln!(
            out,
            "{name:<name_width$}  {:>8}  {:>7}",
            draft.brackets, draft.options
        )?;
    }
    Ok(())
}

/// The width the `stats` tables fit.
const STATS_WIDTH: usize = 80;

/// A pillar's column header in the `stats` table: short enough for 80
/// columns.
fn pillar_header(name: &str) -> &str {
    match name {
        "international-law" => "law",
        "capacity-building" => "capacity",
        "institutional-dialogue" => "dialogue",
        other => other,
    }
}

/// `name` cut to `width` characters, the last one `…` when cut.
fn cut(name: &str, width: usize) -> String {
    if name.chars().count() <= width {
        return name.to_string();
    }
    let mut cut: String = name.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A table of documents and chunks per name (kind of document, symbol).
fn write_facet_stats<W: Write>(out: &mut W, title: &str, rows: &[FacetStats]) -> io::Result<()> {
    let width = rows
        .iter()
        .map(|row| sanitize(&row.name).chars().count())
        .chain([title.len()])
        .max()
        .unwrap_or(title.len());
    writeln!(out, "{title:<width$}  {:>9}  {:>6}", "documents", "chunks")?;
    for row in rows {
        let name = sanitize(&row.name);
        writeln!(
            out,
            "{name:<width$}  {:>9}  {:>6}",
            row.documents, row.chunks
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(counts: &[(&str, u64)], max: usize) -> String {
        let counts = Counts(counts.iter().map(|(k, c)| (k.to_string(), *c)).collect());
        let mut out = Vec::new();
        write_counts(&mut out, "by draft ", &counts, max, Palette::plain()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_long_draft_line_names_the_largest_in_order_and_how_many_more() {
        let counts = [
            ("a/zd", 1),
            ("a/rev1", 5),
            ("b/zd", 3),
            ("b/rev1", 5),
            ("c/zd", 2),
        ];
        assert_eq!(
            line(&counts, 3),
            "  by draft : a/rev1 5 · b/zd 3 · b/rev1 5 · … 2 more (--json lists all)\n"
        );
        assert_eq!(
            line(&counts, 5),
            "  by draft : a/zd 1 · a/rev1 5 · b/zd 3 · b/rev1 5 · c/zd 2\n"
        );
        // Ties go to the earlier draft.
        assert_eq!(
            line(&[("x", 1), ("y", 1), ("z", 1)], 2),
            "  by draft : x 1 · y 1 · … 1 more (--json lists all)\n"
        );
    }
}
