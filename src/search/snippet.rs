//! Snippets: the piece of a chunk's text shown with a hit.
//!
//! A chunk is a paragraph, often longer than a line of results. [`snippet`]
//! picks the window of at most [`SNIPPET_CHARS`] characters that shows the
//! most highlights (from [`highlight`](super::highlight::highlight)), with
//! some context before the first of them, cut at word boundaries and marked
//! `…` where the text goes on.
//!
//! ```
//! use negotext::search::snippet::snippet;
//!
//! let text = "The OEWG could agree to establish a global, inter-governmental, \
//!             points of contact directory on ICTs at the United Nations.";
//! let at = text.find("directory").unwrap_or(0);
//! let shown = snippet(text, &[at..at + "directory".len()], 40);
//! assert_eq!(shown.text, "…contact directory on ICTs at the…");
//! let [start, end] = shown.highlights[0];
//! assert_eq!(&shown.text[start..end], "directory");
//! ```

use std::ops::Range;

use super::highlight::merge;

use unicode_segmentation::UnicodeSegmentation;

/// A piece of a chunk's text to show with a hit: at most a given number of
/// characters, cut at word boundaries, with highlights.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The text shown, with `…` where the chunk's text was cut.
    pub text: String,
    /// Byte ranges into `text` (`[start, end)`), sorted, disjoint and on
    /// char boundaries.
    pub highlights: Vec<[usize; 2]>,
}

/// Default width in characters.
pub const SNIPPET_CHARS: usize = 240;

/// The mark of a cut.
const ELLIPSIS: &str = "…";

/// The snippet of `text` around `highlights` (byte ranges into `text`, as
/// from [`highlight`](super::highlight::highlight)).
///
/// - A text of at most `max_chars` characters is shown whole.
/// - Otherwise the window (at most `max_chars` characters, counting the `…`
///   marks) is the one that holds the most highlights whole, starting with
///   about a fifth of the width of context before its first highlight — or at
///   the start of that highlight's sentence, if it is not much further back —
///   and running on as far as the width allows. Ties go to the earliest
///   window. A window that reaches the end of the text is moved back to use
///   the whole width. Without highlights the window is the start of the text.
/// - Cuts fall on word boundaries (Unicode, UAX #29), preferably next to
///   whitespace, so that `capacity-building` or `75/240` stay whole unless
///   that would waste half the width; whitespace at a cut is dropped, as is
///   punctuation that would open the snippet (`, ; : . ) ]`). A single word
///   longer than the window is cut between graphemes.
/// - A highlight longer than the window is not an exception to the width:
///   the window then starts at the highlight, without context, and the
///   highlight is clipped where the window ends. So the snippet never has
///   more than `max_chars` characters (with `max_chars` under 3, the marks
///   may leave no room for text: the snippet is then `…`, or empty for 0).
/// - Highlights are clipped to the window and rebased onto the snippet's
///   bytes. Ranges that are empty, out of bounds or not on char boundaries
///   are ignored; overlapping or touching ones are merged.
pub fn snippet(text: &str, highlights: &[Range<usize>], max_chars: usize) -> Snippet {
    let ranges = valid(text, highlights);
    let layout = Layout::new(text);
    if layout.chars(0, text.len()) <= max_chars {
        return Snippet {
            text: text.to_owned(),
            highlights: ranges
                .iter()
                .map(|range| [range.start, range.end])
                .collect(),
        };
    }
    let best = if ranges.is_empty() {
        layout.window_from(0, max_chars)
    } else {
        let mut best: Option<(usize, Range<usize>)> = None;
        for range in &ranges {
            let window = layout.window_at(range, max_chars);
            let score = covered(&ranges, &window);
            if best.as_ref().is_none_or(|(most, _)| score > *most) {
                best = Some((score, window));
            }
        }
        best.map_or_else(|| layout.window_from(0, max_chars), |(_, window)| window)
    };
    let window = layout.fill_back(best, max_chars);
    layout.render(&ranges, window, max_chars)
}

