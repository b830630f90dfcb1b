//! Folding: the spelling differences that never change a word.
//!
//! After segmentation every word goes through tantivy's [`AsciiFoldingFilter`]
//! (the Lucene table: `Genève` → `Geneve`, `’` → `'`, `œ` → `oe`, fullwidth
//! forms → ASCII) and `CombiningMarkFilter` (the same for text written with
//! combining accents, as PDF extraction and macOS often give it: `e` +
//! U+0301 → `e`, as `é` → `e`), and then through the helpers here:
//! lowercasing with an ASCII fast path, dropping soft hyphens, and removing
//! the English possessive `'s` (`OEWG’s` → `OEWG`). Case is lowered *after*
//! acronym detection, which needs the original case, so the folding stage
//! keeps it.
//!
//! `front_end` is the segmentation + folding analyzer. The learning code
//! ([`CompoundDictionary`](super::CompoundDictionary),
//! [`AcronymTable`](super::AcronymTable)) reads text through it, so what is
//! learned is spelled exactly as the analyzers will later see it.

use std::mem;

use tantivy::tokenizer::{
    AsciiFoldingFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

use super::tokenizer::WordTokenizer;

/// Segmentation and diacritic/quote folding, original case kept.
pub(crate) fn front_end() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(AsciiFoldingFilter)
        .filter(CombiningMarkFilter)
        .build()
}

/// Drops the combining diacritical marks (U+0300–U+036F) that follow an
/// ASCII character, after [`AsciiFoldingFilter`]: a decomposed `é` (`e` +
/// U+0301) then folds to `e` like the precomposed one. A mark on another
/// letter (Cyrillic `и` + U+0306) is kept, as that folding keeps the
/// precomposed letter (`й`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CombiningMarkFilter;

impl TokenFilter for CombiningMarkFilter {
    type Tokenizer<T: Tokenizer> = CombiningMarkTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CombiningMarkTokenizer<T> {
        CombiningMarkTokenizer {
            tokenizer,
            buffer: String::new(),
        }
    }
}

/// [`CombiningMarkFilter`] applied to a tokenizer.
#[derive(Clone)]
pub(crate) struct CombiningMarkTokenizer<T> {
    tokenizer: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for CombiningMarkTokenizer<T> {
    type TokenStream<'a> = CombiningMarkStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CombiningMarkStream {
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// The token stream of [`CombiningMarkFilter`].
pub(crate) struct CombiningMarkStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

impl<T: TokenStream> TokenStream for CombiningMarkStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &self.tail.token().text;
        if text.is_ascii() || !text.chars().any(is_combining_mark) {
            return true;
        }
        self.buffer.clear();
        let mut on_ascii = false;
        for c in text.chars() {
            if is_combining_mark(c) && on_ascii {
                continue;
            }
            on_ascii = c.is_ascii();
            self.buffer.push(c);
        }
        mem::swap(&mut self.tail.token_mut().text, self.buffer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Whether `c` is a combining diacritical mark (U+0300–U+036F).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// The word without an English possessive ending (`'s`, `'S`).
///
/// The apostrophe has already been folded from `’` to `'`. A word that is
/// nothing but the ending is kept as it is.
pub(crate) fn strip_possessive(word: &str) -> &str {
    match word.as_bytes() {
        [.., _, b'\'', b's' | b'S'] => word.get(..word.len() - 2).unwrap_or(word),
        _ => word,
    }
}

/// Writes the lowercase form of `word` into `out` (cleared first), dropping
/// soft hyphens. ASCII words take a byte-wise fast path.
pub(crate) fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        for c in word.chars().filter(|&c| c != '\u{00AD}') {
            out.extend(c.to_lowercase());
        }
    }
}

/// The lowercase form of `word`; see [`lowercase_into`].
pub(crate) fn lowercase(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    lowercase_into(word, &mut out);
    out
}

/// Whether the text between two words is a single hyphen (ASCII, Unicode
/// hyphen or non-breaking hyphen), i.e. the two words form a compound.
pub(crate) fn is_hyphen(gap: &str) -> bool {
    let mut chars = gap.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if HYPHENS.contains(&c))
}

/// The hyphens that join the parts of a compound: ASCII, Unicode hyphen,
/// non-breaking hyphen.
pub(crate) const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        let mut analyzer = front_end();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn folds_diacritics_and_quotes_but_keeps_case() {
        assert_eq!(
            folded("Genève, Côte d’Ivoire, “Œuvre” OEWG’s"),
            ["Geneve", "Cote", "d'Ivoire", "OEuvre", "OEWG's"]
        );
    }

    #[test]
    fn combining_accents_fold_like_precomposed_ones() {
        assert_eq!(
            folded("E\u{301}tats Gene\u{300}ve cafe\u{301}\u{302}s na\u{308}i\u{308}ve"),
            ["Etats", "Geneve", "cafes", "naive"]
        );
        assert_eq!(folded("États Genève"), ["Etats", "Geneve"]);
        // Not on an ASCII letter: kept, as the precomposed letter is.
        assert_eq!(folded("и\u{306} й"), ["и\u{306}", "й"]);
    }

    #[test]
    fn possessive_is_stripped() {
        assert_eq!(strip_possessive("OEWG's"), "OEWG");
        assert_eq!(strip_possessive("States'S"), "States");
        assert_eq!(strip_possessive("'s"), "'s");
        assert_eq!(strip_possessive("is"), "is");
        assert_eq!(strip_possessive("d'Ivoire"), "d'Ivoire");
    }

    #[test]
    fn lowercases_ascii_and_unicode() {
        assert_eq!(lowercase("PoCs"), "pocs");
        assert_eq!(lowercase("ΑΘΗΝΑ"), "αθηνα");
        assert_eq!(lowercase("inter\u{00AD}governmental"), "intergovernmental");
    }

    #[test]
    fn hyphens() {
        assert!(is_hyphen("-"));
        assert!(is_hyphen("\u{2011}"));
        assert!(!is_hyphen(" - "));
        assert!(!is_hyphen("\u{2013}"));
        assert!(!is_hyphen(""));
    }
}
