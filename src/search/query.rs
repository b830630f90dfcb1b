//! The query language: what a user types after `negotext search`, parsed
//! into a [`Query`] before anything touches the index.
//!
//! The parser is written by hand rather than borrowed from tantivy so that
//! the characters of negotiating texts are simply parts of words —
//! apostrophes (`State's`, `State’s`), slashes and dots
//! (`A/AC.292/2022/CRP.1`), colons (`10:30`), hyphens (`non-State`) and
//! paragraph labels (`16(a)`, `14(c)(i)`) — and so that a query that does not
//! parse gets a [`QueryError`] of one line saying what is wrong and what to
//! do. No input makes it panic.
//!
//! # Syntax
//!
//! | query | finds chunks that |
//! |---|---|
//! | `early warning` | contain both words: every term is required |
//! | `early AND warning` | the same: `AND` is what a space means |
//! | `cyber OR ICT` | contain either word |
//! | `"early warning"` | contain the phrase |
//! | `"early warning"~2` | contain the phrase's words in order, with at most 2 other words between them in all (the *slop*) |
//! | `-annex`, `-"zero draft"`, `-(a OR b)`, `NOT annex` | do not contain it |
//! | `+norms` | contain the word: the same as `norms` (for Lucene habits) |
//! | `(norms OR rules) voluntary` | group: the parentheses are evaluated first |
//! | `inserted:ransomware` | have the word among the marked insertions |
//! | `deleted:"red cross"` | have the phrase among the marked deletions |
//! | `deleted:(red OR cross)` | the view applies to every word and phrase inside |
//! | `text:norms` | the same as `norms`: what the draft says, without deleted words |
//! | `added:hotlines`, `removed:hotlines` | have the word among the words added or removed since the previous draft (computed by diff) |
//!
//! - **`OR` binds tighter than `AND`**, as in web search engines:
//!   `a b OR c` means `a AND (b OR c)`, and `a OR b c` means `(a OR b) AND c`.
//!   Use parentheses for anything else: `(a b) OR c`.
//! - `AND`, `OR` and `NOT` are operators only in capitals; `and`, `or` and
//!   `not` are ordinary words.
//! - `-` and `+` are written against what they apply to (`-annex`, not
//!   `- annex`); `NOT` is a word of its own (`NOT annex`). `-` and `NOT` bind
//!   tighter than `OR`: `-a OR b` means `(-a) OR b`.
//! - A `(` opens a group only at the start of a term (or right after `AND`,
//!   `OR` or `NOT`: `NOT(a OR b)`). Inside a word, balanced parentheses are
//!   part of the word, so `16(a)` and `14(c)(i)` are labels, and
//!   `(16(a) OR 16(b))` is a group of two labels.
//! - Field prefixes (`inserted:`, `deleted:`, `added:`, `removed:`, `text:`, in any case) go right
//!   before a word, a phrase or a group; a prefix inside a group overrides the
//!   group's (`deleted:(a text:b)`). A negation goes before the prefix:
//!   `-deleted:red`.
//! - Any other colon after a prefix of ASCII letters is an error naming the
//!   valid fields (`section:E`); quote such words to search for them
//!   (`"note:"`). A colon after anything else is part of the word
//!   (`A/AC.292/2022`, `10:30`).
//! - A phrase is delimited by straight (`"…"`) or curly (`“…”`) double
//!   quotes; its slop, `~N`, is a whole number written right after the
//!   closing quote. Slop does not apply to single words (`word~2` is an
//!   error).
//! - Wildcards are not supported (`measure*`, `*tion`, `m?asure` are
//!   errors): words are stemmed, so `measure` already finds `measures`.
//! - Limits: a query of at most [`MAX_QUERY_BYTES`] bytes, [`MAX_TERMS`]
//!   words and phrases, and [`MAX_DEPTH`] nested groups and negations;
//!   beyond them, an error says so.
//! - A query of exclusions only (`-annex`) is valid syntax.
//!
//! # Example
//!
//! ```
//! use negotext::index::schema::View;
//! use negotext::search::query::parse;
//!
//! let query = parse("deleted:(red OR cross) -\"zero draft\" 16(a)").unwrap();
//! assert_eq!(query.to_string(), "(deleted:red OR deleted:cross) -\"zero draft\" 16(a)");
//! let highlighted: Vec<_> = query.positive_literals().iter().map(|l| l.text.as_str()).collect();
//! assert_eq!(highlighted, ["red", "cross", "16(a)"]);
//! assert_eq!(query.positive_literals()[0].view, View::Deleted);
//!
//! let error = parse("measure* OR").unwrap_err();
//! assert!(error.to_string().starts_with("wildcards are not supported"));
//! ```

use std::fmt;
use std::str::FromStr;

use crate::index::schema::View;

/// How deeply terms may nest (groups, negations, prefixes): deeper queries
/// are refused rather than risk the stack.
pub const MAX_DEPTH: usize = 100;

/// How long a query may be, in bytes (UTF-8): longer ones are refused
/// before they are read, so that no query costs more than this much work.
/// As much as one command-line argument holds on Linux.
pub const MAX_QUERY_BYTES: usize = 128 * 1024;

/// How many words and phrases a query may hold.
pub const MAX_TERMS: usize = 10_000;

/// How many characters of the query an error message quotes at most.
const EXCERPT_CHARS: usize = 40;

const EMPTY_QUERY: &str = "empty query: give a word or a \"phrase\" to search for";
const UNMATCHED_CLOSE: &str = "unmatched ')': remove it, or add the '(' that it closes";
const EMPTY_GROUP: &str = "empty group '()': put words between the parentheses, or remove them";

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A word or a quoted phrase, searched in one view.
    Literal(Literal),
    /// Every part must match.
    And(Vec<Query>),
    /// At least one part must match.
    Or(Vec<Query>),
    /// Must not match.
    Not(Box<Query>),
}

