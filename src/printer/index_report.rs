//! What `negotext index` says it did: the files it parsed with their
//! chunk counts, the files it removed, the totals; or that the index was
//! already up to date.
//!
//! The report is plain data, filled by the binary from the index's own
//! report, so that the printer depends on nothing of the index.
//!
//! ```
//! use negotext::printer::index_report::{IndexReport, write_index_report};
//! let report = IndexReport {
//!     corpus: "corpus",
//!     index: "index",
//!     fresh: false,
//!     plan: "d.md added".to_string(),
//!     parsed: &[("d.md".to_string(), 12)],
//!     removed: &[],
//!     chunks: 12,
//!     files: 1,
//!     seconds: 0.5,
//! };
//! let mut out = Vec::new();
//! write_index_report(&mut out, &report).unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with("indexed corpus into index (d.md added):"));
//! ```

use std::io::{self, Write};

use super::sanitize::sanitize;

/// What an index update did, as the `index` command reports it.
#[derive(Debug, Clone)]
pub struct IndexReport<'a> {
    /// The corpus directory, as given.
    pub corpus: &'a str,
    /// The index directory, as given.
    pub index: &'a str,
    /// Whether the index was already up to date (nothing parsed).
    pub fresh: bool,
    /// What changed, or why everything was indexed again.
    pub plan: String,
    /// The files parsed, with their chunk counts, in corpus order.
    pub parsed: &'a [(String, usize)],
    /// The files whose chunks were removed.
    pub removed: &'a [String],
    /// Chunks and files in the index after the update.
    pub chunks: usize,
    pub files: usize,
    /// How long the update took.
    pub seconds: f64,
}

/// Writes `report`: one line when the index was up to date, else a line
/// for what changed, one per file parsed or removed, and the totals.
pub fn write_index_report<W: Write>(out: &mut W, report: &IndexReport) -> io::Result<()> {
    let (corpus, index) = (sanitize(report.corpus), sanitize(report.index));
    if report.fresh {
        return writeln!(
            out,
            "{index} is up to date with {corpus}: {} chunks from {} files",
            report.chunks, report.files
        );
    }
    writeln!(
        out,
        "indexed {corpus} into {index} ({}):",
        sanitize(&report.plan)
    )?;
    for (file, chunks) in report.parsed {
        writeln!(out, "  {:<48} {chunks:>4} chunks", sanitize(file))?;
    }
    for file in report.removed {
        writeln!(out, "  {:<48} removed", sanitize(file))?;
    }
    writeln!(
        out,
        "{} chunks from {} files in {:.2} s",
        report.chunks, report.files, report.seconds
    )
}
