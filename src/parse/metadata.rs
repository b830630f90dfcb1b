//! What a document says about itself: its draft, report, symbol and dates.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::numerals::ORDINALS;
use crate::model::{Date, DateRange, DocumentKind, Draft};

use super::{letter, regex};

static ZERO_DRAFT: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\bzero[\s-]+draft\b"));
static REVISION: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\brev\.?\s*(\d{1,2})\b"));
static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b[A-Z]{1,6}(?:/[A-Z]{1,6}(?:\.\d{1,4})?)*/\d{2,4}/[A-Za-z0-9./]*[A-Za-z0-9]")
});
static SYMBOL_DRAFT: LazyLock<Regex> = LazyLock::new(|| regex(r"/(CRP|L)\.(\d{1,3})$"));
static REPORT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final)\s+(?:annual\s+progress\s+)?report\b",
    )
});
static ISSUED_AS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\bissued\s+as\s+(?:document\s+)?(\S+?)[.,;]?$"));

/// The dates of a file, from its first lines: those of the first date
/// line — a date ("New York, 8 July 2024") or a range of days ("23 March –
/// 2 April 2026") — else the first stamp in figures ("04/05/26", as at the
/// top of an advance copy).
pub fn dates<'a>(first_lines: impl Iterator<Item = &'a str> + Clone) -> Option<DateRange> {
    let mut written = first_lines
        .clone()
        .filter(|line| letter::date_line(line).is_some());
    match written.next() {
        Some(line) => DateRange::find_in(line),
        None => first_lines
            .filter(|line| line.trim().chars().count() <= STAMP_LINE_CHARS)
            .find_map(Date::find_stamp_in)
            .map(DateRange::day),
    }
}

/// The longest line that a stamp in figures is read from.
const STAMP_LINE_CHARS: usize = 60;

static RESOLUTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*\d{1,3}/\d{1,4}\.\s*"));
static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(organizational|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|resumed)\s+(?:substantive\s+)?session\b",
    )
});
static ADVANCE: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\badvance[,\s]+unedited\b"));
/// The General Assembly session in a symbol: `77` in `A/RES/77/321`,
/// `A/77/L.82`, `A/DEC/78/560`, `A/C.1/80/L.20`.
static GA_SESSION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\bA/(?:RES/|DEC/|C\.\d/)?(?P<session>\d{2,3})/"));
/// Words a family name leaves out.
const SMALL_WORDS: [&str; 12] = [
    "the", "of", "on", "and", "in", "for", "to", "a", "an", "under", "by", "its",
];
/// How many words of a title name a family.
const FAMILY_WORDS: usize = 5;

/// The family of an instrument: what its drafts and its adopted or final
/// text have in common, so that `history` and `diff` can follow it from
/// `A/C.1/80/L.20` to resolution 80/16 and from an advance report to the
/// final one. It is read from the title (without a resolution's number)
/// and, for a report, the session it reports on; for a resolution or
/// decision and their drafts, whether it is a resolution or a decision and
/// the General Assembly session of its symbol (a draft is adopted in its
/// own session: `A/77/L.82` becomes resolution 77/321, while resolution
/// 78/272 of the same title is another instrument). The name is a few words
/// of the title, then a short digest of all of it
/// (`open-ended-working-group-security-use-3f2a`). A treaty has no family.
pub fn family(kind: DocumentKind, title: &str, header: &str) -> Option<String> {
    if kind == DocumentKind::Treaty {
        return None;
    }
    let title = RESOLUTION_NUMBER.replace(title, "");
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut key = words.join(" ");
    if kind == DocumentKind::Report
        && let Some(session) = SESSION.find(header)
    {
        key.push(' ');
        key.push_str(&session.as_str().to_lowercase());
    }
    let instrument = match kind {
        DocumentKind::Resolution | DocumentKind::DraftResolution => Some("resolution"),
        DocumentKind::Decision | DocumentKind::DraftDecision => Some("decision"),
        _ => None,
    };
    if let Some(instrument) = instrument {
        key.push(' ');
        key.push_str(instrument);
        if let Some(session) = GA_SESSION.captures(header).and_then(|c| c.name("session")) {
            key.push(' ');
            key.push_str(session.as_str());
        }
    }
    let name: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !SMALL_WORDS.contains(w))
        .take(FAMILY_WORDS)
        .collect();
    Some(format!("{}-{:04x}", name.join("-"), digest(&key) & 0xffff))
}

