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
pub struct WordTokenStream<'a> {
    words: UnicodeWordIndices<'a>,
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        WordTokenStream {
            words: text.unicode_word_indices(),
            token: Token::default(),
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((offset, word)) = self.words.next() else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(word);
        self.token.offset_from = offset;
        self.token.offset_to = offset + word.len();
        self.token.position = self.token.position.wrapping_add(1);
        true
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

    #[test]
    fn non_breaking_and_unicode_hyphens_cut_too() {
        let got = words("non\u{2011}State sub\u{2010}regional");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["non", "State", "sub", "regional"]);
    }
}
