//! What must hold of every parse and every search, whatever the input:
//! checked by the property tests (`tests/properties.rs`), the fuzz
//! regressions (`tests/fuzz_regressions.rs`) and the fuzz targets
//! (`fuzz/fuzz_targets/`, which include this file by path). Each check
//! panics with what broke.
#![allow(dead_code)]

use std::path::Path;

use negotext::Error;
use negotext::corpus::{Corpus, DEFAULT_MAX_FILE_SIZE, Decoded, Manifest, extract, stem};
use negotext::index::{self, ChunkIndex};
use negotext::model::{ChunkKind, DocumentKind, LineRange, Pillar};
use negotext::model::{Record, View};
use negotext::parse::{ParsedFile, normalise, reading_pieces, report_of};
use negotext::printer::{self, color::Palette};
use negotext::search::filter::{resolve_draft, standalone};
use negotext::search::snippet::SNIPPET_CHARS;
use negotext::search::{Filters, Request, Results};

/// The index of the corpus at `corpus` in `dir`, built or brought up to
/// date, and opened.
pub fn open_index(corpus: &Path, dir: &Path) -> ChunkIndex {
    let corpus = Corpus::open(corpus).expect("the corpus opens");
    index::update(&corpus, dir).expect("the index builds");
    ChunkIndex::open(dir).expect("the index opens")
}

/// `text` with every run of whitespace made one space, and none at the ends.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the chars of `needle` occur in `haystack` in the same order (not
/// necessarily next to each other).
pub fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|wanted| rest.any(|c| c == wanted))
}

/// **What a chunk's text is made of.** Parsing only *removes* from the lines
/// it reads — markup (`**`, `~~…~~` with the words struck, `*`, the `(…)` of
/// a link, the `<>` of an address, the `\` of an escape), footnote markers
/// (superscript digits; plain digits matched to a body), footnote bodies and
/// page numbers (whole lines), "[text moved above]" notes, an item's bullet
/// and marker — and *joins*: lines with a space (or with nothing after a
/// line-end hyphen, `inter-` + `governmental`), and, in PDF text, the halves
/// of a word broken by extraction (`substan tive`, `confidence -building`,
/// when the file has the whole word elsewhere), and punctuation to the word
/// before it (`surface ,`). It gives the characters that print alike one
/// form ([`normalise`]: U+2011 is `-`, a soft hyphen goes, with the line
/// break after it), so the lines are compared normalised too. The one
/// character it adds is a hyphen between two letters, in PDF text, to a
/// word that the file writes with one (`capacitybuilding` →
/// `capacity-building`), so such hyphens of the text are not looked for.
/// It never splits a word. So, with each run of whitespace made one space
/// on both sides ([`squeeze`]), the text is a sub-sequence of the
/// characters of the lines the chunk cites: its words are the lines' words
/// in order, some dropped, some shortened, neighbours merged — a space in
/// the text always stands where the lines had whitespace. Inserted and
/// deleted spans are read from the same lines the same way.
///
/// The lines are taken as the parser reads them
/// ([`negotext::parse::reading_pieces`]): a PDF extractor may print an
/// item's last line right under its marker, before its first line (`(g)` /
/// `project;` / `The name(s) of … the`), or glue two items into one line
/// (`…on access and benefitContact details…`), and the instrument grammar
/// reads each piece in its place.
pub fn assert_from_lines(view: &str, pieces: &[(usize, &str)], range: LineRange, what: &str) {
    let own: Vec<&str> = pieces
        .iter()
        .filter(|(l, _)| range.start <= l + 1 && *l < range.end)
        .map(|(_, text)| *text)
        .collect();
    let view = squeeze(&without_inner_hyphens(view));
    let source = squeeze(&normalise(&own.join("\n")));
    assert!(
        is_subsequence(&view, &source),
        "{what}: {view:?} is not made of lines {range} ({source:?})"
    );
}

/// `text` without the hyphens that stand between two letters.
fn without_inner_hyphens(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let letter = |at: Option<usize>| {
        at.and_then(|at| chars.get(at))
            .is_some_and(|c| c.is_alphabetic())
    };
    chars
        .iter()
        .enumerate()
        .filter(|&(at, &c)| !(c == '-' && letter(at.checked_sub(1)) && letter(Some(at + 1))))
        .map(|(_, &c)| c)
        .collect()
}

