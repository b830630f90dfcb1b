//! The command line: clap arguments, whose doc comments are the help text.
//! Nothing below `main.rs` sees clap; the commands take plain values.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Full-text search for negotiating texts: every draft cut into citable
/// paragraphs, with draft, section, label and pillar.
#[derive(Debug, Parser)]
#[command(name = "negotext", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  negotext parse corpus/2022-07-28-crp1.txt\n  negotext parse corpus/2022-07-20-rev1.txt --json | jq -c 'select(.type==\"chunk\") | .data.label'"
)]
pub struct Opts {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show how one file is cut into documents and citable chunks.
    ///
    /// Prints every document the file holds (cover letter, draft, annexes)
    /// and every chunk with its label, section, pillar, source lines and
    /// citation, its text as the draft reads, and its marked insertions,
    /// deletions and footnotes. Exit status: 0 when chunks were found, 1 when
    /// the file yields none (the warnings say why), 2 on error.
    Parse {
        /// The file to parse (any text file; a corpus file is best).
        file: PathBuf,
        /// Print JSON Lines ({"type": "document"|"chunk"|"warning", "data": …}) instead.
        #[arg(long)]
        json: bool,
        /// The corpus directory whose manifest.toml applies [default: the file's directory].
        #[arg(long, value_name = "DIR")]
        corpus: Option<PathBuf>,
    },
}
