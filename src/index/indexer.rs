//! Corpus → index: parse the files that changed, replace their chunks,
//! commit once.
//!
//! Every run reads and fingerprints every corpus file (cheap: the corpus is
//! text) and compares with the [`IndexState`] of the last commit:
//!
//! - an index of another schema version, or a changed manifest or glossary,
//!   is rebuilt whole;
//! - otherwise new and changed files are parsed (in parallel) and their
//!   chunks replace the old ones, removed files' chunks are deleted, and
//!   unchanged files are not touched — unless the [`Lexicon`](crate::analysis::Lexicon) learned from
//!   the whole corpus changed (a new acronym definition, a new compound),
//!   which changes every file's analysis and so rebuilds the whole index.
//!
//! All of it is one tantivy commit, with the new state as its payload: a
//! killed indexer leaves the last commit searchable. One indexer at a time
//! holds the [`IndexLock`].

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexMeta, IndexWriter, TantivyDocument, Term};

use super::directory::Writes;
use super::entry;
use super::fingerprint::fingerprint;
use super::lock::IndexLock;
use super::marker;
use super::placement::outside_corpus;
use super::schema::{Fields, SCHEMA_VERSION, View, draft_facet, pillar_facet};
use super::state::{DocumentSummary, FileState, IndexState, Stamp};
use super::{
    Existing, create, damage, leftovers, mark_building, open_existing, open_for_writing,
    open_reader, remove_index_files, unmark_building, usable,
};
use crate::analysis::{self, Learner};
use crate::corpus::{self, Bounded, Corpus, CorpusFile, Decoded};
use crate::error::{Error, Result};
use crate::history::lineage;
use crate::model::{Document, NO_REPORT, Record};
use crate::parse::{self, Warning};

/// This build's identity (see `build.rs`).
const BUILD: &str = env!("NEGOTEXT_BUILD");

/// tantivy's indexing memory budget by default, shared by its threads.
pub const DEFAULT_WRITER_MEMORY: usize = 128 << 20;

/// The smallest budget tantivy accepts for one indexing thread.
const MIN_MEMORY_PER_THREAD: usize = 15 << 20;

/// How an update runs.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// tantivy's indexing memory budget in bytes, shared by its threads.
    pub memory: usize,
    /// Told, as files are parsed, how much is done.
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
    /// Throw the index away and build it again from the corpus, even when
    /// it is damaged or of another version (`negotext index --rebuild`).
    pub rebuild: bool,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            memory: DEFAULT_WRITER_MEMORY,
            progress: None,
            rebuild: false,
        }
    }
}

/// Why the whole index is (re)built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// There was no index.
    New,
    /// The index was made by another version (0: unreadable).
    OtherVersion(u32),
    /// The manifest or the glossary changed.
    Settings,
    /// negotext itself changed since the index was built.
    Build,
    /// The acronyms and compounds learned from the corpus changed.
    Lexicon,
    /// Asked for (`--rebuild`), of an index that was fine.
    Asked,
    /// Asked for (`--rebuild`), of a damaged index: what was wrong.
    Damaged(String),
}

impl fmt::Display for Rebuild {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rebuild::New => f.write_str("there was no index"),
            Rebuild::OtherVersion(0) => {
                f.write_str("the index was made by another version of negotext")
            }
            Rebuild::OtherVersion(version) => write!(
                f,
                "the index was made by another version of negotext (schema {version}, now {SCHEMA_VERSION})"
            ),
            Rebuild::Settings => f.write_str("the corpus manifest or glossary changed"),
            Rebuild::Build => f.write_str("negotext changed since the index was built"),
            Rebuild::Lexicon => {
                f.write_str("the acronyms and compounds learned from the corpus changed")
            }
            Rebuild::Asked => f.write_str("rebuilt as asked"),
            Rebuild::Damaged(problem) => write!(f, "the index was damaged: {problem}"),
        }
    }
}

/// What an update must do, or did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Set when every file is (re)indexed.
    pub rebuild: Option<Rebuild>,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// Unchanged files indexed again because a file of the same report
    /// changed (a report's drafts are linked together).
    pub relinked: Vec<String>,
    pub unchanged: usize,
    /// Unchanged files whose size or time changed, or settled, since they
    /// were indexed: recording their stamps spares the next checks from
    /// reading them ([`restamp`]).
    pub restamp: usize,
}

