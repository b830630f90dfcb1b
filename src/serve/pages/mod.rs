//! The HTML pages, rendered on the server with maud (which escapes every
//! string it is given): the search page, the paragraph page and the
//! redline page, in the frame of [`layout`].
//!
//! Text from the corpus goes through [`corpus_text`]: besides maud's
//! escaping, control and bidirectional-override characters are shown
//! escaped (`\u{202e}`) as on a terminal, so a draft cannot make a page
//! read differently than it is.

pub mod help;
pub mod layout;
pub mod paragraph;
pub mod redline;
pub mod search;

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use maud::{Markup, html};

use crate::history::diff::{Change, WordDiff};
use crate::printer::sanitize::sanitize;

/// Text from the corpus, made inert (see the module docs).
pub fn corpus_text(text: &str) -> Cow<'_, str> {
    sanitize(text)
}

/// `text` with the byte ranges of `highlights` in `<mark>`; ranges out of
/// bounds or off char boundaries are shown unmarked.
pub fn marked(text: &str, highlights: &[[usize; 2]]) -> Markup {
    let mut at = 0;
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    for [start, end] in highlights {
        let (Some(before), Some(inside)) = (text.get(at..*start), text.get(*start..*end)) else {
            continue;
        };
        pieces.push((before, false));
        pieces.push((inside, true));
        at = *end;
    }
    pieces.push((text.get(at..).unwrap_or_default(), false));
    html! {
        @for (piece, mark) in pieces {
            @if mark { mark { (corpus_text(piece)) } } @else { (corpus_text(piece)) }
        }
    }
}

/// A word diff: removed words struck through in `<del>`, added words
/// underlined in `<ins>` (marks that read without colour).
pub fn word_diff(diff: &WordDiff) -> Markup {
    html! {
        @for segment in &diff.segments {
            @match segment.change {
                Change::Equal => (corpus_text(&segment.text)),
                Change::Insert => ins { (corpus_text(&segment.text)) },
                Change::Delete => del { (corpus_text(&segment.text)) },
            }
        }
    }
}

/// `2026-12-07 21:53:07 UTC`.
pub fn clock(time: SystemTime) -> String {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (year, month, day) = civil_from_days(days);
    let of_day = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn clock_reads_utc_dates() {
        assert_eq!(clock(UNIX_EPOCH), "1970-01-01 00:00:00 UTC");
        let t = UNIX_EPOCH + Duration::from_secs(1_796_679_187);
        assert_eq!(clock(t), "2026-12-07 21:33:07 UTC");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(clock(leap), "2000-02-29 00:00:00 UTC");
    }

    #[test]
    fn corpus_text_is_escaped_and_inert() {
        let page = marked("<script>alert(1)</script> \u{202e}abc", &[[8, 13]]).into_string();
        assert_eq!(
            page,
            "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; \\u{202e}abc"
        );
    }

    #[test]
    fn marks_off_bounds_are_ignored() {
        assert_eq!(marked("abc", &[[1, 9]]).into_string(), "abc");
        assert_eq!(marked("é", &[[1, 2]]).into_string(), "é");
    }
}
