//! Analysis: how text becomes search terms, the same at index and at query
//! time.
//!
//! Two analyzers are registered on an index by name with [`register`]:
//!
//! - [`ANALYZER`] (`negotext`): Unicode word segmentation, diacritic and
//!   quote folding, possessive removal, lowercasing, English stemming,
//!   compound splitting and acronym ↔ expansion stacking;
//! - [`EXACT_ANALYZER`] (`negotext_exact`), for `--exact`: segmentation,
//!   folding and lowercasing only — `measure` does not find `measures`, and
//!   `OEWG’s` stays `oewg's`.
//!
//! The stages, one per file: [`tokenizer`] (segmentation: punctuation and
//! hyphens are dropped, so they never block a phrase), [`folding`],
//! [`compounds`], [`acronyms`], the [`glossary`] and [`lexicon`] that feed
//! them, and `filter` that applies them in the token stream.
//!
//! # Design: canonical token sequences
//!
//! tantivy's `QueryParser` turns the tokens of a query word or a quoted
//! phrase into a phrase query whose terms sit at the tokens' positions; two
//! tokens at one position are *both* required there (there is no "or" inside
//! a phrase). A query can therefore only match text whose analysis contains
//! every query token at the same relative position. So every spelling of one
//! thing is made to analyse to the *same* sequence, rather than indexing
//! synonyms on one side only:
//!
//! - **Compounds** analyse to their parts: `inter-governmental`,
//!   `inter governmental` and `intergovernmental` are all
//!   `inter@0 govern@1` (the closed spelling is split by the learned
//!   [`CompoundDictionary`]). A compound query matches all spellings, as a
//!   word and inside phrases. Trade-off: the parts match alone (`State` finds
//!   `non-State`); nothing is ever joined, so `capacity` still finds
//!   `capacity-building`.
//! - **Acronyms** analyse to the acronym token *stacked* on their expansion:
//!   `PoCs`, `POC`, `PoC’s` and `points of contact` are all
//!   `poc/point@0 of@1 contact@2`. Hence the query `PoC` finds text with only
//!   `points of contact`, the phrase `"points of contact"` finds text with
//!   only `PoCs`, and the lowercase query `poc` (one term) finds both. `CI`
//!   never matches `CII` (the tokens `ci` and `cii` differ, and their
//!   expansions differ in length), nor `PoC` `PoA`.
//!   Trade-offs: an acronym in the text takes as many positions as its
//!   expansion; a single expansion word finds the acronym (`contact` finds
//!   `PoCs`), and a phrase may match across an acronym
//!   (`"contact at the"` finds `PoCs at the`). Replacing the expansion by the
//!   acronym alone would avoid that but make `point` miss `points of
//!   contact`; stacking the acronym on the words *only at index time* is not
//!   possible with one analyzer, and would make `"points of contact"` miss
//!   `PoCs`.
//!
//! The learned part — compounds and acronym definitions — is a [`Lexicon`]
//! that the indexer saves next to the index and the searcher loads: index
//! and queries must use the same one.

pub mod acronyms;
pub mod compounds;
mod filter;
pub mod folding;
pub mod glossary;
pub mod lexicon;
pub mod pairs;
pub mod tokenizer;

#[cfg(test)]
mod index_tests;

use tantivy::Index;
use tantivy::schema::{IndexRecordOption, TextFieldIndexing};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenStream,
};

pub use acronyms::{AcronymTable, Definition, definitions};
pub use compounds::CompoundDictionary;
pub use glossary::Glossary;
pub use lexicon::{Learner, Lexicon};
pub use tokenizer::WordTokenizer;

use filter::LexiconFilter;
use folding::CombiningMarkFilter;

/// Name of the full analyzer on an index's tokenizer manager.
pub const ANALYZER: &str = "negotext";

/// Name of the exact analyzer (no stemming, no compounds, no acronyms).
pub const EXACT_ANALYZER: &str = "negotext_exact";

/// Name of the analyzer of the word-pair field (see [`pairs`]).
pub const PAIRS_ANALYZER: &str = "negotext_pairs";

/// Tokens longer than this (in bytes) are dropped: they are not words.
const MAX_TOKEN_BYTES: usize = 100;