impl Plan {
    /// Whether the index already matches the corpus.
    pub fn is_fresh(&self) -> bool {
        self.rebuild.is_none()
            && self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
    }
}

impl fmt::Display for Plan {
    /// `2 files changed, 1 added` or the rebuild reason.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        match &self.rebuild {
            // What changed, then why that meant indexing everything again.
            Some(Rebuild::Lexicon) => {}
            Some(reason) => return write!(f, "{reason}"),
            None => {}
        }
        for (files, what) in [
            (&self.added, "added"),
            (&self.changed, "changed"),
            (&self.removed, "removed"),
        ] {
            match files.as_slice() {
                [] => {}
                [file] => parts.push(format!("{file} {what}")),
                files => parts.push(format!("{} files {what}", files.len())),
            }
        }
        match self.relinked.len() {
            0 => {}
            1 => parts.push("1 file of the same report linked again".to_string()),
            n => parts.push(format!("{n} files of the same report linked again")),
        }
        if let Some(reason) = &self.rebuild {
            parts.push(format!("and {reason}: every file was indexed again"));
        }
        if parts.is_empty() {
            f.write_str("up to date")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// What an update did.
#[derive(Debug, Clone)]
pub struct Report {
    pub plan: Plan,
    /// The files parsed, with their chunk counts, in corpus order.
    pub parsed: Vec<(String, usize)>,
    /// Chunks in the index after the update.
    pub chunks: usize,
    /// Files in the index after the update.
    pub files: usize,
    /// What the parser noticed in the files it parsed.
    pub warnings: Vec<Warning>,
    pub elapsed: Duration,
}

/// A corpus file as the scan found it: its bytes are read again when it
/// is parsed, so an update never holds the corpus in memory.
struct Source<'a> {
    file: &'a CorpusFile,
    len: u64,
    fingerprint: String,
    /// Its size and time as the scan saw them, if they can vouch for the
    /// fingerprint.
    stamp: Option<Stamp>,
    /// Its report, found without parsing it (for the files the scan was
    /// asked about).
    report: Option<String>,
    /// Whether the update parses it (decided after the scan).
    parse: bool,
    /// What its reader gave, kept from the scan for the parse when the
    /// file is a PDF, DOCX or HTML file (reading a PDF costs about 10 ms a
    /// page) and [`KEPT_READS`] allows.
    read: Option<std::sync::Arc<Decoded>>,
}

/// How many bytes of text the scan keeps for the parse ([`Source::read`]);
/// a file past it is read again when it is parsed.
const KEPT_READS: u64 = 256 << 20;

/// What an update must do to bring the index at `dir` up to date with
/// `corpus`, without writing anything (the lexicon is only compared when
/// updating).
pub fn check(corpus: &Corpus, dir: &Path) -> Result<Plan> {
    outside_corpus(&corpus.dir, dir)?;
    let existing = usable(dir, open_existing(dir)?)?;
    let (sources, _) = scan(corpus, Scan::Check(&existing))?;
    Ok(plan(&existing, corpus, &sources))
}

/// Records the stamps of the unchanged files whose stamp the index lacks
/// (see [`Plan::restamp`]) in a commit of its own, with no document
/// changed; does nothing unless the index is otherwise fresh.
pub fn restamp(corpus: &Corpus, dir: &Path) -> Result<()> {
    outside_corpus(&corpus.dir, dir)?;
    let _lock = IndexLock::acquire(dir)?;
    let existing = open_existing(dir)?;
    let (sources, _) = scan(corpus, Scan::Check(&existing))?;
    let plan = plan(&existing, corpus, &sources);
    if let Existing::Current(_, state) = existing
        && plan.is_fresh()
        && plan.restamp > 0
    {
        commit_stamps(*state, &sources, dir)?;
    }
    Ok(())
}

/// Commits `state` with the stamps of `sources` (same files, same bytes).
fn commit_stamps(mut state: IndexState, sources: &[Source], dir: &Path) -> Result<()> {
    for source in sources {
        if let Some(file) = state.files.get_mut(&source.file.name) {
            file.stamp = source.stamp;
        }
    }
    let (index, writes) = open_for_writing(dir)?;
    let writer = open_writer(&index, &writes, dir, 1, MIN_MEMORY_PER_THREAD)?;
    commit(writer, &state, dir, &writes)
}