/// FNV-1a: a digest that is the same on every machine and every run.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The version an instrument's kind and header say it is: a resolution or
/// decision is the adopted text; a report is an advance unedited version
/// when its header says so, else the final issue. Drafts (L-documents) are
/// read from their symbol by [`draft`].
pub fn version(kind: DocumentKind, header: &str) -> Option<Draft> {
    match kind {
        DocumentKind::Resolution | DocumentKind::Decision => Some(Draft::Adopted),
        DocumentKind::Report if ADVANCE.is_match(header) => Some(Draft::Advance),
        DocumentKind::Report => Some(Draft::Final),
        _ => None,
    }
}

/// The first UN document symbol in a text (`A/AC.292/2022/CRP.1`).
pub fn symbol(text: &str) -> Option<String> {
    SYMBOL.find(text).map(|m| m.as_str().to_string())
}

/// The symbol a footnote announces: "To be issued as document A/AC.292/2022/2".
pub fn announced_symbol(footnote: &str) -> Option<String> {
    let caps = ISSUED_AS.captures(footnote.trim())?;
    let candidate = caps.get(1)?.as_str();
    symbol(candidate)
}

/// The draft a text names: "Zero Draft", "Rev. 1", or a symbol ending in
/// `CRP.1` / `L.1`.
pub fn draft(text: &str) -> Option<Draft> {
    if let Some(symbol) = symbol(text)
        && let Some(caps) = SYMBOL_DRAFT.captures(&symbol)
    {
        let n: u8 = caps.get(2)?.as_str().parse().ok()?;
        return Some(match caps.get(1)?.as_str() {
            "CRP" => Draft::Crp(n),
            _ => Draft::L(n),
        });
    }
    if ZERO_DRAFT.is_match(text) {
        return Some(Draft::ZeroDraft);
    }
    let n: u8 = REVISION.captures(text)?.get(1)?.as_str().parse().ok()?;
    Some(Draft::Rev(n))
}

