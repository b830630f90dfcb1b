//! The scan: every corpus file read once, one per core at a time — its
//! fingerprint, its share of the lexicon, and, for the files an update
//! will parse, its report (`parse::report_of`) and the text its reader
//! gave, kept for the parse.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::Existing;
use super::fingerprint::fingerprint;
use super::state::{BUILD, Stamp};
use crate::analysis::Learner;
use crate::corpus::{self, Bounded, Corpus, CorpusFile, Decoded};
use crate::error::{Error, Result};
use crate::parse;

/// A corpus file as the scan found it: its bytes are read again when it
/// is parsed, so an update never holds the corpus in memory.
pub(super) struct Source<'a> {
    pub(super) file: &'a CorpusFile,
    pub(super) len: u64,
    pub(super) fingerprint: String,
    /// Its size and time as the scan saw them, if they can vouch for the
    /// fingerprint.
    pub(super) stamp: Option<Stamp>,
    /// Its report, found without parsing it (for the files the scan was
    /// asked about).
    pub(super) report: Option<String>,
    /// Whether the update parses it (decided after the scan).
    pub(super) parse: bool,
    /// What its reader gave, kept from the scan for the parse when the
    /// file is a PDF, DOCX or HTML file (reading a PDF costs about 10 ms a
    /// page) and [`KEPT_READS`] allows.
    pub(super) read: Option<Arc<Decoded>>,
}

/// How many bytes of text the scan keeps for the parse ([`Source::read`]);
/// a file past it is read again when it is parsed.
const KEPT_READS: u64 = 256 << 20;

/// What a scan reads besides fingerprints.
pub(super) enum Scan<'a> {
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
pub(super) fn scan<'c>(corpus: &'c Corpus, what: Scan<'_>) -> Result<(Vec<Source<'c>>, Learner)> {
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
            // A check takes the size and time the listing saw (one `stat`
            // per file, not two); an update looks again.
            let (len, stamp) = match what {
                Scan::Check(_) => (file.len, Stamp::at(file.len, file.modified, now)),
                Scan::ForUpdate(_) => match std::fs::metadata(&file.path) {
                    Ok(metadata) => (metadata.len(), Stamp::of(&metadata, now)),
                    // Removed since the corpus was listed: as if never there.
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                        return Ok((Vec::new(), Learner::default()));
                    }
                    Err(err) => return Err(Error::io(&file.path, err)),
                },
            };
            if let Some(fingerprint) = vouched(&file.name, stamp) {
                let source = Source {
                    file,
                    len,
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
                        len,
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
fn keep(decoded: Decoded, kept: &AtomicU64) -> Option<Arc<Decoded>> {
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
    Some(Arc::new(decoded))
}