/// A writer of `index` (at `dir`), with `threads` indexing threads sharing
/// `memory` bytes and negotext's [`merge_policy`], once the leftovers of
/// interrupted updates are removed.
fn open_writer(
    index: &Index,
    writes: &Writes,
    dir: &Path,
    threads: usize,
    memory: usize,
) -> Result<IndexWriter> {
    let writer: IndexWriter = index
        .writer_with_num_threads(threads, memory)
        .map_err(|err| writes.explain(dir, err))?;
    leftovers::collect(&writer, dir, writes)?;
    writer.set_merge_policy(Box::new(merge_policy()));
    Ok(writer)
}

/// Brings the index at `dir` up to date with `corpus` (creating the
/// directory and the index if needed), with the default [`Options`].
pub fn update(corpus: &Corpus, dir: &Path) -> Result<Report> {
    update_with(corpus, dir, Options::default())
}

/// [`update`] with a memory budget and a progress callback.
///
/// Memory stays bounded whatever the size of the corpus: the scan reads
/// one file at a time per core (fingerprint, lexicon, report), and the
/// files are then parsed, linked and handed to tantivy one report at a
/// time per core, while tantivy's writer keeps to `options.memory`.
pub fn update_with(corpus: &Corpus, dir: &Path, options: Options<'_>) -> Result<Report> {
    let started = Instant::now();
    outside_corpus(&corpus.dir, dir)?;
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    // Refuses a directory that holds something else before writing
    // anything there, the lock included; marks an empty one (or an index
    // made before negotext marked its directories) as negotext's.
    open_existing(dir)?;
    if !marker::is_marked(dir) {
        marker::mark(dir)?;
    }
    let _lock = IndexLock::acquire(dir)?;
    let existing = checked(dir, open_existing(dir)?, options.rebuild)?;
    let (mut sources, learner) = scan(corpus, Scan::ForUpdate(&existing))?;
    let mut plan = plan(&existing, corpus, &sources);
    if options.rebuild {
        plan = rebuild(
            match &existing {
                Existing::None => Rebuild::New,
                Existing::OtherVersion(version) => Rebuild::OtherVersion(*version),
                Existing::Damaged(problem) => Rebuild::Damaged(problem.clone()),
                Existing::Current(..) => Rebuild::Asked,
            },
            &sources,
        );
    }
    let (index, old_state) = match existing {
        Existing::Current(index, state) => (Some(index), *state),
        Existing::None | Existing::OtherVersion(_) | Existing::Damaged(_) => {
            (None, IndexState::default())
        }
    };
    if plan.is_fresh() {
        let (chunks, files) = (old_state.chunks(), old_state.files.len());
        if let Some(index) = &index {
            if plan.restamp > 0 {
                commit_stamps(old_state, &sources, dir)?;
            } else if let Ok(metas) = index.load_metas() {
                // What an interrupted update left, though nothing changed:
                // its files, or the merges it did not finish.
                let due = merges_due(&metas);
                if leftovers::present(dir, &metas) || !due.is_empty() {
                    let (index, writes) = open_for_writing(dir)?;
                    let writer = open_writer(&index, &writes, dir, 1, MIN_MEMORY_PER_THREAD)?;
                    run_merges(writer, due, dir, &writes)?;
                }
            }
        }
        return Ok(Report {
            plan,
            parsed: Vec::new(),
            chunks,
            files,
            warnings: Vec::new(),
            elapsed: started.elapsed(),
        });
    }
    let lexicon = learner.finish(&corpus.glossary);
    if plan.rebuild.is_none() && lexicon != old_state.lexicon {
        plan.rebuild = Some(Rebuild::Lexicon);
    }

    // Opened again with a directory that records failed writes (under
    // the lock, nobody else committed meanwhile).
    let (index, writes) = match index {
        Some(_) => open_for_writing(dir)?,
        None => {
            mark_building(dir)?;
            remove_index_files(dir)?;
            create(dir)?
        }
    };
    analysis::register(&index, &lexicon);
    let fields = Fields::of(&index.schema())?;
    // One indexing thread per core, as many as the budget affords.
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(options.memory / MIN_MEMORY_PER_THREAD)
        .max(1);
    let writer = open_writer(
        &index,
        &writes,
        dir,
        threads,
        options.memory.max(MIN_MEMORY_PER_THREAD),
    )?;

    // The files to parse: new and changed ones, and every other file of
    // the reports they belong to (or belonged to) — a report's drafts are
    // linked together, so they are indexed together.
    let report_of = |source: &Source| -> Option<String> {
        match &source.report {
            Some(report) => Some(report.clone()),
            None => old_state
                .files
                .get(&source.file.name)
                .and_then(|file| file.documents.first())
                .map(|d| d.report.clone())
                .filter(|report| report != NO_REPORT),
        }
    };
    let new_or_changed: HashSet<&str> = plan
        .added
        .iter()
        .chain(&plan.changed)
        .map(String::as_str)
        .collect();
    for source in &mut sources {
        source.parse = plan.rebuild.is_some() || new_or_changed.contains(source.file.name.as_str());
    }
    drop(new_or_changed);
    let mut relinked = Vec::new();
    if plan.rebuild.is_none() {
        let mut reports: BTreeSet<String> = sources
            .iter()
            .filter(|s| s.parse)
            .filter_map(report_of)
            .collect();
        for name in plan.changed.iter().chain(&plan.removed) {
            if let Some(file) = old_state.files.get(name) {
                reports.extend(file.documents.iter().map(|d| d.report.clone()));
            }
        }
        reports.remove(NO_REPORT);
        for source in &mut sources {
            if !source.parse
                && let Some(file) = old_state.files.get(&source.file.name)
                && file.documents.iter().any(|d| reports.contains(&d.report))
            {
                source.parse = true;
                relinked.push(source.file.name.clone());
            }
        }
        for name in plan.changed.iter().chain(&plan.removed).chain(&relinked) {
            writer.delete_term(Term::from_field_text(fields.file, name));
        }
    } else {
        writer
            .delete_all_documents()
            .map_err(|err| writes.explain(dir, err))?;
    }
    plan.relinked = relinked;

    // A report's files in corpus order; a file of no report alone.
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, source) in sources.iter().enumerate().filter(|(_, s)| s.parse) {
        let group =
            report_of(source).unwrap_or_else(|| format!("{NO_REPORT}/{}", source.file.name));
        groups.entry(group).or_default().push(i);
    }
    let members = || groups.values().flatten();
    let progress = Tracker {
        files: AtomicU64::new(0),
        total_files: AtomicU64::new(members().count() as u64),
        done: AtomicU64::new(0),
        total: AtomicU64::new(
            members()
                .filter_map(|&i| sources.get(i))
                .map(|s| s.len)
                .sum(),
        ),
        report: options.progress,
    };
    let job = Job {
        sources: &sources,
        corpus,
        fields: &fields,
        writer: &writer,
        writes: &writes,
        dir,
        progress: &progress,
        analyzer: &analysis::analyzer(&lexicon),
    };
    let mut indexed: Vec<Indexed> = groups
        .into_par_iter()
        .map(|(_, members)| job.index_report(&members))
        .collect::<Result<Vec<Vec<Indexed>>>>()?
        .into_iter()
        .flatten()
        .collect();
    indexed.sort_by_key(|file| file.source);

    let mut state = IndexState {
        schema_version: SCHEMA_VERSION,
        negotext_version: env!("CARGO_PKG_VERSION").to_string(),
        build: BUILD.to_string(),
        settings: fingerprint(&corpus.settings),
        files: BTreeMap::new(),
        lexicon,
    };
    // Moved, not copied: the old state is not needed any more.
    let mut old_files = old_state.files;
    for source in &sources {
        if !source.parse
            && let Some((name, mut file)) = old_files.remove_entry(&source.file.name)
        {
            // Same bytes: the stamp of this scan (a touched file gets its
            // new time, and the check stops reading it).
            file.stamp = source.stamp;
            state.files.insert(name, file);
        }
    }
    drop(old_files);
    let mut warnings = Vec::new();
    let mut parsed = Vec::new();
    for file in indexed {
        warnings.extend(file.warnings);
        let Some(name) = sources.get(file.source).map(|s| &s.file.name) else {
            continue;
        };
        if let Some(file_state) = file.state {
            parsed.push((name.clone(), file_state.chunks));
            state.files.insert(name.clone(), file_state);
        }
    }

    commit(writer, &state, dir, &writes)?;
    unmark_building(dir)?;

    Ok(Report {
        plan,
        parsed,
        chunks: state.chunks(),
        files: state.files.len(),
        warnings,
        elapsed: started.elapsed(),
    })
}

