//! Human citations: how a delegate would refer to a chunk in an email.

use super::{Document, DocumentKind, Draft};

const DAYS: [(&str, &str); 7] = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
];

/// Renders the citation of the chunk labelled `label` in `doc`, e.g.
/// `A/AC.292/2022/CRP.1, para. 16(a)` or
/// `Rev.1 (20 July 2022), section E, recommended next step 2`.
pub fn cite(doc: &Document, label: &str) -> String {
    let designation = designation(doc);
    let (label, struck) = match label.strip_suffix("-deleted") {
        Some(live) => (live, true),
        None => (label, false),
    };
    let part = if doc.kind.cites_articles() {
        instrument_part(label)
    } else {
        part(label)
    };
    let mut citation = if part.is_empty() {
        designation
    } else {
        format!("{designation}, {part}")
    };
    if struck {
        citation.push_str(" (struck out)");
    }
    citation
}

/// How the document itself is named: its symbol, or draft and date.
fn designation(doc: &Document) -> String {
    let date = doc.date.map(|d| d.to_string());
    let with_date = |name: String| match &date {
        Some(date) => format!("{name} ({date})"),
        None => name,
    };
    if let Some(symbol) = &doc.symbol {
        return symbol.clone();
    }
    if doc.kind.cites_articles() && !doc.title.is_empty() {
        return short_title(&doc.title);
    }
    match doc.kind {
        DocumentKind::DraftReport if doc.draft != Draft::None => {
            with_date(doc.draft.display_name())
        }
        DocumentKind::Letter => match &date {
            Some(date) => format!("Letter of {date}"),
            None => "Letter".to_string(),
        },
        DocumentKind::Other => doc.file.clone(),
        kind => with_date(kind.capitalized_name()),
    }
}

/// How many words of a title a citation quotes.
const TITLE_WORDS: usize = 8;

/// A title cut to its first words: "Agreement under the United Nations
/// Convention on the Law …".
fn short_title(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    match words.get(..TITLE_WORDS) {
        Some(first) if words.len() > TITLE_WORDS => format!("{} …", first.join(" ")),
        _ => words.join(" "),
    }
}

/// The part of the citation of an instrument's chunk: `preambular para. 3`,
/// `para. 4(a)`, `art. 7(a)`, `annex I, art. 1(2)`.
fn instrument_part(label: &str) -> String {
    if let Some(rest) = label.strip_prefix("annex") {
        let (annex, inner) = match rest.strip_prefix('-') {
            Some(numbered) => numbered.split_once('.').unwrap_or((numbered, "")),
            None => ("", rest.strip_prefix('.').unwrap_or(rest)),
        };
        let name = if annex.is_empty() {
            "annex".to_string()
        } else {
            format!("annex {annex}")
        };
        return match instrument_part(inner).as_str() {
            "" => name,
            part => format!("{name}, {part}"),
        };
    }
    if let Some(n) = label.strip_prefix("PP") {
        return format!("preambular para. {n}");
    }
    if let Some(article) = label.strip_prefix("art.") {
        return format!("art. {article}");
    }
    match label {
        "" => String::new(),
        "header" | "title" | "sponsors" => label.to_string(),
        _ if label.starts_with(|c: char| c.is_ascii_digit() || c == '(') => {
            format!("para. {label}")
        }
        _ => label.to_string(),
    }
}

/// The part of the citation after the document: `para. 16(a)`…
fn part(label: &str) -> String {
    if label.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("para. {label}");
    }
    if let Some(rest) = label.strip_prefix("next-steps-") {
        let (section, item) = rest.split_once('.').unwrap_or(("", rest));
        return format!("section {section}, recommended next step {item}");
    }
    let (head, tail) = label.split_once('.').unwrap_or((label, ""));
    match (head, tail) {
        ("title", _) | (_, "title") => "title".to_string(),
        ("header", _) => "header".to_string(),
        ("annex", "") => "annex".to_string(),
        ("invitation", _) => String::new(),
        ("letter", "date") => "date".to_string(),
        ("letter", "sig") => "signature".to_string(),
        ("letter", "enclosures") => "enclosures".to_string(),
        ("letter", q) if q.starts_with('q') => {
            format!("question {}", q.strip_prefix('q').unwrap_or(q))
        }
        ("letter" | "annex", n) => format!("para. {n}"),
        ("pow", day) => DAYS
            .iter()
            .find(|(short, _)| *short == day)
            .map_or_else(|| day.to_string(), |(_, long)| long.to_string()),
        ("gq", rest) => match rest.split_once('.') {
            Some((set, "intro")) => format!("questions {set}, introduction"),
            Some((set, n)) => format!("questions {set}, question {n}"),
            None => format!("question {rest}"),
        },
        ("block", n) => format!("block {n}"),
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instrument_citations() {
        assert_eq!(instrument_part("PP3"), "preambular para. 3");
        assert_eq!(instrument_part("4"), "para. 4");
        assert_eq!(instrument_part("2(a)(i)"), "para. 2(a)(i)");
        assert_eq!(instrument_part("art.45(3)"), "art. 45(3)");
        assert_eq!(instrument_part("annex-I.art.1(2)"), "annex I, art. 1(2)");
        assert_eq!(instrument_part("annex-I.(a)"), "annex I, para. (a)");
        assert_eq!(instrument_part("annex-II"), "annex II");
        assert_eq!(instrument_part("annex.PP2"), "annex, preambular para. 2");
        assert_eq!(instrument_part("sponsors"), "sponsors");
    }
    use crate::model::{Date, LineRange};

    fn doc(kind: DocumentKind, draft: Draft, symbol: Option<&str>) -> Document {
        Document {
            id: "x/draft".into(),
            file: "x.txt".into(),
            title: "t".into(),
            symbol: symbol.map(String::from),
            date: Date::new(2022, 7, 20),
            date_end: None,
            report: Some("apr1".into()),
            draft,
            kind,
            lines: LineRange::new(1, 2),
            format: Default::default(),
        }
    }

    #[test]
    fn paragraphs_cite_the_symbol() {
        let crp = doc(
            DocumentKind::DraftReport,
            Draft::Crp(1),
            Some("A/AC.292/2022/CRP.1"),
        );
        assert_eq!(cite(&crp, "16(a)"), "A/AC.292/2022/CRP.1, para. 16(a)");
    }

    #[test]
    fn next_steps_cite_draft_date_and_section() {
        let rev1 = doc(DocumentKind::DraftReport, Draft::Rev(1), None);
        assert_eq!(
            cite(&rev1, "next-steps-E.2"),
            "Rev.1 (20 July 2022), section E, recommended next step 2"
        );
        assert_eq!(
            cite(&rev1, "7(b)(vi)-deleted"),
            "Rev.1 (20 July 2022), para. 7(b)(vi) (struck out)"
        );
    }

    #[test]
    fn letters_and_annexes() {
        let letter = doc(DocumentKind::Letter, Draft::Rev(1), None);
        assert_eq!(cite(&letter, "letter.3"), "Letter of 20 July 2022, para. 3");
        assert_eq!(
            cite(&letter, "letter.q2"),
            "Letter of 20 July 2022, question 2"
        );
        let pow = doc(DocumentKind::ProgrammeOfWork, Draft::ZeroDraft, None);
        assert_eq!(
            cite(&pow, "pow.wed"),
            "Programme of work (20 July 2022), Wednesday"
        );
    }
}
