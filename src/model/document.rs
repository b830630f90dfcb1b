//! A document: one letter, draft or annex inside a corpus file.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Date, DateRange, Draft, Format, LineRange};

/// What a document is. Ordered as declared (facet counts list kinds in
/// this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    Letter,
    DraftReport,
    ProgrammeOfWork,
    GuidingQuestions,
    Invitation,
    Annex,
    /// A resolution adopted by an organ (`A/RES/77/321`).
    Resolution,
    /// A decision adopted by an organ (`A/DEC/78/560`).
    Decision,
    /// A draft resolution (an L-document: `A/C.1/80/L.20`).
    DraftResolution,
    /// A draft decision (`A/78/L.102`).
    DraftDecision,
    /// A treaty or agreement: preamble, parts, articles, annexes.
    Treaty,
    /// A report of a meeting or body: chapters, sections, paragraphs
    /// numbered through it, annexes (rules, draft decisions…).
    Report,
    /// A negotiating text: a draft agreement whose alternatives stand side
    /// by side as options, with brackets and attributions (`art.3(1).option-2`).
    NegotiatingText,
    /// A compilation text in PDF extraction: lettered sections, numbered
    /// paragraphs and nested options (`E.option-1.32.1.option-1.option-a`).
    Compilation,
    /// A file whose structure we do not recognise (cut on blank lines).
    Other,
}

impl DocumentKind {
    /// The kind a name names: its [`name`](Self::name) in any case, with
    /// spaces or underscores for hyphens (`Draft report`); `None` for no
    /// kind. Read through serde, so that it knows every kind there is.
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        let name: String = name
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '_' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        let name = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(&name);
        DocumentKind::deserialize(name).ok()
    }

    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Letter => "letter",
            DocumentKind::DraftReport => "draft-report",
            DocumentKind::ProgrammeOfWork => "programme-of-work",
            DocumentKind::GuidingQuestions => "guiding-questions",
            DocumentKind::Invitation => "invitation",
            DocumentKind::Annex => "annex",
            DocumentKind::Resolution => "resolution",
            DocumentKind::Decision => "decision",
            DocumentKind::DraftResolution => "draft-resolution",
            DocumentKind::DraftDecision => "draft-decision",
            DocumentKind::Treaty => "treaty",
            DocumentKind::Report => "report",
            DocumentKind::NegotiatingText => "negotiating-text",
            DocumentKind::Compilation => "compilation",
            DocumentKind::Other => "other",
        }
    }

    /// Whether documents of this kind are cut by the instrument grammar
    /// (resolutions, decisions, their drafts, treaties).
    pub fn is_instrument(self) -> bool {
        matches!(
            self,
            DocumentKind::Resolution
                | DocumentKind::Decision
                | DocumentKind::DraftResolution
                | DocumentKind::DraftDecision
                | DocumentKind::Treaty
                | DocumentKind::Report
        )
    }

    /// Whether chunks of this kind are cited by article and paragraph
    /// (`art. 3(1)`, `preambular para. 2`): the instruments and the
    /// negotiating texts that become them.
    pub fn cites_articles(self) -> bool {
        self.is_instrument() || self == DocumentKind::NegotiatingText
    }

    /// Whether the paragraphs of documents of this kind are followed from
    /// draft to draft (`history`, `diff`): draft reports, negotiating
    /// texts, resolutions and decisions and their drafts, reports (an
    /// advance version and the final one). A treaty has one text.
    pub fn is_negotiated_draft(self) -> bool {
        matches!(
            self,
            DocumentKind::DraftReport
                | DocumentKind::NegotiatingText
                | DocumentKind::Resolution
                | DocumentKind::Decision
                | DocumentKind::DraftResolution
                | DocumentKind::DraftDecision
                | DocumentKind::Report
                | DocumentKind::Compilation
        )
    }

    /// The display name with a capital: `Programme of work`.
    pub fn capitalized_name(self) -> String {
        let name = self.display_name();
        let mut chars = name.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// How a citation names a document of this kind when it has no symbol.
    pub fn display_name(self) -> &'static str {
        match self {
            DocumentKind::Letter => "letter",
            DocumentKind::DraftReport => "draft report",
            DocumentKind::ProgrammeOfWork => "programme of work",
            DocumentKind::GuidingQuestions => "guiding questions",
            DocumentKind::Invitation => "invitation",
            DocumentKind::Annex => "annex",
            DocumentKind::Resolution => "resolution",
            DocumentKind::Decision => "decision",
            DocumentKind::DraftResolution => "draft resolution",
            DocumentKind::DraftDecision => "draft decision",
            DocumentKind::Treaty => "treaty",
            DocumentKind::Report => "report",
            DocumentKind::NegotiatingText => "negotiating text",
            DocumentKind::Compilation => "compilation text",
            DocumentKind::Other => "document",
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The report id of a document that belongs to no report, in facets,
/// filters and the index.
pub const NO_REPORT: &str = "none";

/// One document. All documents of one file share its report, draft and date:
/// the cover letter of the Zero Draft belongs to the Zero Draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Unique in the corpus: `<file stem>/<part>`, e.g. `2022-07-28-crp1/draft`.
    pub id: String,
    /// The corpus file it comes from (file name, relative to the corpus).
    pub file: String,
    pub title: String,
    /// UN document symbol, e.g. `A/AC.292/2022/CRP.1`.
    pub symbol: Option<String>,
    /// Its date; the first day when its text gives a range of days.
    pub date: Option<Date>,
    /// The last day of the range of days its text gives
    /// ("23 March – 2 April 2026"); absent for a single date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<Date>,
    /// The report this document is a draft of (`apr1`, `apr3`), if any.
    pub report: Option<String>,
    pub draft: Draft,
    pub kind: DocumentKind,
    /// Where it sits in the file.
    pub lines: LineRange,
    /// The format of its file (`text`, `pdf`, `docx`, `html`).
    #[serde(default)]
    pub format: Format,
    /// Matched pairs of square brackets over its chunks' texts read in
    /// order (`model::brackets`), and its distinct options (`…option-k`
    /// labels); absent when both are 0.
    #[serde(default, skip_serializing_if = "Unsettled::is_settled")]
    pub unsettled: Unsettled,
}

/// What a document leaves open: its brackets and options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsettled {
    pub brackets: usize,
    pub options: usize,
}

