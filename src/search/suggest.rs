//! "Did you mean": for a word of a query that no chunk holds, the nearest
//! words the index holds.
//!
//! A word is looked up as the exact analyzer reads it (lowercase, folded,
//! not stemmed: what a reader types) in the exact field of its view; when
//! no chunk holds it, every word of that field's term dictionary within
//! two edits (insertions, deletions, substitutions) is a candidate, and the
//! three held by the most chunks are suggested. The query itself is never
//! changed: the command line prints the suggestions on stderr.
//!
//! ```no_run
//! # fn main() -> negotext::Result<()> {
//! # let index: negotext::index::ChunkIndex = todo!();
//! for suggestion in negotext::search::suggest::suggest(&index, "sovreignty")? {
//!     println!("{}: {}", suggestion.word, suggestion.nearest.join(", "));
//! }
//! # Ok(())
//! # }
//! ```

use std::collections::HashMap;

use tantivy::Term;
use tantivy::schema::Field;

use super::compile::Analyzers;
use super::query::Query;
use crate::error::Result;
use crate::index::ChunkIndex;
use crate::index::damage;

/// How many edits away a suggestion may be.
const MAX_EDITS: usize = 2;

/// How many words are suggested for one.
const MAX_SUGGESTIONS: usize = 3;

/// A query of more words than this gets no suggestions (a long query is
/// pasted, not typed, and each word looked for reads the whole term
/// dictionary).
const MAX_WORDS: usize = 8;

/// Words shorter than this get no suggestion: within two edits of almost
/// anything.
const MIN_CHARS: usize = 4;

/// A word of the query that no chunk holds, and the nearest words that
/// chunks hold (the most frequent first; never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub word: String,
    pub nearest: Vec<String>,
}

/// The words of `query` (the positive ones: not those excluded) that no
/// chunk of `index` holds and that have indexed words near them, each with
/// those words. Nothing for a query that does not parse or has more than
/// 8 words.
pub fn suggest(index: &ChunkIndex, query: &str) -> Result<Vec<Suggestion>> {
    let Ok(query) = query.parse::<Query>() else {
        return Ok(Vec::new());
    };
    let mut analyzers = Analyzers::of(index)?;
    let analyzer = analyzers.get(true);
    let mut words: Vec<(Field, String)> = Vec::new();
    for literal in query.positive_literals() {
        let field = index.fields.view(literal.view, true);
        let mut stream = analyzer.token_stream(&literal.text);
        while let Some(token) = stream.next() {
            words.push((field, token.text.clone()));
        }
        if words.len() > MAX_WORDS {
            return Ok(Vec::new());
        }
    }
    let searcher = index.reader.searcher();
    let mut suggestions: Vec<Suggestion> = Vec::new();
    for (field, word) in words {
        if word.chars().count() < MIN_CHARS
            || suggestions.iter().any(|s| s.word == word)
            || held(index, &searcher, field, &word)?
        {
            continue;
        }
        let nearest = nearest(index, &searcher, field, &word)?;
        if !nearest.is_empty() {
            suggestions.push(Suggestion { word, nearest });
        }
    }
    Ok(suggestions)
}

/// Whether some chunk holds `word` in `field`.
fn held(
    index: &ChunkIndex,
    searcher: &tantivy::Searcher,
    field: Field,
    word: &str,
) -> Result<bool> {
    let term = Term::from_field_text(field, word);
    damage::guard(&index.dir, || {
        searcher
            .doc_freq(&term)
            .map_err(|err| damage::damaged(&index.dir, &err))
    })
    .map(|count| count > 0)
}

/// The words of `field` within [`MAX_EDITS`] of `word`, the most frequent
/// first (then the nearest, then in alphabetical order).
fn nearest(
    index: &ChunkIndex,
    searcher: &tantivy::Searcher,
    field: Field,
    word: &str,
) -> Result<Vec<String>> {
    let typed: Vec<char> = word.chars().collect();
    // Each candidate: the chunks that hold it, its distance.
    let mut candidates: HashMap<String, (u64, usize)> = HashMap::new();
    for segment in searcher.segment_readers() {
        damage::guard(&index.dir, || {
            let inverted = segment
                .inverted_index(field)
                .map_err(|err| damage::damaged(&index.dir, &err))?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(|err| damage::damaged(&index.dir, &tantivy::TantivyError::from(err)))?;
            while terms.advance() {
                let Ok(text) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                let chars: Vec<char> = text.chars().collect();
                if let Some(distance) = edits_within(&typed, &chars, MAX_EDITS) {
                    let entry = candidates.entry(text.to_string()).or_insert((0, distance));
                    entry.0 += u64::from(terms.value().doc_freq);
                }
            }
            Ok(())
        })?;
    }
    let mut ranked: Vec<(String, (u64, usize))> = candidates.into_iter().collect();
    ranked.sort_by(|(a, (a_chunks, a_edits)), (b, (b_chunks, b_edits))| {
        b_chunks
            .cmp(a_chunks)
            .then(a_edits.cmp(b_edits))
            .then(a.cmp(b))
    });
    Ok(ranked
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(word, _)| word)
        .collect())
}

/// The edit distance (Levenshtein: insertions, deletions, substitutions)
/// between two words, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let most = a.len().max(b.len());
    edits_within(&a, &b, most).unwrap_or(most)
}

/// The edit distance between `a` and `b` when it is at most `max`.
fn edits_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // One row of the distance table at a time: `previous[j]` is the
    // distance between the first i characters of `a` and the first j of `b`.
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous
                .get(j)
                .map_or(usize::MAX, |d| d.saturating_add(usize::from(ca != cb)));
            let delete = previous.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insert = current.last().map_or(usize::MAX, |d| d + 1);
            current.push(substitute.min(delete).min(insert));
        }
        if current.iter().min().is_none_or(|&least| least > max) {
            return None;
        }
        previous = current;
    }
    previous.last().copied().filter(|&distance| distance <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edits(a: &str, b: &str) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edits_within(&a, &b, MAX_EDITS)
    }

    #[test]
    fn counts_insertions_deletions_and_substitutions_up_to_two() {
        assert_eq!(edits("sovreignty", "sovereignty"), Some(1));
        assert_eq!(edits("soverignty", "sovereignty"), Some(1));
        assert_eq!(edits("sovreignity", "sovereignty"), Some(2));
        assert_eq!(edits("measures", "measures"), Some(0));
        assert_eq!(edits("kitten", "sitting"), None, "three edits");
        assert_eq!(edits("cbm", "cbmsxx"), None, "three longer");
        assert_eq!(edits("", "ab"), Some(2));
        assert_eq!(edits("é", "e"), Some(1), "characters, not bytes");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
