//! Inline markup of markdown-like exports, and the three views of a text.
//!
//! `**bold**` is an insertion in a file with track changes and emphasis
//! otherwise; `~~strike~~` is a deletion; `*italics*` are dropped (they may
//! span lines, so single `*` are simply removed); `[text](#)` keeps its text;
//! `<https://…>` keeps its address; superscript digits are footnote markers;
//! "[text moved above]" notes belong to no view.

use std::sync::LazyLock;

use regex::Regex;

use super::characters::{is_hyphen, normalise};
use super::regex;

/// The value of a superscript digit (`¹` → 1), if `c` is one.
pub fn superscript_value(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// A text in its three views, plus what was found on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marked {
    /// What the text says now: no markup, no deleted words.
    pub text: String,
    /// Marked insertions, in order (track changes only).
    pub inserted: Vec<String>,
    /// Marked deletions, in order.
    pub deleted: Vec<String>,
    /// A "[text moved above/below]" note was removed.
    pub moved: bool,
    /// Superscript footnote markers in the live text, in order.
    pub markers: Vec<u32>,
}

static MOVED_NOTE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\[\s*text\s+moved\s+(?:above|below)\s*\]"));

/// Reads the physical lines of one chunk. `track_changes` says whether bold
/// marks insertions. Markup is balanced per line, so the views close at every
/// line end; a line ending in a hyphen (`-`, U+2010, U+2011 or a soft hyphen)
/// joins the next without a space (`inter-` + `governmental` →
/// `inter-governmental`; `capa\u{AD}` + `city` → `capacity`).
pub fn mark<'a>(lines: impl IntoIterator<Item = &'a str>, track_changes: bool) -> Marked {
    let mut builder = Builder {
        track_changes,
        ..Builder::default()
    };
    for (n, line) in lines.into_iter().enumerate() {
        if n > 0 && !builder.out.text.ends_with(is_hyphen) {
            builder.out.text.push(' ');
        }
        if line.contains('[') && MOVED_NOTE.is_match(line) {
            builder.out.moved = true;
            builder.line(&MOVED_NOTE.replace_all(line, ""));
        } else {
            builder.line(line);
        }
    }
    let mut out = builder.out;
    out.text = tidy(&out.text);
    out
}

/// Gives the characters that print alike one form ([`normalise`]: every
/// view of a chunk and every footnote body comes through here), collapses
/// whitespace and removes the spaces that removed markup or extraction
/// leaves before punctuation (`implementation ,`) or inside brackets.
pub fn tidy(text: &str) -> String {
    let text = normalise(text);
    if is_tidy(&text) {
        text.into_owned()
    } else {
        collapse(&text)
    }
}

/// [`tidy`]'s work, character by character.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space
            && !matches!(c, ',' | ';' | ':' | '.' | ')' | '?' | '!')
            && !out.ends_with('(')
        {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Whether [`tidy`] would leave `text` as it is (most texts): single
/// spaces only between words, none before `,;:.)?!` or after `(`.
fn is_tidy(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' if previous == b' '
                || previous == b'('
                || matches!(
                    bytes.get(i + 1),
                    Some(b',' | b';' | b':' | b'.' | b')' | b'?' | b'!')
                ) =>
            {
                return false;
            }
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            _ => {}
        }
        previous = b;
    }
    text.is_ascii() || !text.chars().any(|c| c.is_whitespace() && c != ' ')
}

#[derive(Default)]
struct Builder {
    track_changes: bool,
    out: Marked,
    bold: bool,
    strike: bool,
    inserted: String,
    deleted: String,
}

