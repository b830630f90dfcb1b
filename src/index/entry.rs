//! The entries of the draft facet: what `by draft`, the rows of `negotext
//! stats` and `--draft` name.
//!
//! A document of a report counts under its draft, `apr1/rev1`. A file of
//! no report — a stand-alone letter, a resolution, a treaty — is not a
//! draft of anything: it counts under the name it is [shown as](shown_as),
//! its symbol (`A/RES/77/321`), else its title (`Letter of 24 March 2022`,
//! shortened), else its file name without extension; never as a
//! `none/none` shared by every such file. Files shown by the same name (two
//! copies of one symbol) count together.
//!
//! ```
//! use negotext::index::entry::shown_as;
//! use negotext::model::{Document, DocumentKind, Draft, LineRange};
//! let resolution = Document {
//!     id: "a-res-77-321/other".to_string(),
//!     file: "a-res-77-321.txt".to_string(),
//!     title: "Resolution adopted by the General Assembly".to_string(),
//!     symbol: Some("A/RES/77/321".to_string()),
//!     date: None,
//!     date_end: None,
//!     report: None,
//!     draft: Draft::None,
//!     kind: DocumentKind::Other,
//!     lines: LineRange::new(1, 40),
//! };
//! assert_eq!(shown_as(&[resolution]).as_deref(), Some("A/RES/77/321"));
//! ```

use std::collections::HashMap;

use super::indexer::draft_key;
use super::state::IndexState;
use crate::model::{Date, Document, Draft, NO_REPORT};

/// One entry of the draft facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftEntry {
    /// What counts are keyed by and `--draft` takes: `apr1/rev1`, or the
    /// name a file of no report is shown as.
    pub key: String,
    /// The report, or `none`.
    pub report: String,
    /// The draft (of the first file, for files of no report that share a
    /// name).
    pub draft: Draft,
    /// The earliest date of its documents.
    pub date: Option<Date>,
    /// How many documents it holds.
    pub documents: usize,
}

impl DraftEntry {
    /// Whether it names files of no report (by symbol, title or file
    /// name) rather than a draft of a report.
    pub fn is_standalone(&self) -> bool {
        self.report == NO_REPORT
    }
}

/// How long a title may be as the name of a file of no report; a longer
/// one is cut at a word boundary before it, and ends with `…`.
pub const SHOWN_TITLE_CHARS: usize = 48;

/// The name a file of no report is shown as (see the [module docs](self)),
/// from its documents; `None` for a file of a report (or of no document).
pub fn shown_as(documents: &[Document]) -> Option<String> {
    let first = documents.first()?;
    if first.report.is_some() {
        return None;
    }
    if let Some(symbol) = documents.iter().find_map(|d| d.symbol.as_deref()) {
        return Some(symbol.trim().to_string());
    }
    let title = first.title.split_whitespace().collect::<Vec<_>>().join(" ");
    // A title made up from the document's kind names nothing.
    if !title.is_empty() && title != first.kind.capitalized_name() {
        return Some(shorten(&title, SHOWN_TITLE_CHARS));
    }
    Some(crate::corpus::stem(&first.file).to_string())
}