/// The invariants of a file's parse (`parsed`, from `bytes`): documents and
/// chunks within the file's lines, every chunk within its document, with a
/// label and a citation, ordinals counting from 0 in each document, every
/// view made of its lines ([`assert_from_lines`]); the printers write it
/// (the JSON lines read back).
pub fn check_parse(bytes: &[u8], parsed: &ParsedFile) {
    let text = match extract("", bytes, DEFAULT_MAX_FILE_SIZE) {
        Decoded::Binary { .. } | Decoded::Unreadable { .. } => {
            assert!(parsed.documents.is_empty() && parsed.chunks.is_empty());
            assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
            return;
        }
        Decoded::Text { text, .. } => text,
    };
    check_parsed_text(&text, parsed);
}

/// [`check_parse`] on text already decoded.
pub fn check_parsed_text(text: &str, parsed: &ParsedFile) {
    let lines: Vec<&str> = text.lines().collect();
    let pieces = reading_pieces(text);
    let mut read: Vec<usize> = pieces.iter().map(|(l, _)| *l).collect();
    read.dedup();
    read.sort_unstable();
    read.dedup();
    assert!(
        read.iter().copied().eq(0..lines.len()),
        "every line is read"
    );
    let within_file =
        |range: LineRange| 1 <= range.start && range.start <= range.end && range.end <= lines.len();
    for document in &parsed.documents {
        assert!(
            within_file(document.lines),
            "document {} at lines {} of {}",
            document.id,
            document.lines,
            lines.len()
        );
    }
    let mut ordinals = std::collections::HashMap::new();
    for chunk in &parsed.chunks {
        let at = format!("chunk {} {}", chunk.doc, chunk.label);
        assert!(!chunk.label.is_empty(), "{at}: an empty label");
        assert!(!chunk.citation.is_empty(), "{at}: an empty citation");
        assert!(
            within_file(chunk.lines),
            "{at} at lines {} of {}",
            chunk.lines,
            lines.len()
        );
        let document = parsed.documents.iter().find(|d| d.id == chunk.doc);
        let document = document.unwrap_or_else(|| panic!("{at}: no document {}", chunk.doc));
        assert!(
            document.lines.start <= chunk.lines.start && chunk.lines.end <= document.lines.end,
            "{at} at lines {} outside its document's {}",
            chunk.lines,
            document.lines
        );
        let next = ordinals.entry(&chunk.doc).or_insert(0u32);
        assert_eq!(chunk.ordinal, *next, "{at}: ordinal");
        *next += 1;
        assert_from_lines(&chunk.text, &pieces, chunk.lines, &format!("{at}, text"));
        for span in chunk.inserted.iter().chain(&chunk.deleted) {
            assert_from_lines(span, &pieces, chunk.lines, &format!("{at}, span"));
        }
    }
    let mut human = Vec::new();
    printer::human::write_parsed(&mut human, parsed).expect("the human printer writes");
    let mut json = Vec::new();
    printer::json::write_parsed(&mut json, parsed).expect("the JSON printer writes");
    let messages = json_lines(&json);
    assert_eq!(
        messages.len(),
        parsed.documents.len() + parsed.chunks.len() + parsed.warnings.len()
    );
}

/// [`report_of`] names the report that the parse gives every document of
/// the file (the indexer groups files by it before parsing them).
pub fn check_report(name: &str, bytes: &[u8], manifest: &Manifest, parsed: &ParsedFile) {
    let report = report_of(name, &extract(name, bytes, DEFAULT_MAX_FILE_SIZE), manifest);
    for document in &parsed.documents {
        assert_eq!(document.report, report, "report of {}", document.id);
    }
}

/// A search that fails fails cleanly: a query error or an unknown filter
/// value, in one line.
pub fn check_error(request: &Request, err: &Error) {
    assert!(
        matches!(err, Error::Query(_) | Error::UnknownName { .. }),
        "{request:?}: {err:?}"
    );
    assert!(!err.to_string().contains('\n'), "{request:?}: {err}");
}

/// Every line of `out` read back as JSON.
fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    let text = std::str::from_utf8(out).expect("JSON output is UTF-8");
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("{err}: {line}")))
        .collect()
}