/// `existing`, once its segments open: a damaged index or one of another
/// version is an error unless `rebuild` (then it is thrown away), never
/// deleted unasked.
fn checked(dir: &Path, existing: Existing, rebuild: bool) -> Result<Existing> {
    if let Existing::Current(index, _) = &existing {
        match open_reader(index, dir).and_then(|reader| damage::verify(&reader, dir)) {
            Ok(()) => {}
            Err(Error::IndexDamaged { problem, .. }) if rebuild => {
                return Ok(Existing::Damaged(problem));
            }
            Err(err) => return Err(err),
        }
    }
    if rebuild {
        Ok(existing)
    } else {
        usable(dir, existing)
    }
}

/// What a scan reads besides fingerprints.
enum Scan<'a> {
    /// Only the fingerprints, taken from what `existing` holds for a file
    /// whose stamp is unchanged (not read at all).
    Check(&'a Existing),
    /// The lexicon too, and the report of each file that the update will
    /// parse (given what `existing` holds).
    ForUpdate(&'a Existing),
}

/// The fingerprint of a file the scan could not read within the limits: no
/// fingerprint of bytes (hex) and not the empty one of a file that changed
/// while it was indexed, so it never matches what the index holds.
const UNREAD: &str = "unread";

/// Reads and fingerprints every corpus file, in parallel, one file per core
/// at a time; for an update, also learns the lexicon and finds the report
/// of each file that will be parsed.
fn scan<'c>(corpus: &'c Corpus, what: Scan<'_>) -> Result<(Vec<Source<'c>>, Learner)> {
    let settings = fingerprint(&corpus.settings);
    // Bytes of text kept for the parse so far (see `KEPT_READS`).
    let kept = AtomicU64::new(0);
    let now = std::time::SystemTime::now();
    // The fingerprint the index holds for `name`, if its stamp vouches
    // for it; only a check trusts stamps (an update reads every file for
    // the lexicon anyway).
    let vouched = |name: &str, stamp: Option<Stamp>| match &what {
        Scan::Check(Existing::Current(_, state)) => state
            .files
            .get(name)
            .filter(|file| file.stamp.is_some() && file.stamp == stamp)
            .map(|file| file.fingerprint.clone()),
        _ => None,
    };
    // Whether the index holds `name` as it is now, report included.
    let indexed = |name: &str, fingerprint: &str| match &what {
        Scan::ForUpdate(Existing::Current(_, state)) => {
            state.build == BUILD
                && state.settings == settings
                && state
                    .files
                    .get(name)
                    .is_some_and(|file| file.fingerprint == fingerprint)
        }
        _ => false,
    };
    // Reduced as the scan goes, in corpus order (rayon's reduce keeps the
    // order of an indexed iterator): holding every file's learner until
    // the end made the memory of a build grow with the number of files.
    corpus
        .files
        .par_iter()
        .map(|file| {
            let metadata = match std::fs::metadata(&file.path) {
                Ok(metadata) => metadata,
                // Removed since the corpus was listed: as if never there.
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    return Ok((Vec::new(), Learner::default()));
                }
                Err(err) => return Err(Error::io(&file.path, err)),
            };
            let stamp = Stamp::of(&metadata, now);
            if let Some(fingerprint) = vouched(&file.name, stamp) {
                let source = Source {
                    file,
                    len: metadata.len(),
                    fingerprint,
                    stamp,
                    report: None,
                    parse: false,
                    read: None,
                };
                return Ok((vec![source], Learner::default()));
            }
            let bytes = match corpus.read(file)? {
                Bounded::Bytes(bytes) => bytes,
                Bounded::Absent => return Ok((Vec::new(), Learner::default())),
                // Grown past the limit or no longer a regular file since the
                // listing: a source that matches nothing indexed, so that the
                // update tries it and says why it is left out.
                Bounded::Skipped(_) => {
                    let source = Source {
                        file,
                        len: metadata.len(),
                        fingerprint: UNREAD.to_string(),
                        stamp: None,
                        report: None,
                        parse: false,
                        read: None,
                    };
                    return Ok((vec![source], Learner::default()));
                }
            };
            // Bytes that changed between the stat and the read: no stamp.
            let stamp = stamp.filter(|stamp| stamp.len == bytes.len() as u64);
            let fingerprint = fingerprint(&bytes);
            let mut learner = Learner::default();
            let mut report = None;
            let mut read = None;
            if let Scan::ForUpdate(_) = what {
                let decoded = corpus::extract(&file.name, &bytes, corpus.max_file_size);
                if let Decoded::Text { text, .. } = &decoded {
                    learner.observe(text);
                }
                if !indexed(&file.name, &fingerprint) {
                    report = parse::report_of(&file.name, &decoded, &corpus.manifest);
                    read = keep(decoded, &kept);
                }
            }
            Ok((
                vec![Source {
                    file,
                    len: bytes.len() as u64,
                    fingerprint,
                    stamp,
                    report,
                    parse: false,
                    read,
                }],
                learner,
            ))
        })
        .try_reduce(
            || (Vec::new(), Learner::default()),
            |(mut sources, learner), (later, learned)| {
                sources.extend(later);
                Ok((sources, learner.merge(learned)))
            },
        )
}

