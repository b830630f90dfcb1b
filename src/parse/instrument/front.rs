//! The front of an instrument: a resolution's masthead (read row by row),
//! a draft's sponsors, the title; a treaty's title (a cover page that
//! repeats it is in no chunk); a report's header and title.

use super::*;

impl<'a> Cutter<'a> {
    /// Header, sponsors and title of a resolution or decision; returns where
    /// the body starts (the opening formula's line).
    pub(super) fn resolution_front(&mut self, text: &[Line<'a>]) -> usize {
        let Some(formula) = text
            .iter()
            .take(FRONT_LINES)
            .position(|l| opening_formula(l.text).is_some())
        else {
            self.zone = Zone::Operative;
            return 0;
        };
        let front = text.get(..formula).unwrap_or_default();
        let sponsors_end = front.iter().position(|l| SPONSORS_END.is_match(l.text));
        let number = front
            .iter()
            .position(|l| RESOLUTION_NUMBER.is_match(l.text));
        let (header_end, title_start) = match (sponsors_end, number) {
            (Some(end), _) => {
                let mut start = end;
                while start > 0
                    && front
                        .get(start - 1)
                        .is_some_and(|l| l.text.trim_end().ends_with(','))
                {
                    start -= 1;
                }
                self.push_front(ChunkKind::Header, "header", front.get(..start));
                self.push_front(ChunkKind::Header, "sponsors", front.get(start..=end));
                (start, end + 1)
            }
            (None, Some(number)) => (number, number),
            (None, None) => {
                let start = title_after_masthead(front);
                (start, start)
            }
        };
        if sponsors_end.is_none() {
            self.push_front(ChunkKind::Header, "header", front.get(..header_end));
        }
        self.push_front(ChunkKind::Title, "title", front.get(title_start..));
        self.zone = Zone::Preamble;
        formula
    }

    /// The title of a treaty (a cover page that repeats it is furniture):
    /// the run of upper-case lines right before the preamble, or one blank
    /// line before it.
    pub(super) fn treaty_front(&mut self, text: &[Line<'a>]) -> usize {
        let Some(preamble) = text
            .iter()
            .position(|l| PREAMBLE.is_match(l.text) || opening_formula(l.text).is_some())
        else {
            self.zone = Zone::Operative;
            return 0;
        };
        let mut start = preamble;
        while start > 0
            && text.get(start - 1).is_some_and(|l| {
                let gap = if start == preamble { 2 } else { 1 };
                is_upper(l.text) && text.get(start).is_some_and(|n| n.index <= l.index + gap)
            })
        {
            start -= 1;
        }
        self.push_front(ChunkKind::Title, "title", text.get(start..preamble));
        self.zone = Zone::Preamble;
        preamble
    }

    /// Header and title of a report: the title is the "Report of the …"
    /// line and what follows it up to the first chapter; the header what
    /// precedes it (a lone letter there is the invisible symbol field of an
    /// advance copy, not text).
    pub(super) fn report_front(&mut self, text: &[Line<'a>]) -> usize {
        let Some(title) = text
            .iter()
            .take(FRONT_LINES)
            .position(|l| REPORT_TITLE.is_match(l.text))
        else {
            self.zone = Zone::Operative;
            return 0;
        };
        let body = text
            .iter()
            .skip(title)
            .position(|l| CHAPTER.is_match(l.text))
            .map_or(title + 1, |p| p + title);
        let header: Vec<Line> = text
            .get(..title)
            .unwrap_or_default()
            .iter()
            .filter(|l| l.text.chars().count() > 1)
            .copied()
            .collect();
        self.push_front(ChunkKind::Header, "header", Some(&header));
        self.push_front(ChunkKind::Title, "title", text.get(title..body));
        self.zone = Zone::Operative;
        body
    }

    pub(super) fn push_front(&mut self, kind: ChunkKind, label: &str, lines: Option<&[Line]>) {
        let lines = lines.unwrap_or_default();
        if lines.is_empty() {
            return;
        }
        let pieces: Vec<Piece> = lines
            .iter()
            .map(|l| Piece {
                line: l.index + 1,
                text: l.text.trim_end_matches('*').to_string(),
            })
            .collect();
        let label = self.labeler.unique(label.to_string());
        self.cuts.push(Cut {
            kind,
            label,
            section: None,
            pillar: Pillar::General,
            pieces,
        });
    }
}

/// Where the title starts in a front without a resolution number or a
/// sponsors line: after the last blank-separated group of the masthead.
fn title_after_masthead(front: &[Line]) -> usize {
    let mut start = front.len();
    while start > 0
        && front
            .get(start - 1)
            .is_some_and(|l| front.get(start).is_none_or(|n| n.index == l.index + 1))
    {
        start -= 1;
    }
    start
}
