//! The text of one paragraph as it is gathered from the page, and the one
//! line it becomes: whitespace collapsed, table cells joined by a tab,
//! insertions as `**…**` and deletions as `~~…~~` (closed at the line's
//! end, as the parser wants them), and the characters the parser would
//! read as markup (`*`, `~`, `\`) escaped with a backslash, which its
//! markup reader removes.

use crate::model::{Change, ChangeKind};

/// A tracked change the page marks (`<ins>`, `<del>`, `<s>`, `<strike>`),
/// with its author and date when the page gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub kind: ChangeKind,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Text as the page has it, inside the mark of that index (if any).
    Text(String, Option<usize>),
    /// Between two table cells.
    Tab,
}

/// The pieces of the paragraph being read.
#[derive(Debug, Default)]
pub struct Paragraph {
    pieces: Vec<Piece>,
}

/// One line of the output and the changes with an author on it.
pub struct Line {
    pub text: String,
    /// `(mark index, words)` of each run of a mark.
    pub runs: Vec<(usize, String)>,
}

impl Paragraph {
    /// Adds text (whitespace not yet collapsed) inside `mark`.
    pub fn push(&mut self, text: &str, mark: Option<usize>) {
        match self.pieces.last_mut() {
            Some(Piece::Text(last, last_mark)) if *last_mark == mark => last.push_str(text),
            _ => self.pieces.push(Piece::Text(text.to_string(), mark)),
        }
    }

    /// Adds the separator between two table cells.
    pub fn tab(&mut self) {
        self.pieces.push(Piece::Tab);
    }

    /// Whether it has any character that is not whitespace.
    pub fn has_text(&self) -> bool {
        self.pieces
            .iter()
            .any(|p| matches!(p, Piece::Text(t, _) if t.chars().any(|c| !blank(c))))
    }

    /// Whether its text so far ends (whitespace aside) with one of `ends`.
    pub fn ends_with(&self, ends: &[char]) -> bool {
        self.pieces
            .iter()
            .rev()
            .find_map(|p| match p {
                Piece::Text(t, _) => t.trim_end_matches(blank).chars().next_back(),
                Piece::Tab => Some('\t'),
            })
            .is_some_and(|c| ends.contains(&c))
    }

    /// The line it makes, `marks` giving the kind of each mark; empties
    /// the paragraph.
    pub fn take(&mut self, marks: &[Mark]) -> Line {
        let mut out = Line {
            text: String::new(),
            runs: Vec::new(),
        };
        let mut open: Option<usize> = None;
        let mut space = false;
        let close = |out: &mut Line, open: &mut Option<usize>| {
            if let Some(kind) = open.take().and_then(|m| marks.get(m)).map(|m| m.kind) {
                out.text.push_str(delimiter(kind));
            }
        };
        for piece in std::mem::take(&mut self.pieces) {
            let (text, mark) = match piece {
                Piece::Tab => {
                    close(&mut out, &mut open);
                    trim_end(&mut out.text);
                    if !out.text.is_empty() && !out.text.ends_with('\t') {
                        out.text.push('\t');
                    }
                    space = false;
                    continue;
                }
                Piece::Text(text, mark) => (text, mark),
            };
            for c in text.chars() {
                if blank(c) {
                    space = !out.text.is_empty() && !out.text.ends_with('\t');
                    continue;
                }
                if mark != open {
                    close(&mut out, &mut open);
                    if space {
                        out.text.push(' ');
                    }
                    if let Some(kind) = mark.and_then(|m| marks.get(m)).map(|m| m.kind) {
                        out.text.push_str(delimiter(kind));
                        if let Some(m) = mark {
                            out.runs.push((m, String::new()));
                        }
                        open = mark;
                    }
                } else if space {
                    out.text.push(' ');
                    if let Some((_, run)) = out.runs.last_mut().filter(|_| open.is_some()) {
                        run.push(' ');
                    }
                }
                space = false;
                if matches!(c, '*' | '~' | '\\') {
                    out.text.push('\\');
                }
                out.text.push(c);
                if let Some((_, run)) = out.runs.last_mut().filter(|_| open.is_some()) {
                    run.push(c);
                }
            }
        }
        close(&mut out, &mut open);
        trim_end(&mut out.text);
        out
    }
}

/// What the parser reads as the bounds of an insertion or a deletion.
fn delimiter(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Inserted | ChangeKind::MovedTo => "**",
        ChangeKind::Deleted | ChangeKind::MovedFrom => "~~",
    }
}

/// Whitespace, and control characters read as whitespace (a form feed or
/// a line separator must not break the line).
pub fn blank(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn trim_end(text: &mut String) {
    let kept = text.trim_end_matches(blank).len();
    text.truncate(kept);
}

/// The changes with an author on the line `line` (from 1).
pub fn changes(line: usize, runs: Vec<(usize, String)>, marks: &[Mark]) -> Vec<Change> {
    runs.into_iter()
        .filter_map(|(m, text)| {
            let mark = marks.get(m)?;
            Some(Change {
                line,
                kind: mark.kind,
                author: mark.author.clone()?,
                date: mark.date.clone(),
                text,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks() -> Vec<Mark> {
        vec![
            Mark {
                kind: ChangeKind::Inserted,
                author: Some("EU".into()),
                date: None,
            },
            Mark {
                kind: ChangeKind::Deleted,
                author: None,
                date: None,
            },
        ]
    }

    #[test]
    fn whitespace_collapses_and_marks_close_on_the_line() {
        let mut p = Paragraph::default();
        p.push("  States \n\t", None);
        p.push(" agree ", Some(0));
        p.push("to act", Some(0));
        p.push(" and ", None);
        p.push("*not* ", Some(1));
        p.push(" ", None);
        let line = p.take(&marks());
        assert_eq!(line.text, "States **agree to act** and ~~\\*not\\*~~");
        assert_eq!(
            line.runs,
            [(0, "agree to act".to_string()), (1, "*not*".into())]
        );
        assert!(!p.has_text());
        let changes = changes(3, line.runs, &marks());
        assert_eq!(changes.len(), 1, "the deletion has no author");
        assert_eq!(
            changes.first().map(|c| (c.line, c.text.as_str())),
            Some((3, "agree to act"))
        );
    }

    #[test]
    fn cells_are_joined_by_a_tab() {
        let mut p = Paragraph::default();
        p.push(" 1. ", None);
        p.tab();
        p.push(" Decides ", None);
        p.tab();
        p.tab();
        assert!(p.ends_with(&['\t']));
        assert_eq!(p.take(&[]).text, "1.\tDecides");
    }
}