/// The valid ranges of `highlights`, sorted and merged.
fn valid(text: &str, highlights: &[Range<usize>]) -> Vec<Range<usize>> {
    merge(
        highlights
            .iter()
            .filter(|range| range.start < range.end && text.get((*range).clone()).is_some())
            .cloned()
            .collect(),
    )
}

/// How many of `ranges` (sorted, disjoint) lie wholly inside `window`.
fn covered(ranges: &[Range<usize>], window: &Range<usize>) -> usize {
    let first = ranges.partition_point(|range| range.start < window.start);
    let past = ranges.partition_point(|range| range.end <= window.end);
    past.saturating_sub(first)
}

/// Where a text may be cut, and how many characters lie between two points.
struct Layout<'t> {
    text: &'t str,
    /// Byte offset of every char.
    chars: Vec<usize>,
    /// Word boundaries (UAX #29), from 0 to the text's length.
    words: Vec<usize>,
    /// The word boundaries next to whitespace: cuts there keep hyphenated
    /// words (`capacity-building`), numbers (`75/240`) and quoted words whole.
    spaces: Vec<usize>,
    /// Sentence starts.
    sentences: Vec<usize>,
    /// End of the leading whitespace, and start of the trailing whitespace.
    lead: usize,
    trail: usize,
}

/// The last of `bounds` (sorted) at or before `at`.
fn last_at_or_before(bounds: &[usize], at: usize) -> Option<usize> {
    let past = bounds.partition_point(|&bound| bound <= at);
    bounds.get(past.checked_sub(1)?).copied()
}

/// The first of `bounds` (sorted) at or after `at`.
fn first_at_or_after(bounds: &[usize], at: usize) -> Option<usize> {
    bounds
        .get(bounds.partition_point(|&bound| bound < at))
        .copied()
}

impl<'t> Layout<'t> {
    fn new(text: &'t str) -> Self {
        let mut words: Vec<usize> = Vec::new();
        let mut spaces: Vec<usize> = Vec::new();
        let mut previous_space = true;
        for (at, segment) in text.split_word_bound_indices() {
            let space = segment.chars().all(char::is_whitespace);
            words.push(at);
            if space || previous_space {
                spaces.push(at);
            }
            previous_space = space;
        }
        words.push(text.len());
        spaces.push(text.len());
        Layout {
            text,
            chars: text.char_indices().map(|(at, _)| at).collect(),
            words,
            spaces,
            sentences: text
                .split_sentence_bound_indices()
                .map(|(at, _)| at)
                .collect(),
            lead: text.len() - text.trim_start().len(),
            trail: text.trim_end().len(),
        }
    }

    /// The index of the char at byte `at` (or the number of chars, at the end).
    fn char_index(&self, at: usize) -> usize {
        self.chars.partition_point(|&start| start < at)
    }

    /// The byte offset of char number `index` (the text's length past the end).
    fn byte_at(&self, index: usize) -> usize {
        self.chars.get(index).copied().unwrap_or(self.text.len())
    }

    /// Characters between bytes `from` and `to`.
    fn chars(&self, from: usize, to: usize) -> usize {
        self.char_index(to).saturating_sub(self.char_index(from))
    }

    /// Whether a window starting at `start` needs the `…` before it.
    fn cut_before(&self, start: usize) -> bool {
        start > self.lead
    }

    /// Whether a window ending at `end` needs the `…` after it.
    fn cut_after(&self, end: usize) -> bool {
        end < self.trail
    }