/// `decoded`, to keep for the parse, when a reader other than the text
/// decoder made it (a PDF, DOCX or HTML file) and `kept` stays within
/// [`KEPT_READS`] with it.
fn keep(decoded: Decoded, kept: &AtomicU64) -> Option<std::sync::Arc<Decoded>> {
    let Decoded::Text { text, origin, .. } = &decoded else {
        return None;
    };
    if origin.format.is_text() {
        return None;
    }
    let size = text.len() as u64;
    let before = kept.fetch_add(size, Ordering::Relaxed);
    if before + size > KEPT_READS {
        kept.fetch_sub(size, Ordering::Relaxed);
        return None;
    }
    Some(std::sync::Arc::new(decoded))
}

/// What the indexing of each report shares.
struct Job<'a> {
    sources: &'a [Source<'a>],
    corpus: &'a Corpus,
    fields: &'a Fields,
    writer: &'a IndexWriter,
    writes: &'a Writes,
    dir: &'a Path,
    progress: &'a Tracker<'a>,
    analyzer: &'a TextAnalyzer,
}

/// What indexing one file gave.
struct Indexed {
    /// Its index in the sources.
    source: usize,
    /// What the index state records of it; `None` if it vanished before
    /// it could be read again.
    state: Option<FileState>,
    warnings: Vec<Warning>,
}

