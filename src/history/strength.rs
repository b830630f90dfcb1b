//! The strength of language: whether a paragraph's wording was softened
//! (`shall` → `should`, `urges` → `encourages`, `condemns` → `deplores`)
//! or hardened between two of its versions.
//!
//! The words and their strength are data, `strength.tsv` beside this file:
//! scales (`modal`, `operative`, `condemnation`), each a ladder of ranks,
//! each rank the forms that carry it. A version's strength on a scale is
//! its strongest form there; when both versions use a scale and their
//! strongest forms differ in rank, the paragraph shifted on it.
//!
//! ```
//! use negotext::history::strength::shifts;
//!
//! let found = shifts("States shall report.", "States should report.");
//! assert_eq!(found.len(), 1);
//! assert!(found[0].softened);
//! assert_eq!(found[0].to_string(), "modal: shall → should");
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use serde::Serialize;

/// The table, as shipped.
const TABLE: &str = include_str!("strength.tsv");

/// One form of a rank: `calls upon`.
#[derive(Debug)]
struct Form {
    /// Its words, lower-case.
    words: Vec<String>,
    /// Index into [`Table::scales`].
    scale: usize,
    rank: u8,
}

/// The table read.
#[derive(Debug, Default)]
struct Table {
    scales: Vec<String>,
    /// Longest first, so that `strongly encourages` wins over
    /// `encourages` where both fit.
    forms: Vec<Form>,
    /// Rows that could not be read, with why (none in the shipped table:
    /// a test says so).
    problems: Vec<String>,
}

static READ: LazyLock<Table> = LazyLock::new(|| read(TABLE));

/// Reads a table in the format of `strength.tsv`.
fn read(text: &str) -> Table {
    let mut table = Table::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let (Some(scale), Some(rank), Some(forms), 3) = (
            columns.first(),
            columns.get(1).and_then(|rank| rank.parse::<u8>().ok()),
            columns.get(2),
            columns.len(),
        ) else {
            table.problems.push(format!("line {}: {line:?}", n + 1));
            continue;
        };
        let scale = match table.scales.iter().position(|s| s == scale) {
            Some(at) => at,
            None => {
                table.scales.push((*scale).to_string());
                table.scales.len() - 1
            }
        };
        for form in forms.split('|') {
            let words: Vec<String> = words(form).collect();
            if words.is_empty() {
                table
                    .problems
                    .push(format!("line {}: an empty form", n + 1));
                continue;
            }
            table.forms.push(Form { words, scale, rank });
        }
    }
    table
        .forms
        .sort_by_key(|form| std::cmp::Reverse(form.words.len()));
    table
}

/// The words of `text`, lower-case: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// The strongest form of each scale `text` uses: scale → (rank, form).
fn strongest(table: &Table, text: &str) -> BTreeMap<usize, (u8, String)> {
    let words: Vec<String> = words(text).collect();
    let mut found: BTreeMap<usize, (u8, String)> = BTreeMap::new();
    let mut at = 0;
    while at < words.len() {
        let rest = words.get(at..).unwrap_or_default();
        match table
            .forms
            .iter()
            .find(|form| rest.starts_with(&form.words))
        {
            Some(form) => {
                let stronger = found
                    .get(&form.scale)
                    .is_none_or(|(rank, _)| form.rank > *rank);
                if stronger {
                    found.insert(form.scale, (form.rank, form.words.join(" ")));
                }
                at += form.words.len();
            }
            None => at += 1,
        }
    }
    found
}

/// A paragraph's shift of strength on one scale between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shift {
    /// `modal`, `operative`, `condemnation`.
    pub scale: String,
    /// The earlier version's strongest form on the scale: `shall`.
    pub from: String,
    /// The later version's: `should`.
    pub to: String,
    /// Weaker after than before (else stronger).
    pub softened: bool,
}

impl fmt::Display for Shift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} → {}", self.scale, self.from, self.to)
    }
}

/// How the wording of `new` shifted from `old` on each scale both use.
pub fn shifts(old: &str, new: &str) -> Vec<Shift> {
    let table = &*READ;
    let before = strongest(table, old);
    let after = strongest(table, new);
    before
        .iter()
        .filter_map(|(scale, (rank, from))| {
            let (new_rank, to) = after.get(scale)?;
            (new_rank != rank).then(|| Shift {
                scale: table.scales.get(*scale).cloned().unwrap_or_default(),
                from: from.clone(),
                to: to.clone(),
                softened: new_rank < rank,
            })
        })
        .collect()
}

/// The scales of the table: `modal`, `operative`, `condemnation`.
pub fn scales() -> &'static [String] {
    &READ.scales
}

/// The shifts of `new` from `old`, described (`modal: shall → should`):
/// the softened ones, then the hardened ones.
pub fn softened_and_hardened(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let (softened, hardened): (Vec<Shift>, Vec<Shift>) = shifts(old, new)
        .into_iter()
        .partition(|shift| shift.softened);
    let described = |shifts: Vec<Shift>| shifts.iter().map(ToString::to_string).collect();
    (described(softened), described(hardened))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_reads_whole() {
        let table = &*READ;
        assert!(table.problems.is_empty(), "{:?}", table.problems);
        assert_eq!(table.scales, ["modal", "operative", "condemnation"]);
        assert!(table.forms.len() > 30);
    }

    #[test]
    fn a_bad_row_is_a_problem_not_a_panic() {
        let table = read("modal\tx\tshall\nmodal\t2\nmodal\t1\tmay|\n");
        assert_eq!(table.problems.len(), 3, "{:?}", table.problems);
        assert_eq!(table.forms.len(), 1);
    }

    #[test]
    fn softened_and_hardened() {
        let soft = shifts(
            "1. Urges all States to ensure that they shall report.",
            "1. Encourages all States to ensure that they should report.",
        );
        let described: Vec<String> = soft.iter().map(ToString::to_string).collect();
        assert_eq!(
            described,
            ["modal: shall → should", "operative: urges → encourages"]
        );
        assert!(soft.iter().all(|s| s.softened));
        let hard = shifts("Deplores the attacks.", "Strongly condemns the attacks.");
        assert_eq!(hard.len(), 1);
        assert!(!hard[0].softened);
        assert_eq!(hard[0].to, "strongly condemns");
    }

    #[test]
    fn the_longest_form_wins_and_unchanged_strength_is_no_shift() {
        // `strongly encourages` (5) is not `encourages` (3).
        let up = shifts("Encourages States.", "Strongly encourages States.");
        assert_eq!(up.len(), 1);
        assert_eq!(
            (up[0].from.as_str(), up[0].to.as_str()),
            ("encourages", "strongly encourages")
        );
        assert!(shifts("States shall act.", "States must act.").is_empty());
        assert!(shifts("States shall act.", "States act.").is_empty());
        // The strongest form of a version counts: `may` beside `shall`.
        assert!(shifts("States shall and may act.", "States shall act.").is_empty());
    }
}