/// The invariants of a search answered by `results`: as many hits as the
/// page holds, each allowed by the filters, with a snippet that is a piece
/// of the view it says it shows (cut marks aside), at most
/// [`SNIPPET_CHARS`] characters, highlights sorted, disjoint, inside it and
/// on char boundaries; facet counts that add up to the total; both printers
/// write it, and the JSON reads back, a `hit` per hit then a `summary`.
pub fn check_results(index: &ChunkIndex, request: &Request, results: &Results) {
    let matched = results.paragraphs.unwrap_or(results.total);
    assert_eq!(results.paragraphs.is_some(), request.collapse);
    assert_eq!(
        results.hits.len(),
        request.limit.min(matched.saturating_sub(request.offset)),
        "the page of {request:?}"
    );
    let pillars: u64 = results.facets.pillar.0.iter().map(|(_, n)| n).sum();
    assert_eq!(pillars, matched as u64, "pillar counts of {request:?}");
    if !request.collapse {
        let drafts: u64 = results.facets.draft.0.iter().map(|(_, n)| n).sum();
        assert_eq!(drafts, results.total as u64, "draft counts of {request:?}");
        let kinds: u64 = results.facets.doc_kind.0.iter().map(|(_, n)| n).sum();
        assert_eq!(kinds, results.total as u64, "kind counts of {request:?}");
        let symbols: u64 = results.facets.symbol.0.iter().map(|(_, n)| n).sum();
        assert!(symbols <= kinds, "symbol counts of {request:?}");
    }
    for hit in &results.hits {
        check_filters(index, request, &hit.record);
        assert_eq!(hit.draft_key, index.draft_key(&hit.record.document));
        assert!(
            results.facets.draft.get(&hit.draft_key) > 0,
            "{request:?}: {} is counted",
            hit.draft_key
        );
        let at = format!("{request:?} → {}", hit.key);
        let record = &hit.record;
        let source = match hit.snippet_view {
            View::Text => record.chunk.text.clone(),
            View::Deleted => record.chunk.deleted.join(" … "),
            View::Removed => record.links.removed.join(" … "),
            view => panic!("{at}: a snippet from the {} view", view.name()),
        };
        let snippet = &hit.snippet;
        let body = snippet.text.strip_prefix('…').unwrap_or(&snippet.text);
        let body = body.strip_suffix('…').unwrap_or(body);
        // From the deleted or removed words, the snippet shows the runs
        // that match, joined by ` … `: each is in the view.
        let parts: Vec<&str> = match hit.snippet_view {
            View::Text => vec![body],
            _ => body.split(" … ").collect(),
        };
        for part in parts {
            assert!(
                source.contains(part),
                "{at}: snippet {:?} is not in its chunk's {}: {source:?}",
                snippet.text,
                hit.snippet_view.name()
            );
        }
        assert!(
            snippet.text.chars().count() <= SNIPPET_CHARS,
            "{at}: snippet too long"
        );
        let mut last_end = 0;
        for &[start, end] in &snippet.highlights {
            assert!(
                last_end <= start && start < end && snippet.text.get(start..end).is_some(),
                "{at}: highlight {start}..{end} in {:?}",
                snippet.text
            );
            last_end = end;
        }
    }
    let mut human = Vec::new();
    printer::hits::write_results(&mut human, results, request.offset, Palette::new(true))
        .expect("the human printer writes");
    let mut json = Vec::new();
    printer::json::write_results(&mut json, results, request.offset, None)
        .expect("the JSON printer writes");
    let messages = json_lines(&json);
    assert_eq!(messages.len(), results.hits.len() + 1);
    for (message, hit) in messages.iter().zip(&results.hits) {
        assert_eq!(message["type"], "hit");
        assert_eq!(message["data"]["snippet"], hit.snippet.text.as_str());
    }
    assert_eq!(messages.last().map(|m| &m["type"]), Some(&"summary".into()));
}

