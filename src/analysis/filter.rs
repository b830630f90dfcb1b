//! The lexicon stage: stemming, compound splitting and acronym stacking.
//!
//! [`LexiconFilter`] runs after segmentation and folding. For each word it
//! strips a possessive, recognises a known acronym by its original case,
//! lowercases, stems (Snowball English, the algorithm behind tantivy's
//! `Stemmer::new(Language::English)`), and splits a closed compound into the
//! stems of its parts. It then emits, with positions:
//!
//! - an ordinary word as its stem, one position;
//! - a known acronym as the acronym token (`poc`) *and* the stems of its
//!   expansion (`point` `of` `contact`), the acronym token stacked on the
//!   first expansion word: `PoCs` → `poc/point@0 of@1 contact@2`;
//! - a run of words equal to a known expansion exactly the same way:
//!   `points of contact` → `poc/point@0 of@1 contact@2`.
//!
//! So the acronym and its expansion analyse to the very same tokens and
//! positions, whichever of the two is in the text or in the query; see the
//! [module](super) docs for why this is the design.
//!
//! The stemmer is called directly (the `frostem` crate, the same version
//! tantivy's `Stemmer` filter uses) because expansions must be matched on
//! stems in the middle of the stream; a unit test checks that the stems equal
//! tantivy's. Stemming is the costly step, so each analyzer keeps a bounded
//! cache from lowercase word to stems (compounds already split). Buffers live
//! in the filter and are reused from one text to the next: the steady state
//! allocates nothing per token.

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::acronyms::acronym_core;
use super::folding::{front_end, lowercase_into, strip_possessive};
use super::lexicon::Lexicon;

/// The English Snowball stemmer.
pub(crate) fn english_stemmer() -> frostem::Stemmer {
    frostem::Stemmer::new(frostem::Algorithm::English)
}

/// A [`Lexicon`] prepared for the hot loop: everything keyed by stems.
#[derive(Debug, Default)]
pub(crate) struct CompiledLexicon {
    /// Stem of a closed compound → stems of its parts.
    compounds: FastMap<String, Vec<String>>,
    /// Acronym key (`poc`) → index in `entries`.
    acronyms: FastMap<String, usize>,
    entries: Vec<Entry>,
    /// First stem of an expansion → entries, longest expansion first.
    by_first: FastMap<String, Vec<usize>>,
    /// Words of lookahead needed: the longest expansion.
    window: usize,
}

#[derive(Debug)]
struct Entry {
    /// The acronym token: the stem of the key, so that a lowercase query
    /// `poc` (an ordinary word, stemmed) finds it too.
    token: String,
    /// Stems of the expansion, compounds split.
    expansion: Vec<String>,
}

impl CompiledLexicon {
    pub(crate) fn new(lexicon: &Lexicon) -> Self {
        let stemmer = english_stemmer();
        let mut compiled = CompiledLexicon {
            window: 1,
            ..Self::default()
        };
        for (closed, parts) in lexicon.compounds.iter() {
            let stems = parts
                .iter()
                .map(|part| stemmer.stem(part).into_owned())
                .collect();
            compiled
                .compounds
                .entry(stemmer.stem(closed).into_owned())
                .or_insert(stems);
        }
        // Expansions are analysed with the compounds only (no acronym inside
        // an expansion), exactly as text words will be.
        let expansions: Vec<(&str, Vec<String>)> = lexicon
            .acronyms
            .iter()
            .map(|(key, expansion)| (key, compiled.stems(expansion)))
            .collect();
        let mut reversed: HashSet<Vec<String>> = HashSet::new();
        for (key, expansion) in expansions {
            let index = compiled.entries.len();
            compiled.acronyms.insert(key.to_string(), index);
            // Two acronyms with one expansion: the first (alphabetically)
            // owns the reverse direction, so the stream stays a function.
            if let [first, _, ..] = expansion.as_slice()
                && reversed.insert(expansion.clone())
            {
                compiled
                    .by_first
                    .entry(first.clone())
                    .or_default()
                    .push(index);
                compiled.window = compiled.window.max(expansion.len());
            }
            compiled.entries.push(Entry {
                token: stemmer.stem(key).into_owned(),
                expansion,
            });
        }
        for candidates in compiled.by_first.values_mut() {
            candidates.sort_by_key(|&i| {
                std::cmp::Reverse(compiled.entries.get(i).map_or(0, |e| e.expansion.len()))
            });
        }
        compiled
    }

