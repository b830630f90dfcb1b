//! Repairing words broken by PDF extraction, from the file's own vocabulary.
//!
//! Extraction splits words (`substan tive`, `a nd`, `U nited`), detaches
//! hyphens (`confidence -building`, `Co -Chairs`, `capacity- building`) and
//! drops line-end hyphens (`capacitybuilding`). Every repair makes a word
//! that the same file writes that way elsewhere, so nothing comes from a
//! hard-coded list:
//!
//! * a detached hyphen is attached when the compound occurs elsewhere;
//! * two pieces are joined when the joined word occurs elsewhere and one
//!   of them at least is *not a word of the file*: every one of its
//!   occurrences stands next to a piece it makes a word with (`nd` occurs
//!   only in `a nd`). Two such pieces are joined (`biolo gical`,
//!   `Affai rs`, `U nited`); a piece and a word only when the joined word is
//!   more frequent than that word (`a nd` → `and`, more frequent than `a`;
//!   `a broad` stays where `abroad` is rare); two words stay two words
//!   (`a round table`, even where `around` occurs). A pair that the file
//!   writes more often than the joined word is never joined: extraction
//!   does not split a word the same way again and again (`clearing house`
//!   four times, `clearinghouse` once);
//! * a word written without its hyphen is given it back when the file
//!   writes it with the hyphen at least [`HYPHENATED_RATIO`] times as often
//!   (`capacitybuilding` → `capacity-building`, `CoChairs` → `Co-Chairs`).
//!
//! A space before a comma or a full stop (`implementation ,`) is not
//! repaired here: [`tidy`](super::markup::tidy) removes it in every text.
//! Line-end hyphens were already kept as compound hyphens when lines were
//! joined.
//!
//! The vocabulary takes two passes over the file's lines (the words; then
//! which of their occurrences stand next to a piece they make a word with),
//! each linear in the size of the file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::characters::normalise;

/// How many times more often a file must write a word with its hyphen than
/// without it for the hyphen to be restored: a file that writes both
/// spellings about as often (`cooperation`, `co-operation`) keeps both.
pub const HYPHENATED_RATIO: u32 = 2;

/// The words of a file, and what they say about its broken words.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// How often each word (a token without surrounding punctuation,
    /// lower-cased) occurs.
    counts: HashMap<String, u32>,
    /// How many of those occurrences stand next to a piece that they make a
    /// word of the file with (`nd` in `a nd`, and `a` too).
    broken: HashMap<String, u32>,
    /// How often each such pair of pieces occurs (`a nd`: first piece, a
    /// space, second piece; lower-cased).
    pairs: HashMap<String, u32>,
    /// The hyphenated words by their spelling without hyphens
    /// (`capacitybuilding` → `capacity-building`), the most frequent one
    /// where several spell alike.
    hyphenated: HashMap<String, String>,
}

