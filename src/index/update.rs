//! Corpus → index: an update parses the files that changed, replaces
//! their chunks and commits once; [`check`] tells what it would do.
//!
//! Every run reads and fingerprints every corpus file (cheap: the corpus is
//! text) and compares with the [`IndexState`] of the last commit:
//!
//! - an index of another schema version, or a changed manifest or glossary,
//!   is rebuilt whole;
//! - otherwise new and changed files are parsed (in parallel) and their
//!   chunks replace the old ones, removed files' chunks are deleted, and
//!   unchanged files are not touched — unless the [`Lexicon`] learned from
//!   the whole corpus changed (a new acronym definition, a new compound),
//!   which changes every file's analysis and so rebuilds the whole index.
//!
//! All of it is one tantivy commit, with the new state as its payload: a
//! killed indexer leaves the last commit searchable. One indexer at a time
//! holds the [`IndexLock`].
//!
//! The steps have files of their own: the scan (`scan.rs`), the
//! plan (`plan.rs`), the indexing of reports in parallel
//! (`reports.rs`), the tantivy document of a chunk (`document.rs`), the
//! merge policy (`merge.rs`).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use tantivy::{Index, IndexWriter, Term};

use super::directory::Writes;
use super::fingerprint::fingerprint;
use super::lock::IndexLock;
use super::merge::{merge_policy, merges_due, run_merges};
use super::placement::outside_corpus;
use super::plan::{self, Plan, Rebuild, plan};
use super::reports::{Indexed, Job, Progress, Tracker};
use super::scan::{Scan, Source, scan};
use super::schema::{Fields, SCHEMA_VERSION};
use super::state::{BUILD, CorpusPlace, IndexState};
use super::{
    Existing, create, damage, leftovers, mark_building, marker, open_existing, open_existing_to,
    open_for_writing, open_reader, remove_index_files, state_file, unmark_building, usable,
};
use crate::analysis::{self, Lexicon};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::parse::Warning;
use state_file::Depth;

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
    /// Told once when [`ready`](super::ready) waits for another negotext
    /// that is building the index from scratch (there is no commit to
    /// answer from meanwhile).
    pub waiting: Option<&'a (dyn Fn() + Sync)>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            memory: DEFAULT_WRITER_MEMORY,
            progress: None,
            rebuild: false,
            waiting: None,
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

