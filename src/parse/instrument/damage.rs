//! Extractor damage mended before cutting.

use super::*;

/// A marker alone on its line: `(g)`, `4.`.
fn alone_marker(line: &Line) -> bool {
    marker(line.text).is_some_and(|m| m.rest.trim().is_empty())
}

/// A line that may be an item's last line printed out of place: it ends a
/// clause, is short and is no marker.
fn is_short_tail(line: &Line) -> bool {
    ends_clause(line.text)
        && marker(line.text).is_none()
        && line.text.split_whitespace().count() <= TAIL_WORDS
}

/// Text that cannot start an item: it starts in lower case (`including:`).
fn continues(line: &Line) -> bool {
    line.text.chars().next().is_some_and(char::is_lowercase)
}

/// Puts back in place the last line of an item that the extractor printed
/// right under the item's marker, before the item's first line:
/// `(g)` / `project;` / (gap) / `The name(s) of … in charge of the` becomes
/// `(g)` / `The name(s) … of the` / `project;`. The tail ends a clause
/// and is short, a gap follows it, and it moves after the first line that
/// does not end a clause — or, when it starts in lower case and so cannot
/// start the item (`(f)` / `including:` / (gap) / `The development … and
/// standards,` / `(i)`), after the one line between it and the next marker.
pub(super) fn tails_in_place(mut text: Vec<Line>) -> Vec<Line> {
    let mut i = 1;
    while i + 1 < text.len() {
        let is_tail = |at: usize| {
            let (Some(previous), Some(tail), Some(next)) =
                (text.get(at - 1), text.get(at), text.get(at + 1))
            else {
                return false;
            };
            previous.index + 1 == tail.index
                && alone_marker(previous)
                && next.index > tail.index + 1
                && is_short_tail(tail)
                && marker(next.text).is_none()
        };
        if is_tail(i) {
            // Only within the item: no marker between the tail and its place.
            let next_marker = (i + 1..text.len())
                .find(|&k| text.get(k).is_some_and(|l| marker(l.text).is_some()))
                .unwrap_or(text.len());
            let open = (i + 1..next_marker).find(|&j| {
                text.get(j)
                    .is_some_and(|l| !ends_clause(l.text) && marker(l.text).is_none())
            });
            // A lower-case tail and one line before the next marker: that
            // line is the item's first.
            let lower = text.get(i).is_some_and(continues);
            let open = open.or(Some(i + 1).filter(|&j| lower && j + 1 == next_marker));
            if let Some(j) = open.filter(|&j| j <= i + 3) {
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

/// Puts back the first lines of two items that the extractor printed
/// after both markers, the first item's last line under its marker:
/// `(a)` / `Parties;` / `(b)` / (gap) / `The assessment … developing
/// States` / `The availability … of funds;` becomes `(a)` / `The
/// assessment … developing States` / `Parties;` / `(b)` / `The
/// availability … of funds;`. The first head does not end a clause (the
/// tail ends it); the second starts in upper case and ends its item: a
/// marker or a gap follows it.
///
/// The extractor may also have glued the two heads into one line, taking
/// off the hyphen that ended the first (`… access and benefitContact
/// details …`, from `benefit-` / `sharing;`): the line is read as its two
/// heads, split where a lower-case letter meets the capital that starts
/// the second, and the first is read with its hyphen.
pub(super) fn heads_in_place(mut text: Vec<Line>) -> Vec<Line> {
    let mut i = 0;
    while i + 3 < text.len() {
        let Some([first, tail, second, head, rest @ ..]) = text.get(i..) else {
            break;
        };
        let printed_after_both = alone_marker(first)
            && tail.index == first.index + 1
            && is_short_tail(tail)
            && second.index == tail.index + 1
            && alone_marker(second)
            && marker(head.text).is_none();
        let ends_item = |line: &Line, after: Option<&Line>| {
            ends_clause(line.text)
                && after.is_none_or(|a| a.index > line.index + 1 || marker(a.text).is_some())
        };
        let starts_item = |line: &Line| line.text.chars().next().is_some_and(char::is_uppercase);
        if printed_after_both {
            let two_lines = match rest {
                [other, after @ ..] => {
                    !ends_clause(head.text)
                        && other.index == head.index + 1
                        && marker(other.text).is_none()
                        && starts_item(other)
                        && ends_item(other, after.first())
                }
                [] => false,
            };
            let glued = glue(head.text).filter(|(before, after)| {
                !ends_clause(before)
                    && ends_item(
                        &Line {
                            text: after,
                            ..*head
                        },
                        rest.first(),
                    )
            });
            if two_lines {
                // (a) tail (b) head → (a) head tail (b)
                text.get_mut(i + 1..i + 4)
                    .unwrap_or_default()
                    .rotate_right(1);
                i += 5;
                continue;
            }
            if let Some((before, after)) = glued {
                let (first_head, second_head) = (
                    Line {
                        text: before,
                        hyphen: true,
                        ..*head
                    },
                    Line {
                        text: after,
                        ..*head
                    },
                );
                // (a) tail (b) head → (a) first-head tail (b) second-head
                text.splice(i + 1..i + 4, [first_head, *tail, *second, second_head]);
                i += 5;
                continue;
            }
        }
        i += 1;
    }
    text
}

/// The one place in `text` where a lower-case letter meets a capital that
/// starts a word in lower case (`benefitContact`): `text` cut there.
fn glue(text: &str) -> Option<(&str, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut points = chars.windows(3).filter_map(|w| match w {
        [(_, a), (at, b), (_, c)] if a.is_lowercase() && b.is_uppercase() && c.is_lowercase() => {
            Some(*at)
        }
        _ => None,
    });
    let at = points.next()?;
    if points.next().is_some() {
        return None;
    }
    Some((text.get(..at)?, text.get(at..)?))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines with their file indices; `None` is a gap (a line that is not
    /// running text: a blank, page furniture).
    fn lines<'a>(texts: &[Option<&'a str>]) -> Vec<Line<'a>> {
        texts
            .iter()
            .enumerate()
            .filter_map(|(index, t)| {
                t.map(|text| Line {
                    index,
                    text,
                    hyphen: false,
                })
            })
            .collect()
    }

    fn texts<'a>(lines: &[Line<'a>]) -> Vec<&'a str> {
        lines.iter().map(|l| l.text).collect()
    }

    #[test]
    fn two_heads_printed_after_both_markers_go_back_to_their_items() {
        let text = lines(&[
            Some("(a)"),
            Some("Parties;"),
            Some("(b)"),
            None,
            Some("The assessment of the needs of the Parties, in particular developing States"),
            Some("The availability and timely disbursement of funds;"),
            None,
            Some("(c) The transparency of decision-making;"),
        ]);
        assert_eq!(
            texts(&heads_in_place(text)),
            [
                "(a)",
                "The assessment of the needs of the Parties, in particular developing States",
                "Parties;",
                "(b)",
                "The availability and timely disbursement of funds;",
                "(c) The transparency of decision-making;",
            ]
        );
    }

    #[test]
    fn two_heads_glued_into_one_line_are_read_apart_the_hyphen_back() {
        let text = lines(&[
            Some("(a)"),
            Some("sharing;"),
            Some("(b)"),
            None,
            Some("Measures on access and benefitContact details of focal points;"),
            None,
            Some("(c) Other information."),
        ]);
        let read = heads_in_place(text);
        assert_eq!(
            texts(&read),
            [
                "(a)",
                "Measures on access and benefit",
                "sharing;",
                "(b)",
                "Contact details of focal points;",
                "(c) Other information.",
            ]
        );
        let pieces: Vec<String> = read.iter().map(Line::piece_text).collect();
        assert_eq!(
            pieces.get(1).map(String::as_str),
            Some("Measures on access and benefit-")
        );
        assert_eq!(read.get(1).map(|l| l.index), read.get(4).map(|l| l.index));
    }

    #[test]
    fn a_name_with_a_capital_inside_is_no_glue() {
        assert_eq!(glue("as McDonald and McKenzie said"), None);
        assert_eq!(glue("the needs of States"), None);
        assert_eq!(glue("benefitContact"), Some(("benefit", "Contact")));
    }

    #[test]
    fn one_word_items_stay_as_they_are() {
        let text = lines(&[
            Some("(a)"),
            Some("Governments;"),
            Some("(b)"),
            Some("Observers;"),
            Some("(c)"),
            Some("Secretariats."),
        ]);
        let before = texts(&text);
        assert_eq!(texts(&heads_in_place(text)), before);
    }

    #[test]
    fn a_lower_case_tail_follows_the_one_line_of_its_item() {
        let text = lines(&[
            Some("(f)"),
            Some("including:"),
            None,
            Some("The development and sharing of manuals, guidelines and standards,"),
            None,
            Some("(i)"),
            Some("Criteria and reference materials;"),
        ]);
        assert_eq!(
            texts(&tails_in_place(text)),
            [
                "(f)",
                "The development and sharing of manuals, guidelines and standards,",
                "including:",
                "(i)",
                "Criteria and reference materials;",
            ]
        );
    }

    #[test]
    fn a_lower_case_tail_does_not_cross_a_heading() {
        let text = lines(&[
            Some("(n)"),
            Some("countries."),
            None,
            Some("Acknowledgement of the special interests and needs of landlocked developing"),
            None,
            Some("Article 8"),
            Some("International cooperation"),
            Some("1."),
        ]);
        assert_eq!(
            texts(&tails_in_place(text)),
            [
                "(n)",
                "Acknowledgement of the special interests and needs of landlocked developing",
                "countries.",
                "Article 8",
                "International cooperation",
                "1.",
            ]
        );
    }
}
