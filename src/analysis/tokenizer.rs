//! Word segmentation: the first stage of both analyzers.
//!
//! [`WordTokenizer`] cuts text into words by the Unicode word-boundary rules
//! (UAX #29, via the `unicode-segmentation` crate) and drops everything that is
//! not a word: spaces, punctuation, brackets, quotes and hyphens. Two things
//! follow from that, and the rest of the module relies on both:
//!
//! - punctuation never separates two words by a position, so
//!   `global, inter-governmental, points` is the word sequence
//!   `global inter governmental points`, and a phrase query ignores the commas;
//! - a hyphenated compound is already cut at its hyphens
//!   (`inter-governmental` → `inter` `governmental`), while apostrophes and
//!   decimal points inside a word stay in it (`OEWG’s`, `1,000.5`).
//!
//! Tokens keep the original spelling and case (folding and lowercasing come
//! later) and their byte offsets into the text. Positions count words from 0.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

/// Splits text into its Unicode words, keeping their original spelling.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordTokenizer;

/// The stream of words of one text; see [`WordTokenizer`].
///
/// Words never span ASCII whitespace, so the text is read piece by piece
/// (a piece: the bytes between two runs of ASCII whitespace). An ASCII
/// piece — nearly all of an English text — is cut by `ascii_word_end`, a
/// transcription of the UAX #29 rules for ASCII; any other piece goes
/// through `unicode-segmentation`. Both give the same words (tested below
/// against the crate on random text).
pub struct WordTokenStream<'a> {
    text: &'a str,
    /// Where reading resumes in `text`.
    cursor: usize,
    /// End of the ASCII piece being read, if one is.
    ascii_end: usize,
    /// The words of the non-ASCII piece being read, and where it starts.
    unicode: Option<(usize, UnicodeWordIndices<'a>)>,
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        WordTokenStream {
            text,
            cursor: 0,
            ascii_end: 0,
            unicode: None,
            token: Token::default(),
        }
    }
}

impl WordTokenStream<'_> {
    /// The next word as a byte range of the text.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        loop {
            if let Some((base, words)) = &mut self.unicode {
                if let Some((offset, word)) = words.next() {
                    return Some((*base + offset, *base + offset + word.len()));
                }
                self.unicode = None;
            }
            // Within an ASCII piece: skip to the next word character.
            // (`ascii_end` is at most the text's length: `get` finds the byte.)
            while self.cursor < self.ascii_end
                && let Some(&byte) = bytes.get(self.cursor)
            {
                let at = self.cursor;
                if class(byte) >= Class::Letter {
                    let end = ascii_word_end(bytes, at, self.ascii_end);
                    self.cursor = end;
                    // A run of underscores alone is not a word.
                    let word = bytes.get(at..end).unwrap_or_default();
                    if word.iter().any(u8::is_ascii_alphanumeric) {
                        return Some((at, end));
                    }
                } else {
                    self.cursor += 1;
                }
            }
            // The next piece.
            while bytes.get(self.cursor).is_some_and(u8::is_ascii_whitespace) {
                self.cursor += 1;
            }
            let start = self.cursor;
            let rest = bytes.get(start..).unwrap_or_default();
            if rest.is_empty() {
                return None;
            }
            let piece = rest
                .split(u8::is_ascii_whitespace)
                .next()
                .unwrap_or_default();
            let end = start + piece.len();
            if piece.is_ascii() {
                self.ascii_end = end;
            } else {
                // Both ends are ASCII bytes (or the text's ends), so char
                // boundaries.
                let words = self.text.get(start..end)?.unicode_word_indices();
                self.unicode = Some((start, words));
                self.cursor = end;
                self.ascii_end = end;
            }
        }
    }
}

/// The UAX #29 word-break classes of the ASCII characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Other,
    /// `:`
    MidLetter,
    /// `,` `;`
    MidNum,
    /// `.` `'` (MidNumLet and Single_Quote)
    MidNumLet,
    /// `A-Z` `a-z`
    Letter,
    /// `0-9`
    Numeric,
    /// `_`
    ExtendNumLet,
}