/// The full analyzer for `lexicon`; see the module docs.
pub fn analyzer(lexicon: &Lexicon) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(AsciiFoldingFilter)
        .filter(CombiningMarkFilter)
        .filter(LexiconFilter::new(lexicon))
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// The exact analyzer: segmentation, folding and lowercasing only.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(AsciiFoldingFilter)
        .filter(CombiningMarkFilter)
        .filter(LowerCaser)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// Registers [`ANALYZER`] (with `lexicon`), [`EXACT_ANALYZER`] and
/// [`PAIRS_ANALYZER`] on the index's tokenizer manager. Call it after
/// opening or creating the index and before indexing or parsing queries.
pub fn register(index: &Index, lexicon: &Lexicon) {
    let tokenizers = index.tokenizers();
    let full = analyzer(lexicon);
    tokenizers.register(
        PAIRS_ANALYZER,
        TextAnalyzer::builder(pairs::PairTokenizer::new(full.clone())).build(),
    );
    tokenizers.register(ANALYZER, full);
    tokenizers.register(EXACT_ANALYZER, exact_analyzer());
}

/// Indexing options for a text field analysed by `analyzer_name`, with
/// positions (phrase queries need them).
pub fn text_indexing(analyzer_name: &str) -> TextFieldIndexing {
    TextFieldIndexing::default()
        .set_tokenizer(analyzer_name)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions)
}

