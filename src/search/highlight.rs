//! Highlighting: which bytes of a chunk's text matched the query.
//!
//! tantivy's own `SnippetGenerator` highlights every occurrence of every query
//! term — every `of` in the text for the phrase `"points of contact"`. Here
//! each positive query literal (a word or a quoted phrase) becomes a
//! [`Pattern`]: its terms as the analyzer makes them, with their position
//! offsets, exactly as tantivy's phrase query sees them. [`highlight`]
//! analyses the text once, finds where each pattern matches, and marks only
//! the tokens that took part in a match:
//!
//! - the query `point` marks `points` in `points of contact` (the token
//!   `point`), not the whole expansion;
//! - the query `PoC` (`poc/point@0 of@1 contact@2`) and the phrase
//!   `"points of contact"` mark the whole of `PoCs` or of `points of contact`;
//! - a phrase match is marked as one range from its first to its last token,
//!   across the punctuation the analyzer dropped: `inter-governmental, points
//!   of contact`.
//!
//! ```
//! use negotext::analysis::{Glossary, Lexicon, analyzer};
//! use negotext::search::highlight::{Pattern, highlight};
//!
//! let text = "a global, inter-governmental, points of contact directory";
//! let mut analyzer = analyzer(&Lexicon::learn([text], &Glossary::default()));
//! let patterns: Vec<Pattern> = ["inter-governmental points of contact"]
//!     .iter()
//!     .filter_map(|literal| Pattern::analyze(&mut analyzer, literal, 0))
//!     .collect();
//! let ranges = highlight(&mut analyzer, text, &patterns);
//! assert_eq!(ranges, [10..47]);
//! assert_eq!(&text[10..47], "inter-governmental, points of contact");
//! ```

use std::collections::HashMap;
use std::ops::Range;

use tantivy::tokenizer::{TextAnalyzer, Token};

use super::sloppy::{MatchBudget, for_each_match};
use crate::analysis::tokens;

/// What one positive query literal matches: analysed terms with their
/// position offsets (as in a tantivy phrase query), and a slop.
///
/// Several terms may share an offset (an acronym stacked on the first word
/// of its expansion); all of them must then be at that position in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// `(offset, term)`, sorted by offset; the first offset is 0.
    pub terms: Vec<(usize, String)>,
    /// The total number of extra positions allowed between the terms, kept
    /// in order.
    pub slop: u32,
}

impl Pattern {
    /// The pattern of `text` as `analyzer` analyses it (offsets relative to
    /// the first token's position); `None` when it yields no token.
    pub fn analyze(analyzer: &mut TextAnalyzer, text: &str, slop: u32) -> Option<Pattern> {
        let tokens = tokens(analyzer, text);
        let first = tokens.iter().map(|token| token.position).min()?;
        let mut terms: Vec<(usize, String)> = tokens
            .into_iter()
            .map(|token| (token.position - first, token.text))
            .collect();
        // Stable: stacked terms keep the analyzer's order.
        terms.sort_by_key(|(offset, _)| *offset);
        terms.dedup();
        Some(Pattern { terms, slop })
    }

    /// The terms grouped by offset: `(offset, terms there)`, in offset order.
    fn groups(&self) -> Vec<(usize, Vec<&str>)> {
        let mut terms: Vec<(usize, &str)> = self
            .terms
            .iter()
            .map(|(offset, term)| (*offset, term.as_str()))
            .collect();
        terms.sort_by_key(|(offset, _)| *offset);
        let mut groups: Vec<(usize, Vec<&str>)> = Vec::new();
        for (offset, term) in terms {
            match groups.last_mut() {
                Some((last, group)) if *last == offset => group.push(term),
                _ => groups.push((offset, vec![term])),
            }
        }
        groups
    }
}

