//! What a report adds to the instrument grammar: chapters, sections and
//! sub-sections as section numbers, and in its annexes rules (`Rule N`,
//! or `N.` over a title with decimal sub-rules), draft decisions found by
//! their opening formula, option headings, bracketed and tagged numbers,
//! inner annexes, unnumbered paragraphs with bullets, lists of documents.
//! Each is one reader of the chain in `Cutter::line`, and the lines some of
//! them need to know about beforehand are found by a pass over the text.

use super::*;

impl<'a> Cutter<'a> {
    /// An entry of a list of documents (an annex titled "List of
    /// documents"): a symbol alone on its line (perhaps wrapped after a
    /// slash) starts `annex-XI.<session>.<symbol>`, whose text is the symbol
    /// and the title under it; a line set apart by a gap after an entry's
    /// title names the session of the entries below it.
    pub(super) fn document_entry(&mut self, line: Line<'a>) -> bool {
        if !self.document_list {
            return false;
        }
        if let Some(symbol) = self.symbols.get(&line.index).cloned() {
            self.close();
            let label = format!("{}{}.{symbol}", self.annex_prefix(), self.session);
            let label = self.labeler.unique(label);
            self.open(ChunkKind::Paragraph, label, line, &symbol);
            return true;
        }
        // The tail is one word (the title may share its line: `printed_apart`).
        if self.symbol_tails.contains(&line.index) && !line.text.contains(' ') {
            if let Some(current) = self.current.as_mut() {
                current.pieces.push(Piece {
                    line: line.index + 1,
                    text: String::new(),
                });
            }
            return true;
        }
        let titled = self
            .current
            .as_ref()
            .is_some_and(|c| c.pieces.iter().filter(|p| !p.text.is_empty()).count() > 1);
        let gap = self.last_index.is_none_or(|last| line.index > last + 1);
        if self.current.is_none() || (titled && gap) {
            self.close();
            self.session = slug(line.text);
            return true;
        }
        false
    }

    /// In an annex of unnumbered paragraphs and bullets: a bullet starts
    /// `annex-X.para-2.bullet-1`; a paragraph after a bullet that ended a
    /// sentence, or a lead-in ending with a colon over bullets, starts the
    /// next `annex-X.para-N`.
    pub(super) fn bullet(&mut self, line: Line<'a>) -> bool {
        if !self.bulleted {
            return false;
        }
        if let Some(rest) = bullet_text(line.text) {
            self.close();
            self.bullets += 1;
            let label = format!("{}.bullet-{}", self.paragraph_label(), self.bullets);
            let label = self.labeler.unique(label);
            self.open(ChunkKind::Paragraph, label, line, rest);
            return true;
        }
        let after_bullet = self
            .current
            .as_ref()
            .is_some_and(|c| c.label.contains(".bullet-"))
            && self.last_text.is_some_and(ends_sentence);
        if after_bullet || self.lead_ins.contains(&line.index) {
            self.close();
            self.paragraphs += 1;
            self.bullets = 0;
            let label = self.labeler.unique(self.paragraph_label());
            self.open(ChunkKind::Paragraph, label, line, line.text);
            return true;
        }
        false
    }

    /// The label of the current unnumbered paragraph: `annex-X.para-2`.
    pub(super) fn paragraph_label(&self) -> String {
        format!("{}para-{}", self.annex_prefix(), self.paragraphs)
    }

    /// A paragraph number with a tag: `(ABS)9.1. …` → `annex-II.(ABS)9.1`.
    pub(super) fn tagged(&mut self, line: Line<'a>) -> bool {
        let Some(caps) = TAGGED.captures(line.text) else {
            return false;
        };
        let tag = caps.name("tag").map_or("", |m| m.as_str());
        let num = caps.name("num").map_or("", |m| m.as_str());
        let label = format!("{}({tag}){num}", self.annex_prefix());
        let rest = format!(
            "{}{}",
            caps.name("open").map_or("", |m| m.as_str()),
            caps.name("rest").map_or("", |m| m.as_str())
        );
        self.numbered_item(line, label, &rest);
        true
    }

