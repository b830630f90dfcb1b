//! The `negotext` binary: parse the arguments, run, map the outcome to an
//! exit code (0 found, 1 nothing found, 2 error; a closed pipe is not an error).

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

mod cli;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use negotext::corpus::{Corpus, Manifest};
use negotext::index::{self, Freshness, Options, Progress, Ready};
use negotext::model::Pillar;
use negotext::parse;
use negotext::printer::sanitize::sanitize;
use negotext::printer::{self, color::Palette};
use negotext::search::{self, Request};
use negotext::serve;
use negotext::watch::{self, Watch, Watches};

use cli::{ColorChoice, Command, MarkerChoice, Opts, OutputFormat, Places, WatchAction};

/// Faster than the system allocator at indexing, with a lower peak (see
/// the README's memory figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How a command ended, when it did not fail.
enum Outcome {
    Found,
    NothingFound,
}

fn main() -> ExitCode {
    quiet_panics_on_damage();
    let opts = match Opts::try_parse() {
        Ok(opts) => opts,
        Err(err)
            if err.use_stderr()
                && err.kind() != ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            eprintln!("negotext: {}", one_line(&err));
            return ExitCode::from(2);
        }
        // --help, --version, or no command at all: the help, as clap prints it.
        Err(err) => err.exit(),
    };
    match run(opts) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Errors name files and labels, which may hold control characters.
            eprintln!("negotext: {}", sanitize(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

/// A clap error in one line, as every error of negotext: what is wrong,
/// the values it names, clap's tip, and the usage to follow (clap spreads
/// these over five lines with a pointer to --help).
fn one_line(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let mut parts: Vec<String> = Vec::new();
    for line in rendered.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("For more information") {
            continue;
        }
        if let Some(usage) = line.strip_prefix("Usage: ") {
            parts.push(format!("(usage: {usage})"));
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            parts.push(format!("— {tip}"));
        } else {
            parts.push(line.trim_start_matches("error: ").to_string());
        }
    }
    parts.join(" ")
}

/// tantivy may panic on a damaged index; the library catches it and
/// reports the damage (`index::damage`), so the panic itself prints nothing.
/// Any other panic is a bug and prints as usual.
fn quiet_panics_on_damage() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !index::damage::reading() {
            report(info);
        }
    }));
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(opts: Opts) -> anyhow::Result<Outcome> {
    match opts.command {
        Command::Search {
            query,
            words,
            filters,
            limit,
            offset,
            exact,
            collapse,
            json,
            format,
            color,
            marker,
            places,
        } => {
            let format = if json { OutputFormat::Json } else { format };
            let request = Request {
                query: joined(query, words),
                filters: filters.filters(),
                limit,
                offset,
                exact,
                collapse,
                pairs: true,
            };
            let palette = palette(color);
            let marks = match marker {
                MarkerChoice::Always => true,
                MarkerChoice::Never => false,
                MarkerChoice::Auto => color == ColorChoice::Auto && !palette.is_enabled(),
            };
            search_command(&places, &request, format, palette.marking_matches(marks))
        }
        Command::Show {
            citation,
            json,
            color,
            places,
        } => show_command(&places, &citation.join(" "), json, palette(color)),
        Command::History {
            citation,
            json,
            color,
            places,
        } => history_command(&places, &citation.join(" "), json, palette(color)),
        Command::Diff {
            from,
            to,
            pillar,
            json,
            color,
            places,
        } => diff_command(&places, &from, &to, &pillar, json, palette(color)),
        Command::Origin {
            query,
            exact,
            json,
            color,
            places,
        } => origin_command(&places, &query, exact, json, palette(color)),
        Command::Stats { json, places } => stats_command(&places, json),
        Command::Watch {
            action,
            json,
            color,
            places,
        } => match action {
            None => watch_command(&places, json, palette(color)),
            Some(WatchAction::Add {
                name,
                query,
                words,
                filters,
                exact,
                places,
            }) => {
                let watch = Watch {
                    name,
                    query: joined(query, words),
                    filters: filters.filters(),
                    exact,
                    seen: Default::default(),
                };
                watch_add_command(&places, watch)
            }
            Some(WatchAction::List { json, places }) => watch_list_command(&places, json),
            Some(WatchAction::Remove { name, places }) => {
                let mut watches = Watches::load(&places.index)?;
                let removed = watches.remove(&name)?;
                watches.save()?;
                eprintln!("negotext: no longer watching {}", sanitize(&removed.name));
                Ok(Outcome::Found)
            }
        },
        Command::Index {
            quiet,
            rebuild,
            memory,
            places,
        } => index_command(&places, quiet, rebuild, memory),
        Command::Serve { addr, open, places } => serve_command(&places, addr, open),
        Command::Completions { shell } => {
            let mut command = Opts::command();
            to_stdout(|out| {
                clap_complete::generate(shell, &mut command, "negotext", out);
                Ok(())
            })?;
            Ok(Outcome::Found)
        }
        Command::Man => {
            let page = clap_mangen::Man::new(Opts::command());
            to_stdout(|out| page.render(out))?;
            Ok(Outcome::Found)
        }
        Command::Parse { file, json, corpus } => parse_command(&file, json, corpus.as_deref()),
    }
}