impl Builder {
    fn line(&mut self, line: &str) {
        // A line without markup (most lines) is its own text.
        if !line.contains(['*', '~', '\\', '[', '<'])
            && (line.is_ascii() || !line.chars().any(|c| superscript_value(c).is_some()))
        {
            self.out.text.push_str(line);
            return;
        }
        let chars: Vec<char> = line.chars().collect();
        let closers = Closers::of(&chars);
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            let next = chars.get(i + 1).copied();
            match c {
                '*' if next == Some('*') => {
                    self.toggle_bold();
                    i += 2;
                }
                '*' => i += 1,
                '~' if next == Some('~') => {
                    self.toggle_strike();
                    i += 2;
                }
                '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => {
                    self.push(next.unwrap_or(c));
                    i += 2;
                }
                '[' => match link_text(&chars, i, &closers) {
                    Some((text, end)) => {
                        text.chars().for_each(|t| self.push(t));
                        i = end;
                    }
                    None => {
                        self.push(c);
                        i += 1;
                    }
                },
                '<' => match autolink(&chars, i, &closers) {
                    Some((url, end)) => {
                        url.chars().for_each(|u| self.push(u));
                        i = end;
                    }
                    None => {
                        self.push(c);
                        i += 1;
                    }
                },
                _ if superscript_value(c).is_some() => {
                    let mut number = 0u32;
                    while let Some(d) = chars.get(i).copied().and_then(superscript_value) {
                        number = number.saturating_mul(10).saturating_add(d);
                        i += 1;
                    }
                    if !self.strike {
                        self.out.markers.push(number);
                    }
                }
                _ => {
                    self.push(c);
                    i += 1;
                }
            }
        }
        // Spans never cross a line end.
        self.close_inserted();
        self.close_deleted();
        self.bold = false;
        self.strike = false;
    }

    fn push(&mut self, c: char) {
        if self.strike {
            self.deleted.push(c);
        } else {
            self.out.text.push(c);
            if self.bold && self.track_changes {
                self.inserted.push(c);
            }
        }
    }

    fn toggle_bold(&mut self) {
        self.close_inserted();
        self.bold = !self.bold;
    }

    fn toggle_strike(&mut self) {
        self.close_inserted();
        self.close_deleted();
        self.strike = !self.strike;
    }

    fn close_inserted(&mut self) {
        let span = tidy(&std::mem::take(&mut self.inserted));
        if span.chars().any(char::is_alphanumeric) {
            self.out.inserted.push(span);
        }
    }

    fn close_deleted(&mut self) {
        let span = tidy(&std::mem::take(&mut self.deleted));
        if span.chars().any(char::is_alphanumeric) {
            self.out.deleted.push(span);
        }
    }
}

/// Where the characters that close a link or an autolink are in a line, so
/// that each `[` or `<` finds its closer by a lookup: scanning the rest of
/// the line for each made a line of thousands of unclosed ones quadratic.
#[derive(Default)]
struct Closers {
    brackets: Vec<usize>,
    parens: Vec<usize>,
    angles: Vec<usize>,
    spaces: Vec<usize>,
}

impl Closers {
    fn of(chars: &[char]) -> Self {
        let mut closers = Closers::default();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                ']' => closers.brackets.push(i),
                ')' => closers.parens.push(i),
                '>' => closers.angles.push(i),
                c if c.is_whitespace() => closers.spaces.push(i),
                _ => {}
            }
        }
        closers
    }
}

/// The first of `positions` (sorted) at or after `at`.
fn first_from(positions: &[usize], at: usize) -> Option<usize> {
    positions
        .get(positions.partition_point(|&p| p < at))
        .copied()
}

/// `[text](target)` starting at `chars[start] == '['`: the text and the index
/// after the closing parenthesis. Square brackets not followed by `(` are
/// editorial text (`[DRAFT]`, `[to be completed]`) and stay.
fn link_text(chars: &[char], start: usize, closers: &Closers) -> Option<(String, usize)> {
    let close = first_from(&closers.brackets, start)?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = first_from(&closers.parens, close + 1)?;
    let text: String = chars.get(start + 1..close)?.iter().collect();
    Some((text, end + 1))
}