impl Unsettled {
    /// Neither brackets nor options.
    pub fn is_settled(&self) -> bool {
        *self == Unsettled::default()
    }

    /// The brackets and options of a document whose chunks, in order,
    /// have `texts` and `labels`.
    pub fn of<'a>(
        texts: impl Iterator<Item = &'a str>,
        labels: impl Iterator<Item = &'a str>,
    ) -> Unsettled {
        let text: Vec<&str> = texts.collect();
        let mut options = std::collections::BTreeSet::new();
        for label in labels {
            for (at, _) in label.match_indices(".option-") {
                let end = label
                    .get(at + 1..)
                    .and_then(|rest| rest.find(['.', '(']))
                    .map_or(label.len(), |end| at + 1 + end);
                options.extend(label.get(..end));
            }
        }
        Unsettled {
            brackets: super::brackets::Brackets::of(&text.join("\n")).pairs,
            options: options.len(),
        }
    }
}

impl Document {
    /// The report id used in facets and filters: the report, or `none`.
    pub fn report_or_none(&self) -> &str {
        self.report.as_deref().unwrap_or(NO_REPORT)
    }

    /// Its date, or range of dates.
    pub fn dates(&self) -> Option<DateRange> {
        self.date.map(|start| DateRange {
            start,
            end: self.date_end.filter(|end| *end > start),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_back_from_their_names() {
        for kind in [
            DocumentKind::Letter,
            DocumentKind::DraftReport,
            DocumentKind::ProgrammeOfWork,
            DocumentKind::Other,
        ] {
            assert_eq!(DocumentKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(
            DocumentKind::from_name(" Draft report"),
            Some(DocumentKind::DraftReport)
        );
        assert_eq!(
            DocumentKind::from_name("guiding_questions"),
            Some(DocumentKind::GuidingQuestions)
        );
        assert_eq!(DocumentKind::from_name("chapter"), None);
        assert_eq!(DocumentKind::from_name(""), None);
    }
}