/// The byte ranges of `text` matched by any of `patterns` (analysed with
/// `analyzer`), sorted and merged (overlapping or touching ranges merged).
///
/// Only the tokens that took part in a match are highlighted: for the query
/// `point`, `points` in `points of contact` — not the whole expansion; for
/// the phrase `"points of contact"`, the whole of `PoCs` or of `points of
/// contact`. Consecutive matched positions are highlighted as one range from
/// the first token to the last, punctuation between them included — but
/// for brackets and quotation marks, which split it.
///
/// A pattern matches at a position `p` when, for each of its offsets `o`,
/// every term at `o` is among the tokens at `p + o`. With a slop, the groups
/// of terms must come in order, and the extra positions between them add up
/// to at most the slop; each group is taken at the earliest position where it
/// fits, which finds a match whenever an in-order one exists, and matches do
/// not overlap. Positions skipped by the slop are not highlighted: each run
/// of consecutive matched positions is its own range. These are the matches
/// the search finds ([`super::sloppy`]), so a hit always has one.
///
/// The text is analysed once, whatever the number of patterns.
pub fn highlight(
    analyzer: &mut TextAnalyzer,
    text: &str,
    patterns: &[Pattern],
) -> Vec<Range<usize>> {
    if patterns.is_empty() {
        return Vec::new();
    }
    let analysed = Analysed::new(tokens(analyzer, text));
    let mut ranges = Vec::new();
    for pattern in patterns {
        analysed.find(text, pattern, &mut ranges);
    }
    ranges.retain(|range| range.start < range.end && text.get(range.clone()).is_some());
    merge(ranges)
}

/// A text as positions, each with the tokens there.
struct Analysed {
    /// The tokens, in position order.
    tokens: Vec<Token>,
    /// One per distinct position, in order.
    slots: Vec<Slot>,
    /// Term → the slots (indices into `slots`) where it is, in order.
    postings: HashMap<String, Vec<usize>>,
}

/// One position of the text.
struct Slot {
    position: usize,
    /// Indices into [`Analysed::tokens`].
    tokens: Range<usize>,
}

