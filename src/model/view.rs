//! The views of a chunk's words: what it says, what was marked inserted
//! or struck out, what changed since the previous draft, comments and
//! authors. Each is a field of the index and a query prefix (`deleted:`).

/// The searchable views of a chunk's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// What the draft says (the default): no deleted words.
    Text,
    /// Marked insertions (`inserted:`).
    Inserted,
    /// Marked deletions, struck-out words (`deleted:`).
    Deleted,
    /// Words added since the previous draft, computed by diff (`added:`).
    Added,
    /// Words removed since the previous draft, computed by diff (`removed:`).
    Removed,
    /// The comments on the chunk, kept apart from its text (`comment:`).
    Comment,
    /// Who wrote the chunk (`author:`, `by:`): who made its tracked
    /// changes, who proposed it (`[EU: …]`, the sponsors of a draft
    /// resolution).
    Author,
    /// How its wording was softened since the previous draft, one scale
    /// each (`softened:`): `modal: shall → should`.
    Softened,
    /// How its wording was hardened since the previous draft (`hardened:`).
    Hardened,
    /// Its passages in square brackets, not yet agreed (`bracketed:`).
    Bracketed,
}

impl View {
    pub const ALL: [View; 10] = [
        View::Text,
        View::Inserted,
        View::Deleted,
        View::Added,
        View::Removed,
        View::Comment,
        View::Author,
        View::Softened,
        View::Hardened,
        View::Bracketed,
    ];

    /// The field name, which is also the query prefix (`deleted:`).
    pub fn name(self) -> &'static str {
        match self {
            View::Text => "text",
            View::Inserted => "inserted",
            View::Deleted => "deleted",
            View::Added => "added",
            View::Removed => "removed",
            View::Comment => "comment",
            View::Author => "author",
            View::Softened => "softened",
            View::Hardened => "hardened",
            View::Bracketed => "bracketed",
        }
    }

    /// The field analysed with the exact analyzer (`--exact`).
    pub fn exact_name(self) -> &'static str {
        match self {
            View::Text => "text_exact",
            View::Inserted => "inserted_exact",
            View::Deleted => "deleted_exact",
            View::Added => "added_exact",
            View::Removed => "removed_exact",
            View::Comment => "comment_exact",
            View::Author => "author_exact",
            View::Softened => "softened_exact",
            View::Hardened => "hardened_exact",
            View::Bracketed => "bracketed_exact",
        }
    }

    /// Whether the view's words are part of what the draft says (so a hit
    /// highlights them in its text).
    pub fn in_text(self) -> bool {
        matches!(
            self,
            View::Text | View::Inserted | View::Added | View::Bracketed
        )
    }

    /// The view a query prefix names (`deleted`), case-insensitively;
    /// `by` is [`View::Author`] too (who proposed the text, or made its
    /// tracked changes).
    pub fn from_name(name: &str) -> Option<View> {
        if name.eq_ignore_ascii_case("by") {
            return Some(View::Author);
        }
        View::ALL
            .into_iter()
            .find(|view| view.name().eq_ignore_ascii_case(name))
    }

    pub(crate) fn position(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}
