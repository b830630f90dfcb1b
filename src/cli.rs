//! The command line: clap arguments, whose doc comments are the help text.
//! Nothing below `main.rs` sees clap; the commands take plain values.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Full-text search for negotiating texts: every draft cut into citable
/// paragraphs, with draft, section, label and pillar.
#[derive(Debug, Parser)]
#[command(name = "negotext", version, about, long_about = None)]
#[command(after_help = "Examples:
  negotext search '\"inter-governmental points of contact\"'
  negotext search PoC --draft crp1 --pillar cbm
  negotext search 'deleted:\"Red Cross\"' --draft rev1
  negotext show crp1 '16(a)'
  negotext history crp1 '16(a)'
  negotext diff rev1 crp1 --pillar cbm
  negotext search 'added:\"inter-governmental\"'
  negotext stats
  negotext index --corpus corpus --index index

The index is built on first use and refreshed when the corpus changes.
Exit status: 0 found, 1 nothing found, 2 error.")]
pub struct Opts {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the corpus and the index are.
#[derive(Debug, Args)]
pub struct Places {
    /// The corpus directory: draft files, manifest.toml, glossary.toml.
    /// By default the corpus the index was built from, else `corpus`. An
    /// index built from another corpus is refused (`index --rebuild`
    /// builds it from this one).
    #[arg(long, value_name = "DIR", env = "NEGOTEXT_CORPUS")]
    pub corpus: Option<PathBuf>,
    /// The index directory: new, empty, or a negotext index (marked by its
    /// negotext-index.toml), outside the corpus; created when missing. Any
    /// other directory is refused, untouched.
    #[arg(
        long,
        value_name = "DIR",
        env = "NEGOTEXT_INDEX",
        default_value = "index"
    )]
    pub index: PathBuf,
    /// Skip corpus files larger than this many MiB, with a warning (the
    /// manifest and the glossary too: the defaults then apply). A report is
    /// parsed whole, at about 4 times its size in memory.
    #[arg(
        long,
        value_name = "MiB",
        env = "NEGOTEXT_MAX_FILE_SIZE",
        default_value_t = negotext::corpus::DEFAULT_MAX_FILE_SIZE >> 20
    )]
    pub max_file_size: u64,
}

impl Places {
    /// The corpus: `--corpus` (or `NEGOTEXT_CORPUS`), else the one the
    /// index records, else `corpus`.
    pub fn corpus_dir(&self) -> PathBuf {
        self.corpus
            .clone()
            .or_else(|| negotext::index::recorded_corpus(&self.index))
            .unwrap_or_else(|| PathBuf::from("corpus"))
    }

    /// [`Places::max_file_size`] in bytes.
    pub fn max_file_size_bytes(&self) -> u64 {
        self.max_file_size.saturating_mul(1 << 20)
    }
}

/// A count (`--limit`, `--offset`): a whole number, 0 or more.
fn count(value: &str) -> Result<usize, String> {
    value
        .trim()
        .parse()
        .map_err(|_| "give a whole number, 0 or more".to_string())
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// The filters of `search` (and of a saved search).
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only this draft: zero-draft, rev1, crp1, l1…, or report/draft
    /// (apr1/rev1); or a document of no report by the name the "by
    /// draft" counts show (A/RES/77/321, "Letter of 24 March 2022").
    /// Repeat for any of several.
    #[arg(long, value_name = "DRAFT")]
    pub draft: Vec<String>,
    /// Only this pillar: threats, norms, international-law, cbm,
    /// capacity-building, institutional-dialogue, general. Repeat, or
    /// separate with commas (cbm,general), for any of several.
    #[arg(long, value_name = "PILLAR", value_delimiter = ',')]
    pub pillar: Vec<String>,
    /// Only this document (2022-07-28-crp1/draft) or corpus file.
    #[arg(long, value_name = "ID")]
    pub doc: Option<String>,
    /// Only this kind of chunk: paragraph, next-step, letter, annex,
    /// title, header, other.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only chunks of this kind of document: draft-report, letter,
    /// annex… (`negotext stats` lists the kinds the index holds).
    /// Repeat, or separate with commas, for any of several.
    #[arg(long, value_name = "KIND", value_delimiter = ',')]
    pub doc_kind: Vec<String>,
    /// Only chunks of the document with this symbol
    /// (A/AC.292/2022/CRP.1), in any case. Repeat for any of several.
    #[arg(long, value_name = "SYMBOL")]
    pub symbol: Vec<String>,
}

