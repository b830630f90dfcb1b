//! Word pairs: the side field that makes phrase queries cheap.
//!
//! On a long negotiation the words of the phrases people type are all
//! common (`points`, `of`, `contact`), so a phrase query on the text reads
//! the positions of every occurrence of every word in every chunk that has
//! them all. The `text_pairs` field indexes each pair of adjacent words as
//! one term (`point of`, `of contact`), like Elasticsearch's
//! `index_phrases`: a two-word phrase becomes one term query, a longer one a
//! phrase query over pair terms, each far rarer than its words.
//!
//! The pairs are made from the full analyzer's tokens, so a phrase matches
//! the pairs field exactly when it matches the text: where the analyzer
//! stacks tokens at one position (an acronym on its expansion), every token
//! at a position pairs with every token at the next, in the text and in the
//! query alike. Phrases with slop, `--exact` and the other views use the
//! text fields.

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Joins the two words of a pair term (never inside a token: segmentation
/// cuts at spaces).
pub const PAIR_SEPARATOR: char = ' ';

/// Every pair of tokens at adjacent positions, at the first one's position:
/// `(position, "left right")`, in position order. `tokens` are
/// `(position, text)` in any order.
pub fn pairs<'a>(tokens: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<(usize, String)> {
    let words: Vec<Token> = tokens
        .into_iter()
        .map(|(position, text)| Token {
            position,
            text: text.to_string(),
            ..Token::default()
        })
        .collect();
    pair_tokens(&words)
        .into_iter()
        .map(|pair| (pair.position, pair.text))
        .collect()
}

/// The pair tokens of an analysed text: every token at a position joined
/// with every token at the next, at the first one's position, spanning
/// both; in position order.
pub fn pair_tokens(words: &[Token]) -> Vec<Token> {
    let mut order: Vec<&Token> = words.iter().collect();
    order.sort_by_key(|token| token.position);
    let mut out = Vec::with_capacity(order.len());
    // The tokens after the current position.
    let mut next: &[&Token] = &order;
    for left in &order {
        while let Some((first, rest)) = next.split_first()
            && first.position <= left.position
        {
            next = rest;
        }
        for right in next
            .iter()
            .take_while(|right| right.position == left.position + 1)
        {
            let mut text = String::with_capacity(left.text.len() + 1 + right.text.len());
            text.push_str(&left.text);
            text.push(PAIR_SEPARATOR);
            text.push_str(&right.text);
            out.push(Token {
                offset_from: left.offset_from,
                offset_to: right.offset_to,
                position: left.position,
                text,
                position_length: 1,
            });
        }
    }
    out
}

/// The pairs of the tokens of a wrapped analyzer (the full one): the
/// tokenizer of the `text_pairs` field.
#[derive(Clone)]
pub struct PairTokenizer {
    inner: TextAnalyzer,
}

impl PairTokenizer {
    pub fn new(inner: TextAnalyzer) -> Self {
        PairTokenizer { inner }
    }
}

/// The pair tokens of one text.
pub struct PairStream {
    tokens: std::vec::IntoIter<Token>,
    token: Token,
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairStream {
        let words = super::tokens(&mut self.inner, text);
        PairStream {
            tokens: pair_tokens(&words).into_iter(),
            token: Token::default(),
        }
    }
}

impl TokenStream for PairStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(token) => {
                self.token = token;
                true
            }
            None => false,
        }
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

    #[test]
    fn adjacent_positions_pair_up_stacks_included() {
        let got = pairs([
            (0, "poc"),
            (0, "point"),
            (1, "of"),
            (2, "contact"),
            (3, "at"),
        ]);
        let got: Vec<(usize, &str)> = got.iter().map(|(p, t)| (*p, t.as_str())).collect();
        assert_eq!(
            got,
            [
                (0, "poc of"),
                (0, "point of"),
                (1, "of contact"),
                (2, "contact at")
            ]
        );
        assert!(pairs([(0, "alone")]).is_empty());
        assert!(pairs([(0, "gap"), (2, "between")]).is_empty());
    }
}