/// A word or a quoted phrase, and the view of a chunk it is searched in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// Which view of a chunk it searches: `View::Text` unless prefixed by
    /// `inserted:` / `deleted:` / `text:`.
    pub view: View,
    /// The word or the phrase's inner text, as typed (not analysed; no quotes).
    pub text: String,
    /// Whether it was quoted.
    pub quoted: bool,
    /// `"…"~N`: how many positions the phrase's words may move; 0 otherwise.
    pub slop: u32,
}

/// What is wrong with a query: one line, saying what and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    /// The message shown to the user.
    pub message: String,
}

impl QueryError {
    fn new(message: impl Into<String>) -> Self {
        QueryError {
            message: message.into(),
        }
    }
}

/// Parses a query typed by a user (the syntax is in the module docs).
pub fn parse(input: &str) -> Result<Query, QueryError> {
    if input.trim().is_empty() {
        return Err(QueryError::new(EMPTY_QUERY));
    }
    if input.len() > MAX_QUERY_BYTES {
        return Err(QueryError::new(format!(
            "the query is {} KB long, more than the {} KB allowed: search for fewer words",
            input.len().div_ceil(1024),
            MAX_QUERY_BYTES / 1024
        )));
    }
    let tokens = Lexer { input, pos: 0 }.tokens()?;
    let terms = tokens
        .iter()
        .filter(|token| matches!(token.kind, TokenKind::Word(_) | TokenKind::Phrase { .. }))
        .count();
    if terms > MAX_TERMS {
        return Err(QueryError::new(format!(
            "the query has {terms} words and phrases, more than the {MAX_TERMS} allowed: \
             search for fewer"
        )));
    }
    Parser {
        input,
        tokens,
        next: 0,
        depth: 0,
    }
    .query()
}

impl FromStr for Query {
    type Err = QueryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl Query {
    /// The literals that must or may match (not those under an odd number of
    /// `Not`): what a hit highlights.
    pub fn positive_literals(&self) -> Vec<&Literal> {
        let mut literals = Vec::new();
        self.collect_literals(false, &mut literals);
        literals
    }

    fn collect_literals<'q>(&'q self, negated: bool, literals: &mut Vec<&'q Literal>) {
        match self {
            Query::Literal(literal) => {
                if !negated {
                    literals.push(literal);
                }
            }
            Query::And(parts) | Query::Or(parts) => {
                for part in parts {
                    part.collect_literals(negated, literals);
                }
            }
            Query::Not(inner) => inner.collect_literals(!negated, literals),
        }
    }

    /// Every one of `parts`: nested `And`s flattened, a single part alone.
    fn all(parts: Vec<Query>) -> Query {
        let mut flat = Vec::with_capacity(parts.len());
        for part in parts {
            match part {
                Query::And(inner) => flat.extend(inner),
                other => flat.push(other),
            }
        }
        match <[Query; 1]>::try_from(flat) {
            Ok([only]) => only,
            Err(flat) => Query::And(flat),
        }
    }

    /// Any one of `parts`: nested `Or`s flattened, a single part alone.
    fn any(parts: Vec<Query>) -> Query {
        let mut flat = Vec::with_capacity(parts.len());
        for part in parts {
            match part {
                Query::Or(inner) => flat.extend(inner),
                other => flat.push(other),
            }
        }
        match <[Query; 1]>::try_from(flat) {
            Ok([only]) => only,
            Err(flat) => Query::Or(flat),
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.view != View::Text {
            write!(f, "{}:", self.view.name())?;
        }
        if !self.quoted {
            return f.write_str(&self.text);
        }
        write!(f, "\"{}\"", self.text)?;
        if self.slop > 0 {
            write!(f, "~{}", self.slop)?;
        }
        Ok(())
    }
}

/// The normal form: implicit `AND`, `-` for `NOT`, a prefix on every literal
/// outside the text view, and parentheses around every `AND` or `OR` inside
/// another operator, as in `a (b OR c) -"d e"~2 deleted:x`. It parses back to
/// the same query.
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Query::Literal(literal) => literal.fmt(f),
            Query::And(parts) => write_operands(f, parts, " "),
            Query::Or(parts) => write_operands(f, parts, " OR "),
            Query::Not(inner) => {
                f.write_str("-")?;
                write_operand(f, inner)
            }
        }
    }
}

/// Writes `parts` as operands, separated by `separator`.
fn write_operands(f: &mut fmt::Formatter<'_>, parts: &[Query], separator: &str) -> fmt::Result {
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        write_operand(f, part)?;
    }
    Ok(())
}

/// Writes `query` as the operand of an operator: an `And` or `Or` as a group.
fn write_operand(f: &mut fmt::Formatter<'_>, query: &Query) -> fmt::Result {
    match query {
        Query::And(_) | Query::Or(_) => {
            write!(f, "({query}")?;
            if ends_in_open_word(query) {
                // `(a OR b(` would read the `)` as part of the word `b(`.
                f.write_str(" ")?;
            }
            f.write_str(")")
        }
        _ => write!(f, "{query}"),
    }
}

/// Whether `query`, written out, ends with a word that leaves a `(` open.
fn ends_in_open_word(query: &Query) -> bool {
    match query {
        Query::Literal(literal) => !literal.quoted && open_parentheses(&literal.text) > 0,
        // An `And` or `Or` operand is written in parentheses.
        Query::And(parts) | Query::Or(parts) => parts
            .last()
            .is_some_and(|last| !is_group(last) && ends_in_open_word(last)),
        Query::Not(inner) => !is_group(inner) && ends_in_open_word(inner),
    }
}

fn is_group(query: &Query) -> bool {
    matches!(query, Query::And(_) | Query::Or(_))
}

/// How many `(` of `word` are left open at its end.
fn open_parentheses(word: &str) -> usize {
    word.chars().fold(0, |depth, c| match c {
        '(' => depth + 1,
        ')' => depth.saturating_sub(1),
        _ => depth,
    })
}

