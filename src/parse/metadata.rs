//! What a document says about itself: its draft, report and symbol.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Draft;

use super::regex;

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