/// `text` cut at the last word boundary before `max` characters, with `…`.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut = text
        .char_indices()
        .nth(max)
        .map_or(text.len(), |(at, _)| at);
    let head = text.get(..cut).unwrap_or(text);
    let head = match head.rfind(' ') {
        Some(space) if space > 0 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    format!("{}…", head.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// The key of a document's entry: `report/draft`, or the name its file is
/// shown as (`shown`, from [`shown_as`]) when it belongs to no report.
pub fn key_of(report: Option<&str>, draft: Draft, shown: Option<&str>) -> String {
    match (report, shown) {
        (Some(report), _) => draft_key(report, draft),
        (None, Some(shown)) => shown.to_string(),
        (None, None) => draft_key(NO_REPORT, draft),
    }
}

/// The entries of an index: the drafts of each report in negotiation
/// order (as [`IndexState::drafts`]), then the files of no report by date
/// (undated last), then name.
pub fn entries(state: &IndexState) -> Vec<DraftEntry> {
    /// An entry's key without building its text: one per document adds up
    /// on an index of many files.
    #[derive(PartialEq, Eq, Hash)]
    enum Key<'a> {
        Draft(&'a str, Draft),
        Shown(&'a str),
    }
    let mut entries: Vec<DraftEntry> = Vec::new();
    let mut by_key: HashMap<Key, usize> = HashMap::new();
    for file in state.files.values() {
        for doc in &file.documents {
            let key = match file.shown_as.as_deref() {
                Some(shown) if doc.report == NO_REPORT => Key::Shown(shown),
                _ => Key::Draft(&doc.report, doc.draft),
            };
            match by_key.get(&key).and_then(|&at| entries.get_mut(at)) {
                Some(entry) => {
                    entry.date = entry.date.min(doc.date).or(doc.date);
                    entry.documents += 1;
                }
                None => {
                    let text = match key {
                        Key::Shown(shown) => shown.to_string(),
                        Key::Draft(report, draft) => draft_key(report, draft),
                    };
                    by_key.insert(key, entries.len());
                    entries.push(DraftEntry {
                        key: text,
                        report: doc.report.clone(),
                        draft: doc.draft,
                        date: doc.date,
                        documents: 1,
                    });
                }
            }
        }
    }
    entries.sort_by(|a, b| {
        let order = |e: &DraftEntry| (e.is_standalone(), e.date.is_none() && e.is_standalone());
        order(a).cmp(&order(b)).then_with(|| {
            if a.is_standalone() {
                (a.date, &a.key).cmp(&(b.date, &b.key))
            } else {
                (&a.report, a.draft, a.date).cmp(&(&b.report, b.draft, b.date))
            }
        })
    });
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, LineRange};

    fn document(kind: DocumentKind, title: &str, symbol: Option<&str>) -> Document {
        Document {
            id: "letter-2026/letter".to_string(),
            file: "dir/letter-2026.txt".to_string(),
            title: title.to_string(),
            symbol: symbol.map(str::to_string),
            date: None,
            date_end: None,
            report: None,
            draft: Draft::None,
            kind,
            lines: LineRange::new(1, 2),
        }
    }

    #[test]
    fn a_file_of_no_report_is_shown_by_symbol_title_or_name() {
        let letter = document(DocumentKind::Letter, "Letter of 24 March 2022", None);
        let annex = document(DocumentKind::Annex, "Annex", Some("A/AC.292/2022/INF/1"));
        assert_eq!(
            shown_as(&[letter.clone(), annex]).as_deref(),
            Some("A/AC.292/2022/INF/1")
        );
        assert_eq!(
            shown_as(std::slice::from_ref(&letter)).as_deref(),
            Some("Letter of 24 March 2022")
        );
        // A title made up from the kind names nothing: the file does.
        let other = document(DocumentKind::Other, "Document", None);
        assert_eq!(shown_as(&[other]).as_deref(), Some("dir/letter-2026"));
        let long = document(
            DocumentKind::Invitation,
            "Invitation to an in-person cocktail reception at the Singapore Mission on Monday",
            None,
        );
        assert_eq!(
            shown_as(&[long]).as_deref(),
            Some("Invitation to an in-person cocktail reception…")
        );
        let drafted = Document {
            report: Some("apr1".to_string()),
            ..letter
        };
        assert_eq!(shown_as(&[drafted]), None);
        assert_eq!(shown_as(&[]), None);
    }

    #[test]
    fn shortening_cuts_at_a_word_boundary() {
        assert_eq!(shorten("short title", 48), "short title");
        assert_eq!(shorten("one two three", 9), "one two…");
        assert_eq!(shorten("Über, die Brücke", 6), "Über…");
        assert_eq!(shorten("abcdefghij", 4), "abcd…");
    }

    #[test]
    fn drafts_come_in_negotiation_order_then_files_of_no_report_by_date() {
        use crate::index::state::{DocumentSummary, FileState};
        let day = |d| Date::new(2026, 3, d);
        let file = |report: &str, draft, date, shown: Option<&str>| FileState {
            fingerprint: String::new(),
            stamp: None,
            chunks: 1,
            documents: vec![DocumentSummary {
                id: String::new(),
                report: report.to_string(),
                draft,
                date,
                kind: DocumentKind::Other,
                symbol: None,
            }],
            shown_as: shown.map(str::to_string),
        };
        let mut state = IndexState::default();
        for (name, state_of_file) in [
            ("a", file("none", Draft::None, day(9), Some("A/RES/77/321"))),
            ("b", file("r1", Draft::Rev(1), day(5), None)),
            ("c", file("none", Draft::None, None, Some("notes"))),
            (
                "d",
                file("none", Draft::None, day(1), Some("Letter of 1 March 2026")),
            ),
            ("e", file("r1", Draft::ZeroDraft, day(1), None)),
            ("f", file("none", Draft::None, day(2), Some("A/RES/77/321"))),
        ] {
            state.files.insert(name.to_string(), state_of_file);
        }
        let entries = entries(&state);
        let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "r1/zero-draft",
                "r1/rev1",
                "Letter of 1 March 2026",
                "A/RES/77/321",
                "notes"
            ]
        );
        // Two files shown by one symbol: one entry, of both, from the first date.
        let resolution = entries.get(3).unwrap();
        assert_eq!((resolution.documents, resolution.date), (2, day(2)));
        assert!(resolution.is_standalone() && !entries[0].is_standalone());
    }

    #[test]
    fn keys() {
        assert_eq!(key_of(Some("apr1"), Draft::Rev(1), None), "apr1/rev1");
        assert_eq!(
            key_of(None, Draft::None, Some("A/RES/77/321")),
            "A/RES/77/321"
        );
        assert_eq!(key_of(None, Draft::None, None), "none/none");
    }
}