    /// Bracketed alternative numbers: `[4][2]. Also recognizes …` (the
    /// paragraph common to the options before it).
    pub(super) fn double_number(&mut self, line: Line<'a>) -> bool {
        let Some(caps) = DOUBLE_NUMBER.captures(line.text) else {
            return false;
        };
        self.end_option();
        let numbers = caps.name("numbers").map_or("", |m| m.as_str());
        let label = format!("{}{numbers}", self.prefix);
        let rest = caps.name("rest").map_or("", |m| m.as_str()).to_string();
        self.numbered_item(line, label, &rest);
        true
    }

    /// A decimal number under a numbered rule: `1.1 The present rules …`,
    /// `3.3 (a) The Conference …` → `annex-V.rule.3.3(a)`.
    pub(super) fn decimal(&mut self, line: Line<'a>) -> bool {
        if self.prefix.is_empty() {
            return false;
        }
        let Some(caps) = DECIMAL.captures(line.text) else {
            return false;
        };
        let number = caps.name("number").map_or("", |m| m.as_str());
        let label = format!("{}rule.{number}", self.annex_prefix());
        let label = match &self.option {
            Some(option) => format!("{label}.option-{option}"),
            None => label,
        };
        let rest = caps.name("rest").map_or("", |m| m.as_str()).to_string();
        match marker(&rest) {
            // `3.3 (a) …`: the sub-rule has no words of its own.
            Some(inner) => {
                self.close();
                self.zone = Zone::Operative;
                self.labeler.numbered(label);
                let (label, _) = self.labeler.label(&inner.marker, false, false);
                self.open(ChunkKind::Paragraph, label, line, inner.rest.trim());
            }
            None => self.numbered_item(line, label, &rest),
        }
        true
    }

    /// Ends an option: the paragraphs after it are common to all options.
    pub(super) fn end_option(&mut self) {
        if self.option.take().is_some()
            && let Some(scope) = self.labeler.scope().cloned()
        {
            self.labeler.enter_scope(Scope {
                suffix: String::new(),
                ..scope
            });
        }
    }

    /// Opens a chunk whose label the grammar made (not the numbering).
    pub(super) fn numbered_item(&mut self, line: Line<'a>, label: String, rest: &str) {
        self.close();
        self.zone = Zone::Operative;
        let label = self.labeler.numbered(label);
        self.open(ChunkKind::Paragraph, label, line, rest);
    }

    /// A numbered rule heading in an annex of numbered rules: `3.` over
    /// `Budget` (its sub-rules are `3.1`, `3.2`…).
    pub(super) fn numbered_rule(&mut self, line: Line<'a>) -> bool {
        if !self.rule_headings.contains(&line.index) {
            return false;
        }
        let Some(Marker::Number(n)) = marker(line.text).map(|m| m.marker) else {
            return false;
        };
        self.close();
        self.option = None;
        self.labeler.enter_scope(Scope::new(
            format!("{}rule.{n}", self.annex_prefix()),
            Joint::Dot,
        ));
        self.expect = Expect::Title(false);
        true
    }

    /// An option heading: `Option I`, `Option II for rules 6.1 to 6.6 (…)`:
    /// the numbered items under it take its suffix.
    pub(super) fn option_heading(&mut self, line: Line<'a>) -> bool {
        let Some(caps) = OPTION_HEADING.captures(line.text) else {
            return false;
        };
        self.close();
        let id = caps.name("id").map_or("", |m| m.as_str()).to_string();
        // The options number their paragraphs from 1 again, with a suffix.
        if let Some(scope) = self.labeler.scope().cloned() {
            self.labeler.enter_scope(Scope {
                suffix: format!(".option-{id}"),
                ..scope
            });
        }
        self.option = Some(id);
        true
    }

    /// An unnumbered sub-heading ("Eligibility criteria"): in no chunk.
    pub(super) fn sub_heading(&mut self, line: Line<'a>) -> bool {
        if !self.sub_headings.contains(&line.index) {
            return false;
        }
        self.close();
        true
    }

    /// In a report's annex, a preambular paragraph right after the title
    /// opens a preamble (a memorandum of understanding: `annex-VI.PP1`);
    /// a clause ending with a comma before it names the parties and is a
    /// formula, in no chunk.
    pub(super) fn annex_preamble(&mut self, line: Line<'a>) -> bool {
        let in_annex_body = self.report
            && !self.prefix.is_empty()
            && self.zone == Zone::Operative
            && self.labeler.position().0.is_none()
            && self.preambular == 0;
        if !in_annex_body || !opens_paragraph(line.text) {
            return false;
        }
        let scope = self.scope_label();
        let formula = self.current.as_ref().is_some_and(|c| {
            c.label == scope && c.pieces.last().is_some_and(|p| p.text.ends_with(','))
        });
        if self.current.is_some() && !formula {
            return false;
        }
        if formula && let Some(clause) = self.current.take() {
            self.headings
                .extend(clause.pieces.iter().map(|p| p.line.saturating_sub(1)));
        }
        self.zone = Zone::Preamble;
        self.preambular(line)
    }