// ---------------------------------------------------------------------------
// Lexing: the query as a list of tokens.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind<'a> {
    /// A word, with any balanced parentheses in it.
    Word(&'a str),
    /// A quoted phrase's inner text, and its slop.
    Phrase {
        text: &'a str,
        slop: u32,
    },
    /// `inserted:`, `deleted:` or `text:`.
    Field(View),
    /// `-` at the start of a term.
    Minus,
    /// `+` at the start of a term.
    Plus,
    And,
    Or,
    Not,
    /// `(` at the start of a term.
    Open,
    Close,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: TokenKind<'a>,
    /// Byte range in the query.
    start: usize,
    end: usize,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// The operator that `word` spells, if any (capitals only).
fn operator(word: &str) -> Option<TokenKind<'static>> {
    match word {
        "AND" => Some(TokenKind::And),
        "OR" => Some(TokenKind::Or),
        "NOT" => Some(TokenKind::Not),
        _ => None,
    }
}

struct Lexer<'a> {
    input: &'a str,
    /// Byte offset of the next character.
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn tokens(mut self) -> Result<Vec<Token<'a>>, QueryError> {
        let mut tokens = Vec::new();
        while let Some(token) = self.token()? {
            tokens.push(token);
        }
        Ok(tokens)
    }

    /// The query from the current position on (empty if the position were
    /// not a char boundary, which ends the lexing).
    fn rest(&self) -> &'a str {
        self.input.get(self.pos..).unwrap_or("")
    }

    /// The query from `start` to the current position.
    fn since(&self, start: usize) -> &'a str {
        self.input.get(start..self.pos).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The query from `start` up to the next whitespace at or after the
    /// current position: the text an error about a token quotes.
    fn glued(&self, start: usize) -> &'a str {
        let rest = self.rest();
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        self.input.get(start..self.pos + end).unwrap_or("")
    }

    fn token(&mut self) -> Result<Option<Token<'a>>, QueryError> {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        let kind = match c {
            '(' => {
                self.pos += 1;
                TokenKind::Open
            }
            ')' => {
                self.pos += 1;
                TokenKind::Close
            }
            '-' | '+' => {
                self.pos += 1;
                self.expect_attached(start)?;
                if c == '-' {
                    TokenKind::Minus
                } else {
                    TokenKind::Plus
                }
            }
            c if is_quote(c) => self.phrase(start, c)?,
            _ => match self.field(start)? {
                Some(view) => TokenKind::Field(view),
                None => self.word(start)?,
            },
        };
        Ok(Some(Token {
            kind,
            start,
            end: self.pos,
        }))
    }

    /// After `-`, `+` or a field prefix (from `start`): something must follow
    /// with no space in between.
    fn expect_attached(&self, start: usize) -> Result<(), QueryError> {
        match self.peek() {
            Some(c) if !c.is_whitespace() => Ok(()),
            _ => Err(not_attached(self.since(start))),
        }
    }

    /// A field prefix such as `deleted:`, if the word at `start` opens with
    /// ASCII letters and a colon.
    fn field(&mut self, start: usize) -> Result<Option<View>, QueryError> {
        let rest = self.rest();
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
            .unwrap_or(rest.len());
        let Some((name, after)) = rest.split_at_checked(name_len) else {
            return Ok(None);
        };
        if name.is_empty() || !after.starts_with(':') {
            return Ok(None);
        }
        let Some(view) = View::from_name(name) else {
            let fields = View::ALL
                .iter()
                .map(|view| format!("{}:", view.name()))
                .collect::<Vec<_>>()
                .join(", ");
            let words = self.glued(start).split(is_quote).next().unwrap_or(name);
            return Err(QueryError::new(format!(
                "unknown field '{name}:' (fields: {fields}); \
                 to search for the words, quote them: \"{}\"",
                excerpt(words)
            )));
        };
        self.pos += name_len + 1;
        self.expect_attached(start)?;
        Ok(Some(view))
    }

    /// A word from `start`: it ends at whitespace, at a quote, or at a `)`
    /// that closes no `(` of the word.
    fn word(&mut self, start: usize) -> Result<TokenKind<'a>, QueryError> {
        let rest = self.rest();
        let mut depth = 0usize;
        let len = rest
            .char_indices()
            .find(|&(i, c)| match c {
                '(' if depth == 0 && rest.get(..i).and_then(operator).is_some() => true, // `NOT(`
                '(' => {
                    depth += 1;
                    false
                }
                ')' if depth == 0 => true,
                ')' => {
                    depth -= 1;
                    false
                }
                c => c.is_whitespace() || is_quote(c),
            })
            .map_or(rest.len(), |(i, _)| i);
        let (word, _) = rest.split_at_checked(len).unwrap_or((rest, ""));
        self.pos += word.len();
        if let Some(operator) = operator(word) {
            return Ok(operator);
        }
        if let Some(wildcard) = ['*', '?']
            .into_iter()
            .find(|&c| word.contains(c) && (c == '?' || word.ends_with(c) || word.starts_with(c)))
        {
            return Err(QueryError::new(format!(
                "wildcards are not supported ('{}'): words are stemmed, so 'measure' already \
                 finds 'measures'; remove the '{wildcard}'",
                excerpt(word)
            )));
        }
        if word
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .ends_with('~')
        {
            return Err(QueryError::new(format!(
                "'{}': slop ('~N') applies to quoted phrases, e.g. \"a b\"~2; \
                 quote the words or remove the '~'",
                excerpt(word)
            )));
        }
        debug_assert!(self.pos > start);
        Ok(TokenKind::Word(word))
    }

    /// A phrase opened at `start` by the quote `open`, and its slop.
    fn phrase(&mut self, start: usize, open: char) -> Result<TokenKind<'a>, QueryError> {
        let body_start = start + open.len_utf8();
        let body = self.input.get(body_start..).unwrap_or("");
        let Some((len, close)) = body.char_indices().find(|&(_, c)| is_quote(c)) else {
            return Err(QueryError::new(format!(
                "missing closing '\"' in '{}': add a '\"' where the phrase ends",
                excerpt(self.input.get(start..).unwrap_or(""))
            )));
        };
        let text = body.get(..len).unwrap_or("");
        self.pos = body_start + len + close.len_utf8();
        if text.trim().is_empty() {
            return Err(QueryError::new(format!(
                "empty phrase '{}': put words between the quotes, or remove them",
                excerpt(self.since(start))
            )));
        }
        let slop = if self.peek() == Some('~') {
            self.pos += 1;
            self.slop(start)?
        } else {
            0
        };
        Ok(TokenKind::Phrase { text, slop })
    }

    /// The number after a phrase's `~` (the phrase opened at `start`).
    fn slop(&mut self, start: usize) -> Result<u32, QueryError> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (digits, after) = rest.split_at_checked(len).unwrap_or(("", rest));
        let attached = after
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != ')');
        if digits.is_empty() || attached {
            return Err(QueryError::new(format!(
                "'{}': '~' after a phrase needs a whole number, e.g. \"a b\"~2",
                excerpt(self.glued(start))
            )));
        }
        let slop = digits.parse().map_err(|_| {
            QueryError::new(format!(
                "'{}': the slop is too large; use a small number, e.g. \"a b\"~2",
                excerpt(self.glued(start))
            ))
        })?;
        self.pos += digits.len();
        Ok(slop)
    }
}