fn class(byte: u8) -> Class {
    match byte {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b'_' => Class::ExtendNumLet,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'.' | b'\'' => Class::MidNumLet,
        _ => Class::Other,
    }
}

/// The end of the ASCII word that starts at `start` (a letter, digit or
/// underscore), reading no further than `end`: letters, digits and
/// underscores join (WB5, WB8–WB10, WB13a/b); a `:` `.` `'` between two
/// letters (WB6/7) and a `,` `;` `.` `'` between two digits (WB11/12) stay
/// inside the word; anything else ends it (WB999).
fn ascii_word_end(bytes: &[u8], start: usize, end: usize) -> usize {
    let mut at = start;
    loop {
        let Some(&[here, next]) = bytes.get(at..at + 2).filter(|_| at + 1 < end) else {
            return at + 1;
        };
        let (here, next) = (class(here), class(next));
        if next >= Class::Letter {
            at += 1;
            continue;
        }
        let after = bytes
            .get(at + 2)
            .filter(|_| at + 2 < end)
            .map(|&b| class(b));
        let joins = matches!(
            (here, next, after),
            (
                Class::Letter,
                Class::MidLetter | Class::MidNumLet,
                Some(Class::Letter)
            ) | (
                Class::Numeric,
                Class::MidNum | Class::MidNumLet,
                Some(Class::Numeric)
            )
        );
        if !joins {
            return at + 1;
        }
        at += 2;
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, to)) = self.next_word() {
            // The ends are char boundaries; a word that were not is skipped.
            let Some(word) = self.text.get(from..to) else {
                continue;
            };
            self.token.text.clear();
            self.token.text.push_str(word);
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = WordTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            assert_eq!(&text[token.offset_from..token.offset_to], token.text);
            out.push((token.text.clone(), token.position));
        }
        out
    }

    #[test]
    fn drops_punctuation_and_cuts_at_hyphens() {
        let got = words("a global, inter-governmental, points (PoCs).");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["a", "global", "inter", "governmental", "points", "PoCs"]
        );
        let positions: Vec<usize> = got.iter().map(|(_, p)| *p).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn keeps_apostrophes_and_numbers_inside_words() {
        let got = words("the OEWG’s and OEWG's report of 1,000.5 “quoted” Genève");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "the", "OEWG’s", "and", "OEWG's", "report", "of", "1,000.5", "quoted", "Genève"
            ]
        );
    }

    /// Our words and offsets are those of `unicode-segmentation`.
    fn assert_same_words(text: &str) {
        let expected: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        let mut tokenizer = WordTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut got = Vec::new();
        while let Some(token) = stream.next() {
            got.push((token.offset_from, token.text.clone()));
        }
        let got: Vec<(usize, &str)> = got.iter().map(|(o, t)| (*o, t.as_str())).collect();
        assert_eq!(got, expected, "{text:?}");
    }

    /// The fast path gives the words of `unicode-segmentation`, on random
    /// strings over an alphabet of every ASCII class, spaces and some
    /// non-ASCII letters, quotes, spaces and hyphens.
    #[test]
    fn same_words_as_unicode_segmentation() {
        const ALPHABET: &[&str] = &[
            "a", "Z", "q", "0", "7", "_", ".", ",", ";", ":", "'", "\"", "-", "(", ")", "/", " ",
            "  ", "\n", "\t", "\r\n", "é", "’", "\u{a0}", "—", "Ж", "中", "٣", "e\u{301}",
            "\u{301}", "\u{200d}", "\u{200b}", "\u{2011}", "\u{ad}",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..50_000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            assert_same_words(&text);
        }
    }

    #[test]
    fn same_words_as_unicode_segmentation_on_the_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_same_words(&text);
        }
    }

    #[test]
    fn non_breaking_and_unicode_hyphens_cut_too() {
        let got = words("non\u{2011}State sub\u{2010}regional");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["non", "State", "sub", "regional"]);
    }
}