    /// The prefix of the annex we are in (`annex-I.`), without a decision's.
    pub(super) fn annex_prefix(&self) -> String {
        match self.prefix.split_once(".decision-") {
            Some((annex, _)) => format!("{annex}."),
            None => self.prefix.clone(),
        }
    }

    /// A report's chapter (`II. Organizational matters`) or section (`A.`
    /// with its heading on the same or the next line).
    pub(super) fn report_heading(&mut self, text: &str) -> bool {
        if let Some(caps) = CHAPTER.captures(text) {
            self.close();
            let n = caps.name("n").map_or("", |m| m.as_str()).to_string();
            let heading = caps.name("t").map_or("", |m| m.as_str()).to_string();
            self.chapter = Some((n, None));
            self.set_section(None, heading);
            return true;
        }
        if self.chapter.is_some()
            && let Some(caps) = SECTION_LETTER.captures(text)
        {
            self.close();
            let letter = caps.name("n").map_or("", |m| m.as_str()).to_string();
            let heading = caps.name("t").map_or("", |m| m.as_str()).to_string();
            if heading.is_empty() {
                self.expect = Expect::Title(false);
            }
            if let Some((_, section)) = self.chapter.as_mut() {
                *section = Some(letter);
            }
            self.set_section(None, heading);
            return true;
        }
        false
    }

    /// Sets the section from the chapter, its section letter and a
    /// sub-section number: `II.E.1`, `annex-I.I`.
    pub(super) fn set_section(&mut self, sub: Option<u32>, heading: String) {
        let mut number = self.annex_prefix();
        if let Some((chapter, section)) = &self.chapter {
            number.push_str(chapter);
            if let Some(section) = section {
                number.push('.');
                number.push_str(section);
            }
        } else {
            number = number.trim_end_matches('.').to_string();
        }
        if let Some(sub) = sub {
            number.push_str(&format!(".{sub}"));
        }
        self.pillar = self.pillars.pillar_of(&heading);
        self.section = Some(Section { number, heading });
    }

    /// In a report, a number that does not continue the paragraphs
    /// (`1.` / `Organizational meeting` after paragraph 14) numbers a
    /// sub-section.
    pub(super) fn sub_section(&mut self, marker: &Marker, rest: &str) -> bool {
        let Marker::Number(n) = marker else {
            return false;
        };
        let (top, _, _) = self.labeler.position();
        let last = top.and_then(last_number);
        if !self.report || self.chapter.is_none() || last.is_none_or(|last| *n > last) {
            return false;
        }
        self.close();
        if rest.is_empty() {
            self.expect = Expect::Title(false);
        }
        self.set_section(Some(*n), rest.to_string());
        true
    }

    /// In a report's annex, an opening formula ("The Conference of the
    /// Parties,") starts a draft decision: `annex-III.decision-1.PP1`.
    pub(super) fn decision(&mut self, line: Line<'a>) -> bool {
        if !self.report || self.prefix.is_empty() || opening_formula(line.text).is_none() {
            return false;
        }
        self.close();
        self.decisions += 1;
        let label = format!("{}decision-{}", self.annex_prefix(), self.decisions);
        self.prefix = format!("{label}.");
        self.preambular = 0;
        self.labeler.enter_scope(Scope::new(label, Joint::Dot));
        self.zone = Zone::Preamble;
        self.expect = Expect::Nothing;
        true
    }
}

/// Unnumbered sub-headings: a short capitalised line without final
/// punctuation, after a line that ends a sentence and before a numbered
/// paragraph (file line indices).
pub(super) fn sub_headings(text: &[Line]) -> HashSet<usize> {
    let numbered = |l: &Line| marker(l.text).is_some() || TAGGED.is_match(l.text);
    text.windows(3)
        .filter_map(|w| match w {
            [previous, line, next]
                if ends_sentence(previous.text)
                    && numbered(next)
                    && !numbered(line)
                    && !ends_clause(line.text)
                    && !ends_with_colon(line.text)
                    && line
                        .text
                        .trim_start_matches('[')
                        .starts_with(char::is_uppercase)
                    && line.text.split_whitespace().count() <= SUB_HEADING_WORDS =>
            {
                Some(line.index)
            }
            _ => None,
        })
        .collect()
}

