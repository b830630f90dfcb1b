//! `negotext watch`, for people: for each saved search, what is new,
//! changed and gone since it last ran.
//!
//! ```text
//! pocs: "points of contact" · 2 new · 1 changed · 18 hits
//! new
//! crp2 16(a)  A/AC.292/2022/CRP.2, para. 16(a)
//!   CRP.2 · 5 August 2022 · E. Confidence-Building Measures · cbm
//!   …snippet…
//!
//! changed
//! …
//! gone: rev1 10(a)
//! ```

use std::io::{self, Write};

use super::color::{Palette, Style};
use super::hits::write_hit;
use super::sanitize::sanitize;
use crate::watch::{Report, Watch};

/// Writes the report of one saved search.
pub fn write_report<W: Write>(out: &mut W, report: &Report, palette: Palette) -> io::Result<()> {
    let mut counts = Vec::new();
    for (n, what) in [
        (report.new.len(), "new"),
        (report.changed.len(), "changed"),
        (report.gone.len(), "gone"),
    ] {
        if n > 0 {
            counts.push(format!("{n} {what}"));
        }
    }
    if counts.is_empty() {
        counts.push("nothing new or changed".to_string());
    }
    let hits = match report.total {
        1 => "1 hit".to_string(),
        n => format!("{n} hits"),
    };
    counts.push(if report.cut {
        format!("{hits}, the first {} compared", crate::watch::MAX_HITS)
    } else {
        hits
    });
    writeln!(
        out,
        "{}: {} · {}",
        palette.paint(Style::Key, &sanitize(&report.name)),
        sanitize(&report.query),
        palette.paint(Style::Meta, &counts.join(" · "))
    )?;
    for (title, hits) in [("new", &report.new), ("changed", &report.changed)] {
        if hits.is_empty() {
            continue;
        }
        writeln!(out, "{}", palette.paint(Style::Note, title))?;
        for hit in hits {
            write_hit(out, hit, palette)?;
            writeln!(out)?;
        }
    }
    if !report.gone.is_empty() {
        let gone: Vec<String> = report
            .gone
            .iter()
            .map(|k| sanitize(k).into_owned())
            .collect();
        writeln!(
            out,
            "{} {}",
            palette.paint(Style::Note, "gone:"),
            palette.paint(Style::Removed, &gone.join(", "))
        )?;
    }
    Ok(())
}

/// Writes one line for a saved search: its name, query, filters and how
/// many hits its last run found.
pub fn write_saved<W: Write>(out: &mut W, watch: &Watch) -> io::Result<()> {
    let filters = &watch.filters;
    let mut parts = vec![sanitize(&watch.query).into_owned()];
    for (flag, values) in [
        ("--draft", &filters.drafts),
        ("--pillar", &filters.pillars),
        ("--doc-kind", &filters.doc_kinds),
        ("--symbol", &filters.symbols),
    ] {
        for value in values {
            parts.push(format!("{flag} {}", sanitize(value)));
        }
    }
    for (flag, value) in [("--doc", &filters.doc), ("--kind", &filters.kind)] {
        if let Some(value) = value {
            parts.push(format!("{flag} {}", sanitize(value)));
        }
    }
    if watch.exact {
        parts.push("--exact".to_string());
    }
    writeln!(
        out,
        "{}  {}  ({} hits last run)",
        sanitize(&watch.name),
        parts.join(" "),
        watch.seen.len()
    )
}