/// `<https://…>`: the address and the index after `>`.
fn autolink(chars: &[char], start: usize, closers: &Closers) -> Option<(String, usize)> {
    let end = first_from(&closers.angles, start)?;
    if first_from(&closers.spaces, start).is_some_and(|space| space < end) {
        return None;
    }
    let inside = chars.get(start + 1..end)?;
    let is_url = ["http://", "https://", "mailto:"].iter().any(|scheme| {
        let scheme: Vec<char> = scheme.chars().collect();
        inside.starts_with(&scheme)
    });
    is_url.then(|| (inside.iter().collect(), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn track_changes_make_three_views() {
        let m = mark(
            ["- b) **States proposed technical** ~~Technical~~ and cooperative measures"],
            true,
        );
        assert_eq!(
            m.text,
            "- b) States proposed technical and cooperative measures"
        );
        assert_eq!(m.inserted, ["States proposed technical"]);
        assert_eq!(m.deleted, ["Technical"]);
    }

    #[test]
    fn unclosed_links_and_angles_stay_as_text() {
        let m = mark(
            ["[a]( [b](c) <x <https://u.int/a> <http://no space> [d] e"],
            false,
        );
        assert_eq!(m.text, "a <x https://u.int/a <http://no space> [d] e");
        // Thousands of them on one line: each is looked up, not scanned for.
        let line = "[w](x <w ".repeat(20_000);
        let m = mark([line.as_str()], false);
        assert!(m.text == line.trim_end(), "the line is kept as it is");
    }

    #[test]
    fn bold_is_emphasis_without_track_changes() {
        let m = mark(["enclose a **Zero Draft** of the report.**"], false);
        assert_eq!(m.text, "enclose a Zero Draft of the report.");
        assert!(m.inserted.is_empty());
    }

    #[test]
    fn moved_notes_belong_to_no_view() {
        let m = mark(
            ["~~(vi) Sharing of risk assessments; **[text moved above]**~~"],
            true,
        );
        assert_eq!(m.text, "");
        assert_eq!(m.deleted, ["(vi) Sharing of risk assessments;"]);
        assert!(m.inserted.is_empty());
        assert!(m.moved);
    }

    #[test]
    fn links_italics_superscripts_and_brackets() {
        let m = mark(
            [
                "resolution [75/240](#) (*continued*) at <https://bit.ly/x> [DRAFT] security¹ and (GGEs).²",
            ],
            false,
        );
        assert_eq!(
            m.text,
            "resolution 75/240 (continued) at https://bit.ly/x [DRAFT] security and (GGEs)."
        );
        assert_eq!(m.markers, [1, 2]);
    }

    #[test]
    fn lines_join_with_a_space_or_at_a_hyphen() {
        let m = mark(
            ["a global, inter-", "governmental, points of", "contact"],
            false,
        );
        assert_eq!(m.text, "a global, inter-governmental, points of contact");
    }

    /// The fast path of `tidy` agrees with its slow path on random text.
    #[test]
    fn tidy_texts_are_left_alone() {
        const ALPHABET: &[&str] = &[
            "a", "b", " ", "  ", ",", ".", ";", "(", ")", "?", "\t", "\n", "\u{a0}", "é", "—",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut tidy_ones = 0;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let text: String = (0..seed % 12)
                .map(|k| ALPHABET[((seed >> (k * 4)) % ALPHABET.len() as u64) as usize])
                .collect();
            if is_tidy(&text) {
                tidy_ones += 1;
                assert_eq!(collapse(&text), text, "{text:?}");
            }
        }
        assert!(tidy_ones > 1000, "{tidy_ones}");
    }

    #[test]
    fn characters_that_print_alike_are_one_in_every_view() {
        let m = mark(
            [
                "~~non\u{2011}State~~ **non\u{2010}State\u{A0}actors** build capa\u{AD}",
                "city, inter\u{2011}",
                "governmental\u{2060} and\u{200B} 10\u{202F}000",
            ],
            true,
        );
        assert_eq!(
            m.text,
            "non-State actors build capacity, inter-governmental and 10 000"
        );
        assert_eq!(m.inserted, ["non-State actors"]);
        assert_eq!(m.deleted, ["non-State"]);
    }

    #[test]
    fn a_space_before_a_comma_or_full_stop_goes() {
        // pdftotext's "implementation ," (A/RES/78/272): no English or
        // French text puts a space there.
        assert_eq!(
            tidy("of its implementation , and the Agreement ."),
            "of its implementation, and the Agreement."
        );
    }

    #[test]
    fn removed_deletions_leave_no_double_spaces() {
        let m = mark(["paragraph 9(a) ~~5a)~~ above , and ( x )"], true);
        assert_eq!(m.text, "paragraph 9(a) above, and (x)");
    }
}
