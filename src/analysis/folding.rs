//! Folding: the spelling differences that never change a word.
//!
//! After segmentation every word goes through tantivy's [`AsciiFoldingFilter`]
//! (the Lucene table: `Genève` → `Geneve`, `’` → `'`, `œ` → `oe`, fullwidth
//! forms → ASCII), and then through the helpers here: lowercasing with an
//! ASCII fast path, dropping soft hyphens, and removing the English possessive
//! `'s` (`OEWG’s` → `OEWG`). Case is lowered *after* acronym detection, which
//! needs the original case, so the folding stage keeps it.
//!
//! `front_end` is the segmentation + folding analyzer. The learning code
//! ([`CompoundDictionary`](super::CompoundDictionary),
//! [`AcronymTable`](super::AcronymTable)) reads text through it, so what is
//! learned is spelled exactly as the analyzers will later see it.

use tantivy::tokenizer::{AsciiFoldingFilter, TextAnalyzer};

use super::tokenizer::WordTokenizer;

/// Segmentation and diacritic/quote folding, original case kept.
pub(crate) fn front_end() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The word without an English possessive ending (`'s`, `'S`).
///
/// The apostrophe has already been folded from `’` to `'`. A word that is
/// nothing but the ending is kept as it is.
pub(crate) fn strip_possessive(word: &str) -> &str {
    match word.as_bytes() {
        [.., _, b'\'', b's' | b'S'] => &word[..word.len() - 2],
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