/// The tokens `analyzer` makes of `text` (for tests, debugging and `explain`
/// output).
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences() -> [&'static str; 5] {
        [
            "States may, on a voluntary basis, provide points of contact (PoCs) at the diplomatic, policy and technical levels",
            "States made concrete, action-oriented proposals on confidence-building measures (CBMs).",
            "protection of Critical Infrastructure (CI) and Critical Information Infrastructure (CII).",
            "information on their national POCs as part of their responses",
            "in particular the Programme of Action (PoA)",
        ]
    }

    fn lexicon() -> Lexicon {
        Lexicon::learn(
            sentences()
                .into_iter()
                .chain(["a global, inter-governmental, points of contact directory"]),
            &Glossary::default(),
        )
    }

    /// `text@position` for each token, stacked tokens joined by `/`.
    fn show(analyzer: &mut TextAnalyzer, text: &str) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut last = None;
        for token in tokens(analyzer, text) {
            if last == Some(token.position) {
                if let Some(previous) = out.last_mut() {
                    let at = previous.rfind('@').unwrap_or(previous.len());
                    previous.insert_str(at, &format!("/{}", token.text));
                }
            } else {
                out.push(format!("{}@{}", token.text, token.position));
            }
            last = Some(token.position);
        }
        out.join(" ")
    }

    #[test]
    fn compounds_analyse_to_their_parts() {
        let mut analyzer = analyzer(&lexicon());
        for text in [
            "inter-governmental points",
            "inter governmental points",
            "intergovernmental points",
            "Intergovernmental, points",
        ] {
            assert_eq!(
                show(&mut analyzer, text),
                "inter@0 government@1 point@2",
                "{text}"
            );
        }
    }

    #[test]
    fn acronyms_and_expansions_analyse_alike() {
        let mut analyzer = analyzer(&lexicon());
        for text in [
            "PoC",
            "PoCs",
            "POCs",
            "PoC’s",
            "points of contact",
            "point of contact",
        ] {
            assert_eq!(
                show(&mut analyzer, text),
                "poc/point@0 of@1 contact@2",
                "{text}"
            );
        }
        assert_eq!(show(&mut analyzer, "CBMs"), "cbm/confid@0 build@1 measur@2");
        assert_eq!(
            show(&mut analyzer, "confidence building measure"),
            "cbm/confid@0 build@1 measur@2"
        );
        assert_eq!(show(&mut analyzer, "CI"), "ci/critic@0 infrastructur@1");
        assert_eq!(
            show(&mut analyzer, "CII"),
            "cii/critic@0 inform@1 infrastructur@2"
        );
        assert_eq!(
            show(&mut analyzer, "the PoA"),
            "the@0 poa/programm@1 of@2 action@3"
        );
        // Positions go on after an expansion.
        assert_eq!(
            show(&mut analyzer, "national PoCs as part"),
            "nation@0 poc/point@1 of@2 contact@3 as@4 part@5"
        );
        // Lowercase words are never taken for acronyms.
        assert_eq!(show(&mut analyzer, "poc ci"), "poc@0 ci@1");
    }

    #[test]
    fn definitions_index_both_sides() {
        let mut analyzer = analyzer(&lexicon());
        assert_eq!(
            show(&mut analyzer, "points of contact (PoCs) at"),
            "poc/point@0 of@1 contact@2 poc/point@3 of@4 contact@5 at@6"
        );
    }

    #[test]
    fn unknown_acronyms_still_fold_their_plural() {
        let mut analyzer = analyzer(&Lexicon::default());
        assert_eq!(show(&mut analyzer, "NGOs NGO CBMs"), "ngo@0 ngo@1 cbm@2");
        // An all-capitals heading is stemmed like any text.
        assert_eq!(show(&mut analyzer, "MEASURES"), "measur@0");
    }

    #[test]
    fn folds_possessives_and_diacritics() {
        let mut analyzer = analyzer(&Lexicon::default());
        assert_eq!(show(&mut analyzer, "Genève"), show(&mut analyzer, "geneve"));
        assert_eq!(show(&mut analyzer, "OEWG’s"), "oewg@0");
        assert_eq!(show(&mut analyzer, "OEWG's"), "oewg@0");
        assert_eq!(
            show(&mut analyzer, "“States’ measures”"),
            "state@0 measur@1"
        );
    }

    #[test]
    fn exact_analyzer_only_folds_and_lowercases() {
        let mut exact = exact_analyzer();
        assert_eq!(
            show(
                &mut exact,
                "Genève, inter-governmental CBMs measures OEWG’s"
            ),
            "geneve@0 inter@1 governmental@2 cbms@3 measures@4 oewg's@5"
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "national PoCs, Genève";
        let mut analyzer = analyzer(&lexicon());
        let spans: Vec<&str> = tokens(&mut analyzer, text)
            .iter()
            .map(|t| &text[t.offset_from..t.offset_to])
            .collect();
        assert_eq!(
            spans,
            ["national", "PoCs", "PoCs", "PoCs", "PoCs", "Genève"]
        );
        let spans: Vec<&str> = tokens(&mut analyzer, "the points of contact.")
            .iter()
            .map(|t| &"the points of contact."[t.offset_from..t.offset_to])
            .collect();
        assert_eq!(
            spans,
            ["the", "points of contact", "points", "of", "contact"]
        );
    }

    #[test]
    fn stems_equal_tantivys_stemmer() {
        use tantivy::tokenizer::{Language, SimpleTokenizer, Stemmer};
        let words = "measures building governmental infrastructures information \
                     communications technologies responses diplomatic policies poc cbm";
        let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let mut ours = analyzer(&Lexicon::default());
        let texts = |tokens: Vec<Token>| tokens.into_iter().map(|t| t.text).collect::<Vec<_>>();
        assert_eq!(
            texts(tokens(&mut ours, words)),
            texts(tokens(&mut theirs, words))
        );
    }

    #[test]
    fn buffers_are_reset_between_texts() {
        let mut analyzer = analyzer(&lexicon());
        {
            // Drop a stream half-way, with lookahead pending.
            let mut stream = analyzer.token_stream("points of contact of");
            assert!(stream.advance());
        }
        assert_eq!(show(&mut analyzer, "measures"), "measur@0");
    }

    /// Throughput on the real corpus: `cargo test --release --lib
    /// analysis::tests::throughput -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(path).unwrap());
            }
        }
        let glossary =
            Glossary::from_toml(&std::fs::read_to_string(dir.join("glossary.toml")).unwrap())
                .unwrap();
        let started = std::time::Instant::now();
        let lexicon = Lexicon::learn(texts.iter().map(String::as_str), &glossary);
        let learn = started.elapsed();
        let bytes: usize = texts.iter().map(String::len).sum();
        println!(
            "learned {} compounds, {} acronyms from {bytes} bytes in {learn:?}",
            lexicon.compounds.len(),
            lexicon.acronyms.len()
        );
        for (name, mut analyzer) in [
            ("negotext", analyzer(&lexicon)),
            ("exact", exact_analyzer()),
        ] {
            // Best of five trials: the machine is shared.
            let rounds = 30;
            let mut best = f64::INFINITY;
            let mut count = 0usize;
            for _ in 0..5 {
                let started = std::time::Instant::now();
                count = 0;
                for _ in 0..rounds {
                    for text in &texts {
                        let mut stream = analyzer.token_stream(text);
                        while stream.advance() {
                            count += 1;
                        }
                    }
                }
                best = best.min(started.elapsed().as_secs_f64());
            }
            println!(
                "{name}: {:.1} MB/s, {count} tokens",
                (bytes * rounds) as f64 / best / 1e6
            );
        }
    }
}