/// Whether to colour: `--color`, then whether stdout is a terminal (or
/// `CLICOLOR_FORCE` is set, for a pager that shows colour) and `NO_COLOR`
/// (<https://no-color.org>) is unset.
fn palette(choice: ColorChoice) -> Palette {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
            let forced = set("CLICOLOR_FORCE");
            (forced || io::stdout().is_terminal())
                && !set("NO_COLOR")
                && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
        }
    };
    Palette::new(enabled).wrapping_at(width())
}

/// The width to wrap to: `COLUMNS` when set to a number, else the
/// terminal's when stdout is one, else 80 (piped: a file or a pager knows
/// no width).
fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<usize>().ok())
        .filter(|&columns| columns > 0)
        .or_else(|| {
            terminal_size::terminal_size_of(io::stdout())
                .map(|(terminal_size::Width(columns), _)| usize::from(columns))
        })
        .unwrap_or(printer::color::DEFAULT_WIDTH)
}

/// The index at `places.index`, built or refreshed first when the corpus
/// changed (one line on stderr when it was, with a progress bar on a
/// terminal). Without a corpus, the index is searched as it is.
fn ready_index(places: &Places) -> anyhow::Result<Ready> {
    let bar = progress_bar();
    let report = |progress: Progress| {
        if let Some(bar) = &bar {
            show_progress(bar, progress);
        }
    };
    let waiting = || eprintln!("negotext: waiting for another negotext to build the index…");
    let options = Options {
        progress: Some(&report),
        waiting: Some(&waiting),
        ..Options::default()
    };
    let corpus = places.corpus_dir();
    let ready = index::ready(
        &corpus,
        places.max_file_size_bytes(),
        &places.index,
        options,
    );
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let ready = ready?;
    match &ready.freshness {
        Freshness::Updated(report) => eprintln!(
            "negotext: indexed {} into {} ({}): {} chunks from {} files in {:.1} s",
            sanitize(&corpus.display().to_string()),
            sanitize(&places.index.display().to_string()),
            sanitize(&report.plan.to_string()),
            report.chunks,
            report.files,
            report.elapsed.as_secs_f64()
        ),
        Freshness::Stale(reason) => {
            eprintln!("negotext: {}; searching its last version", sanitize(reason))
        }
        Freshness::Fresh | Freshness::NoCorpus => {}
    }
    Ok(ready)
}