/// A hit is allowed by every filter of the request.
fn check_filters(index: &ChunkIndex, request: &Request, record: &Record) {
    let filters = &request.filters;
    let (document, chunk) = (&record.document, &record.chunk);
    if !filters.drafts.is_empty() {
        let allowed = filters
            .drafts
            .iter()
            .any(|value| match resolve_draft(index, value) {
                Ok(drafts) => drafts.iter().any(|(report, draft)| {
                    *draft == document.draft && report == document.report_or_none()
                }),
                Err(_) => standalone(index, value)
                    .iter()
                    .any(|entry| entry.key == index.draft_key(document)),
            });
        assert!(allowed, "{} is not in {:?}", document.id, filters.drafts);
    }
    if !filters.doc_kinds.is_empty() {
        let allowed = filters
            .doc_kinds
            .iter()
            .any(|kind| DocumentKind::from_name(kind) == Some(document.kind));
        assert!(
            allowed,
            "{} is not in {:?}",
            document.kind, filters.doc_kinds
        );
    }
    if !filters.symbols.is_empty() {
        let allowed = filters.symbols.iter().any(|symbol| {
            document
                .symbol
                .as_ref()
                .is_some_and(|s| s.eq_ignore_ascii_case(symbol.trim()))
        });
        assert!(
            allowed,
            "{:?} is not in {:?}",
            document.symbol, filters.symbols
        );
    }
    if !filters.pillars.is_empty() {
        let allowed = filters
            .pillars
            .iter()
            .any(|p| p.parse::<Pillar>().is_ok_and(|p| p == chunk.pillar));
        assert!(allowed, "{} is not in {:?}", chunk.pillar, filters.pillars);
    }
    if let Some(kind) = &filters.kind {
        let allowed = kind.parse::<ChunkKind>().is_ok_and(|k| k == chunk.kind);
        assert!(allowed, "{} is not {kind}", chunk.kind);
    }
    if let Some(doc) = &filters.doc {
        let file = &document.file;
        assert!(
            [document.id.as_str(), file, stem(file)].contains(&doc.as_str()),
            "{} is not {doc}",
            document.id
        );
    }
}

// Fuzz inputs: how the fuzz targets read their bytes, here so that a
// regression test replays an input exactly as the target did.

/// The file names the first byte of a `parse` fuzz input chooses from: the
/// shipped files (two have manifest entries), and names no manifest knows.
pub const NAMES: [&str; 8] = [
    "2022-03-24-capacity-building-meeting.txt",
    "2022-06-22-zero-draft.txt",
    "2022-07-20-rev1.txt",
    "2022-07-28-crp1.txt",
    "2024-06-21-third-progress-report-draft.txt",
    "draft.txt",
    "sub/notes.v2.txt",
    ".hidden",
];

/// The file name and bytes of a `parse` fuzz input: the first byte chooses
/// one of [`NAMES`], the rest is the file.
pub fn parse_input(data: &[u8]) -> (&'static str, &[u8]) {
    match data.split_first() {
        Some((&choice, bytes)) => (NAMES[usize::from(choice) % NAMES.len()], bytes),
        None => ("empty.txt", data),
    }
}

/// The `--draft`, `--pillar`, `--kind` and `--doc` values of
/// [`search_input`], valid and not.
const DRAFTS: [&str; 9] = [
    "rev1",
    "crp1",
    "zero-draft",
    "Rev.1",
    "apr1/rev1",
    "apr3/l1",
    "none",
    "apr9/rev1",
    "rev",
];
const PILLARS: [&str; 5] = ["cbm", "capacity building", "general", "Norms", "law"];
const KINDS: [&str; 5] = ["paragraph", "next-step", "letter", "Title", "chapter"];
const DOCS: [&str; 5] = [
    "2022-07-28-crp1.txt",
    "2022-07-20-rev1",
    "2022-06-22-zero-draft/programme-of-work",
    "2022-03-24-capacity-building-meeting.txt",
    "crp1",
];

/// The request a `search` fuzz input describes: the query (UTF-8, read
/// lossily), then optionally a NUL byte and option bytes — limit, offset,
/// flags (1 `--exact`, 2 `--collapse`, 4 phrases by positions), then a
/// choice of `--draft`, `--pillar`, `--kind` and `--doc` each (0: none;
/// else one of the values above, valid or not). Without NUL, a plain query
/// with the defaults of `negotext search`.
pub fn search_input(data: &[u8]) -> Request {
    let (query, options) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (data, &[][..]),
    };
    let mut request = Request::new(String::from_utf8_lossy(query));
    let option = |i: usize| options.get(i).copied();
    let pick = |i: usize, values: &[&str]| {
        option(i)
            .filter(|&b| b > 0)
            .map(|b| values[usize::from(b - 1) % values.len()].to_string())
    };
    if let Some(limit) = option(0) {
        request.limit = usize::from(limit);
    }
    request.offset = usize::from(option(1).unwrap_or(0));
    let flags = option(2).unwrap_or(0);
    request.exact = flags & 1 != 0;
    request.collapse = flags & 2 != 0;
    request.pairs = flags & 4 == 0;
    request.filters = Filters {
        drafts: pick(3, &DRAFTS).into_iter().collect(),
        pillars: pick(4, &PILLARS).into_iter().collect(),
        kind: pick(5, &KINDS),
        doc: pick(6, &DOCS),
        ..Filters::default()
    };
    request
}
