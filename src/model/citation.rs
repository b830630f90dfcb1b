//! Human citations: how a delegate would refer to a chunk in an email.

use super::numerals::ORDINALS;
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

/// Renders the citation of the chunk labelled `label` in `doc`, as it
/// stands alone in a memo: `A/AC.292/2022/CRP.1, para. 16(a)`, `Draft
/// first annual progress report, Rev.1 (20 July 2022), para. 10(a)`,
/// `Guiding questions accompanying the Zero Draft of the first annual
/// progress report (22 June 2022), topic 2, question 2`.
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

/// How the document itself is named: its symbol; an instrument's title;
/// else its draft of its report, or its kind and what draft it accompanies,
/// with its date.
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
    let report = doc.report.as_deref().and_then(report_name);
    let draft = (doc.draft != Draft::None).then(|| doc.draft.display_name());
    // The draft a document that is not itself the draft came with.
    let accompanying = match (&draft, &report) {
        (Some(draft), Some(report)) => format!(" accompanying the {draft} of the {report}"),
        _ => String::new(),
    };
    match (doc.kind, draft) {
        (DocumentKind::DraftReport, Some(draft)) => match &report {
            Some(report) => format!("Draft {report}, {}", with_date(draft)),
            None => with_date(draft),
        },
        (DocumentKind::Letter, _) => match &date {
            Some(date) => format!("Letter of {date}{accompanying}"),
            None => format!("Letter{accompanying}"),
        },
        (DocumentKind::Other, _) => doc.file.clone(),
        (kind, _) => with_date(format!("{}{accompanying}", kind.capitalized_name())),
    }
}

/// How a citation names a report by its id: `apr1` → `first annual
/// progress report`, `final` → `final report`; `None` for an id that names
/// no report in words.
fn report_name(id: &str) -> Option<String> {
    if let Some(n) = id.strip_prefix("apr") {
        let n: usize = n.parse().ok()?;
        let ordinal = ORDINALS.get(n.checked_sub(1)?)?;
        return Some(format!("{ordinal} annual progress report"));
    }
    id.chars()
        .all(|c| c.is_ascii_lowercase())
        .then(|| format!("{id} report"))
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
            Some((topic, "intro")) => format!("topic {topic}, introduction"),
            Some((topic, n)) => format!("topic {topic}, question {n}"),
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
    fn reports_are_named_in_words() {
        assert_eq!(
            report_name("apr3").as_deref(),
            Some("third annual progress report")
        );
        assert_eq!(report_name("final").as_deref(), Some("final report"));
        assert_eq!(report_name("apr0"), None);
        assert_eq!(report_name("apr11"), None);
        assert_eq!(report_name("2024-x"), None);
    }

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
            unsettled: Default::default(),
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
            "Draft first annual progress report, Rev.1 (20 July 2022), section E, \
             recommended next step 2"
        );
        assert_eq!(
            cite(&rev1, "7(b)(vi)-deleted"),
            "Draft first annual progress report, Rev.1 (20 July 2022), para. 7(b)(vi) (struck out)"
        );
        let unreported = Document {
            report: None,
            ..rev1
        };
        assert_eq!(cite(&unreported, "3"), "Rev.1 (20 July 2022), para. 3");
    }

    #[test]
    fn letters_and_annexes() {
        let letter = doc(DocumentKind::Letter, Draft::None, None);
        assert_eq!(cite(&letter, "letter.3"), "Letter of 20 July 2022, para. 3");
        assert_eq!(
            cite(&letter, "letter.q2"),
            "Letter of 20 July 2022, question 2"
        );
        let pow = doc(DocumentKind::ProgrammeOfWork, Draft::ZeroDraft, None);
        assert_eq!(
            cite(&pow, "pow.wed"),
            "Programme of work accompanying the Zero Draft of the first annual progress report \
             (20 July 2022), Wednesday"
        );
        let questions = doc(DocumentKind::GuidingQuestions, Draft::ZeroDraft, None);
        assert_eq!(
            cite(&questions, "gq.1.intro"),
            "Guiding questions accompanying the Zero Draft of the first annual progress report \
             (20 July 2022), topic 1, introduction"
        );
    }
}
