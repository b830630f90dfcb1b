//! The entries of the draft facet: what `by draft`, the rows of `negotext
//! stats` and `--draft` name.
//!
//! A document of a report counts under its draft, `apr1/rev1`. A file of
//! no report — a stand-alone letter, a resolution, a treaty — is not a
//! draft of anything: it counts under the name it is [shown as](shown_as),
//! its symbol (`A/RES/77/321`), else its title (`Letter of 24 March 2022`,
//! shortened), else its file name without extension; never as a
//! `none/none` shared by every such file. The files of one symbol (the
//! English and French texts of a resolution) count together: a symbol
//! names one document. A title or a file name does not: each file shown
//! by one has an entry of its own, and when two share the name, each is
//! shown with its file name too (`Statement (d01/statement-7)`).
//!
//! The `draft_key` column holds an entry's [`column_key`]: `report/draft`,
//! the symbol, or a key of the file's own. The names are worked out when
//! the index is opened ([`DraftEntries`]): only then are they all known.
//!
//! ```
//! use negotext::index::entry::shown_as;
//! use negotext::model::{Document, DocumentKind, Draft, Format, LineRange};
//! let resolution = Document {
//!     id: "a-res-77-321/resolution".to_string(),
//!     file: "a-res-77-321.txt".to_string(),
//!     title: "Resolution adopted by the General Assembly".to_string(),
//!     symbol: Some("A/RES/77/321".to_string()),
//!     date: None,
//!     date_end: None,
//!     report: None,
//!     draft: Draft::None,
//!     kind: DocumentKind::Other,
//!     lines: LineRange::new(1, 40),
//!     format: Format::Pdf,
//!     unsettled: Default::default(),
//! };
//! assert_eq!(shown_as(&[resolution]).as_deref(), Some("A/RES/77/321"));
//! ```

use std::collections::HashMap;

use super::state::IndexState;
use crate::model::{Date, Document, Draft, NO_REPORT, Unsettled};

/// The key of a draft of a report in facet counts and `--draft`:
/// `report/draft` (a file of no report has [another](column_key)).
pub fn draft_key(report: &str, draft: Draft) -> String {
    format!("{report}/{}", draft.short())
}

/// One entry of the draft facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftEntry {
    /// Its name, unique in the index: what counts are keyed by and
    /// `--draft` takes (`apr1/rev1`, `A/RES/77/321`, `Letter of 24 March
    /// 2022`, `Statement (d01/statement-7)`).
    pub key: String,
    /// The name without the file name that tells apart files shown by one
    /// title or name (else `key`).
    pub name: String,
    /// What the `draft_key` column holds for its chunks ([`column_key`]).
    pub column: String,
    /// The report, or `none`.
    pub report: String,
    /// The draft (of the first file, for the files of one symbol).
    pub draft: Draft,
    /// The earliest date of its documents.
    pub date: Option<Date>,
    /// How many documents it holds.
    pub documents: usize,
    /// The brackets and options of its documents, summed.
    pub unsettled: Unsettled,
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
    if of_report(first.report.as_deref()).is_some() {
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

/// Starts the [`column_key`] of a file of no report shown by its title or
/// file name (the file's name follows), so that it is never a symbol's or
/// a draft's.
const OWN_KEY: char = '\u{1}';

/// What the `draft_key` column holds for the chunks of a document of
/// `file`: `report/draft` when it belongs to a report; else the first
/// symbol among the file's `symbols` (the files of one symbol count
/// together), else a key of the file's own.
pub fn column_key<'a>(
    file: &str,
    report: Option<&str>,
    draft: Draft,
    symbols: impl IntoIterator<Item = Option<&'a str>>,
) -> String {
    match (of_report(report), symbols.into_iter().flatten().next()) {
        (Some(report), _) => draft_key(report, draft),
        (None, Some(symbol)) => symbol.trim().to_string(),
        (None, None) => format!("{OWN_KEY}{file}"),
    }
}

/// A report, unless it is the `none` of documents of no report.
fn of_report(report: Option<&str>) -> Option<&str> {
    report.filter(|report| *report != NO_REPORT)
}

/// The entries of an index, named.
#[derive(Debug, Clone, Default)]
pub struct DraftEntries {
    /// The drafts of each report in negotiation order (as
    /// [`IndexState::drafts`]), then the files of no report by date
    /// (undated last), then name.
    list: Vec<DraftEntry>,
    /// Where each column key's entry is in `list`.
    by_column: HashMap<String, usize>,
}