impl Job<'_> {
    /// Parses the files of one report (`members`, in corpus order), links
    /// their drafts and adds their chunks to the writer.
    fn index_report(&self, members: &[usize]) -> Result<Vec<Indexed>> {
        let mut records = Vec::new();
        let mut indexed = Vec::with_capacity(members.len());
        // The draft-facet column key of each file of no report.
        let mut own_keys: HashMap<String, String> = HashMap::new();
        for &i in members {
            let Some(source) = self.sources.get(i) else {
                continue;
            };
            let message = match self.corpus.read(source.file)? {
                Bounded::Bytes(bytes) => Ok(bytes),
                Bounded::Absent => Err("removed while it was being indexed; left out".to_string()),
                Bounded::Skipped(why) => Err(format!(
                    "changed while it was being indexed: {why}; left out"
                )),
            };
            let bytes = match message {
                Ok(bytes) => bytes,
                Err(message) => {
                    indexed.push(Indexed {
                        source: i,
                        state: None,
                        warnings: vec![Warning {
                            file: source.file.name.clone(),
                            line: None,
                            message,
                        }],
                    });
                    continue;
                }
            };
            let name = &source.file.name;
            let unchanged = fingerprint(&bytes) == source.fingerprint;
            let decoded = match source.read.as_deref() {
                Some(read) if unchanged => read.clone(),
                _ => corpus::extract(name, &bytes, self.corpus.max_file_size),
            };
            let file = parse::parse_decoded(name, decoded, &self.corpus.manifest);
            // Changed since the scan (the lexicon and its report were
            // learned from other bytes): indexed as read, and recorded
            // with no fingerprint, so that the next update parses it again
            // whatever it holds then.
            let mut warnings = file.warnings;
            let fingerprint = if unchanged {
                source.fingerprint.clone()
            } else {
                warnings.push(Warning {
                    file: source.file.name.clone(),
                    line: None,
                    message: "changed while it was being indexed; the next update indexes it again"
                        .to_string(),
                });
                String::new()
            };
            drop(bytes);
            self.progress.add(source.len);
            let shown = entry::shown_as(&file.documents);
            indexed.push(Indexed {
                source: i,
                state: Some(FileState {
                    // No stamp for bytes that changed since the scan.
                    stamp: source.stamp.filter(|_| !fingerprint.is_empty()),
                    fingerprint,
                    chunks: file.chunks.len(),
                    documents: file.documents.iter().map(summary).collect(),
                    shown_as: shown,
                }),
                warnings,
            });
            if let Some(first) = file.documents.first()
                && first.report.as_deref().is_none_or(|r| r == NO_REPORT)
            {
                let symbols = file.documents.iter().map(|d| d.symbol.as_deref());
                let key = entry::column_key(&source.file.name, None, first.draft, symbols);
                own_keys.insert(source.file.name.clone(), key);
            }
            records.extend(Record::of(file.documents, file.chunks));
        }
        lineage::link_report(&mut records, &mut self.analyzer.clone());
        // Each record freed once handed over.
        for record in records {
            let document = &record.document;
            let draft_key = match own_keys.get(&document.file) {
                Some(own) => own.clone(),
                None => entry::column_key(
                    &document.file,
                    document.report.as_deref(),
                    document.draft,
                    [document.symbol.as_deref()],
                ),
            };
            self.writer
                .add_document(tantivy_document(self.fields, &record, &draft_key)?)
                .map_err(|err| self.writes.explain(self.dir, err))?;
        }
        Ok(indexed)
    }
}