/// The report a text names: "first annual progress report" → `apr1`,
/// "final report" → `final`.
pub fn report(text: &str) -> Option<String> {
    let caps = REPORT.captures(text)?;
    let word = caps.get(1)?.as_str().to_lowercase();
    match ORDINALS.iter().position(|o| *o == word) {
        Some(i) => Some(format!("apr{}", i + 1)),
        None => Some(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_and_its_resolution_are_one_family() {
        let draft = family(
            DocumentKind::DraftResolution,
            "Open-ended working group on security of and in the use of information and communications technologies 2021–2025",
            "A/C.1/80/L.20",
        );
        let adopted = family(
            DocumentKind::Resolution,
            "80/16. Open-ended working group on security of and in the use of information and communications technologies 2021–2025",
            "A/RES/80/16",
        );
        assert_eq!(draft, adopted);
        assert!(
            draft
                .unwrap()
                .starts_with("open-ended-working-group-security-")
        );
        assert_ne!(
            family(
                DocumentKind::Report,
                "Report of the Commission",
                "Third session"
            ),
            family(
                DocumentKind::Report,
                "Report of the Commission",
                "Second session"
            ),
        );
        assert_eq!(family(DocumentKind::Treaty, "Agreement", ""), None);
    }

    #[test]
    fn instruments_of_one_title_are_one_family_per_session_and_kind() {
        let title = "Agreement under the United Nations Convention on the Law of the Sea";
        let of = |kind, header| family(kind, title, header);
        let draft_77 = of(
            DocumentKind::DraftResolution,
            "United Nations A/77/L.82 General Assembly",
        );
        let resolution_77 = of(DocumentKind::Resolution, "United Nations A/RES/77/321");
        let resolution_78 = of(DocumentKind::Resolution, "United Nations A/RES/78/272");
        let decision_78 = of(
            DocumentKind::DraftDecision,
            "United Nations A/78/L.102* General",
        );
        assert_eq!(draft_77, resolution_77);
        assert_ne!(resolution_77, resolution_78);
        assert_ne!(resolution_78, decision_78);
        assert_eq!(decision_78, of(DocumentKind::Decision, "A/DEC/78/560"));
    }

    #[test]
    fn versions_of_instruments() {
        assert_eq!(version(DocumentKind::Resolution, ""), Some(Draft::Adopted));
        assert_eq!(
            version(DocumentKind::Report, "04/05/26 ADVANCE, UNEDITED VERSION"),
            Some(Draft::Advance)
        );
        assert_eq!(
            version(DocumentKind::Report, "A/AC.296/2026/9"),
            Some(Draft::Final)
        );
        assert_eq!(version(DocumentKind::DraftResolution, ""), None);
    }

    fn dates_of(lines: &[&str]) -> Option<(Date, Option<Date>)> {
        dates(lines.iter().copied()).map(|d| (d.start, d.end))
    }

    #[test]
    fn dates_from_the_first_lines() {
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(
            dates_of(&["Excellency,", "28 July 2022", "30 July 2022"]),
            Some((day(2022, 7, 28), None))
        );
        assert_eq!(
            dates_of(&[
                "A/AC.296/2026/9",
                "Fourth substantive session",
                "New York, 23 March – 2 April 2026",
            ]),
            Some((day(2026, 3, 23), Some(day(2026, 4, 2))))
        );
        assert_eq!(
            dates_of(&["Advance unedited version", "04/05/26", "A/78/272"]),
            Some((day(2026, 5, 4), None))
        );
        // A written date wins over a stamp, wherever it is.
        assert_eq!(
            dates_of(&["04/05/26", "Distr.: General", "4 June 2026"]),
            Some((day(2026, 6, 4), None))
        );
        assert_eq!(dates_of(&["A/RES/77/321", "para. 4/5", "78/272"]), None);
        // Not from a paragraph of text.
        assert_eq!(
            dates_of(&[
                "The Working Group met from 23 March to 2 April 2026 in New York and adopted its report."
            ]),
            None
        );
    }

    #[test]
    fn drafts_from_descriptions_and_titles() {
        assert_eq!(
            draft("Zero Draft of the first annual progress report"),
            Some(Draft::ZeroDraft)
        );
        assert_eq!(
            draft("Rev. 1 of the first annual progress report of the OEWG."),
            Some(Draft::Rev(1))
        );
        assert_eq!(
            draft("A/AC.292/2022/CRP.1 Draft Annual Progress Report"),
            Some(Draft::Crp(1))
        );
        assert_eq!(
            draft("adopted the draft report (A/AC.292/2024/L.1)"),
            Some(Draft::L(1))
        );
        assert_eq!(draft("Draft third annual progress report"), None);
    }

    #[test]
    fn reports_and_symbols() {
        assert_eq!(
            report("Zero Draft of the first annual progress report").as_deref(),
            Some("apr1")
        );
        assert_eq!(
            report("Draft third annual progress report of the").as_deref(),
            Some("apr3")
        );
        assert_eq!(report("Draft Annual Progress Report"), None);
        assert_eq!(
            symbol("Annex A – A/AC.292/2022/CRP.1 Draft").as_deref(),
            Some("A/AC.292/2022/CRP.1")
        );
        assert_eq!(
            announced_symbol("To be issued as document A/AC.292/2022/2").as_deref(),
            Some("A/AC.292/2022/2")
        );
        assert_eq!(symbol("resolution 75/240"), None);
    }
}