    /// The stems of a text, compounds split, acronyms not expanded.
    fn stems(&self, text: &str) -> Vec<String> {
        let stemmer = english_stemmer();
        let mut analyzer = front_end();
        let mut stream = analyzer.token_stream(text);
        let mut scratch = String::new();
        let mut stems = Vec::new();
        while let Some(token) = stream.next() {
            if self.normalise(&token.text, &mut scratch).is_none() {
                self.stem_pieces(&stemmer, &scratch, |stem| stems.push(stem.to_string()));
            }
        }
        stems
    }

    /// Writes the lowercase form of `word` (possessive stripped, acronym
    /// plural dropped) into `scratch`; returns the entry of a known acronym.
    fn normalise(&self, word: &str, scratch: &mut String) -> Option<usize> {
        let word = strip_possessive(word);
        match acronym_core(word) {
            Some(core) => {
                lowercase_into(core, scratch);
                if self.acronyms.is_empty() {
                    return None;
                }
                self.acronyms.get(scratch.as_str()).copied()
            }
            None => {
                lowercase_into(word, scratch);
                None
            }
        }
    }

    /// The stems of a lowercase word: its stem, or its parts' stems when the
    /// stem is a closed compound's.
    fn stem_pieces(&self, stemmer: &frostem::Stemmer, lower: &str, mut emit: impl FnMut(&str)) {
        if lower.is_empty() {
            return;
        }
        let stem = stemmer.stem(lower);
        match self.compounds.get(stem.as_ref()) {
            Some(parts) => parts.iter().for_each(|part| emit(part)),
            None => emit(&stem),
        }
    }
}

/// The lexicon stage as a tantivy [`TokenFilter`].
#[derive(Clone, Debug)]
pub(crate) struct LexiconFilter {
    lexicon: Arc<CompiledLexicon>,
}

impl LexiconFilter {
    pub(crate) fn new(lexicon: &Lexicon) -> Self {
        LexiconFilter {
            lexicon: Arc::new(CompiledLexicon::new(lexicon)),
        }
    }
}

impl TokenFilter for LexiconFilter {
    type Tokenizer<T: Tokenizer> = LexiconTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> LexiconTokenizer<T> {
        LexiconTokenizer {
            inner: tokenizer,
            lexicon: self.lexicon,
            buffers: Buffers::default(),
        }
    }
}

/// A tokenizer followed by the lexicon stage.
#[derive(Clone)]
pub(crate) struct LexiconTokenizer<T> {
    inner: T,
    lexicon: Arc<CompiledLexicon>,
    buffers: Buffers,
}

/// Reused from one text to the next.
#[derive(Clone, Default)]
struct Buffers {
    /// Words analysed but not yet given positions (the lookahead).
    pending: VecDeque<Pending>,
    /// Tokens with positions, not yet handed out.
    ready: VecDeque<Token>,
    /// Strings to reuse.
    spare: Vec<String>,
    scratch: String,
    cache: StemCache,
}

/// Lowercase word → its stems (compounds split): the vocabulary of a
/// corpus is small, and a lookup is several times cheaper than Snowball.
#[derive(Clone, Default)]
struct StemCache {
    /// Word → range of `stems`.
    words: FastMap<String, (u32, u32)>,
    stems: Vec<String>,
}

impl StemCache {
    /// Past this many words the cache starts again (bounded memory).
    const CAPACITY: usize = 1 << 16;

    /// The stems of `lower`, computed by `analyse` on a miss.
    fn stems(
        &mut self,
        lower: &str,
        analyse: impl FnOnce(&str, &mut dyn FnMut(&str)),
    ) -> &[String] {
        let (from, to) = match self.words.get(lower) {
            Some(&range) => range,
            None => {
                if self.words.len() >= Self::CAPACITY {
                    self.words.clear();
                    self.stems.clear();
                }
                let stems = &mut self.stems;
                let from = stems.len();
                analyse(lower, &mut |stem| stems.push(stem.to_string()));
                let range = (from as u32, stems.len() as u32);
                self.words.insert(lower.to_string(), range);
                range
            }
        };
        self.stems
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }
}

/// A hash map with the [`Fnv`] hasher.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// FNV-1a: fast on short keys such as words; the keys come from our own
/// corpus and queries, so flooding is not a concern.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Clone)]
struct Pending {
    text: String,
    from: usize,
    to: usize,
    acronym: Option<usize>,
}

impl<T: Tokenizer> Tokenizer for LexiconTokenizer<T> {
    type TokenStream<'a> = LexiconTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let buffers = &mut self.buffers;
        while let Some(pending) = buffers.pending.pop_front() {
            buffers.spare.push(pending.text);
        }
        while let Some(token) = buffers.ready.pop_front() {
            buffers.spare.push(token.text);
        }
        LexiconTokenStream {
            tail: self.inner.token_stream(text),
            lexicon: &self.lexicon,
            stemmer: english_stemmer(),
            buffers,
            token: Token::default(),
            position: 0,
            exhausted: false,
        }
    }
}