impl Analysed {
    fn new(mut tokens: Vec<Token>) -> Self {
        // Analyzers emit positions in order; a stable sort keeps it so.
        tokens.sort_by_key(|token| token.position);
        let mut slots: Vec<Slot> = Vec::new();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, token) in tokens.iter().enumerate() {
            match slots.last_mut() {
                Some(slot) if slot.position == token.position => slot.tokens.end = index + 1,
                _ => slots.push(Slot {
                    position: token.position,
                    tokens: index..index + 1,
                }),
            }
            let slot = slots.len() - 1;
            let list = postings.entry(token.text.clone()).or_default();
            if list.last() != Some(&slot) {
                list.push(slot);
            }
        }
        Analysed {
            tokens,
            slots,
            postings,
        }
    }

    /// The token with text `term` at slot `slot`, if any.
    fn token(&self, slot: usize, term: &str) -> Option<&Token> {
        let slot = self.slots.get(slot)?;
        self.tokens
            .get(slot.tokens.clone())?
            .iter()
            .find(|token| token.text == term)
    }

    /// Whether every term of `group` is at slot `slot`.
    fn has_all(&self, slot: usize, group: &[&str]) -> bool {
        group.iter().all(|term| self.token(slot, term).is_some())
    }

    /// The slots of the rarest term of `group`: where the group may be.
    /// `None` when some term of it is nowhere in the text.
    fn candidates(&self, group: &[&str]) -> Option<&[usize]> {
        group
            .iter()
            .map(|term| self.postings.get(*term).map(Vec::as_slice))
            .collect::<Option<Vec<&[usize]>>>()?
            .into_iter()
            .min_by_key(|slots| slots.len())
    }

    /// The positions where every term of `group` is, in order; `None` when
    /// some term of it is nowhere in the text.
    fn places(&self, group: &[&str]) -> Option<Vec<u64>> {
        let candidates = self.candidates(group)?;
        Some(
            candidates
                .iter()
                .filter(|&&slot| self.has_all(slot, group))
                .map(|&slot| u64::try_from(self.position(slot)).unwrap_or(u64::MAX))
                .collect(),
        )
    }

    /// Pushes onto `ranges` the highlighted ranges of every match of
    /// `pattern` (the non-overlapping matches [`for_each_match`] finds,
    /// in bounded work).
    fn find(&self, text: &str, pattern: &Pattern, ranges: &mut Vec<Range<usize>>) {
        let groups = pattern.groups();
        // Groups of the same terms (a repeated word) share their places.
        let mut known: HashMap<&[&str], usize> = HashMap::new();
        let mut places: Vec<Vec<u64>> = Vec::new();
        let mut which: Vec<(u64, usize)> = Vec::with_capacity(groups.len());
        for (offset, group) in &groups {
            let index = match known.get(group.as_slice()) {
                Some(&index) => index,
                None => {
                    let Some(found) = self.places(group) else {
                        return;
                    };
                    places.push(found);
                    known.insert(group.as_slice(), places.len() - 1);
                    places.len() - 1
                }
            };
            which.push((u64::try_from(*offset).unwrap_or(u64::MAX), index));
        }
        let lists: Vec<(u64, &[u64])> = which
            .iter()
            .filter_map(|&(offset, index)| Some((offset, places.get(index)?.as_slice())))
            .collect();
        let mut matched: Vec<usize> = Vec::with_capacity(groups.len());
        // As many steps as a whole search may take; past them, the rest of
        // the text is left unmarked.
        let mut steps = MatchBudget::STEPS;
        let step = || {
            steps = steps.saturating_sub(1);
            steps > 0
        };
        for_each_match(&lists, u64::from(pattern.slop), step, |positions| {
            matched.clear();
            matched.extend(positions.iter().filter_map(|&position| {
                let position = usize::try_from(position).ok()?;
                self.slots
                    .binary_search_by_key(&position, |slot| slot.position)
                    .ok()
            }));
            if matched.len() == groups.len() {
                self.mark(text, &groups, &matched, ranges);
            }
        });
    }

    /// The position of slot `slot`.
    fn position(&self, slot: usize) -> usize {
        self.slots
            .get(slot)
            .map_or(usize::MAX, |slot| slot.position)
    }

    /// Pushes the ranges of one match in `text`: `matched[k]` is the slot of
    /// group `k`. Groups at their nominal distance from the previous one
    /// join its range across what [`joins`] allows between them.
    fn mark(
        &self,
        text: &str,
        groups: &[(usize, Vec<&str>)],
        matched: &[usize],
        ranges: &mut Vec<Range<usize>>,
    ) {
        let mut run: Option<Range<usize>> = None;
        // The offset and slot of the previous group.
        let mut previous: Option<(usize, usize)> = None;
        for ((offset, group), &slot) in groups.iter().zip(matched) {
            // Both differences are never negative: offsets and matched
            // positions increase.
            let contiguous = previous.is_some_and(|(previous_offset, previous_slot)| {
                let step = offset - previous_offset;
                let moved = self.position(slot) - self.position(previous_slot);
                step == moved
            });
            previous = Some((*offset, slot));
            if !contiguous && let Some(done) = run.take() {
                ranges.push(done);
            }
            for term in group {
                if let Some(token) = self.token(slot, term) {
                    let span = token.offset_from..token.offset_to;
                    run = Some(match run.take() {
                        Some(range) if joins(text.get(range.end..span.start)) => {
                            range.start.min(span.start)..range.end.max(span.end)
                        }
                        Some(range) => {
                            ranges.push(range);
                            span
                        }
                        None => span,
                    });
                }
            }
        }
        ranges.extend(run);
    }
}

/// Whether one mark spans `gap`, the text between two matched words of a
/// phrase (`None` when they overlap): anything but the punctuation that
/// comes in pairs — brackets and quotation marks. Across those each word
/// is marked alone, so that a mark never holds half of a pair:
/// `**contact** (**PoCs**)`, not `**contact (PoCs**)`; spaces, hyphens
/// and commas stay inside (`**inter-governmental, points of contact**`).
fn joins(gap: Option<&str>) -> bool {
    gap.is_none_or(|gap| {
        !gap.chars().any(|c| {
            matches!(
                c,
                '(' | ')' | '[' | ']' | '{' | '}' | '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›'
            )
        })
    })
}