/// The query and the words typed after it, one query.
fn joined(query: String, words: Vec<String>) -> String {
    std::iter::once(query)
        .chain(words)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs every saved search and prints what changed; exit 0 when something
/// did, 1 when nothing did.
fn watch_command(places: &Places, json: bool, palette: Palette) -> anyhow::Result<Outcome> {
    let mut watches = Watches::load(&places.index)?;
    if watches.list.is_empty() {
        eprintln!(
            "negotext: no saved searches; save one with `negotext watch add NAME QUERY` \
             (e.g. negotext watch add pocs '\"points of contact\"')"
        );
        return Ok(Outcome::NothingFound);
    }
    let Ready { index, .. } = ready_index(places)?;
    let mut reports = Vec::with_capacity(watches.list.len());
    for watch in &mut watches.list {
        reports.push(watch::run(&index, watch)?);
    }
    watches.save()?;
    to_stdout(|out| {
        for report in &reports {
            if json {
                printer::json::write_watch(out, report)?;
            } else {
                printer::watch::write_report(out, report, palette)?;
            }
        }
        Ok(())
    })?;
    let moved = reports
        .iter()
        .any(|r| !(r.new.is_empty() && r.changed.is_empty() && r.gone.is_empty()));
    Ok(if moved {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Saves a search after running it once.
fn watch_add_command(places: &Places, watch: Watch) -> anyhow::Result<Outcome> {
    let mut watches = Watches::load(&places.index)?;
    let Ready { index, .. } = ready_index(places)?;
    let report = watches.add(&index, watch)?;
    watches.save()?;
    eprintln!(
        "negotext: watching {} ({} hit{} now); `negotext watch` reports what changes",
        sanitize(&report.name),
        report.total,
        if report.total == 1 { "" } else { "s" }
    );
    Ok(Outcome::Found)
}

/// Lists the saved searches.
fn watch_list_command(places: &Places, json: bool) -> anyhow::Result<Outcome> {
    let watches = Watches::load(&places.index)?;
    to_stdout(|out| {
        for watch in &watches.list {
            if json {
                printer::json::write_message(out, "saved", &printer::json::SavedLine::from(watch))?;
            } else {
                printer::watch::write_saved(out, watch)?;
            }
        }
        Ok(())
    })?;
    Ok(if watches.list.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

fn search_command(
    places: &Places,
    request: &Request,
    format: OutputFormat,
    palette: Palette,
) -> anyhow::Result<Outcome> {
    let ready = ready_index(places)?;
    let (index, stale) = (&ready.index, ready.stale());
    let results = search::run(index, request)?;
    to_stdout(|out| match format {
        OutputFormat::Text => printer::hits::write_results(out, &results, request.offset, palette),
        OutputFormat::Json => printer::json::write_results(out, &results, request.offset, stale),
        OutputFormat::Md => printer::markdown::write_results(out, &results),
        OutputFormat::Csv => printer::csv::write_results(out, &results),
    })?;
    if results.total == 0 {
        for suggestion in search::suggest::suggest(index, &request.query)? {
            eprintln!("negotext: {}", printer::hits::suggestion_line(&suggestion));
        }
    }
    if let Some(line) = printer::hits::past_the_end(&results, request.offset, request.limit) {
        eprintln!("negotext: {line}");
        return Ok(Outcome::NothingFound);
    }
    Ok(if results.total > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

fn show_command(
    places: &Places,
    citation: &str,
    json: bool,
    palette: Palette,
) -> anyhow::Result<Outcome> {
    let Ready { index, .. } = ready_index(places)?;
    let records = search::show(&index, citation)?;
    to_stdout(|out| {
        write_each(
            out,
            &records,
            json,
            |out, record| printer::json::write_message(out, "chunk", record),
            |out, record| printer::hits::write_shown(out, record, palette),
        )
    })?;
    Ok(Outcome::Found)
}

fn history_command(
    places: &Places,
    citation: &str,
    json: bool,
    palette: Palette,
) -> anyhow::Result<Outcome> {
    let Ready { index, .. } = ready_index(places)?;
    let histories = search::trace::trace(&index, citation)?;
    to_stdout(|out| {
        write_each(
            out,
            &histories,
            json,
            printer::json::write_history,
            |out, history| printer::history::write_history(out, history, palette),
        )
    })?;
    Ok(Outcome::Found)
}

fn diff_command(
    places: &Places,
    from: &str,
    to: &str,
    pillars: &[String],
    json: bool,
    palette: Palette,
) -> anyhow::Result<Outcome> {
    let Ready { index, .. } = ready_index(places)?;
    let pillars = pillars
        .iter()
        .map(|p| p.parse::<Pillar>())
        .collect::<Result<Vec<_>, _>>()?;
    let redline = search::redline::redline(&index, from, to, &pillars)?;
    to_stdout(|out| {
        if json {
            printer::json::write_redline(out, &redline)
        } else {
            printer::history::write_redline(out, &redline, palette)
        }
    })?;
    Ok(if redline.entries.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

fn origin_command(
    places: &Places,
    query: &str,
    exact: bool,
    json: bool,
    palette: Palette,
) -> anyhow::Result<Outcome> {
    let Ready { index, .. } = ready_index(places)?;
    let origin = search::origin::origin(&index, query, exact)?;
    to_stdout(|out| {
        if json {
            printer::json::write_origin(out, &origin)
        } else {
            printer::origin::write_origin(out, &origin, palette)
        }
    })?;
    Ok(if origin.appearances.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

fn stats_command(places: &Places, json: bool) -> anyhow::Result<Outcome> {
    let Ready { index, .. } = ready_index(places)?;
    let stats = search::stats(&index)?;
    to_stdout(|out| {
        if json {
            printer::json::write_message(out, "stats", &stats)
        } else {
            printer::hits::write_stats(out, &stats)
        }
    })?;
    Ok(Outcome::Found)
}

fn index_command(
    places: &Places,
    quiet: bool,
    rebuild: bool,
    memory_mb: u64,
) -> anyhow::Result<Outcome> {
    let corpus_dir = places.corpus_dir();
    let corpus = Corpus::open_limited(&corpus_dir, places.max_file_size_bytes())?;
    let options = Options {
        memory: usize::try_from(memory_mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX),
        rebuild,
        ..Options::default()
    };
    for skipped in &corpus.skipped {
        eprintln!("warning: {}", sanitize(&skipped.to_string()));
    }
    let report = update_showing_progress(&corpus, &places.index, options, !quiet);
    let report = report?;
    for warning in &report.warnings {
        eprintln!("warning: {}", sanitize(&warning.to_string()));
    }
    if quiet {
        return Ok(Outcome::Found);
    }
    let (corpus, index) = (
        corpus_dir.display().to_string(),
        places.index.display().to_string(),
    );
    let summary = printer::index_report::IndexReport {
        corpus: &corpus,
        index: &index,
        fresh: report.plan.is_fresh(),
        plan: report.plan.to_string(),
        parsed: &report.parsed,
        removed: &report.plan.removed,
        chunks: report.chunks,
        files: report.files,
        seconds: report.elapsed.as_secs_f64(),
    };
    to_stdout(|out| printer::index_report::write_index_report(out, &summary))?;
    Ok(Outcome::Found)
}

/// Below this many bytes to parse, no progress bar: it would only flash.
const PROGRESS_MIN_BYTES: u64 = 4 << 20;

/// Updates the index, with a progress bar on stderr when `show` and
/// stderr is a terminal (once there is enough work to show).
fn update_showing_progress(
    corpus: &Corpus,
    dir: &std::path::Path,
    options: Options<'_>,
    show: bool,
) -> negotext::Result<index::Report> {
    let bar = show.then(progress_bar).flatten();
    let report = |progress: Progress| {
        if let Some(bar) = &bar {
            show_progress(bar, progress);
        }
    };
    let updated = index::update_with(
        corpus,
        dir,
        Options {
            progress: Some(&report),
            ..options
        },
    );
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    updated
}

/// A progress bar on stderr, when stderr is a terminal.
fn progress_bar() -> Option<ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let style = ProgressStyle::with_template(
        "indexing [{bar:30}] {msg} {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta})",
    )
    .ok()?
    .progress_chars("=> ");
    let bar = ProgressBar::hidden();
    bar.set_style(style);
    Some(bar)
}

/// Shows how far indexing is, once there is enough work to show.
fn show_progress(bar: &ProgressBar, progress: Progress) {
    if progress.total_bytes < PROGRESS_MIN_BYTES {
        return;
    }
    if bar.is_hidden() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
    }
    bar.set_length(progress.total_bytes);
    bar.set_position(progress.bytes);
    bar.set_message(format!("{}/{} files", progress.files, progress.total_files));
}

/// Standard output, locked and buffered.
type Stdout = io::BufWriter<io::StdoutLock<'static>>;

/// Runs `write` on a buffered, locked standard output, then flushes it.
fn to_stdout(write: impl FnOnce(&mut Stdout) -> io::Result<()>) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    write(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Writes each item as JSON, or for people with a blank line between two.
fn write_each<T, W: Write>(
    out: &mut W,
    items: &[T],
    json: bool,
    as_json: impl Fn(&mut W, &T) -> io::Result<()>,
    as_text: impl Fn(&mut W, &T) -> io::Result<()>,
) -> io::Result<()> {
    for (i, item) in items.iter().enumerate() {
        if json {
            as_json(out, item)?;
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            as_text(out, item)?;
        }
    }
    Ok(())
}

fn serve_command(
    places: &Places,
    addr: std::net::SocketAddr,
    open: bool,
) -> anyhow::Result<Outcome> {
    let ready = ready_index(places)?;
    let stale = ready.stale().map(str::to_string);
    let corpus = places.corpus_dir();
    let refresh = serve::refresh::Places {
        corpus: corpus.clone(),
        max_file_size: places.max_file_size_bytes(),
        index: places.index.clone(),
    };
    let server = serve::Server::start(addr, refresh, ready.index, stale)?;
    let url = format!("http://{}/", server.addr);
    to_stdout(|out| writeln!(out, "negotext: serving {url} (Ctrl-C to stop)"))?;
    if !server.watching() {
        eprintln!(
            "negotext: cannot watch {} for changes; it is checked every few seconds instead",
            sanitize(&corpus.display().to_string())
        );
    }
    if open {
        open_in_browser(&url);
    }
    server.wait()?;
    Ok(Outcome::Found)
}

/// Opens `url` in the default browser, or says how to.
fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let opened = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if opened.is_err() {
        eprintln!("negotext: cannot open a browser ({opener} failed): open {url} yourself");
    }
}

fn parse_command(file: &Path, json: bool, corpus_dir: Option<&Path>) -> anyhow::Result<Outcome> {
    let dir = corpus_dir
        .map(Path::to_path_buf)
        .or_else(|| file.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let manifest = Manifest::load(&dir)?;
    let name = file
        .strip_prefix(&dir)
        .ok()
        .filter(|rel| !rel.as_os_str().is_empty())
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/");
    let name = name.trim_start_matches("./").to_string();
    if file.is_dir() {
        anyhow::bail!(
            "{} is a directory: give one file (negotext parse corpus/<file>)",
            file.display()
        );
    }
    let parsed = parse::parse_file(file, &name, &manifest)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if json {
        printer::json::write_parsed(&mut out, &parsed)?;
    } else {
        for warning in &parsed.warnings {
            eprintln!("warning: {}", sanitize(&warning.to_string()));
        }
        printer::human::write_parsed(&mut out, &parsed)?;
    }
    out.flush()?;
    Ok(if parsed.chunks.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