/// What an update must do to bring the index at `dir` up to date with
/// `corpus`, without writing anything (the lexicon is only compared when
/// updating).
///
/// It reads only the stamps of the last commit (see
/// `index/state_file.rs`), not its documents or lexicon.
pub fn check(corpus: &Corpus, dir: &Path) -> Result<Plan> {
    outside_corpus(&corpus.dir, dir)?;
    let existing = usable(dir, open_existing_to(dir, Depth::Stamps)?)?;
    same_corpus(&existing, corpus, dir)?;
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
    same_corpus(&existing, corpus, dir)?;
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
///
/// The steps: lock; scan and plan (`plan.rs`); when nothing changed,
/// tidy up and stop; else open the writer, select the files to parse and
/// delete their chunks, index the reports in parallel, merge the new state
/// with the old one's unchanged files, and commit once.
pub fn update_with(corpus: &Corpus, dir: &Path, options: Options<'_>) -> Result<Report> {
    let started = Instant::now();
    let _lock = lock(corpus, dir)?;
    let existing = checked(dir, open_existing(dir)?, options.rebuild)?;
    if !options.rebuild {
        same_corpus(&existing, corpus, dir)?;
    }
    let (mut sources, learner) = scan(corpus, Scan::ForUpdate(&existing))?;
    let mut plan = plan::for_update(&existing, corpus, &sources, options.rebuild);
    let (index, old_state) = match existing {
        Existing::Current(index, state) => (Some(index), *state),
        Existing::None | Existing::OtherVersion(_) | Existing::Damaged(_) => {
            (None, IndexState::default())
        }
    };
    if plan.is_fresh() {
        let (chunks, files) = (old_state.chunks(), old_state.files.len());
        if let Some(index) = &index {
            tidy(index, old_state, &sources, &plan, dir)?;
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

    let (index, writes) = match index {
        // Opened again with a directory that records failed writes (under
        // the lock, nobody else committed meanwhile).
        Some(_) => open_for_writing(dir)?,
        None => {
            mark_building(dir)?;
            remove_index_files(dir)?;
            create(dir)?
        }
    };
    analysis::register(&index, &lexicon);
    let fields = Fields::of(&index.schema())?;
    let writer = open_writer(
        &index,
        &writes,
        dir,
        threads(options.memory),
        options.memory.max(MIN_MEMORY_PER_THREAD),
    )?;

    let deleted = plan::select(&mut plan, &mut sources, &old_state);
    if plan.rebuild.is_some() {
        writer
            .delete_all_documents()
            .map_err(|err| writes.explain(dir, err))?;
    }
    for name in &deleted {
        writer.delete_term(Term::from_field_text(fields.file, name));
    }
    drop(deleted);

    let groups = plan::groups(&sources, &old_state);
    let progress = Tracker::of(&groups, &sources, options.progress);
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
    let indexed = job.index_all(groups)?;

    let next = next_state(corpus, lexicon, old_state, &sources, indexed)?;
    commit(writer, &next.state, dir, &writes)?;
    unmark_building(dir)?;

    Ok(Report {
        plan,
        parsed: next.parsed,
        chunks: next.state.chunks(),
        files: next.state.files.len(),
        warnings: next.warnings,
        elapsed: started.elapsed(),
    })
}

/// The lock of the index at `dir`, once the directory exists and is
/// negotext's: refuses a directory that holds something else before
/// writing anything there, the lock included; marks an empty one (or an
/// index made before negotext marked its directories) as negotext's.
fn lock(corpus: &Corpus, dir: &Path) -> Result<IndexLock> {
    outside_corpus(&corpus.dir, dir)?;
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    open_existing_to(dir, Depth::Header)?;
    if !marker::is_marked(dir) {
        marker::mark(dir)?;
    }
    IndexLock::acquire(dir)
}

/// What a fresh index still needs: the stamps it lacks (see
/// [`Plan::restamp`]), or what an interrupted update left though nothing
/// changed — its files, or the merges it did not finish.
fn tidy(
    index: &Index,
    state: IndexState,
    sources: &[Source],
    plan: &Plan,
    dir: &Path,
) -> Result<()> {
    if plan.restamp > 0 {
        return commit_stamps(state, sources, dir);
    }
    if let Ok(metas) = index.load_metas() {
        let due = merges_due(&metas);
        if leftovers::present(dir, &metas) || !due.is_empty() {
            let (index, writes) = open_for_writing(dir)?;
            let writer = open_writer(&index, &writes, dir, 1, MIN_MEMORY_PER_THREAD)?;
            run_merges(writer, due, dir, &writes)?;
        }
    }
    Ok(())
}

/// One indexing thread per core, as many as the budget of `memory` bytes
/// affords.
fn threads(memory: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(memory / MIN_MEMORY_PER_THREAD)
        .max(1)
}

/// The state an update commits, and what it tells.
struct NextState {
    state: IndexState,
    /// The files parsed, with their chunk counts, in corpus order.
    parsed: Vec<(String, usize)>,
    warnings: Vec<Warning>,
}

/// The state after an update: the files it `indexed`, and the entries of
/// the other `sources` taken from the `old` state (moved, not copied),
/// with this scan's stamps.
fn next_state(
    corpus: &Corpus,
    lexicon: Lexicon,
    old: IndexState,
    sources: &[Source],
    indexed: Vec<Indexed>,
) -> Result<NextState> {
    let mut state = IndexState {
        schema_version: SCHEMA_VERSION,
        negotext_version: env!("CARGO_PKG_VERSION").to_string(),
        build: BUILD.to_string(),
        settings: fingerprint(&corpus.settings),
        files: BTreeMap::new(),
        lexicon,
        corpus: Some(CorpusPlace::of(&corpus.dir)?),
    };
    let mut old_files = old.files;
    for source in sources {
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
    Ok(NextState {
        state,
        parsed,
        warnings,
    })
}

/// Refuses the index in `existing` (at `dir`) when it was built from
/// another corpus than `corpus` (see [`CorpusPlace::same`]): an update
/// would replace its documents with the other corpus's. Only a rebuild
/// (`--rebuild`) moves an index to another corpus.
fn same_corpus(existing: &Existing, corpus: &Corpus, dir: &Path) -> Result<()> {
    let Existing::Current(_, state) = existing else {
        return Ok(());
    };
    let Some(recorded) = &state.corpus else {
        return Ok(());
    };
    let given = CorpusPlace::of(&corpus.dir)?;
    if recorded.same(&given) {
        return Ok(());
    }
    Err(Error::OtherCorpus {
        index: dir.to_path_buf(),
        recorded: recorded.path.clone(),
        given: given.path,
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

/// Commits what `writer` holds with `state`: its files written first,
/// then the commit that names them in its payload — one atomic step,
/// after which readers see the new documents and the new state together.
fn commit(mut writer: IndexWriter, state: &IndexState, dir: &Path, writes: &Writes) -> Result<()> {
    let tantivy = |err| writes.explain(dir, err);
    let mut commit = writer.prepare_commit().map_err(tantivy)?;
    let generation = commit.opstamp();
    state_file::write(dir, generation, state)?;
    // tantivy keeps its own copy.
    commit.set_payload(&state_file::payload(&state_file::header(
        state, generation,
    ))?);
    commit.commit().map_err(tantivy)?;
    writer.wait_merging_threads().map_err(tantivy)?;
    state_file::remove_old(dir, generation)
}