/// Sorts `ranges` and merges those that overlap or touch.
pub(crate) fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Glossary, Lexicon, analyzer};

    /// Rev.1, section E, paragraph (a).
    const REV1: &str = "The OEWG could agree to establish a global, inter-governmental, points of contact directory on ICTs at the United Nations. States may, on a voluntary basis, provide points of contact (PoCs) at the diplomatic, policy and technical levels";
    /// CRP.1, recommended next step 2, lines joined.
    const CRP1: &str = "States agree to establish, building on work already done at the regional level, a global, inter-governmental, points of contact directory.";
    /// Zero draft, recommended next step 4.
    const ZERO: &str = "States are encouraged to submit, on a voluntary basis, information on their national POCs as part of their responses to either (a) the National Survey of Implementation";
    /// CRP.1, section E, paragraph 1.
    const CBMS: &str = "States, recalling the threats identified in the use of ICTs, made concrete, action-oriented proposals on confidence-building measures (CBMs).";
    const CLOSED: &str = "an intergovernmental points of contact directory";

    fn analyzer_for_corpus() -> TextAnalyzer {
        analyzer(&Lexicon::learn(
            [REV1, CRP1, ZERO, CBMS, CLOSED],
            &Glossary::default(),
        ))
    }

    /// The highlighted pieces of `text` for the query literals `literals`.
    fn marked<'t>(text: &'t str, literals: &[&str], slop: u32) -> Vec<&'t str> {
        let mut analyzer = analyzer_for_corpus();
        let patterns: Vec<Pattern> = literals
            .iter()
            .filter_map(|literal| Pattern::analyze(&mut analyzer, literal, slop))
            .collect();
        highlight(&mut analyzer, text, &patterns)
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn analyze_gives_offsets_from_the_first_token() {
        let mut analyzer = analyzer_for_corpus();
        let pattern = Pattern::analyze(&mut analyzer, "national PoCs", 1);
        let expected = Pattern {
            terms: vec![
                (0, "nation".to_owned()),
                (1, "poc".to_owned()),
                (1, "point".to_owned()),
                (2, "of".to_owned()),
                (3, "contact".to_owned()),
            ],
            slop: 1,
        };
        assert_eq!(pattern, Some(expected));
        assert_eq!(Pattern::analyze(&mut analyzer, " , — ", 0), None);
        assert_eq!(Pattern::analyze(&mut analyzer, "", 0), None);
    }

    #[test]
    fn phrase_across_punctuation_is_one_range() {
        for text in [REV1, CRP1] {
            assert_eq!(
                marked(text, &["inter-governmental points of contact"], 0),
                ["inter-governmental, points of contact"]
            );
        }
        assert_eq!(
            marked(CLOSED, &["inter-governmental points of contact"], 0),
            ["intergovernmental points of contact"]
        );
    }

    #[test]
    fn closed_spelling_matches_the_hyphenated_one() {
        assert_eq!(
            marked(CRP1, &["intergovernmental"], 0),
            ["inter-governmental"]
        );
        assert_eq!(
            marked(CLOSED, &["intergovernmental"], 0),
            ["intergovernmental"]
        );
        // A part alone marks only its part of the hyphenated spelling.
        assert_eq!(marked(CRP1, &["governmental"], 0), ["governmental"]);
    }

    #[test]
    fn acronym_matches_expansion_and_plurals() {
        assert_eq!(
            marked(REV1, &["PoC"], 0),
            ["points of contact", "points of contact", "PoCs"]
        );
        assert_eq!(marked(ZERO, &["PoC"], 0), ["POCs"]);
        assert_eq!(marked(ZERO, &["\"points of contact\""], 0), ["POCs"]);
        assert_eq!(
            marked("They exchanged PoCs.", &["points of contact"], 0),
            ["PoCs"]
        );
        assert_eq!(
            marked(ZERO, &["national points of contact"], 0),
            ["national POCs"]
        );
    }

    #[test]
    fn single_stem_marks_only_its_word() {
        assert_eq!(
            marked("cooperative measures to prevent", &["measure"], 0),
            ["measures"]
        );
        // An expansion word finds the acronym too (see the analysis docs),
        // and is then marked there: the search found the chunk by it.
        assert_eq!(marked(CBMS, &["measure"], 0), ["measures", "CBMs"]);
        assert_eq!(marked(CRP1, &["point"], 0), ["points"]);
        assert_eq!(
            marked(CBMS, &["CBM"], 0),
            ["confidence-building measures", "CBMs"]
        );
    }

    #[test]
    fn of_is_marked_only_inside_phrase_matches() {
        // `of` is in "use of ICTs" and inside the acronym's expansion.
        assert_eq!(marked(CBMS, &["points of contact"], 0), Vec::<&str>::new());
        assert_eq!(marked(ZERO, &["points of contact"], 0), ["POCs"]);
        let text = "points of contact in the use of ICTs";
        assert_eq!(
            marked(text, &["points of contact"], 0),
            ["points of contact"]
        );
        assert_eq!(marked(text, &["of"], 0), ["of", "of"]);
    }

    #[test]
    fn slop_allows_gaps_in_order() {
        // a@ global@1 inter@2 govern@3 poc/point@4 of@5 contact@6 directory@7
        let text = "a global, inter-governmental, points of contact directory";
        assert_eq!(marked(text, &["global directory"], 4), Vec::<&str>::new());
        assert_eq!(
            marked(text, &["global directory"], 5),
            ["global", "directory"]
        );
        // Out of order never matches.
        assert_eq!(marked(text, &["directory global"], 10), Vec::<&str>::new());
        // Gaps in two places, adding up.
        assert_eq!(
            marked(text, &["global governmental directory"], 4),
            ["global", "governmental", "directory"]
        );
        assert_eq!(
            marked(text, &["global governmental directory"], 3),
            Vec::<&str>::new()
        );
        // Without a gap a sloppy match is still one range.
        assert_eq!(
            marked(text, &["global inter-governmental"], 2),
            ["global, inter-governmental"]
        );
    }

    #[test]
    fn a_gap_splits_the_range() {
        // poc/point@0 of@1 contact@2 for@3 the@4 directory@5
        let text = "points of contact for the directory";
        assert_eq!(
            marked(text, &["points of contact directory"], 2),
            ["points of contact", "directory"]
        );
        assert!(marked(text, &["points of contact directory"], 1).is_empty());
    }

    #[test]
    fn no_match_is_empty() {
        assert!(marked(REV1, &["hotlines"], 0).is_empty());
        assert!(marked(REV1, &["\"States diplomatic\""], 0).is_empty());
        assert!(marked("", &["PoC"], 0).is_empty());
        assert!(marked(REV1, &[], 0).is_empty());
        let mut analyzer = analyzer_for_corpus();
        let odd = Pattern {
            terms: Vec::new(),
            slop: 0,
        };
        assert!(highlight(&mut analyzer, REV1, &[odd]).is_empty());
    }

    #[test]
    fn odd_patterns_do_not_panic() {
        let mut analyzer = analyzer_for_corpus();
        let term = |offset: usize, text: &str| (offset, text.to_owned());
        let patterns = [
            Pattern {
                terms: vec![term(0, "point"), term(usize::MAX, "contact")],
                slop: u32::MAX,
            },
            Pattern {
                terms: vec![term(3, "contact"), term(1, "point"), term(2, "of")],
                slop: 0,
            },
            Pattern {
                terms: vec![term(0, "point"), term(2, "contact")],
                slop: u32::MAX,
            },
        ];
        let ranges = highlight(&mut analyzer, REV1, &patterns);
        let marked: Vec<&str> = ranges.into_iter().map(|range| &REV1[range]).collect();
        assert_eq!(marked, ["points of contact", "points of contact", "PoCs"]);
    }

    #[test]
    fn several_patterns_merge_touching_ranges() {
        assert_eq!(
            marked(REV1, &["global", "inter-governmental", "directory"], 0),
            ["global", "inter-governmental", "directory"]
        );
        // `points` and `of contact` touch only through the phrase match.
        assert_eq!(
            marked(CRP1, &["point", "\"points of contact\""], 0),
            ["points of contact"]
        );
        assert_eq!(
            marked("Genève’s measures—and more", &["geneve", "measures"], 0),
            ["Genève’s", "measures"]
        );
    }

    #[test]
    fn exact_analyzer_works_the_same_way() {
        let mut exact = crate::analysis::exact_analyzer();
        let patterns: Vec<Pattern> = ["measures", "\"points of contact\""]
            .iter()
            .filter_map(|literal| Pattern::analyze(&mut exact, literal, 0))
            .collect();
        let text = "one measure, confidence-building measures and points of contact (PoCs)";
        let marked: Vec<&str> = highlight(&mut exact, text, &patterns)
            .into_iter()
            .map(|range| &text[range])
            .collect();
        assert_eq!(marked, ["measures", "points of contact"]);
    }

    /// The highlighter agrees with tantivy's `QueryParser` on the analysed
    /// field: a chunk is found exactly when something in it is highlighted.
    #[test]
    fn agrees_with_tantivy() -> tantivy::Result<()> {
        use crate::analysis::{ANALYZER, register, text_indexing};
        use tantivy::collector::DocSetCollector;
        use tantivy::query::QueryParser;
        use tantivy::schema::{Schema, TextOptions};
        use tantivy::{Index, TantivyDocument};

        let docs = [
            REV1,
            CRP1,
            ZERO,
            CBMS,
            CLOSED,
            "They exchanged PoCs.",
            "in particular the Programme of Action (PoA)",
            "points of contact for the directory",
        ];
        let mut builder = Schema::builder();
        let body = builder.add_text_field(
            "body",
            TextOptions::default().set_indexing_options(text_indexing(ANALYZER)),
        );
        let index = Index::create_in_ram(builder.build());
        let lexicon = Lexicon::learn([REV1, CRP1, ZERO, CBMS, CLOSED], &Glossary::default());
        register(&index, &lexicon);
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        for text in docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(body, text);
            writer.add_document(doc)?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let parser = QueryParser::for_index(&index, vec![body]);
        let mut analyzer = analyzer(&lexicon);
        // (query, literal, slop)
        let queries = [
            ("PoC", "PoC", 0),
            ("\"points of contact\"", "points of contact", 0),
            ("intergovernmental", "intergovernmental", 0),
            (
                "\"inter-governmental points of contact\"",
                "inter-governmental points of contact",
                0,
            ),
            ("measure", "measure", 0),
            ("CBM", "CBM", 0),
            ("of", "of", 0),
            ("\"programme of action\"", "programme of action", 0),
            ("\"global directory\"~5", "global directory", 5),
            ("\"global directory\"~4", "global directory", 4),
            ("\"contact directory\"~2", "contact directory", 2),
            (
                "\"national points of contact as part\"",
                "national points of contact as part",
                0,
            ),
        ];
        for (query, literal, slop) in queries {
            let parsed = parser
                .parse_query(query)
                .unwrap_or_else(|e| panic!("{query}: {e}"));
            let found: Vec<u32> = searcher
                .search(&parsed, &DocSetCollector)?
                .into_iter()
                .map(|address| address.doc_id)
                .collect();
            let patterns: Vec<Pattern> = Pattern::analyze(&mut analyzer, literal, slop)
                .into_iter()
                .collect();
            for (doc, text) in (0u32..).zip(docs) {
                let marked = !highlight(&mut analyzer, text, &patterns).is_empty();
                assert_eq!(marked, found.contains(&doc), "{query} in {text:?}");
            }
        }
        Ok(())
    }
}