/// tantivy's merge policy, with segments of more than
/// [`MAX_DOCS_BEFORE_MERGE`] chunks left alone: merging big segments reads
/// them whole, which made the memory of a build grow with the corpus. A
/// segment more than [`DELETED_BEFORE_MERGE`] of whose chunks updates
/// replaced is merged with its level, so that an index updated in place
/// stays about the size of a clean build instead of keeping every replaced
/// chunk until enough segments pile up.
fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
    policy.set_del_docs_ratio_before_merge(DELETED_BEFORE_MERGE);
    policy
}

/// See [`merge_policy`]: the share of a segment's chunks deleted before it
/// is merged.
const DELETED_BEFORE_MERGE: f32 = 0.2;

/// The merges [`merge_policy`] asks for among the segments of `metas`:
/// none when the last update's merges all ran.
fn merges_due(metas: &IndexMeta) -> Vec<MergeCandidate> {
    merge_policy().compute_merge_candidates(&metas.segments)
}

/// Runs the merges `due` ([`merges_due`]) in the index `writer` writes (a
/// merge that an update could not finish, for lack of space, say), and
/// waits for them.
fn run_merges(
    mut writer: IndexWriter,
    due: Vec<MergeCandidate>,
    dir: &Path,
    writes: &Writes,
) -> Result<()> {
    let tantivy = |err| writes.explain(dir, err);
    for candidate in due {
        writer.merge(&candidate.0).wait().map_err(tantivy)?;
    }
    writer.wait_merging_threads().map_err(tantivy)
}

/// See [`merge_policy`]: about 50 MB of text in chunks.
const MAX_DOCS_BEFORE_MERGE: usize = 200_000;

/// How far the parsing of an update is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub files: u64,
    pub total_files: u64,
    pub bytes: u64,
    pub total_bytes: u64,
}

/// Files and bytes parsed so far, reported to the caller's callback.
struct Tracker<'a> {
    files: AtomicU64,
    total_files: AtomicU64,
    done: AtomicU64,
    total: AtomicU64,
    report: Option<&'a (dyn Fn(Progress) + Sync)>,
}

impl Tracker<'_> {
    /// One more file parsed, of `bytes` bytes.
    fn add(&self, bytes: u64) {
        let done = self.done.fetch_add(bytes, Ordering::Relaxed) + bytes;
        let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(report) = self.report {
            report(Progress {
                files,
                total_files: self.total_files.load(Ordering::Relaxed),
                bytes: done,
                total_bytes: self.total.load(Ordering::Relaxed),
            });
        }
    }
}

/// Commits what `writer` holds with `state` as the payload: one atomic
/// step, after which readers see the new documents and the new state
/// together.
fn commit(mut writer: IndexWriter, state: &IndexState, dir: &Path, writes: &Writes) -> Result<()> {
    let tantivy = |err| writes.explain(dir, err);
    let mut commit = writer.prepare_commit().map_err(tantivy)?;
    // tantivy keeps its own copy.
    commit.set_payload(&state.to_payload()?);
    commit.commit().map_err(tantivy)?;
    writer.wait_merging_threads().map_err(tantivy)
}