/// The tokens of one text; see [`LexiconFilter`].
pub(crate) struct LexiconTokenStream<'a, T> {
    tail: T,
    lexicon: &'a CompiledLexicon,
    stemmer: frostem::Stemmer,
    buffers: &'a mut Buffers,
    token: Token,
    position: usize,
    exhausted: bool,
}

impl<'a, T: TokenStream> LexiconTokenStream<'a, T> {
    /// Analyses the next word(s) of the tail until one yields a piece;
    /// false at the end of the text.
    fn pull(&mut self) -> bool {
        let Buffers {
            pending,
            spare,
            scratch,
            cache,
            ..
        } = &mut *self.buffers;
        while self.tail.advance() {
            let token = self.tail.token();
            let (from, to) = (token.offset_from, token.offset_to);
            if let Some(index) = self.lexicon.normalise(&token.text, scratch) {
                pending.push_back(Pending {
                    text: String::new(),
                    from,
                    to,
                    acronym: Some(index),
                });
                return true;
            }
            let stems = cache.stems(scratch, |lower, sink| {
                self.lexicon.stem_pieces(&self.stemmer, lower, sink);
            });
            for stem in stems {
                let mut text = spare.pop().unwrap_or_default();
                text.clear();
                text.push_str(stem);
                pending.push_back(Pending {
                    text,
                    from,
                    to,
                    acronym: None,
                });
            }
            if !stems.is_empty() {
                return true;
            }
        }
        false
    }

    /// Gives positions to the word at the head of the lookahead (and to the
    /// rest of an expansion it starts).
    fn schedule(&mut self, head: Pending) {
        let lexicon = self.lexicon;
        let position = self.position;
        if let Some(entry) = head.acronym.and_then(|index| lexicon.entries.get(index)) {
            self.push_copy(&entry.token, head.from, head.to, position);
            for (k, stem) in entry.expansion.iter().enumerate() {
                if k > 0 || *stem != entry.token {
                    self.push_copy(stem, head.from, head.to, position + k);
                }
            }
            self.position += entry.expansion.len().max(1);
            return;
        }
        if let Some(entry) = self.expansion_at(&head) {
            let n = entry.expansion.len();
            let to = self
                .buffers
                .pending
                .get(n - 2)
                .map_or(head.to, |last| last.to);
            if head.text != entry.token {
                self.push_copy(&entry.token, head.from, to, position);
            }
            self.push_owned(head, position);
            for k in 1..n {
                if let Some(next) = self.buffers.pending.pop_front() {
                    self.push_owned(next, position + k);
                }
            }
            self.position += n;
            return;
        }
        self.push_owned(head, position);
        self.position += 1;
    }

    /// The entry whose expansion starts at `head` and continues in the
    /// lookahead, longest first.
    fn expansion_at(&self, head: &Pending) -> Option<&'a Entry> {
        let lexicon = self.lexicon;
        if lexicon.by_first.is_empty() {
            return None;
        }
        let candidates = lexicon.by_first.get(head.text.as_str())?;
        let pending = &self.buffers.pending;
        candidates.iter().find_map(|&index| {
            let entry = lexicon.entries.get(index)?;
            // An expansion in `by_first` has two stems or more.
            let rest = entry.expansion.get(1..)?;
            let found = rest.len() <= pending.len()
                && rest
                    .iter()
                    .zip(pending)
                    .all(|(stem, next)| next.acronym.is_none() && next.text == *stem);
            found.then_some(entry)
        })
    }

    fn push_copy(&mut self, text: &str, from: usize, to: usize, position: usize) {
        let mut owned = self.buffers.spare.pop().unwrap_or_default();
        owned.clear();
        owned.push_str(text);
        self.push(owned, from, to, position);
    }

    fn push_owned(&mut self, pending: Pending, position: usize) {
        self.push(pending.text, pending.from, pending.to, position);
    }

    fn push(&mut self, text: String, from: usize, to: usize, position: usize) {
        self.buffers.ready.push_back(Token {
            offset_from: from,
            offset_to: to,
            position,
            text,
            position_length: 1,
        });
    }
}

impl<T: TokenStream> TokenStream for LexiconTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(next) = self.buffers.ready.pop_front() {
                let previous = std::mem::replace(&mut self.token, next);
                self.buffers.spare.push(previous.text);
                return true;
            }
            while !self.exhausted && self.buffers.pending.len() < self.lexicon.window {
                if !self.pull() {
                    self.exhausted = true;
                }
            }
            let Some(head) = self.buffers.pending.pop_front() else {
                return false;
            };
            self.schedule(head);
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}