impl FilterArgs {
    /// The filters as the search takes them.
    pub fn filters(self) -> negotext::search::Filters {
        negotext::search::Filters {
            drafts: self.draft,
            pillars: self.pillar,
            doc: self.doc,
            kind: self.kind,
            doc_kinds: self.doc_kind,
            symbols: self.symbol,
        }
    }
}

/// What `negotext watch` does besides running the saved searches.
#[derive(Debug, Subcommand)]
pub enum WatchAction {
    /// Save a search under NAME, and run it once: the next `negotext
    /// watch` reports what changes after.
    Add {
        /// What to call it: `pocs`.
        name: String,
        /// The query, as `search` takes it.
        #[arg(allow_hyphen_values = true, value_name = "QUERY")]
        query: String,
        /// More of the query, joined to it by spaces.
        #[arg(value_name = "WORDS")]
        words: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        /// Match words exactly as typed: no stemming, compounds or acronyms.
        #[arg(long)]
        exact: bool,
        #[command(flatten)]
        places: Places,
    },
    /// List the saved searches.
    List {
        /// Print JSON Lines: a {"type":"saved"} per saved search.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        places: Places,
    },
    /// Forget the saved search NAME.
    Remove {
        name: String,
        #[command(flatten)]
        places: Places,
    },
}

/// How `search` prints its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people: each hit's key, citation, place and snippet, then the
    /// total and the counts.
    Text,
    /// JSON Lines, as --json.
    Json,
    /// A Markdown list to paste into a memo: each citation in bold, its
    /// snippet quoted, the matched words in bold.
    Md,
    /// CSV for a spreadsheet: a header row, then one row per hit with its
    /// citation, draft, date, pillar, label, file, lines and whole text.
    Csv,
}