/// Numbered rule headings: a number alone on its line, then a short title
/// line, in an annex whose numbers have decimal sub-numbers (`3.` /
/// `Budget` / `3.1 The head of …`).
pub(super) fn rule_headings(text: &[Line]) -> HashSet<usize> {
    let mut headings = HashSet::new();
    for annex in text.split(|l| ANNEX.is_match(l.text)).skip(1) {
        let decimals: HashSet<u32> = annex
            .iter()
            .filter_map(|l| DECIMAL.captures(l.text))
            .filter_map(|c| c.name("number")?.as_str().split('.').next()?.parse().ok())
            .collect();
        headings.extend(annex.windows(2).filter_map(|w| match w {
            [number, title]
                if marker(number.text).is_some_and(|m| {
                    m.rest.trim().is_empty()
                        && matches!(m.marker, Marker::Number(n) if decimals.contains(&n))
                }) && is_title_line(title.text) =>
            {
                Some(number.index)
            }
            _ => None,
        }));
    }
    headings
}

/// A short capitalised line without final punctuation: a heading.
pub(super) fn is_title_line(text: &str) -> bool {
    marker(text).is_none()
        && !ends_clause(text)
        && !ends_with_colon(text)
        && text.starts_with(char::is_uppercase)
        && text.split_whitespace().count() <= SUB_HEADING_WORDS
}

/// Lines that hold nothing but a document symbol, with the symbol; a
/// symbol wrapped after a slash (`A/AC.296/2024/INF/2/` + `Rev.1`) is
/// joined, and the line it wrapped to returned apart.
pub(super) fn symbol_lines(text: &[Line]) -> (HashMap<usize, String>, HashSet<usize>) {
    let mut symbols = HashMap::new();
    let mut tails = HashSet::new();
    for (i, line) in text.iter().enumerate() {
        if line.text.contains(' ') || !line.text.contains('/') {
            continue;
        }
        let next = text.get(i + 1).filter(|n| {
            line.text.ends_with('/') && !n.text.contains(' ') && n.index <= line.index + 2
        });
        let whole = match next {
            Some(n) => format!("{}{}", line.text, n.text),
            None => line.text.to_string(),
        };
        if symbol(&whole).is_some_and(|s| s == whole) {
            symbols.insert(line.index, whole);
            tails.extend(next.map(|n| n.index));
        }
    }
    (symbols, tails)
}

/// The text after a bullet at the start of a line, if it has one.
fn bullet_text(text: &str) -> Option<&str> {
    let rest = text.strip_prefix(['•', '▪', '●'])?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim_start())
}

/// Annexes (their heading's file line index) of unnumbered paragraphs and
/// bullets: bullets, and no numbered item.
pub(super) fn bulleted_annexes(text: &[Line]) -> HashSet<usize> {
    let mut annexes = HashSet::new();
    let mut start = None;
    let (mut bullets, mut numbered) = (false, false);
    let mut finish = |start: Option<usize>, bullets: bool, numbered: bool| {
        if let Some(start) = start.filter(|_| bullets && !numbered) {
            annexes.insert(start);
        }
    };
    for line in text {
        if ANNEX.is_match(line.text) {
            finish(start, bullets, numbered);
            (start, bullets, numbered) = (Some(line.index), false, false);
        } else {
            bullets |= bullet_text(line.text).is_some();
            numbered |= marker(line.text).is_some() || TAGGED.is_match(line.text);
        }
    }
    finish(start, bullets, numbered);
    annexes
}

/// Lines that lead into bullets as a paragraph of their own: ending with a
/// colon over a bullet, after a line that ends a sentence.
pub(super) fn lead_ins(text: &[Line]) -> HashSet<usize> {
    text.windows(3)
        .filter_map(|w| match w {
            [previous, line, next]
                if ends_sentence(previous.text)
                    && ends_with_colon(line.text)
                    && bullet_text(next.text).is_some() =>
            {
                Some(line.index)
            }
            _ => None,
        })
        .collect()
}

/// A heading as a label part: `First session` → `first-session`.
fn slug(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}
