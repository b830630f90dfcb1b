//! Cutting the annexes that travel with a draft: a programme of work (one
//! chunk per day), guiding questions (sets of numbered questions), an
//! invitation (one chunk), any other annex (one chunk per paragraph), and a
//! file whose structure we do not recognise (one chunk per block).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::ChunkKind;

use super::block::{Block, ends_sentence};
use super::cut::Cut;
use super::draft_report::{SEPARATOR, is_dots, plain};
use super::numbering::{Labeler, Marker, split_marker};
use super::places::SetApart;
use super::regex;

static DAY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)\b"));

/// Splits off the title: the first block and the blocks tight under it.
fn title_and_rest(blocks: &[Block]) -> (Vec<&Block>, &[Block]) {
    let end = blocks
        .iter()
        .skip(1)
        .position(|b| !b.tight)
        .map_or(blocks.len(), |p| p + 1);
    let (title, rest) = blocks.split_at(end.min(blocks.len()));
    (title.iter().collect(), rest)
}

/// Removes dot-only separator blocks, setting them apart.
fn content<'b>(blocks: &'b [Block], aside: &mut SetApart) -> Vec<&'b Block> {
    let (dots, content): (Vec<&Block>, Vec<&Block>) =
        blocks.iter().partition(|b| is_dots(&plain(&b.joined())));
    for block in dots {
        aside.block(block, SEPARATOR);
    }
    content
}

/// A programme of work: `pow.title`, then `pow.mon`, `pow.tue`… (a chunk per
/// day, from its header to the next), `pow.intro` for text before the first day.
pub fn programme_of_work(blocks: &[Block], aside: &mut SetApart) -> Vec<Cut> {
    let (title, rest) = title_and_rest(blocks);
    let mut cuts = vec![Cut::new(ChunkKind::Annex, "pow.title", &title)];
    for block in content(rest, aside) {
        let plain = plain(&block.joined());
        if let Some(day) = DAY.captures(&plain).and_then(|c| c.get(1)) {
            let label = format!("pow.{}", day.as_str().to_lowercase());
            cuts.push(Cut::new(ChunkKind::Annex, label, &[block]));
        } else if let Some(last) = cuts.last_mut().filter(|c| c.label != "pow.title") {
            last.push_block(block);
        } else {
            cuts.push(Cut::new(ChunkKind::Annex, "pow.intro", &[block]));
        }
    }
    unique_labels(&mut cuts);
    cuts
}

/// Guiding questions: `gq.title`, then for every set an introduction
/// `gq.N.intro` (the unnumbered lines before its questions) and its
/// questions `gq.N.1`, `gq.N.2`…; a question that does not end a sentence is
/// continued by the next unnumbered block.
pub fn guiding_questions(blocks: &[Block], aside: &mut SetApart) -> Vec<Cut> {
    let (title, rest) = title_and_rest(blocks);
    let mut cuts = vec![Cut::new(ChunkKind::Annex, "gq.title", &title)];
    let mut set = 0;
    let mut in_intro = false;
    for block in content(rest, aside) {
        let first = block.pieces.first().map_or("", |p| p.text.as_str());
        if let Some(found) = split_marker(first)
            && let Marker::Number(n) = found.marker
        {
            set = set.max(1);
            in_intro = false;
            let label = format!("gq.{set}.{n}");
            cuts.push(Cut::item(ChunkKind::Annex, label, block, &found.rest));
            continue;
        }
        match cuts.last_mut() {
            Some(last) if in_intro || (set > 0 && !last.ends_sentence()) => {
                last.push_block(block);
            }
            _ => {
                set += 1;
                in_intro = true;
                cuts.push(Cut::new(
                    ChunkKind::Annex,
                    format!("gq.{set}.intro"),
                    &[block],
                ));
            }
        }
    }
    unique_labels(&mut cuts);
    cuts
}

/// An invitation: one chunk.
pub fn invitation(blocks: &[Block], aside: &mut SetApart) -> Vec<Cut> {
    let all: Vec<&Block> = content(blocks, aside);
    if all.is_empty() {
        return Vec::new();
    }
    vec![Cut::new(ChunkKind::Annex, "invitation", &all)]
}

/// Any other annex: `annex.title`, then `annex.1`, `annex.2`… A short line
/// without final punctuation ("Additional Information") is a heading and
/// opens the paragraph that follows it.
pub fn annex(blocks: &[Block], aside: &mut SetApart) -> Vec<Cut> {
    let (title, rest) = title_and_rest(blocks);
    let mut cuts = vec![Cut::new(ChunkKind::Annex, "annex.title", &title)];
    let mut paragraphs = 0;
    let mut pending_heading: Vec<&Block> = Vec::new();
    for block in content(rest, aside) {
        let plain = plain(&block.joined());
        let is_heading = plain.split_whitespace().count() <= 6
            && !ends_sentence(&plain)
            && !plain.ends_with(',')
            && plain.starts_with(char::is_uppercase);
        if is_heading {
            pending_heading.push(block);
            continue;
        }
        paragraphs += 1;
        pending_heading.push(block);
        cuts.push(Cut::new(
            ChunkKind::Annex,
            format!("annex.{paragraphs}"),
            &std::mem::take(&mut pending_heading),
        ));
    }
    if !pending_heading.is_empty() {
        paragraphs += 1;
        cuts.push(Cut::new(
            ChunkKind::Annex,
            format!("annex.{paragraphs}"),
            &pending_heading,
        ));
    }
    cuts
}

/// A file we do not recognise: one chunk per block of consecutive lines.
pub fn other(blocks: &[Block]) -> Vec<Cut> {
    let mut cuts: Vec<Cut> = Vec::new();
    for block in blocks {
        match cuts.last_mut() {
            Some(last) if block.tight => last.push_block(block),
            _ => {
                let label = format!("block.{}", cuts.len() + 1);
                cuts.push(Cut::new(ChunkKind::Other, label, &[block]));
            }
        }
    }
    cuts
}

/// Repeated labels (two Mondays) get `-2`.
fn unique_labels(cuts: &mut [Cut]) {
    let mut labeler = Labeler::default();
    for cut in cuts {
        cut.label = labeler.unique(std::mem::take(&mut cut.label));
    }
}