/// `text` lower-cased, borrowed when it already is (any lower-case ASCII).
fn lower(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// A token without surrounding punctuation, lower-cased.
fn core(token: &str) -> Cow<'_, str> {
    lower(token.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// A token that may be half of a split word: letters only, with
/// punctuation before them (the first half, `(biolo`) or after them (the
/// second half, `gical),`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece<'t> {
    letters: &'t str,
    /// Nothing follows the letters: it may be the first half.
    first: bool,
    /// Nothing precedes the letters: it may be the second half.
    second: bool,
}

impl<'t> Piece<'t> {
    fn of(token: &'t str) -> Option<Piece<'t>> {
        // Where the letters start and end: by bytes in ASCII (most tokens,
        // and the vocabulary reads every token of the file).
        let (start, end) = if token.is_ascii() {
            let bytes = token.as_bytes();
            let start = bytes.iter().position(u8::is_ascii_alphanumeric)?;
            let end = bytes.iter().rposition(u8::is_ascii_alphanumeric)? + 1;
            if !bytes.get(start..end)?.iter().all(u8::is_ascii_alphabetic) {
                return None;
            }
            (start, end)
        } else {
            let from_letters = token.trim_start_matches(|c: char| !c.is_alphanumeric());
            let letters = from_letters.trim_end_matches(|c: char| !c.is_alphanumeric());
            if letters.is_empty() || !letters.chars().all(char::is_alphabetic) {
                return None;
            }
            let start = token.len() - from_letters.len();
            (start, start + letters.len())
        };
        let (first, second) = (end == token.len(), start == 0);
        (first || second).then_some(Piece {
            letters: token.get(start..end)?,
            first,
            second,
        })
    }

    fn first_half(token: &'t str) -> Option<&'t str> {
        Piece::of(token).filter(|p| p.first).map(|p| p.letters)
    }

    fn second_half(token: &'t str) -> Option<&'t str> {
        Piece::of(token).filter(|p| p.second).map(|p| p.letters)
    }
}

impl Vocabulary {
    /// The vocabulary of a file's lines (read twice).
    pub fn new<'a, I>(lines: I) -> Vocabulary
    where
        I: IntoIterator<Item = &'a str>,
        I::IntoIter: Clone,
    {
        let lines = lines.into_iter();
        let mut counts: HashMap<String, u32> = HashMap::new();
        for line in lines.clone() {
            for token in normalise(line).split_whitespace() {
                let core = core(token);
                if !core.is_empty() {
                    add_one(&mut counts, &core);
                }
            }
        }
        let (broken, pairs) = broken_counts(lines, &counts);
        let hyphenated = hyphenated(&counts);
        Vocabulary {
            counts,
            broken,
            pairs,
            hyphenated,
        }
    }

    fn count(&self, word: &str) -> u32 {
        self.counts.get(word).copied().unwrap_or(0)
    }

    /// Whether `word` (lower-cased) occurs at least once where it makes no
    /// word with a neighbour.
    fn is_word(&self, word: &str) -> bool {
        self.count(word) > self.broken.get(word).copied().unwrap_or(0)
    }

    /// Repairs the broken words of `text` (whose whitespace is already tidy).
    pub fn repair(&self, text: &str) -> String {
        let mut tokens: Vec<String> = text.split(' ').map(String::from).collect();
        let mut joined = String::new();
        let mut i = 0;
        while i + 1 < tokens.len() {
            let (Some(current), Some(next)) = (tokens.get(i), tokens.get(i + 1)) else {
                break;
            };
            if self.joins(current, next, &mut joined) {
                let merged = format!("{current}{next}");
                tokens.splice(i..=i + 1, [merged]);
            } else {
                i += 1;
            }
        }
        let tokens: Vec<Cow<'_, str>> = tokens.iter().map(|t| self.with_hyphens(t)).collect();
        tokens.join(" ")
    }

    /// Whether `current` and `next` are one word: a detached hyphen, or a
    /// split word. `joined` is room to spell the joined word in.
    fn joins(&self, current: &str, next: &str, joined: &mut String) -> bool {
        let detached_hyphen =
            (next.len() > 1 && next.starts_with('-') && current.ends_with(char::is_alphanumeric))
                || (current.len() > 1
                    && current.ends_with('-')
                    && next.starts_with(char::is_alphanumeric));
        if detached_hyphen {
            return self.count(&core(&format!("{current}{next}"))) > 0;
        }
        let (Some(first), Some(second)) = (Piece::first_half(current), Piece::second_half(next))
        else {
            return false;
        };
        let (first, second) = (lower(first), lower(second));
        joined.clear();
        joined.push_str(&first);
        joined.push_str(&second);
        let count = self.count(joined);
        if count == 0 {
            return false;
        }
        joined.insert(first.len(), ' ');
        if count < self.pairs.get(joined.as_str()).copied().unwrap_or(0) {
            return false;
        }
        match (self.is_word(&first), self.is_word(&second)) {
            (false, false) => true,
            (true, false) => count > self.count(&first),
            (false, true) => count > self.count(&second),
            (true, true) => false,
        }
    }

    /// `token` with the hyphens of its word restored, when the file writes
    /// the word with them [`HYPHENATED_RATIO`] times as often as without.
    fn with_hyphens<'t>(&self, token: &'t str) -> Cow<'t, str> {
        let from_word = token.trim_start_matches(|c: char| !c.is_alphanumeric());
        let word = from_word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            return Cow::Borrowed(token);
        }
        let plain = lower(word);
        let Some(hyphenated) = self.hyphenated.get(plain.as_ref()) else {
            return Cow::Borrowed(token);
        };
        let often = self.count(hyphenated) >= HYPHENATED_RATIO.saturating_mul(self.count(&plain));
        let same_letters = hyphenated.chars().filter(|&c| c != '-').count() == word.chars().count();
        let (Some(before), Some(after)) = (
            token.get(..token.len() - from_word.len()),
            from_word.get(word.len()..),
        ) else {
            return Cow::Borrowed(token);
        };
        if !often || !same_letters {
            return Cow::Borrowed(token);
        }
        // The token's own letters (and case), the hyphens of the file's word.
        let mut out = String::with_capacity(token.len() + 2);
        out.push_str(before);
        let mut letters = word.chars();
        for c in hyphenated.chars() {
            match c {
                '-' => out.push('-'),
                _ => out.extend(letters.next()),
            }
        }
        out.push_str(after);
        Cow::Owned(out)
    }
}

/// Adds one to the count of `key`.
fn add_one(counts: &mut HashMap<String, u32>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n = n.saturating_add(1),
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

/// For each word of `counts`, how many of its occurrences in `lines` stand
/// next to a piece (across line ends too, as chunk texts join lines) that
/// it makes a word of `counts` with; and how often each such pair occurs.
/// One pass, one lookup per pair of neighbouring tokens.
fn broken_counts<'a>(
    lines: impl Iterator<Item = &'a str>,
    counts: &HashMap<String, u32>,
) -> (HashMap<String, u32>, HashMap<String, u32>) {
    let mut broken: HashMap<String, u32> = HashMap::new();
    let mut pairs: HashMap<String, u32> = HashMap::new();
    let mut joined = String::new();
    // The previous token: its letters lower-cased (empty when it is no
    // piece), whether it may be a first half, whether it was found broken.
    let mut previous = String::new();
    let mut previous_first = false;
    let mut previous_broken = false;
    for line in lines {
        for token in normalise(line).split_whitespace() {
            let piece = Piece::of(token);
            let mut broken_here = false;
            if previous_first && let Some(second) = piece.filter(|p| p.second) {
                joined.clear();
                joined.push_str(&previous);
                joined.push_str(&lower(second.letters));
                if counts.contains_key(&joined) {
                    previous_broken = true;
                    broken_here = true;
                    joined.insert(previous.len(), ' ');
                    add_one(&mut pairs, &joined);
                }
            }
            if previous_broken {
                add_one(&mut broken, &previous);
            }
            previous.clear();
            if let Some(piece) = piece {
                previous.push_str(&lower(piece.letters));
            }
            previous_first = piece.is_some_and(|p| p.first);
            previous_broken = broken_here;
        }
    }
    if previous_broken {
        add_one(&mut broken, &previous);
    }
    (broken, pairs)
}

/// The hyphenated words of `counts` whose parts are letters, by their
/// spelling without hyphens.
fn hyphenated(counts: &HashMap<String, u32>) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    for (word, &count) in counts {
        let compound = word.contains('-')
            && word
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(char::is_alphabetic));
        if !compound {
            continue;
        }
        match out.entry(word.replace('-', "")) {
            Entry::Vacant(slot) => {
                slot.insert(word.clone());
            }
            Entry::Occupied(mut slot) => {
                // The most frequent spelling; of equals, the first in order.
                let held = counts.get(slot.get()).copied().unwrap_or(0);
                if (count, std::cmp::Reverse(word)) > (held, std::cmp::Reverse(slot.get())) {
                    slot.insert(word.clone());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::new([
            "substantive sessions, to prevent and counter threats, confidence-building,",
            "non-State actors, capacity-building, 2021-2025, substan tive, cou nter, a round table",
            "around a table, a round of talks",
        ])
    }

    #[test]
    fn broken_words_are_repaired_from_the_vocabulary() {
        let v = vocabulary();
        assert_eq!(
            v.repair("that substan tive discussions"),
            "that substantive discussions"
        );
        assert_eq!(
            v.repair("prevent and cou nter such"),
            "prevent and counter such"
        );
        assert_eq!(
            v.repair("as well as confidence -building measures"),
            "as well as confidence-building measures"
        );
        assert_eq!(v.repair("Some non -State actors"), "Some non-State actors");
        assert_eq!(
            v.repair("approach to capacity- building. States"),
            "approach to capacity-building. States"
        );
        assert_eq!(
            v.repair("ICTs (ICTs) 2021 -2025 took"),
            "ICTs (ICTs) 2021-2025 took"
        );
    }

    #[test]
    fn real_words_are_left_alone() {
        let v = vocabulary();
        assert_eq!(v.repair("a round table"), "a round table");
        assert_eq!(v.repair("policy - and"), "policy - and");
        assert_eq!(v.repair("pre- and post-session"), "pre- and post-session");
    }

    /// Lines of A/RES/77/321 as pdftotext gives them (L26–96).
    #[test]
    fn split_words_of_a_res_77_321() {
        let v = Vocabulary::new([
            "convene an intergovernmental conference, under the auspices of the United Nations,",
            "Law of the Sea 1 on the conservation and sustainable use of marine biological diversity",
            "convene a fifth session of the conference from 15 to 26 August 2022, its resolution",
            "77/248 of 30 December 2022, in which it requested the Secretary-General to convene",
            "the resumed fifth session of the conference from 20 February to 3 March 2023, and",
            "its decision 77/556 of 18 April 2023, in which it requested the Secretary -General to",
            "convene a further resumed fifth session of the confer ence on 19 and 20 June 2023,",
            "Law of the Sea on the conservation and sustainable use of marine biolo gical diversity",
            "established under article 50 of the Agreement commences its functions,",
            "established under article 50 of the Agreement commen ces its functions;",
        ]);
        for (broken, repaired) in [
            (
                "in which it requested the Secretary -General to convene",
                "in which it requested the Secretary-General to convene",
            ),
            (
                "resumed fifth session of the confer ence on 19 and 20 June 2023,",
                "resumed fifth session of the conference on 19 and 20 June 2023,",
            ),
            (
                "use of marine biolo gical diversity",
                "use of marine biological diversity",
            ),
            (
                "of the Agreement commen ces its functions;",
                "of the Agreement commences its functions;",
            ),
        ] {
            assert_eq!(v.repair(broken), repaired);
        }
    }

    /// Lines of A/RES/78/272 as pdftotext gives them (L28–200).
    #[test]
    fn split_words_of_a_res_78_272() {
        let v = Vocabulary::new([
            "United Nations",
            "convene an intergovernmental conference, under the auspices of the United Nations,",
            "international legally binding instrument under the U nited Nations Convention on the",
            "Recalling further that, pursuant to article 47, paragraph 2, of the Agreement, the",
            "paragraph 1, of the Agreement shall be convened by the Secretary-General of the",
            "United Nations no later than one year after the entry into force of the Agr eement,",
            "Further decides to invite to the commission representatives of",
            "of observer, in its sessions and work, on the understanding that such representati ves",
            "observers to the commission, representatives of interested global and regional",
            "the United Nations Conference on Straddling Fish Stocks and Highly Migratory Fish Stocks , the",
            "Management of Straddling Fish Stocks and Highly Migratory Fish Sto cks, as well as the United",
            "to arrange for support to be provided by the Division for Ocean Affai rs and the Law",
            "of the Sea of the Office of Legal Affairs in cooperation with other relevant",
        ]);
        for (broken, repaired) in [
            (
                "instrument under the U nited Nations Convention",
                "instrument under the United Nations Convention",
            ),
            (
                "after the entry into force of the Agr eement,",
                "after the entry into force of the Agreement,",
            ),
            (
                "on the understanding that such representati ves would",
                "on the understanding that such representatives would",
            ),
            (
                "Highly Migratory Fish Sto cks, as well as",
                "Highly Migratory Fish Stocks, as well as",
            ),
            (
                "by the Division for Ocean Affai rs and the Law",
                "by the Division for Ocean Affairs and the Law",
            ),
        ] {
            assert_eq!(v.repair(broken), repaired);
        }
        // L70 `implementation ,`: the space goes with every view's tidying.
        assert_eq!(
            super::super::markup::tidy("its early implementation , and"),
            "its early implementation, and"
        );
    }

    /// The PrepCom 3 report writes Co-Chairs 86 times, `Co -Chairs` 7 times
    /// and `CoChairs` 7 times.
    #[test]
    fn detached_and_dropped_hyphens_of_the_prepcom_report() {
        let mut lines = vec!["the Co-Chairs of the Preparatory Commission"; 86];
        lines.extend(["prepared by the Co -Chairs"; 7]);
        lines.extend(["25 April, the CoChairs delivered, in plenary,"; 7]);
        lines.push("the Secretary-General and the Secretary -General");
        let v = Vocabulary::new(lines);
        assert_eq!(
            v.repair("negotiations prepared by the Co -Chairs (A/AC.296/2025/3)"),
            "negotiations prepared by the Co-Chairs (A/AC.296/2025/3)"
        );
        assert_eq!(
            v.repair("on 21 and 25 April, the CoChairs delivered"),
            "on 21 and 25 April, the Co-Chairs delivered"
        );
        assert_eq!(v.repair("the Secretary -General"), "the Secretary-General");
        // Paragraph 38: "Co-" ends a page, "Chairs" opens the next.
        assert_eq!(
            v.repair("prepared by the Co- Chairs on the matter"),
            "prepared by the Co-Chairs on the matter"
        );
    }

    /// The BBNJ Agreement (EN): pdftotext drops the hyphen of
    /// `capacity-` / `building` (L31, L1688) and of `benefit-` / `sharing`
    /// (L573, L643); `userfriendly` (L108, L2687) has no hyphenated form
    /// in the file and stays.
    #[test]
    fn dropped_line_end_hyphens_of_the_bbnj_agreement() {
        let mut lines = vec![
            "Recognizing also that support for developing States Parties through capacitybuilding and the",
            "Parties shall provide, within their capabilities, resources to support such capacitybuilding and",
            "modalities should be mutually supportive of and adaptable to other access and benefitsharing instruments.",
            "“Marine technology” includes, inter alia, information and data, provided in a userfriendly format,",
            "The sharing of relevant data, information, knowledge and research, in userfriendly formats, including:",
        ];
        lines.extend(["States, through capacity-building and the development and transfer"; 40]);
        lines.extend(["the fair and equitable benefit-sharing (mechanism)"; 19]);
        let v = Vocabulary::new(lines);
        assert_eq!(
            v.repair("States Parties through capacitybuilding and the development"),
            "States Parties through capacity-building and the development"
        );
        assert_eq!(
            v.repair("access and benefitsharing instruments."),
            "access and benefit-sharing instruments."
        );
        assert_eq!(
            v.repair("(Capacitybuilding), and"),
            "(Capacity-building), and"
        );
        assert_eq!(
            v.repair("provided in a userfriendly format,"),
            "provided in a userfriendly format,"
        );
    }

    #[test]
    fn a_spelling_the_file_writes_as_often_keeps_its_form() {
        let mut lines = vec!["cooperation among States"; 3];
        lines.extend(["co-operation among States"; 4]);
        let v = Vocabulary::new(lines);
        assert_eq!(v.repair("cooperation among"), "cooperation among");
        assert_eq!(v.repair("co-operation among"), "co-operation among");
    }

    /// A single letter joins a piece that is no word of the file.
    #[test]
    fn single_letters_join_only_pieces_that_are_not_words() {
        let mut lines = vec!["States and regional and subregional organizations, a plan"; 5];
        lines.extend([
            "the General Assembly, a nd the United Nations",
            "under the U nited Nations Convention",
            "in a broad range of areas, nationals abroad",
            "on a round table, around the world, a round of talks",
            "the round of talks",
        ]);
        let v = Vocabulary::new(lines.clone());
        assert_eq!(
            v.repair("the General Assembly, a nd the United Nations"),
            "the General Assembly, and the United Nations"
        );
        assert_eq!(
            v.repair("under the U nited Nations Convention"),
            "under the United Nations Convention"
        );
        // `broad` occurs only after `a`, but `abroad` is rarer than `a`.
        assert_eq!(v.repair("in a broad range"), "in a broad range");
        // `a` and `round` are words of the file: two words stay two.
        assert_eq!(v.repair("on a round table"), "on a round table");
        // Where `nd` is a word of the file, `a nd` is left as printed.
        lines.push("the nd symbol");
        let v = Vocabulary::new(lines);
        assert_eq!(v.repair("Assembly, a nd the"), "Assembly, a nd the");
    }

    /// Extraction does not split a word the same way again and again: a
    /// pair the file writes more often than the joined word is two words.
    #[test]
    fn a_pair_more_frequent_than_the_joined_word_stays() {
        let mut lines = vec!["an international clearing house and registry"; 4];
        lines.push("the clearinghouse for risk transfer");
        let v = Vocabulary::new(lines);
        assert_eq!(
            v.repair("An international clearing house and"),
            "An international clearing house and"
        );
    }

    #[test]
    fn an_occurrence_broken_on_both_sides_counts_once() {
        // `round` makes `around` with `a` and `roundtable` with `table`.
        let v = Vocabulary::new(["a round table", "around", "roundtable", "round"]);
        assert_eq!(v.broken.get("round"), Some(&1));
        assert!(v.is_word("round"));
        assert_eq!(v.pairs.get("a round"), Some(&1));
        assert_eq!(v.pairs.get("round table"), Some(&1));
    }

    #[test]
    fn characters_that_print_alike_are_counted_as_one() {
        let v = Vocabulary::new([
            "the Co\u{2011}Chairs",
            "the Co\u{2010}Chairs and",
            "Co -Chairs",
        ]);
        assert_eq!(v.count("co-chairs"), 2);
        assert_eq!(v.repair("the Co -Chairs"), "the Co-Chairs");
    }
}
