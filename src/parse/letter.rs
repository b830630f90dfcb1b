//! Cutting a letter: date (with letterhead), body paragraphs, questions,
//! signature, enclosures.
//!
//! Labels: `letter.date`, `letter.1`…, `letter.q1`… (questions listed after a
//! paragraph that ends with a colon), `letter.sig`, `letter.enclosures`. The
//! salutation ("Excellency,") is not a chunk.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{ChunkKind, Date};

use super::block::Block;
use super::cut::Cut;
use super::draft_report::{SEPARATOR, plain};
use super::places::{Place, SetApart};
use super::regex;

static SALUTATION: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^(?:your\s+)?(?:excellency|excellencies|dear\b.{0,60}|sir|madam)\s*[,:]?$")
});
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:please accept|accept,|yours (?:sincerely|faithfully|truly)|sincerely|with (?:best|kind) regards)",
    )
});
pub(crate) static ENCLOSURES: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^enclosures?\s*:"));

/// The longest line that counts as a date line ("28 July 2022", "New York, 8 July 2024").
const DATE_LINE_CHARS: usize = 60;

/// The date of a short line that is a date line, as under a letterhead.
pub fn date_line(text: &str) -> Option<Date> {
    (text.trim().chars().count() <= DATE_LINE_CHARS)
        .then(|| Date::find_in(text))
        .flatten()
}

/// Whether a line is a salutation ("Excellency,", "Dear colleagues,").
pub fn is_salutation(plain: &str) -> bool {
    SALUTATION.is_match(plain.trim())
}

/// The longest line of a signature block ("Open-Ended Working Group on").
const SIGNATURE_LINE_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Head,
    Body,
    Signature,
    Enclosures,
}

/// Cuts the blocks of a letter.
pub fn cut(blocks: &[Block], aside: &mut SetApart) -> Vec<Cut> {
    let date_index = blocks
        .iter()
        .take(12)
        .position(|b| date_line(&b.joined()).is_some());
    let mut cuts = Vec::new();
    let mut part = Part::Head;
    let mut head: Vec<&Block> = Vec::new();
    let mut signature: Vec<&Block> = Vec::new();
    let mut enclosures: Vec<&Block> = Vec::new();
    let mut paragraphs = 0;
    let mut questions = 0;
    let mut listing_questions = false;

    for (i, block) in blocks.iter().enumerate() {
        let plain = plain(&block.joined());
        if super::draft_report::is_dots(&plain) {
            aside.block(block, SEPARATOR);
            continue;
        }
        if ENCLOSURES.is_match(&plain) {
            part = Part::Enclosures;
        }
        match part {
            Part::Head => {
                if date_index.is_some_and(|d| i <= d) {
                    head.push(block);
                    continue;
                }
                part = Part::Body;
                if is_salutation(&plain) {
                    aside.block(block, Place::Heading);
                    continue;
                }
            }
            Part::Signature => {
                signature.push(block);
                continue;
            }
            Part::Enclosures => {
                enclosures.push(block);
                continue;
            }
            Part::Body => {}
        }
        // Body.
        let is_signature = paragraphs > 0
            && block.all_lines_short(SIGNATURE_LINE_CHARS)
            && (block.pieces.len() > 1 || blocks.get(i + 1).is_some_and(|b| b.tight));
        if is_signature {
            part = Part::Signature;
            signature.push(block);
            continue;
        }
        if listing_questions && plain.trim_end().ends_with('?') {
            questions += 1;
            cuts.push(Cut::new(
                ChunkKind::Letter,
                format!("letter.q{questions}"),
                &[block],
            ));
            continue;
        }
        paragraphs += 1;
        listing_questions = plain.trim_end().ends_with(':');
        cuts.push(Cut::new(
            ChunkKind::Letter,
            format!("letter.{paragraphs}"),
            &[block],
        ));
        if CLOSING.is_match(&plain) {
            part = Part::Signature;
        }
    }
    if !head.is_empty() {
        let label = if date_index.is_some() {
            "letter.date"
        } else {
            "letter.head"
        };
        cuts.insert(0, Cut::new(ChunkKind::Letter, label, &head));
    }
    if !signature.is_empty() {
        cuts.push(Cut::new(ChunkKind::Letter, "letter.sig", &signature));
    }
    if !enclosures.is_empty() {
        cuts.push(Cut::new(
            ChunkKind::Letter,
            "letter.enclosures",
            &enclosures,
        ));
    }
    cuts
}