/// `-`, `+` or a field prefix (`before`) with nothing attached after it.
fn not_attached(before: &str) -> QueryError {
    QueryError::new(format!(
        "'{before}' must be directly followed by a word, a \"phrase\" or a (group), \
         e.g. {before}word"
    ))
}

/// `text` for an error message: at most `EXCERPT_CHARS` characters, on one
/// line, with control characters escaped.
pub(crate) fn excerpt(text: &str) -> String {
    let text = text.trim_end();
    let mut out = String::with_capacity(text.len().min(4 * EXCERPT_CHARS));
    for (i, c) in text.chars().enumerate() {
        if i == EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if c.is_whitespace() {
            out.push(' ');
        } else if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Parsing: recursive descent over the tokens.
//
//     query := all END
//     all   := any ( ["AND"] any )*
//     any   := term ( "OR" term )*
//     term  := ("-" | "+" | "NOT") term | FIELD term | WORD | PHRASE | "(" all ")"

struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Token<'a>>,
    /// Index of the next token.
    next: usize,
    /// How many terms are being parsed inside one another.
    depth: usize,
}

impl<'a> Parser<'a> {
    fn query(mut self) -> Result<Query, QueryError> {
        let query = self.all(View::Text)?;
        // `all` stops only at the end or at a `)`, which here closes no group.
        match self.peek() {
            None => Ok(query),
            Some(_) => Err(QueryError::new(UNMATCHED_CLOSE)),
        }
    }

    fn peek(&self) -> Option<TokenKind<'a>> {
        self.tokens.get(self.next).map(|token| token.kind)
    }

    fn source(&self, token: &Token<'_>) -> String {
        excerpt(self.input.get(token.start..token.end).unwrap_or(""))
    }

    /// Terms joined by `AND` or by nothing, up to the end or a `)`.
    fn all(&mut self, view: View) -> Result<Query, QueryError> {
        let mut parts = vec![self.any(view)?];
        while let Some(kind) = self.peek() {
            match kind {
                TokenKind::Close => break,
                TokenKind::And => self.next += 1,
                _ => {}
            }
            parts.push(self.any(view)?);
        }
        Ok(Query::all(parts))
    }

    /// Terms joined by `OR`.
    fn any(&mut self, view: View) -> Result<Query, QueryError> {
        let mut parts = vec![self.term(view)?];
        while self.peek() == Some(TokenKind::Or) {
            self.next += 1;
            parts.push(self.term(view)?);
        }
        Ok(Query::any(parts))
    }

    /// One term, searched in `view` unless it names its own.
    fn term(&mut self, view: View) -> Result<Query, QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError::new(format!(
                "the query nests more than {MAX_DEPTH} groups or negations: simplify it"
            )));
        }
        let term = self.term_inside(view);
        self.depth -= 1;
        term
    }

    fn term_inside(&mut self, view: View) -> Result<Query, QueryError> {
        let at = self.next;
        let Some(token) = self.tokens.get(at).copied() else {
            return Err(self.expected_term(at));
        };
        self.next += 1;
        match token.kind {
            TokenKind::Word(text) => Ok(Query::Literal(Literal {
                view,
                text: text.to_string(),
                quoted: false,
                slop: 0,
            })),
            TokenKind::Phrase { text, slop } => Ok(Query::Literal(Literal {
                view,
                text: text.to_string(),
                quoted: true,
                slop,
            })),
            TokenKind::Minus | TokenKind::Not => Ok(Query::Not(Box::new(self.term(view)?))),
            TokenKind::Plus => self.term(view),
            TokenKind::Field(field_view) => match self.peek() {
                Some(
                    TokenKind::Word(_)
                    | TokenKind::Phrase { .. }
                    | TokenKind::Open
                    | TokenKind::Field(_),
                ) => self.term(field_view),
                _ => Err(self.expected_term(self.next)),
            },
            TokenKind::Open => {
                let group = self.all(view)?;
                // `all` stops only at the end or at a `)`.
                if self.peek() == Some(TokenKind::Close) {
                    self.next += 1;
                    Ok(group)
                } else {
                    Err(QueryError::new(format!(
                        "unclosed '(' in '{}': add a ')' where the group ends",
                        excerpt(self.input.get(token.start..).unwrap_or(""))
                    )))
                }
            }
            TokenKind::And | TokenKind::Or | TokenKind::Close => Err(self.expected_term(at)),
        }
    }

    /// The error for a missing term: the token at `at` (if any) cannot start
    /// one, so the message is about it and the token before it.
    fn expected_term(&self, at: usize) -> QueryError {
        let found = self.tokens.get(at);
        let Some(previous) = at.checked_sub(1).and_then(|i| self.tokens.get(i)) else {
            return QueryError::new(match found {
                None => EMPTY_QUERY.to_string(),
                Some(found) if found.kind == TokenKind::Close => UNMATCHED_CLOSE.to_string(),
                Some(found) => format!(
                    "'{}' at the start of the query has nothing before it: \
                     put a word before it, or remove it",
                    self.source(found)
                ),
            });
        };
        let before = self.source(previous);
        let message = match (previous.kind, found.map(|token| (token, token.kind))) {
            (TokenKind::Field(_), Some((found, TokenKind::Minus | TokenKind::Plus))) => {
                let sign = self.source(found);
                format!(
                    "'{before}{sign}': put the '{sign}' before the field, e.g. {sign}{before}word"
                )
            }
            (TokenKind::Minus | TokenKind::Plus | TokenKind::Field(_), _) => {
                return not_attached(&before);
            }
            (TokenKind::Open, None) => "'(' at the end of the query has nothing after it: \
                 add words and a ')' after it, or remove it"
                .to_string(),
            (TokenKind::Open, Some((_, TokenKind::Close))) => EMPTY_GROUP.to_string(),
            (TokenKind::Open, Some((found, _))) => format!(
                "'{}' right after '(' has nothing before it: put a word before it, or remove it",
                self.source(found)
            ),
            (_, None) => format!(
                "'{before}' at the end of the query has nothing after it: \
                 add a word after it, or remove it"
            ),
            (_, Some((_, TokenKind::Close))) => format!(
                "'{before}' right before ')' has nothing after it: \
                 add a word after it, or remove it"
            ),
            (_, Some((found, _))) => format!(
                "'{before} {}': two operators in a row; remove one",
                self.source(found)
            ),
        };
        QueryError::new(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(view: View, text: &str, quoted: bool, slop: u32) -> Query {
        Query::Literal(Literal {
            view,
            text: text.to_string(),
            quoted,
            slop,
        })
    }

    fn word(text: &str) -> Query {
        literal(View::Text, text, false, 0)
    }

    fn phrase(text: &str, slop: u32) -> Query {
        literal(View::Text, text, true, slop)
    }

    fn deleted(text: &str) -> Query {
        literal(View::Deleted, text, false, 0)
    }

    fn inserted(text: &str) -> Query {
        literal(View::Inserted, text, false, 0)
    }

    fn and(parts: impl IntoIterator<Item = Query>) -> Query {
        Query::And(parts.into_iter().collect())
    }

    fn or(parts: impl IntoIterator<Item = Query>) -> Query {
        Query::Or(parts.into_iter().collect())
    }

    fn not(inner: Query) -> Query {
        Query::Not(Box::new(inner))
    }

    #[track_caller]
    fn ok(input: &str) -> Query {
        parse(input).unwrap_or_else(|e| panic!("{input:?} does not parse: {e}"))
    }

    #[track_caller]
    fn error(input: &str) -> String {
        match parse(input) {
            Ok(query) => panic!("{input:?} parses, as {query:?}"),
            Err(e) => e.to_string(),
        }
    }

    /// Asserts that the error of `input` mentions every one of `parts`.
    #[track_caller]
    fn assert_error(input: &str, parts: &[&str]) {
        let message = error(input);
        for part in parts {
            assert!(
                message.contains(part),
                "error of {input:?} lacks {part:?}: {message}"
            );
        }
        assert!(!message.contains('\n'), "{message}");
    }

    #[test]
    fn one_word_is_a_literal_in_the_text_view() {
        assert_eq!(ok("norms"), word("norms"));
        assert_eq!(ok("  norms\t"), word("norms"));
    }

    #[test]
    fn terms_are_all_required_with_or_without_and() {
        let expected = and([word("a"), word("b"), word("c")]);
        assert_eq!(ok("a b c"), expected);
        assert_eq!(ok("a AND b AND c"), expected);
        assert_eq!(ok("a AND b c"), expected);
        assert_eq!(ok("a\u{a0}b\nc"), expected);
    }

    #[test]
    fn only_capitals_are_operators() {
        assert_eq!(
            ok("a and b or c not d"),
            and(["a", "and", "b", "or", "c", "not", "d"].map(word))
        );
        assert_eq!(
            ok("And Or Not"),
            and([word("And"), word("Or"), word("Not")])
        );
        assert_eq!(
            ok("ORANGE ANDES NOTE"),
            and(["ORANGE", "ANDES", "NOTE"].map(word))
        );
        assert_eq!(ok("\"AND\""), phrase("AND", 0));
    }

    #[test]
    fn or_binds_tighter_than_and() {
        assert_eq!(ok("a OR b"), or([word("a"), word("b")]));
        assert_eq!(ok("a b OR c"), and([word("a"), or([word("b"), word("c")])]));
        assert_eq!(ok("a AND b OR c"), ok("a b OR c"));
        assert_eq!(ok("a OR b c"), and([or([word("a"), word("b")]), word("c")]));
        assert_eq!(ok("a OR b OR c"), or([word("a"), word("b"), word("c")]));
        assert_eq!(
            ok("(a b) OR c"),
            or([and([word("a"), word("b")]), word("c")])
        );
        assert_eq!(
            ok("a OR b c OR d"),
            and([or([word("a"), word("b")]), or([word("c"), word("d")])])
        );
    }

    #[test]
    fn exclusions() {
        assert_eq!(ok("-annex"), not(word("annex")));
        assert_eq!(ok("NOT annex"), not(word("annex")));
        assert_eq!(ok("a -b"), and([word("a"), not(word("b"))]));
        assert_eq!(ok("a NOT b"), ok("a -b"));
        assert_eq!(ok("-\"zero draft\""), not(phrase("zero draft", 0)));
        assert_eq!(ok("-(a OR b)"), not(or([word("a"), word("b")])));
        assert_eq!(ok("NOT(a OR b)"), ok("-(a OR b)"));
        assert_eq!(ok("-a OR b"), or([not(word("a")), word("b")]));
        assert_eq!(ok("a OR NOT b"), or([word("a"), not(word("b"))]));
        assert_eq!(ok("--a"), not(not(word("a"))));
        assert_eq!(ok("NOT NOT a"), not(not(word("a"))));
        // A hyphen inside a word is part of it.
        assert_eq!(ok("non-State"), word("non-State"));
    }

    #[test]
    fn plus_is_accepted_and_means_nothing() {
        assert_eq!(ok("+a"), word("a"));
        assert_eq!(ok("+a +b"), ok("a b"));
        assert_eq!(ok("+\"a b\""), phrase("a b", 0));
        assert_eq!(ok("+(a OR b)"), ok("a OR b"));
    }

    #[test]
    fn phrases_keep_their_text_and_slop() {
        assert_eq!(ok("\"early warning\""), phrase("early warning", 0));
        assert_eq!(ok("\"early warning\"~2"), phrase("early warning", 2));
        assert_eq!(ok("\"early warning\"~0"), phrase("early warning", 0));
        assert_eq!(ok("\"a b\"~10 c"), and([phrase("a b", 10), word("c")]));
        assert_eq!(ok("(\"a b\"~3)"), phrase("a b", 3));
        assert_eq!(
            ok("\"State’s  (a) / 16(b)\""),
            phrase("State’s  (a) / 16(b)", 0)
        );
        assert_eq!(ok("“early warning”"), phrase("early warning", 0));
        assert_eq!(ok("“early warning”~1"), phrase("early warning", 1));
        assert_eq!(ok("\"a OR b\""), phrase("a OR b", 0));
        assert_eq!(ok("\"measure*\""), phrase("measure*", 0));
        // A quote ends a word: the phrase is the next term.
        assert_eq!(ok("a\"b c\""), and([word("a"), phrase("b c", 0)]));
    }

    #[test]
    fn groups_nest_and_flatten() {
        assert_eq!(
            ok("(a OR b) c"),
            and([or([word("a"), word("b")]), word("c")])
        );
        assert_eq!(ok("((a))"), word("a"));
        assert_eq!(ok("(a (b c)) d"), and(["a", "b", "c", "d"].map(word)));
        assert_eq!(ok("a OR (b OR c)"), or(["a", "b", "c"].map(word)));
        assert_eq!(
            ok("(a OR b) OR (c OR d)"),
            or(["a", "b", "c", "d"].map(word))
        );
        assert_eq!(
            ok("a OR (b c)"),
            or([word("a"), and([word("b"), word("c")])])
        );
        assert_eq!(ok("a OR(b c)"), ok("a OR (b c)"));
        assert_eq!(ok("(a)(b)"), and([word("a"), word("b")]));
    }

    #[test]
    fn field_prefixes_choose_the_view() {
        assert_eq!(ok("deleted:red"), deleted("red"));
        assert_eq!(ok("inserted:red"), inserted("red"));
        assert_eq!(ok("text:red"), word("red"));
        assert_eq!(ok("DELETED:red"), deleted("red"));
        assert_eq!(ok("Inserted:red"), inserted("red"));
        assert_eq!(
            ok("deleted:\"red cross\"~1"),
            literal(View::Deleted, "red cross", true, 1)
        );
        assert_eq!(ok("-deleted:red"), not(deleted("red")));
        assert_eq!(ok("+deleted:red"), deleted("red"));
        assert_eq!(ok("NOT deleted:red"), not(deleted("red")));
        assert_eq!(ok("inserted:deleted:red"), deleted("red"));
    }

    #[test]
    fn a_group_passes_its_view_to_everything_inside() {
        assert_eq!(
            ok("deleted:(red OR cross)"),
            or([deleted("red"), deleted("cross")])
        );
        assert_eq!(
            ok("deleted:(a inserted:b text:c \"d e\")"),
            and([
                deleted("a"),
                inserted("b"),
                word("c"),
                literal(View::Deleted, "d e", true, 0)
            ])
        );
        assert_eq!(
            ok("deleted:(a -(b OR inserted:c)) d"),
            and([
                deleted("a"),
                not(or([deleted("b"), inserted("c")])),
                word("d")
            ])
        );
        assert_eq!(ok("inserted:(deleted:(a))"), deleted("a"));
    }

    #[test]
    fn paragraph_labels_keep_their_parentheses() {
        assert_eq!(ok("16(a)"), word("16(a)"));
        assert_eq!(ok("14(c)(i)"), word("14(c)(i)"));
        assert_eq!(
            ok("paragraph 16(a)"),
            and([word("paragraph"), word("16(a)")])
        );
        assert_eq!(ok("(16(a) OR 16(b))"), or([word("16(a)"), word("16(b)")]));
        assert_eq!(ok("(see 14(c)(i))"), and([word("see"), word("14(c)(i)")]));
        assert_eq!(ok("deleted:16(a)"), deleted("16(a)"));
        assert_eq!(ok("-16(a)"), not(word("16(a)")));
        assert_eq!(ok("f(g(h))"), word("f(g(h))"));
        // An unbalanced `(` stays in the word; a `(` opening a term is a group.
        assert_eq!(ok("16(a"), word("16(a"));
        assert_eq!(ok("(a)"), word("a"));
    }

    #[test]
    fn apostrophes_slashes_dots_and_colons_are_word_characters() {
        assert_eq!(ok("State's"), word("State's"));
        assert_eq!(ok("State’s"), word("State’s"));
        assert_eq!(ok("Member States’"), and([word("Member"), word("States’")]));
        assert_eq!(ok("'s"), word("'s"));
        assert_eq!(ok("A/AC.292/2022/CRP.1"), word("A/AC.292/2022/CRP.1"));
        assert_eq!(ok("A/76/135"), word("A/76/135"));
        assert_eq!(ok("10:30"), word("10:30"));
        assert_eq!(ok("A/AC.292:x"), word("A/AC.292:x"));
        assert_eq!(ok(":x"), word(":x"));
        assert_eq!(ok("état:x"), word("état:x"));
        assert_eq!(ok("deleted:10:30"), deleted("10:30"));
        assert_eq!(ok("a~b"), word("a~b"));
    }

    #[test]
    fn display_is_a_normal_form() {
        for (input, normal) in [
            (
                "a (b OR c) -\"d e\"~2 deleted:x",
                "a (b OR c) -\"d e\"~2 deleted:x",
            ),
            ("a AND b", "a b"),
            ("a b OR c", "a (b OR c)"),
            ("(a b) OR c", "(a b) OR c"),
            ("NOT a", "-a"),
            ("+a", "a"),
            ("TEXT:a", "a"),
            ("Deleted:a", "deleted:a"),
            ("deleted:(red OR cross)", "deleted:red OR deleted:cross"),
            ("“x y”", "\"x y\""),
            ("\"x y\"~0", "\"x y\""),
            ("-(a b)", "-(a b)"),
            ("--a", "--a"),
            ("((a))", "a"),
            ("a (b OR c( )", "a (b OR c( )"),
        ] {
            assert_eq!(ok(input).to_string(), normal, "{input}");
        }
    }

    #[test]
    fn display_parses_back_to_the_same_query() {
        for input in [
            "a",
            "a b c",
            "a b OR c",
            "a OR b c",
            "a OR b OR c",
            "(a b) OR c",
            "(a b) OR (c d)",
            "a OR b c OR d",
            "-a",
            "--a",
            "-a OR -b",
            "-(a OR b) -(c d)",
            "a (b OR -(c d))",
            "\"a b\"~3 -\"c d\"",
            "deleted:(red OR cross) inserted:\"new text\"~1",
            "deleted:(a text:b -inserted:c)",
            "16(a) 14(c)(i) (16(a) OR 17(b))",
            "16(a (b OR c( )",
            "x (y OR z( )",
            "x (y OR -z( )",
            "x (y OR (z( w))",
            "State’s A/AC.292/2022 10:30 non-State",
            "“early warning” OR \"points of contact\"~2",
            "and or not",
        ] {
            let query = ok(input);
            let written = query.to_string();
            assert_eq!(parse(&written), Ok(query), "{input} → {written}");
        }
    }

    #[test]
    fn positive_literals_skip_what_is_excluded() {
        let query = ok("a -b (c OR -(d -e)) NOT f \"g h\"~1");
        let texts: Vec<&str> = query
            .positive_literals()
            .iter()
            .map(|literal| literal.text.as_str())
            .collect();
        assert_eq!(texts, ["a", "c", "e", "g h"]);
        assert!(ok("-a").positive_literals().is_empty());
        assert_eq!(ok("--a").positive_literals().len(), 1);
        let views: Vec<View> = ok("deleted:x y")
            .positive_literals()
            .iter()
            .map(|literal| literal.view)
            .collect();
        assert_eq!(views, [View::Deleted, View::Text]);
    }

    #[test]
    fn from_str_parses() {
        assert_eq!("a OR b".parse::<Query>(), parse("a OR b"));
    }

    #[test]
    fn empty_queries() {
        for input in ["", " ", "\t\n", "\u{a0}"] {
            assert_error(input, &["empty query", "\"phrase\""]);
        }
    }

    #[test]
    fn phrase_errors() {
        assert_error("\"unclosed", &["closing '\"'", "\"unclosed"]);
        assert_error("a \"b c", &["closing '\"'", "\"b c"]);
        assert_error("\"a\" \"b", &["closing '\"'"]);
        assert_error("\"\"", &["empty phrase", "\"\""]);
        assert_error("\"  \"", &["empty phrase"]);
        assert_error("“”", &["empty phrase"]);
        assert_error("\"a b\"~", &["'~'", "whole number", "\"a b\"~2"]);
        assert_error("\"a b\"~x", &["whole number", "\"a b\"~x"]);
        assert_error("\"a b\"~-1", &["whole number"]);
        assert_error("\"a b\"~2x", &["whole number", "\"a b\"~2x"]);
        assert_error("\"a b\"~ 2", &["whole number"]);
        assert_error("\"a b\"~99999999999", &["too large"]);
    }

    #[test]
    fn slop_on_a_word_is_an_error() {
        for input in ["foo~2", "foo~", "a foo~10", "deleted:foo~1", "~"] {
            assert_error(input, &["quoted phrases", "\"a b\"~2"]);
        }
        assert_error("foo~2", &["'foo~2'"]);
    }

    #[test]
    fn dangling_operators() {
        assert_error("foo AND", &["'AND'", "end", "nothing after"]);
        assert_error("foo OR", &["'OR'", "end", "nothing after"]);
        assert_error("foo NOT", &["'NOT'", "end", "nothing after"]);
        assert_error("NOT", &["'NOT'", "nothing after"]);
        assert_error("AND foo", &["'AND'", "start", "nothing before"]);
        assert_error("OR foo", &["'OR'", "start", "nothing before"]);
        assert_error("AND", &["'AND'", "nothing before"]);
        assert_error("foo AND OR bar", &["'AND OR'", "two operators"]);
        assert_error("foo OR OR bar", &["'OR OR'", "two operators"]);
        assert_error("foo OR AND bar", &["'OR AND'", "two operators"]);
        assert_error("foo NOT OR bar", &["'NOT OR'", "two operators"]);
        assert_error("(a OR)", &["'OR'", "')'", "nothing after"]);
        assert_error("(OR a)", &["'OR'", "'('", "nothing before"]);
    }

    #[test]
    fn lone_signs() {
        for input in ["-", "+", "foo -", "- foo", "foo + bar", "(a -)", "-)"] {
            assert_error(input, &["must be directly followed", "word"]);
        }
        assert_error("-", &["'-'", "-word"]);
        assert_error("+", &["'+'", "+word"]);
        assert_error("-AND a", &["'-'", "-word"]);
    }

    #[test]
    fn parenthesis_errors() {
        assert_error(")", &["unmatched ')'"]);
        assert_error("a)", &["unmatched ')'"]);
        assert_error("(a))", &["unmatched ')'"]);
        assert_error("a) (b", &["unmatched ')'"]);
        assert_error("(a", &["unclosed '('", "'(a'", "add a ')'"]);
        assert_error("x ((a) b", &["unclosed '('", "'((a) b'"]);
        assert_error("16(a) (b", &["unclosed '('", "'(b'"]);
        assert_error("a (", &["'('", "end", "nothing after"]);
        assert_error("()", &["empty group '()'"]);
        assert_error("a () b", &["empty group '()'"]);
        assert_error("-()", &["empty group '()'"]);
        assert_error("deleted:()", &["empty group '()'"]);
    }

    #[test]
    fn field_errors() {
        assert_error(
            "section:foo",
            &[
                "unknown field 'section:' (fields: text:, inserted:, deleted:, added:, removed:, comment:, author:, softened:, hardened:, bracketed:)",
                "\"section:foo\"",
            ],
        );
        assert_error("a Note:", &["unknown field 'Note:'"]);
        assert_error("x:y", &["unknown field 'x:'"]);
        assert_error("https://un.org", &["unknown field 'https:'"]);
        assert_error("text_exact:a", &["unknown field 'text_exact:'"]);
        assert_error("-writer:x", &["unknown field 'writer:'"]);
        assert_error(
            "deleted:",
            &["'deleted:'", "must be directly followed", "deleted:word"],
        );
        assert_error("a deleted: b", &["'deleted:'", "must be directly followed"]);
        assert_error("deleted:)", &["'deleted:'", "must be directly followed"]);
        assert_error(
            "deleted:AND a",
            &["'deleted:'", "must be directly followed"],
        );
        assert_error(
            "deleted:NOT a",
            &["'deleted:'", "must be directly followed"],
        );
        assert_error(
            "deleted:-a",
            &["'deleted:-'", "before the field", "-deleted:word"],
        );
        assert_error("Inserted:+a", &["before the field", "+Inserted:word"]);
    }

    #[test]
    fn wildcards_are_refused() {
        for input in [
            "measure*",
            "*",
            "a measur*",
            "m?asure",
            "why?",
            "deleted:cyber*",
            "(a*)",
        ] {
            assert_error(
                input,
                &[
                    "wildcards are not supported",
                    "words are stemmed, so 'measure' already finds 'measures'",
                ],
            );
        }
        assert_error("measur*", &["'measur*'", "remove the '*'"]);
        assert_error("*tion", &["wildcards are not supported", "remove the '*'"]);
        assert_error("m?asure", &["remove the '?'"]);
        // A `*` inside a word is not a wildcard.
        assert_eq!(ok("a*b"), word("a*b"));
    }

    #[test]
    fn too_deep_nesting_is_an_error_not_a_crash() {
        let deep = format!(
            "{}a{}",
            "(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert_error(&deep, &["nests more than"]);
        let fine = format!(
            "{}a{}",
            "(".repeat(MAX_DEPTH / 2),
            ")".repeat(MAX_DEPTH / 2)
        );
        assert_eq!(ok(&fine), word("a"));
        assert_error(&format!("{}a", "-".repeat(100_000)), &["nests more than"]);
        assert_error(&"(".repeat(100_000), &["nests more than"]);
        assert_error(&format!("{}a", "NOT ".repeat(10_000)), &["nests more than"]);
    }

    #[test]
    fn queries_beyond_the_limits_are_errors() {
        let most = vec!["w"; MAX_TERMS].join(" ");
        assert!(parse(&most).is_ok());
        assert_error(
            &format!("{most} w"),
            &["10001 words and phrases", "10000 allowed"],
        );
        assert_error(
            &"x".repeat(MAX_QUERY_BYTES + 1),
            &["129 KB long", "128 KB allowed"],
        );
        assert!(parse(&"x".repeat(MAX_QUERY_BYTES)).is_ok());
    }

    #[test]
    fn long_excerpts_are_cut_and_kept_on_one_line() {
        let message = error(&format!("\"{}", "word ".repeat(100)));
        assert!(message.contains('…'), "{message}");
        assert!(message.len() < 200, "{message}");
        assert_error("\"a\nb\u{1b}[31m", &["\\u{1b}", "a b"]);
    }

    /// Odd inputs, alone and combined, only have to give a query or an error
    /// of one line; every query must survive a trip through `Display`.
    #[test]
    fn odd_inputs_never_panic() {
        let fragments = [
            "", " ", "a", "AND", "OR", "NOT", "and", "(", ")", "()", "\"", "\"a b\"", "“", "”",
            "-", "+", "~", "~2", "*", "?", ":", "deleted:", "DELETED:", "x:", "text", "16(a)",
            "(b", "’", "'", "/", "é", "安全", "\u{0}", "\n", "\u{a0}", "\u{200b}", "\u{202e}",
            "🙂", "\\", "\u{301}",
        ];
        let mut inputs: Vec<String> = vec![
            "((((".into(),
            "))))".into(),
            "\"\"\"".into(),
            "-(-(-(".into(),
            "deleted:deleted:deleted:".into(),
            "a OR OR OR".into(),
            "\"a\"~2~3".into(),
            "\"a\"~2\"b\"".into(),
            "NOT(".into(),
            "AND(a)".into(),
            "OR(".into(),
            "\u{feff}".into(),
        ];
        for a in fragments {
            for b in fragments {
                inputs.push(format!("{a}{b}"));
                for c in fragments {
                    inputs.push(format!("{a}{b}{c}"));
                    inputs.push(format!("{a} {b}{c}"));
                }
            }
        }
        for input in &inputs {
            match parse(input) {
                Ok(query) => {
                    let written = query.to_string();
                    assert_eq!(
                        parse(&written).as_ref(),
                        Ok(&query),
                        "{input:?} → {written:?}"
                    );
                }
                Err(e) => {
                    assert!(!e.message.is_empty(), "{input:?}");
                    assert!(!e.message.contains('\n'), "{input:?}: {e}");
                }
            }
        }
    }
}
