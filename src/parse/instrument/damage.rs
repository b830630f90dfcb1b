//! Extractor damage mended before cutting.

use super::*;

/// Puts back in place the last line of an item that the extractor printed
/// right under the item's marker, before the item's first line:
/// `(g)` / `project;` / (gap) / `The name(s) of … in charge of the` becomes
/// `(g)` / `The name(s) … of the` / `project;`. The tail ends a clause
/// and is short, a gap follows it, and it moves after the first line that
/// does not end a clause.
pub(super) fn tails_in_place(mut text: Vec<Line>) -> Vec<Line> {
    let mut i = 1;
    while i + 1 < text.len() {
        let is_tail = |at: usize| {
            let (Some(previous), Some(tail), Some(next)) =
                (text.get(at - 1), text.get(at), text.get(at + 1))
            else {
                return false;
            };
            let after_marker = previous.index + 1 == tail.index
                && marker(previous.text).is_some_and(|m| m.rest.trim().is_empty());
            after_marker
                && next.index > tail.index + 1
                && ends_clause(tail.text)
                && marker(tail.text).is_none()
                && tail.text.split_whitespace().count() <= TAIL_WORDS
                && marker(next.text).is_none()
        };
        if is_tail(i) {
            let open = (i + 1..text.len()).find(|&j| {
                text.get(j)
                    .is_some_and(|l| !ends_clause(l.text) && marker(l.text).is_none())
            });
            // Only within the item: no marker between the tail and its place.
            let within = |j: usize| {
                (i + 1..j).all(|k| text.get(k).is_some_and(|l| marker(l.text).is_none()))
            };
            let bounded = open.filter(|&j| j <= i + 3 && within(j));
            if let Some(j) = bounded {
                let tail = text.remove(i);
                text.insert(j, tail);
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    text
}

/// A UN masthead has two columns; the extractor gives the right one (the
/// symbol) before the left ("United Nations"): read row by row, the
/// masthead starts "United Nations A/RES/77/321".
pub(super) fn masthead_in_reading_order(mut text: Vec<Line>) -> Vec<Line> {
    if let [first, second, ..] = text.as_slice()
        && first.text.contains('/')
        && !first.text.contains(' ')
        && second.text == "United Nations"
    {
        text.swap(0, 1);
    }
    text
}