/// Compares the corpus with what the index holds.
fn plan(existing: &Existing, corpus: &Corpus, sources: &[Source]) -> Plan {
    let state = match existing {
        Existing::None => return rebuild(Rebuild::New, sources),
        Existing::OtherVersion(version) => {
            return rebuild(Rebuild::OtherVersion(*version), sources);
        }
        Existing::Damaged(problem) => return rebuild(Rebuild::Damaged(problem.clone()), sources),
        Existing::Current(_, state) => state,
    };
    if state.build != BUILD {
        return rebuild(Rebuild::Build, sources);
    }
    if state.settings != fingerprint(&corpus.settings) {
        return rebuild(Rebuild::Settings, sources);
    }
    let mut plan = Plan::default();
    for source in sources {
        match state.files.get(&source.file.name) {
            None => plan.added.push(source.file.name.clone()),
            Some(file) if file.fingerprint != source.fingerprint => {
                plan.changed.push(source.file.name.clone())
            }
            Some(file) => {
                plan.unchanged += 1;
                if source.stamp.is_some() && source.stamp != file.stamp {
                    plan.restamp += 1;
                }
            }
        }
    }
    let present: HashSet<&str> = sources.iter().map(|s| s.file.name.as_str()).collect();
    plan.removed = state
        .files
        .keys()
        .filter(|name| !present.contains(name.as_str()))
        .cloned()
        .collect();
    plan
}

fn rebuild(reason: Rebuild, sources: &[Source]) -> Plan {
    Plan {
        rebuild: Some(reason),
        added: sources.iter().map(|s| s.file.name.clone()).collect(),
        ..Plan::default()
    }
}

fn summary(document: &Document) -> DocumentSummary {
    DocumentSummary {
        id: document.id.clone(),
        report: document.report_or_none().to_string(),
        draft: document.draft,
        date: document.date,
        kind: document.kind,
        symbol: document.symbol.clone(),
    }
}

/// The tantivy document of one chunk; `draft_key` is its
/// [`column_key`](entry::column_key).
fn tantivy_document(fields: &Fields, record: &Record, draft_key: &str) -> Result<TantivyDocument> {
    let Record {
        document,
        chunk,
        links,
    } = record;
    let mut doc = TantivyDocument::default();
    let draft = document.draft.short();
    doc.add_text(fields.id, lineage::chunk_id(record));
    doc.add_text(fields.file, &document.file);
    doc.add_text(fields.doc, &document.id);
    doc.add_text(fields.report, document.report_or_none());
    doc.add_text(fields.draft, &draft);
    doc.add_text(fields.kind, chunk.kind.name());
    doc.add_text(fields.doc_kind, document.kind.name());
    if let Some(symbol) = &document.symbol {
        doc.add_text(fields.symbol, symbol);
    }
    doc.add_text(fields.label, &chunk.label);
    if let Some(section) = &chunk.section {
        doc.add_text(fields.section, &section.number);
    }
    doc.add_text(fields.pillar, chunk.pillar.name());
    for author in chunk.authors() {
        doc.add_text(fields.authors, author);
    }
    if let Some(date) = document.date {
        doc.add_text(fields.date, date.iso());
    }
    doc.add_text(fields.lineage, &links.lineage);
    doc.add_text(fields.draft_key, draft_key);
    doc.add_facet(fields.facets, pillar_facet(chunk.pillar.name()));
    doc.add_facet(
        fields.facets,
        draft_facet(document.report_or_none(), &draft),
    );
    // Analysed in tantivy's threads, like every text field: handing them
    // tokens instead made each queued document several times bigger.
    doc.add_text(fields.text_pairs, &chunk.text);
    for exact in [false, true] {
        doc.add_text(fields.view(View::Text, exact), &chunk.text);
        for (view, texts) in [
            (View::Inserted, &chunk.inserted),
            (View::Deleted, &chunk.deleted),
            (View::Added, &links.added),
            (View::Removed, &links.removed),
        ] {
            for text in texts {
                doc.add_text(fields.view(view, exact), text);
            }
        }
        for comment in &chunk.comments {
            doc.add_text(fields.view(View::Comment, exact), &comment.text);
        }
        for author in chunk.authors() {
            doc.add_text(fields.view(View::Author, exact), author);
        }
    }
    doc.add_text(fields.record, serde_json::to_string(record)?);
    Ok(doc)
}
