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
use crate::search::{Counts, FacetStats, Hit, Results, Stats};

/// Width to which snippets are wrapped.
const WIDTH: usize = 96;

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
    writeln!(
        out,
        "{}  {}",
        palette.paint(Style::Key, &hit.key),
        palette.paint(Style::Citation, &hit.record.chunk.citation)
    )?;
    writeln!(out, "  {}", palette.paint(Style::Meta, &place(&hit.record)))?;
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
    let spans: Vec<(Range<usize>, Style)> = hit
        .snippet
        .highlights
        .iter()
        .map(|[a, b]| (*a..*b, Style::Match))
        .collect();
    write_wrapped(out, &hit.snippet.text, &spans, palette)
}

/// Writes `text` wrapped and indented by two spaces, painting each span
/// (byte ranges into `text`, sorted, not overlapping) in its style.
pub fn write_wrapped<W: Write>(
    out: &mut W,
    text: &str,
    spans: &[(Range<usize>, Style)],
    palette: Palette,
) -> io::Result<()> {
    for line in wrap(text, WIDTH) {
        let start = line.as_ptr() as usize - text.as_ptr() as usize;
        write!(out, "  ")?;
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
    let place = format!(
        "{} · {} {}",
        place(record),
        record.document.file,
        record.chunk.lines
    );
    writeln!(out, "  {}", palette.paint(Style::Meta, &place))?;
    write_body(out, &record.chunk, "  ")
}

/// `CRP.1 · 28 July 2022 · E. Confidence-building measures · cbm`.
pub fn place(record: &Record) -> String {
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
    if let Some(pages) = chunk.pages {
        parts.push(format!("{} {pages}", document.format));
    }
    parts.join(" · ")
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
    let shown = if results.hits.is_empty() {
        String::new()
    } else if results.hits.len() < total {
        format!(
            " ({}–{} shown; --offset {} for more)",
            offset + 1,
            offset + results.hits.len(),
            offset + results.hits.len()
        )
    } else {
        String::new()
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
    let mut items: Vec<String> = shown
        .iter()
        .map(|(_, (key, count))| {
            format!(
                "{} {}",
                sanitize(key),
                palette.paint(Style::Count, &count.to_string())
            )
        })
        .collect();
    let hidden = counts.0.len() - shown.len();
    if hidden > 0 {
        items.push(format!("… {hidden} more (--json lists all)"));
    }
    writeln!(out, "  {title}: {}", items.join(" · "))
}

/// Writes the chunks of each draft per pillar, as a table (a document of
/// no report under the name it is shown as), then the documents and
/// chunks of each kind of document and of each symbol.
pub fn write_stats<W: Write>(out: &mut W, stats: &Stats) -> io::Result<()> {
    writeln!(
        out,
        "{} chunks in {} documents from {} files; the analyzer learned {} acronyms and {} compounds",
        stats.chunks, stats.documents, stats.files, stats.acronyms, stats.compounds
    )?;
    let pillars: Vec<&str> = crate::model::Pillar::ALL.iter().map(|p| p.name()).collect();
    let draft_width = stats
        .drafts
        .iter()
        .map(|d| sanitize(&d.key).chars().count())
        .chain([5])
        .max()
        .unwrap_or(5);
    let column = |name: &str| name.len().max(5);
    write!(
        out,
        "\n{:<draft_width$}  {:>10}  {:>6}",
        "draft", "date", "chunks"
    )?;
    for name in &pillars {
        write!(out, "  {:>w$}", name, w = column(name))?;
    }
    writeln!(out)?;
    let row =
        |out: &mut W, name: String, date: String, chunks: u64, counts: &Counts| -> io::Result<()> {
            let name = sanitize(&name);
            write!(out, "{name:<draft_width$}  {date:>10}  {:>6}", chunks)?;
            for name in &pillars {
                write!(out, "  {:>w$}", counts.get(name), w = column(name))?;
            }
            writeln!(out)
        };
    for draft in &stats.drafts {
        row(
            out,
            draft.key.clone(),
            draft.date.map(|d| d.iso()).unwrap_or_default(),
            draft.chunks,
            &draft.pillars,
        )?;
    }
    row(
        out,
        "all".to_string(),
        String::new(),
        stats.chunks,
        &stats.pillars,
    )?;
    for (title, rows) in [("doc kind", &stats.doc_kinds), ("symbol", &stats.symbols)] {
        if !rows.is_empty() {
            writeln!(out)?;
            write_facet_stats(out, title, rows)?;
        }
    }
    Ok(())
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
