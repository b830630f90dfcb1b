//! The indexing of an update, one report per core: each report's files
//! read again (or their text kept from the scan), parsed, linked
//! (`history::lineage`) and handed to the tantivy writer; its records
//! freed as tantivy takes them. How far it is ([`Progress`]).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use tantivy::IndexWriter;
use tantivy::tokenizer::TextAnalyzer;

use super::directory::Writes;
use super::document::tantivy_document;
use super::entry;
use super::fingerprint::fingerprint;
use super::scan::Source;
use super::schema::Fields;
use super::state::{DocumentSummary, FileState};
use crate::corpus::{self, Bounded, Corpus};
use crate::error::Result;
use crate::history::lineage;
use crate::model::{Document, NO_REPORT, Record};
use crate::parse::{self, Warning};

/// What the indexing of each report shares.
pub(super) struct Job<'a> {
    pub(super) sources: &'a [Source<'a>],
    pub(super) corpus: &'a Corpus,
    pub(super) fields: &'a Fields,
    pub(super) writer: &'a IndexWriter,
    pub(super) writes: &'a Writes,
    pub(super) dir: &'a Path,
    pub(super) progress: &'a Tracker<'a>,
    pub(super) analyzer: &'a TextAnalyzer,
}

/// What indexing one file gave.
pub(super) struct Indexed {
    /// Its index in the sources.
    pub(super) source: usize,
    /// What the index state records of it; `None` if it vanished before
    /// it could be read again.
    pub(super) state: Option<FileState>,
    pub(super) warnings: Vec<Warning>,
}

impl Job<'_> {
    /// Indexes every report of `groups` ([`plan::groups`](super::plan::groups)),
    /// one per core (rayon): what each file gave, in corpus order.
    pub(super) fn index_all(&self, groups: BTreeMap<String, Vec<usize>>) -> Result<Vec<Indexed>> {
        let mut indexed: Vec<Indexed> = groups
            .into_par_iter()
            .map(|(_, members)| self.index_report(&members))
            .collect::<Result<Vec<Vec<Indexed>>>>()?
            .into_iter()
            .flatten()
            .collect();
        indexed.sort_by_key(|file| file.source);
        Ok(indexed)
    }

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

/// How far the parsing of an update is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub files: u64,
    pub total_files: u64,
    pub bytes: u64,
    pub total_bytes: u64,
}

/// Files and bytes parsed so far, reported to the caller's callback.
pub(super) struct Tracker<'a> {
    files: AtomicU64,
    total_files: AtomicU64,
    done: AtomicU64,
    total: AtomicU64,
    report: Option<&'a (dyn Fn(Progress) + Sync)>,
}

impl<'a> Tracker<'a> {
    /// Nothing parsed yet of the files of `groups`, reported to `report`.
    pub(super) fn of(
        groups: &BTreeMap<String, Vec<usize>>,
        sources: &[Source],
        report: Option<&'a (dyn Fn(Progress) + Sync)>,
    ) -> Tracker<'a> {
        let members = || groups.values().flatten();
        Tracker {
            files: AtomicU64::new(0),
            total_files: AtomicU64::new(members().count() as u64),
            done: AtomicU64::new(0),
            total: AtomicU64::new(
                members()
                    .filter_map(|&i| sources.get(i))
                    .map(|s| s.len)
                    .sum(),
            ),
            report,
        }
    }

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

/// What the index state records of a document.
fn summary(document: &Document) -> DocumentSummary {
    DocumentSummary {
        id: document.id.clone(),
        report: document.report_or_none().to_string(),
        draft: document.draft,
        date: document.date,
        kind: document.kind,
        symbol: document.symbol.clone(),
        unsettled: document.unsettled,
    }
}
