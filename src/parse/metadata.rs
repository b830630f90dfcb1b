//! What a document says about itself: its draft, report, symbol and dates.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Date, DateRange, Draft};

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
    let ordinals = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    match ordinals.iter().position(|o| *o == word) {
        Some(i) => Some(format!("apr{}", i + 1)),
        None => Some(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