    /// `start` moved past whitespace and closing punctuation (never past
    /// `limit`); the text's own start is left alone but for whitespace.
    fn trim_start(&self, start: usize, limit: usize) -> usize {
        let Some(rest) = self.text.get(start..limit) else {
            return start;
        };
        let trimmed = if start <= self.lead {
            rest.trim_start()
        } else {
            rest.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | ')' | ']')
            })
        };
        limit - trimmed.len()
    }

    /// `end` moved back over whitespace (never before `start`).
    fn trim_end(&self, start: usize, end: usize) -> usize {
        match self.text.get(start..end) {
            Some(piece) => start + piece.trim_end().len(),
            None => end,
        }
    }

    /// Of `bounds`, the one nearest to `target`, within `slack` chars of it
    /// and not after `limit`.
    fn nearest(
        &self,
        bounds: &[usize],
        target: usize,
        limit: usize,
        slack: usize,
    ) -> Option<usize> {
        let to = self.char_index(target);
        let distance = |bound: usize| self.char_index(bound).abs_diff(to);
        let before = last_at_or_before(bounds, target.min(limit));
        let after = first_at_or_after(bounds, target).filter(|&bound| bound <= limit);
        [after, before]
            .into_iter()
            .flatten()
            .filter(|&bound| distance(bound) <= slack)
            .min_by_key(|&bound| distance(bound))
    }

    /// The window for the highlight `anchor`: context before it, then as much
    /// as fits.
    fn window_at(&self, anchor: &Range<usize>, max_chars: usize) -> Range<usize> {
        let context = max_chars / 5;
        let at = self.char_index(anchor.start);
        // A cut about `context` chars before the anchor.
        let target = self.byte_at(at.saturating_sub(context));
        let slack = context.max(1);
        let mut start = self
            .nearest(&self.spaces, target, anchor.start, slack)
            .or_else(|| self.nearest(&self.words, target, anchor.start, slack))
            .unwrap_or(anchor.start);
        // The sentence's start, if not much further back.
        let sentence = last_at_or_before(&self.sentences, anchor.start).unwrap_or(0);
        if at.saturating_sub(self.char_index(sentence)) <= context + context / 2 {
            start = sentence;
        }
        let window = self.window_from(self.trim_start(start, anchor.start), max_chars);
        if window.end < anchor.end && window.start < anchor.start {
            // The highlight does not fit with context: show it from its start.
            return self.window_from(anchor.start, max_chars);
        }
        window
    }

    /// The window from `start` (trimmed) running as far as `max_chars`
    /// allows, marks counted. It ends next to whitespace if that keeps at
    /// least half the room, else on a word boundary, else (a word longer than
    /// the window) between graphemes.
    fn window_from(&self, start: usize, max_chars: usize) -> Range<usize> {
        let start = self.trim_start(start, self.trail.max(start));
        let room = max_chars.saturating_sub(usize::from(self.cut_before(start)));
        if self.chars(start, self.trail) <= room {
            return start..self.trail.max(start);
        }
        // Cut: the `…` after it takes one char.
        let room = room.saturating_sub(1);
        let limit = self.byte_at(self.char_index(start) + room);
        let at_space = last_at_or_before(&self.spaces, limit)
            .map(|end| self.trim_end(start, end))
            .filter(|&end| end > start && 2 * self.chars(start, end) >= room);
        let at_word = last_at_or_before(&self.words, limit).map(|end| self.trim_end(start, end));
        if let Some(end) = [at_space, at_word]
            .into_iter()
            .flatten()
            .find(|&end| end > start)
        {
            return start..end;
        }
        let room = limit.saturating_sub(start);
        let rest = self.text.get(start..).unwrap_or_default();
        let graphemes = rest
            .grapheme_indices(true)
            .map(|(at, grapheme)| at + grapheme.len())
            .take_while(|&end| end <= room)
            .last()
            .unwrap_or(room);
        start..start + graphemes
    }

    /// `window`, if it runs to the end of the text, with its start moved back
    /// (to cuts next to whitespace) as far as `max_chars` allows.
    fn fill_back(&self, window: Range<usize>, max_chars: usize) -> Range<usize> {
        if self.cut_after(window.end) || window.start == window.end {
            return window;
        }
        let first = self.spaces.partition_point(|&bound| bound < window.start);
        let mut start = window.start;
        for &bound in self.spaces.get(..first).unwrap_or_default().iter().rev() {
            let bound = self.trim_start(bound, window.start);
            let marks = usize::from(self.cut_before(bound));
            if self.chars(bound, window.end) + marks > max_chars {
                break;
            }
            start = start.min(bound);
        }
        start..window.end
    }

    /// The snippet of `window` with `ranges` clipped and rebased.
    fn render(&self, ranges: &[Range<usize>], window: Range<usize>, max_chars: usize) -> Snippet {
        let Some(piece) = self
            .text
            .get(window.clone())
            .filter(|piece| !piece.is_empty())
        else {
            // No room for a word (or nothing but whitespace to show).
            let cut = max_chars > 0 && self.lead < self.trail;
            let text = if cut { ELLIPSIS } else { "" };
            return Snippet {
                text: text.to_owned(),
                highlights: Vec::new(),
            };
        };
        let before = if self.cut_before(window.start) {
            ELLIPSIS
        } else {
            ""
        };
        let after = if self.cut_after(window.end) {
            ELLIPSIS
        } else {
            ""
        };
        let shift = before.len();
        let highlights = ranges
            .iter()
            .filter_map(|range| {
                let start = range.start.max(window.start);
                let end = range.end.min(window.end);
                (start < end).then(|| [start - window.start + shift, end - window.start + shift])
            })
            .collect();
        Snippet {
            text: format!("{before}{piece}{after}"),
            highlights,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rev.1, section E, paragraph (a).
    const REV1: &str = "The OEWG could agree to establish a global, inter-governmental, points of contact directory on ICTs at the United Nations. States may, on a voluntary basis, provide points of contact (PoCs) at the diplomatic, policy and technical levels with due competence at the national level in ensuring security in the use of ICTs that could be reached in times of urgency, for example through hotlines. Such a directory would respect State sovereignty and be politically neutral. It would be updated regularly, and be secure, operational and complemented by enhanced interaction and cooperation between States as well as capacity-building such as table-top exercises where requested. The UN Secretariat could be requested to collect and disseminate to the OEWG best practices on operationalizing such a directory which would include experiences at the regional level.";

    /// The byte range of the `nth` occurrence of `word` in `text`.
    fn find(text: &str, word: &str, nth: usize) -> Range<usize> {
        let at = text.match_indices(word).nth(nth).map(|(at, _)| at).unwrap();
        at..at + word.len()
    }

    fn shown(snippet: &Snippet) -> Vec<&str> {
        snippet
            .highlights
            .iter()
            .map(|[start, end]| &snippet.text[*start..*end])
            .collect()
    }

    /// What every snippet must be.
    fn check(text: &str, highlights: &[Range<usize>], max_chars: usize) -> Snippet {
        let snippet = snippet(text, highlights, max_chars);
        let context = format!("{text:?} {highlights:?} {max_chars}: {snippet:?}");
        assert!(snippet.text.chars().count() <= max_chars, "{context}");
        let mut last_end = 0;
        for [start, end] in &snippet.highlights {
            assert!(start < end, "{context}");
            assert!(*start >= last_end, "{context}");
            assert!(snippet.text.get(*start..*end).is_some(), "{context}");
            last_end = *end;
        }
        // The snippet is a piece of the text, marks aside.
        let body = snippet
            .text
            .trim_start_matches(ELLIPSIS)
            .trim_end_matches(ELLIPSIS);
        assert!(text.contains(body), "{context}");
        snippet
    }

    /// [`check`] with one highlight.
    fn check_one(text: &str, range: Range<usize>, max_chars: usize) -> Snippet {
        check(text, std::slice::from_ref(&range), max_chars)
    }

    #[test]
    fn short_text_is_whole() {
        let text = "States may, on a voluntary basis, provide points of contact (PoCs).";
        let snippet = check(
            text,
            &[find(text, "points of contact", 0), find(text, "PoCs", 0)],
            240,
        );
        assert_eq!(snippet.text, text);
        assert_eq!(shown(&snippet), ["points of contact", "PoCs"]);
        let snippet = check(text, &[], text.chars().count());
        assert_eq!(snippet.text, text);
        assert!(snippet.highlights.is_empty());
        assert_eq!(check("", &[0..0, 0..3], 240).text, "");
    }

    #[test]
    fn no_highlight_shows_the_start() {
        let snippet = check(REV1, &[], 60);
        assert_eq!(snippet.text, "The OEWG could agree to establish a global,…");
        assert!(snippet.text.chars().count() <= 60);
    }

    #[test]
    fn highlight_near_the_end_is_rebased() {
        let range = find(REV1, "regional", 0);
        let snippet = check_one(REV1, range, SNIPPET_CHARS);
        assert!(snippet.text.starts_with(ELLIPSIS), "{snippet:?}");
        assert!(
            snippet.text.ends_with("at the regional level."),
            "{snippet:?}"
        );
        assert_eq!(shown(&snippet), ["regional"]);
        // Moved back to use the whole width.
        assert!(
            snippet.text.chars().count() > SNIPPET_CHARS - 20,
            "{snippet:?}"
        );
    }

    #[test]
    fn context_comes_before_the_highlight() {
        let range = find(REV1, "hotlines", 0);
        let snippet = check_one(REV1, range, 100);
        assert_eq!(shown(&snippet), ["hotlines"]);
        let [start, _] = snippet.highlights[0];
        let before = snippet.text[..start].chars().count();
        assert!((10..=40).contains(&before), "{snippet:?}");
        assert!(snippet.text.starts_with(ELLIPSIS) && snippet.text.ends_with(ELLIPSIS));
    }

    #[test]
    fn sentence_start_when_close() {
        // "Such a directory" starts a sentence 26 chars before "respect".
        let range = find(REV1, "respect", 0);
        let snippet = check_one(REV1, range, 120);
        assert!(
            snippet.text.starts_with("…Such a directory would respect"),
            "{snippet:?}"
        );
    }

    #[test]
    fn window_with_the_most_highlights_wins() {
        let ranges = [
            find(REV1, "OEWG", 0),
            find(REV1, "PoCs", 0),
            find(REV1, "operationalizing", 0),
            find(REV1, "directory", 2),
            find(REV1, "regional", 0),
        ];
        let snippet = check(REV1, &ranges, 150);
        assert_eq!(
            shown(&snippet),
            ["operationalizing", "directory", "regional"],
            "{snippet:?}"
        );
        // A tie goes to the earliest window.
        let snippet = check(REV1, &ranges[..2], 60);
        assert_eq!(shown(&snippet), ["OEWG"], "{snippet:?}");
    }

    #[test]
    fn multibyte_characters_around_cuts() {
        let text = "Délégués à Genève — l’OEWG’s «session» réunie à Genève, où les États—membres ont débattu ’points of contact’ — puis à Genève encore, Genève toujours.";
        for max_chars in 1..text.chars().count() + 2 {
            for word in ["Genève", "l’OEWG’s", "—", "États", "’points of contact’"] {
                for nth in 0..4 {
                    let Some((at, _)) = text.match_indices(word).nth(nth) else {
                        continue;
                    };
                    let snippet = check_one(text, at..at + word.len(), max_chars);
                    if max_chars >= word.chars().count() + 2 {
                        assert_eq!(shown(&snippet), [word], "{max_chars} {snippet:?}");
                    }
                }
            }
        }
        let at = find(text, "Genève", 1);
        let snippet = check(text, &[at], 40);
        assert_eq!(shown(&snippet), ["Genève"]);
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
    }

    #[test]
    fn cuts_keep_hyphenated_words_whole() {
        for max_chars in (30..120).step_by(7) {
            let words = REV1.split_word_bound_indices();
            for (at, word) in words.filter(|(_, word)| word.chars().all(char::is_alphanumeric)) {
                let snippet = check_one(REV1, at..at + word.len(), max_chars);
                let body = snippet.text.trim_matches('…');
                assert!(
                    !body.starts_with('-') && !body.ends_with('-'),
                    "{max_chars} {snippet:?}"
                );
            }
        }
    }

    #[test]
    fn highlight_longer_than_the_window_is_clipped() {
        let range = find(REV1, "States may", 0).start..find(REV1, "hotlines", 0).end;
        let snippet = check_one(REV1, range, 60);
        assert!(snippet.text.starts_with("…States may"), "{snippet:?}");
        assert!(snippet.text.chars().count() <= 60);
        assert_eq!(
            snippet.highlights,
            [[ELLIPSIS.len(), snippet.text.len() - ELLIPSIS.len()]]
        );
    }

    #[test]
    fn text_without_spaces_is_cut_between_characters() {
        let text = "é".repeat(500);
        let snippet = check(&text, &[], 50);
        assert_eq!(snippet.text.chars().count(), 50);
        assert!(snippet.text.ends_with('…'));
        let snippet = check_one(&text, 600..700, 50);
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        assert_eq!(shown(&snippet), ["é".repeat(48)]);
    }

    #[test]
    fn tiny_widths_never_overflow() {
        let range = find(REV1, "hotlines", 0);
        assert_eq!(check_one(REV1, range.clone(), 0).text, "");
        assert_eq!(check_one(REV1, range.clone(), 1).text, "…");
        assert_eq!(check_one(REV1, range.clone(), 2).text, "…");
        let snippet = check_one(REV1, range.clone(), 3);
        assert_eq!(snippet.text, "…h…");
        assert_eq!(shown(&snippet), ["h"]);
        let snippet = check_one(REV1, range, 10);
        assert_eq!(snippet.text, "…hotlines…");
        // Only whitespace: nothing was cut off.
        assert_eq!(check(&" ".repeat(50), &[], 10).text, "");
        assert_eq!(check(&" ".repeat(50), &[], 0).text, "");
    }

    /// `5..2`.
    fn backwards() -> Range<usize> {
        Range { start: 5, end: 2 }
    }

    #[test]
    fn bad_ranges_are_ignored() {
        let text = "à Genève — l’OEWG";
        let snippet = check(text, &[1..2, backwards(), 0..100, 3..3, 99..120], 240);
        assert!(snippet.highlights.is_empty());
        let snippet = check(
            REV1,
            &[backwards(), 0..100_000, 3..3, usize::MAX - 1..usize::MAX],
            50,
        );
        assert!(snippet.highlights.is_empty());
        // Overlapping ranges are merged.
        let snippet = check(REV1, &[4..8, 6..14, 14..20], 240);
        assert_eq!(shown(&snippet), ["OEWG could agree"]);
    }

    /// A small deterministic generator (no `rand` dependency).
    struct XorShift(u64);

    impl XorShift {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn every_window_is_within_bounds() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts = vec![
            REV1.to_owned(),
            "é—’ Genève".repeat(40),
            " \n\t ".to_owned(),
        ];
        for name in [
            "2022-07-28-crp1.txt",
            "2022-03-24-capacity-building-meeting.txt",
        ] {
            let full = std::fs::read_to_string(corpus.join(name)).unwrap();
            texts.extend(full.split("\n \n").map(str::to_owned));
        }
        let mut random = XorShift(0x9E37_79B9_7F4A_7C15);
        for text in &texts {
            for _ in 0..40 {
                let max_chars = random.below(300);
                let count = random.below(5);
                // Half arbitrary byte ranges, half words of the text.
                let highlights: Vec<Range<usize>> = (0..count)
                    .map(|n| {
                        let start = random.below(text.len() + 2);
                        let word = (n % 2 == 0)
                            .then(|| text.get(start..))
                            .flatten()
                            .and_then(|rest| rest.split_word_bound_indices().nth(1));
                        match word {
                            Some((at, word)) => start + at..start + at + word.len(),
                            None => start..start + random.below(80),
                        }
                    })
                    .collect();
                let snippet = check(text, &highlights, max_chars);
                // What is shown highlighted was highlighted in the text.
                let marked: Vec<&str> = valid(text, &highlights)
                    .into_iter()
                    .map(|range| &text[range])
                    .collect();
                for piece in shown(&snippet) {
                    assert!(
                        marked.iter().any(|whole| whole.contains(piece)),
                        "{piece:?} {snippet:?}"
                    );
                }
            }
        }
    }
}