/// When to mark matched words `**…**`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MarkerChoice {
    /// When the output is not coloured because it is piped, NO_COLOR is
    /// set or TERM is dumb (`--color never` keeps the text plain).
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search the drafts: ranked, highlighted paragraphs with citations.
    ///
    /// Prints the best hits, then the total and how all hits spread over
    /// pillars, drafts, kinds of document and symbols. The index is built
    /// or refreshed first when the corpus changed.
    ///
    /// Query syntax:
    ///   words               all required: `states cooperation`
    ///   "a phrase"          the words in this order: `"points of contact"`
    ///   "a phrase"~N        the words may move N positions: `"contact points"~2`
    ///   a OR b              either (OR binds tighter than the implicit AND)
    ///   -word, NOT word     exclude: `PoC -directory`, `-"Red Cross"`
    ///   ( … )               group: `(CBM OR PoC) directory`
    ///   inserted:word       in Rev.1's marked insertions
    ///   deleted:"a phrase"  in Rev.1's struck-out words (never searched otherwise)
    ///   added:word          among the words a draft added to its paragraph's previous version
    ///   removed:"a phrase"  among the words a draft removed from it
    ///   bracketed:word      in the passages in [square brackets] (not agreed yet)
    ///   softened:shall      paragraphs whose shall (or urges, condemns…) a
    ///                       draft made weaker; hardened: the other way
    ///   text:word           in what each draft says (the default)
    ///   author:"Name"       chunks with a Word file's tracked changes by Name
    ///   by:EU               chunks proposed by EU ([EU: …], Proposed by EU:, sponsors)
    ///   comment:word        in a Word file's comments (never searched otherwise)
    ///
    /// Words are stemmed (`measure` finds `measures`); hyphenated compounds
    /// match every spelling (`inter-governmental`, `intergovernmental`);
    /// acronyms match their plurals and expansions (`PoC` finds `POCs` and
    /// `points of contact`); --exact turns all of that off.
    ///
    /// Exit status: 0 hits found, 1 none, 2 error.
    #[command(verbatim_doc_comment)]
    #[command(after_help = "Examples:
  negotext search '\"inter-governmental points of contact\"'
  negotext search PoC --draft crp1
  negotext search CBM --pillar cbm --pillar capacity-building
  negotext search 'deleted:\"Red Cross\"' --draft rev1
  negotext search '(PoC OR CBM) directory -regional' --limit 20
  negotext search measures --exact --json | jq -r 'select(.type==\"hit\") | .data.citation'
  negotext search '\"points of contact\"' --format md --limit 5
  negotext search PoC --format csv --limit 100 | head -3")]
    Search {
        /// The query. Quote phrases and brackets for the shell: '"a
        /// phrase"', '(PoC OR CBM) directory'. It may start with `-`
        /// (-directory PoC).
        #[arg(allow_hyphen_values = true, value_name = "QUERY")]
        query: String,
        /// More of the query, joined to it by spaces: `negotext search
        /// human rights` finds both words, as 'human rights' does.
        #[arg(value_name = "WORDS")]
        words: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        /// How many hits to show (0: only count).
        #[arg(long, short = 'n', value_name = "N", default_value_t = 10,
              allow_hyphen_values = true, value_parser = count)]
        limit: usize,
        /// Skip the N best hits (for the next page).
        #[arg(long, value_name = "N", default_value_t = 0,
              allow_hyphen_values = true, value_parser = count)]
        offset: usize,
        /// Match words exactly as typed: no stemming, compounds or acronyms.
        #[arg(long)]
        exact: bool,
        /// One hit per paragraph: its versions in the drafts grouped
        /// (zero-draft 6(a) → rev1 10(a) → crp1 16(a)), the best shown;
        /// facets then count paragraphs.
        #[arg(long)]
        collapse: bool,
        /// Print JSON Lines: a {"type":"hit"} per hit, then a {"type":"summary"}
        /// (the same as --format json).
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// How to print the hits: text, json, md (a citation list to paste
        /// into a memo), csv (for a spreadsheet).
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Colour the output.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Mark matched words **like this**, so that they stand out without
        /// colour (only in the text format).
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = MarkerChoice::Auto)]
        marker: MarkerChoice,
        #[command(flatten)]
        places: Places,
    },
    /// Show one chunk whole, with its footnotes: `negotext show crp1 '16(a)'`.
    ///
    /// The citation is a draft (crp1, rev1, apr1/rev1) or a document id,
    /// then a label, as the first column of `negotext search` prints it;
    /// `16a`, `'16 (a)'` and `para 16(a)` read as `16(a)`.
    Show {
        /// The draft (or document) and the label: `crp1 16(a)`.
        #[arg(required = true, num_args = 1.., value_name = "CITATION")]
        citation: Vec<String>,
        /// Print JSON Lines: a {"type":"chunk"} per chunk.
        #[arg(long)]
        json: bool,
        /// Colour the output.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[command(flatten)]
        places: Places,
    },
    /// Follow a paragraph through every draft of its report:
    /// `negotext history crp1 '16(a)'`.
    ///
    /// Prints each version, oldest first, with its label and a word diff
    /// against the version before ([+added+] and [-removed-], and on a
    /// terminal also green and underlined, red and struck through), and
    /// says when the paragraph is new in a later draft or was dropped. Versions are linked by text similarity, across
    /// renumbering, moves between sections, splits and merges.
    History {
        /// The draft (or document) and the label: `crp1 16(a)`.
        #[arg(required = true, num_args = 1.., value_name = "CITATION")]
        citation: Vec<String>,
        /// Print JSON Lines: a {"type":"version"} per version, then a {"type":"history"}.
        #[arg(long)]
        json: bool,
        /// Colour the output.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[command(flatten)]
        places: Places,
    },
    /// The redline of one draft against another: `negotext diff rev1 crp1`.
    ///
    /// Every paragraph that changed, with its word diff ([+added+],
    /// [-removed-]), then the new and the dropped ones. Exit status: 0 when
    /// something changed, 1 when nothing did, 2 on error (one draft twice,
    /// or drafts of different reports).
    Diff {
        /// The older draft: zero-draft, rev1, crp1… or report/draft.
        from: String,
        /// The newer draft.
        to: String,
        /// Only paragraphs of this pillar (repeat, or separate with
        /// commas: cbm,general).
        #[arg(long, value_name = "PILLAR", value_delimiter = ',')]
        pillar: Vec<String>,
        /// Print JSON Lines: "changed", "added", "dropped" lines, then a "summary".
        #[arg(long)]
        json: bool,
        /// Colour the output.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[command(flatten)]
        places: Places,
    },
    /// Where agreed language comes from: the first document whose text
    /// holds a phrase, then every later one, and the drafts that dropped it.
    ///
    /// The phrase is searched as `search` does (stems, compounds, acronyms;
    /// --exact turns them off); documents are put in time order by date,
    /// then by draft. Exit status: 0 found, 1 not found, 2 error.
    ///
    ///   negotext origin '"points of contact directory"'
    Origin {
        /// The phrase, quoted for the shell: '"a phrase"'.
        query: String,
        /// Match words exactly as typed: no stemming, compounds or acronyms.
        #[arg(long)]
        exact: bool,
        /// Print JSON Lines: an {"type":"appearance"} per document, oldest
        /// first, a {"type":"dropped"} per draft that dropped it, then an
        /// {"type":"origin"}.
        #[arg(long)]
        json: bool,
        /// Colour the output.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[command(flatten)]
        places: Places,
    },
    /// Saved searches, and what changed in their hits: `negotext watch`.
    ///
    /// `negotext watch add NAME QUERY` saves a search (with the filters of
    /// `search`) and runs it once; `negotext watch` then runs every saved
    /// search and prints, for each, the hits that are new or changed since
    /// it last ran, and the ones gone — drop a new draft in the corpus and
    /// see what moved. The searches live in watches.json in the index
    /// directory (kept by `index --rebuild`).
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:
  negotext watch add pocs '\"points of contact\"' --pillar cbm
  negotext watch
  negotext watch --json
  negotext watch list
  negotext watch remove pocs"
    )]
    Watch {
        #[command(subcommand)]
        action: Option<WatchAction>,
        /// Print JSON Lines: a {"type":"watch"} per saved search.
        #[arg(long)]
        json: bool,
        /// Colour the output.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[command(flatten)]
        places: Places,
    },
    /// Count the indexed chunks per draft and pillar, per kind of document
    /// and per symbol.
    Stats {
        /// Print one JSON line {"type":"stats"}.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        places: Places,
    },
    /// Build or update the index (search does it on first use).
    ///
    /// Only files whose content changed are parsed again; removed files
    /// leave the index. The update is one atomic commit: a killed indexer
    /// leaves the last index searchable. One indexer at a time.
    ///
    /// A damaged index, or one made by another version of negotext, is
    /// never thrown away unasked: `index` and `search` say so and exit 2;
    /// `negotext index --rebuild` builds it again.
    Index {
        /// Print nothing but errors (no progress bar either).
        #[arg(long, short)]
        quiet: bool,
        /// Throw the index away and build it again from the corpus: for a
        /// damaged index, or one made by another version of negotext. A
        /// directory that is not a negotext index is still refused.
        #[arg(long)]
        rebuild: bool,
        /// tantivy's indexing memory budget, in MB, shared by its threads
        /// (at least 16; one thread per 16 MB, up to one per core).
        #[arg(long, value_name = "MB", default_value_t = 128, value_parser = clap::value_parser!(u64).range(16..))]
        memory: u64,
        #[command(flatten)]
        places: Places,
    },
    /// Serve the search as a web page on this machine: search with facets,
    /// paragraph histories and redlines in the browser, and a JSON API.
    ///
    /// Prints the address, then answers until Ctrl-C. Listens on loopback
    /// only unless --addr says otherwise. The corpus is watched: when a
    /// file is added, changed or removed, the index is updated in the
    /// background while searches keep answering from its last commit.
    ///
    /// Pages: / (search), /paragraph?c=crp1+16(a), /redline?from=rev1&to=crp1,
    /// /help. JSON Lines, as the CLI's --json: /api/search?q=…,
    /// /api/show?c=…, /api/history?c=…, /api/diff?from=…&to=…, /api/stats.
    Serve {
        /// The address to listen on (port 0: any free port).
        #[arg(long, value_name = "IP:PORT", default_value = negotext::serve::DEFAULT_ADDR)]
        addr: std::net::SocketAddr,
        /// Open the search page in the default browser once serving.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        places: Places,
    },
    /// Print a shell completion script: `negotext completions bash`.
    ///
    /// bash:  negotext completions bash > ~/.local/share/bash-completion/completions/negotext
    /// zsh:   negotext completions zsh > ~/.zfunc/_negotext   (with ~/.zfunc in fpath)
    /// fish:  negotext completions fish > ~/.config/fish/completions/negotext.fish
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `negotext man | man -l -`.
    ///
    /// To install it: negotext man > ~/.local/share/man/man1/negotext.1
    Man,
    /// Show how one file is cut into documents and citable chunks.
    ///
    /// Prints every document the file holds (cover letter, draft, annexes)
    /// and every chunk with its label, section, pillar, source lines (and
    /// pages, for a PDF) and citation, its text as the draft reads, its
    /// marked insertions, deletions and footnotes, and a Word file's tracked
    /// changes (who, when) and comments. Exit status: 0 when chunks were
    /// found, 1 when the file yields none (the warnings say why), 2 on error.
    Parse {
        /// The file to parse: a PDF, a Word file (.docx), an HTML page or
        /// text, told by its content (a corpus file is best).
        file: PathBuf,
        /// Print JSON Lines ({"type": "document"|"chunk"|"warning", "data": …}) instead.
        #[arg(long)]
        json: bool,
        /// The corpus directory whose manifest.toml applies [default: the file's directory].
        #[arg(long, value_name = "DIR")]
        corpus: Option<PathBuf>,
    },
}
