//! Colour on a terminal: a few ANSI styles, or none.
//!
//! The command line decides whether colour is on (`--color`, whether
//! standard output is a terminal, `NO_COLOR`); printers only ask a
//! [`Palette`] to paint. Text is sanitized before it is painted, so a file's
//! own escape sequences never reach the terminal.

use std::borrow::Cow;

use super::sanitize::sanitize;

/// What a piece of output is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A citation: bold.
    Citation,
    /// What to give `negotext show`: green.
    Key,
    /// Draft, date, section, pillar: dim cyan.
    Meta,
    /// A matched word: bold red.
    Match,
    /// A count: bold.
    Count,
    /// A note, such as a struck-out snippet: yellow.
    Note,
    /// Words a later draft added: green, underlined.
    Added,
    /// Words a later draft removed: red, struck through.
    Removed,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Citation | Style::Count => "1",
            Style::Key => "32",
            Style::Meta => "36",
            Style::Match => "1;31",
            Style::Note => "33",
            Style::Added => "4;32",
            Style::Removed => "9;31",
        }
    }
}

/// Paints text, or leaves it plain.
///
/// It also carries what else the command line knows about the reader's
/// screen: whether matched words are marked, and the width to wrap to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
    marks_matches: bool,
    width: usize,
}

/// The width output is wrapped to when the terminal's is unknown (piped).
pub const DEFAULT_WIDTH: usize = 80;

/// The narrowest width wrapped to, whatever the terminal says.
const MIN_WIDTH: usize = 40;

impl Palette {
    /// A palette that paints when `enabled`, for [`DEFAULT_WIDTH`] columns.
    pub fn new(enabled: bool) -> Palette {
        Palette {
            enabled,
            marks_matches: false,
            width: DEFAULT_WIDTH,
        }
    }

    /// The same palette, for a screen `width` columns wide (at least 40).
    pub fn wrapping_at(self, width: usize) -> Palette {
        Palette {
            width: width.max(MIN_WIDTH),
            ..self
        }
    }

    /// How many columns a line may take.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The same palette, marking matched words `**…**` (painted or not)
    /// when `marks`: for output without colour, where they would not
    /// stand out otherwise.
    pub fn marking_matches(self, marks: bool) -> Palette {
        Palette {
            marks_matches: marks,
            ..self
        }
    }

    /// Whether it paints.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Whether matched words are marked `**…**`.
    pub fn marks_matches(&self) -> bool {
        self.marks_matches
    }

    /// No colour.
    pub fn plain() -> Palette {
        Palette::new(false)
    }

    /// `text`, sanitized, in `style`.
    pub fn paint<'a>(&self, style: Style, text: &'a str) -> Cow<'a, str> {
        let text = sanitize(text);
        if !self.enabled || text.is_empty() {
            return text;
        }
        Cow::Owned(format!("\x1b[{}m{text}\x1b[0m", style.code()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_only_when_enabled_and_always_sanitizes() {
        assert_eq!(
            Palette::plain().paint(Style::Match, "a\u{1b}b"),
            "a\\u{1b}b"
        );
        assert_eq!(
            Palette::new(true).paint(Style::Match, "word"),
            "\x1b[1;31mword\x1b[0m"
        );
        assert_eq!(Palette::new(true).paint(Style::Match, ""), "");
    }
}