impl DraftEntries {
    /// The entries of the index whose state is `state`.
    pub fn of(state: &IndexState) -> DraftEntries {
        let mut list: Vec<DraftEntry> = Vec::new();
        let mut by_column: HashMap<String, usize> = HashMap::new();
        for (file_name, file) in &state.files {
            let symbols = || file.documents.iter().map(|d| d.symbol.as_deref());
            // The same for every document of a file of no report.
            let mut own: Option<String> = None;
            for doc in &file.documents {
                let report = of_report(Some(&doc.report));
                let column = match report {
                    Some(_) => column_key(file_name, report, doc.draft, symbols()),
                    None => own
                        .get_or_insert_with(|| column_key(file_name, None, doc.draft, symbols()))
                        .clone(),
                };
                if let Some(entry) = by_column.get(&column).and_then(|&at| list.get_mut(at)) {
                    entry.date = entry.date.min(doc.date).or(doc.date);
                    entry.documents += 1;
                    entry.unsettled.brackets += doc.unsettled.brackets;
                    entry.unsettled.options += doc.unsettled.options;
                    continue;
                }
                let name = match (report, &file.shown_as) {
                    (Some(_), _) => column.clone(),
                    (None, Some(shown)) => shown.clone(),
                    (None, None) => crate::corpus::stem(file_name).to_string(),
                };
                by_column.insert(column.clone(), list.len());
                list.push(DraftEntry {
                    key: name.clone(),
                    name,
                    column,
                    report: doc.report.clone(),
                    draft: doc.draft,
                    date: doc.date,
                    documents: 1,
                    unsettled: doc.unsettled,
                });
            }
        }
        name_apart(&mut list);
        list.sort_by(|a, b| {
            let order = |e: &DraftEntry| (e.is_standalone(), e.is_standalone() && e.date.is_none());
            order(a).cmp(&order(b)).then_with(|| {
                if a.is_standalone() {
                    (a.date, &a.key).cmp(&(b.date, &b.key))
                } else {
                    (&a.report, a.draft, a.date).cmp(&(&b.report, b.draft, b.date))
                }
            })
        });
        let by_column = list
            .iter()
            .enumerate()
            .map(|(at, entry)| (entry.column.clone(), at))
            .collect();
        DraftEntries { list, by_column }
    }

    /// The entry whose chunks hold `column` in the `draft_key` column.
    pub fn by_column(&self, column: &str) -> Option<&DraftEntry> {
        self.by_column.get(column).and_then(|&at| self.list.get(at))
    }

    /// The entries, in their order.
    pub fn iter(&self) -> std::slice::Iter<'_, DraftEntry> {
        self.list.iter()
    }
}

/// Gives each file shown by a title or file name that another entry shows
/// too its file name: `Statement (d01/statement-7)`.
fn name_apart(list: &mut [DraftEntry]) {
    let mut names: HashMap<&str, usize> = HashMap::new();
    for entry in list.iter() {
        *names.entry(entry.name.as_str()).or_default() += 1;
    }
    let shared: Vec<bool> = list
        .iter()
        .map(|entry| names.get(entry.name.as_str()).is_some_and(|&n| n > 1))
        .collect();
    for (entry, shared) in list.iter_mut().zip(shared) {
        if shared && let Some(file) = entry.column.strip_prefix(OWN_KEY) {
            entry.key = format!("{} ({})", entry.name, crate::corpus::stem(file));
        }
    }
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
            format: Default::default(),
            unsettled: Unsettled::default(),
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
        let file =
            |report: &str, draft, date, symbol: Option<&str>, shown: Option<&str>| FileState {
                fingerprint: String::new(),
                stamp: None,
                chunks: 1,
                documents: vec![DocumentSummary {
                    id: String::new(),
                    report: report.to_string(),
                    draft,
                    date,
                    kind: DocumentKind::Other,
                    symbol: symbol.map(str::to_string),
                    unsettled: Unsettled::default(),
                }],
                shown_as: shown.map(str::to_string),
            };
        let resolution = Some("A/RES/77/321");
        let mut state = IndexState::default();
        for (name, state_of_file) in [
            (
                "en.txt",
                file("none", Draft::None, day(9), resolution, resolution),
            ),
            ("b.txt", file("r1", Draft::Rev(1), day(5), None, None)),
            (
                "notes.txt",
                file("none", Draft::None, None, None, Some("notes")),
            ),
            (
                "d/1.txt",
                file("none", Draft::None, day(1), None, Some("Statement")),
            ),
            ("e.txt", file("r1", Draft::ZeroDraft, day(1), None, None)),
            (
                "fr.txt",
                file("none", Draft::None, day(2), resolution, resolution),
            ),
            (
                "d/2.txt",
                file("none", Draft::None, day(3), None, Some("Statement")),
            ),
        ] {
            state.files.insert(name.to_string(), state_of_file);
        }
        let entries = DraftEntries::of(&state);
        let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "r1/zero-draft",
                "r1/rev1",
                "Statement (d/1)",
                "A/RES/77/321",
                "Statement (d/2)",
                "notes"
            ]
        );
        // The files of one symbol: one entry, of both, from the first date.
        let resolution = entries.by_column("A/RES/77/321").unwrap();
        assert_eq!((resolution.documents, resolution.date), (2, day(2)));
        assert!(resolution.is_standalone());
        let statement = entries.by_column("\u{1}d/2.txt").unwrap();
        assert_eq!(
            (statement.name.as_str(), statement.documents),
            ("Statement", 1)
        );
        assert!(!entries.by_column("r1/rev1").unwrap().is_standalone());
    }

    #[test]
    fn column_keys() {
        assert_eq!(
            column_key(
                "a.txt",
                Some("apr1"),
                Draft::Rev(1),
                [Some("A/AC.292/2022/CRP.1")]
            ),
            "apr1/rev1"
        );
        assert_eq!(
            column_key("a.txt", None, Draft::None, [None, Some(" A/RES/77/321")]),
            "A/RES/77/321"
        );
        assert_eq!(
            column_key("a.txt", None, Draft::L(102), [None]),
            "\u{1}a.txt"
        );
    }
}
