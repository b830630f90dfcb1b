//! Who proposed a chunk's text: the attributions of compilation texts and
//! the sponsors of draft resolutions and decisions.
//!
//! - A bracketed proposal opened by its proposers: `[EU: …]`,
//!   `[G77/China: …]`, `[AOSIS, LDCs: …]`. The proposers must read as
//!   negotiating groups or delegations written short (each name an
//!   acronym-shaped word such as `EU`, `G77`, `LDCs`, beside at most
//!   capitalised words: `G77/China`), so that `[Option 1: …]`,
//!   `[Placeholder: …]` and `[Article X: …]` are not taken for proposers.
//! - An explicit proposal: `Proposed by Egypt:`, `(Alt. proposed by Saudi
//!   Arabia and Egypt)`, at the start of the text or after a bracket.
//! - The sponsors line of a draft resolution or decision (`Australia and
//!   Belize: draft decision`): every chunk of the document is theirs.
//!
//! Names are split at commas, slashes only inside a group's name being
//! kept (`G77/China`), and ` and `. They become the chunk's
//! `attributions`, searched with `by:` (or `author:`) and counted in the
//! author facet.

use std::sync::LazyLock;

use regex::Regex;

use super::{ParsedFile, regex};
use crate::model::DocumentKind;

/// `[EU: `, `[G77/China: ` at the start of a bracket.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\[\s*([A-Z][A-Za-z0-9/.&' -]{0,60}?(?:,\s*[A-Z][A-Za-z0-9/.&' -]{0,60}?)*)\s*:")
});

/// `Proposed by X:` and `(Alt. proposed by X)` at the start of the text or
/// after a bracket.
static PROPOSED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:^|[\[(])\s*(?:Alt(?:ernative)?\.?\s*)?[Pp]roposed by ([A-Z][^:\]\)\[(]{0,120}?)\s*[:\)\]]",
    )
});

/// Gives every chunk of `parsed` the proposers its text names and the
/// sponsors of its document.
pub fn attribute(parsed: &mut ParsedFile) {
    for document in &parsed.documents {
        if !matches!(
            document.kind,
            DocumentKind::DraftResolution | DocumentKind::DraftDecision
        ) {
            continue;
        }
        let sponsors = parsed
            .chunks
            .iter()
            .find(|chunk| chunk.doc == document.id && chunk.label == "sponsors")
            .map(|chunk| sponsors(&chunk.text))
            .unwrap_or_default();
        for chunk in parsed.chunks.iter_mut().filter(|c| c.doc == document.id) {
            add(&mut chunk.attributions, &sponsors);
        }
    }
    for chunk in &mut parsed.chunks {
        let named = proposers(&chunk.text);
        add(&mut chunk.attributions, &named);
    }
}

fn add(to: &mut Vec<String>, names: &[String]) {
    for name in names {
        if !to.contains(name) {
            to.push(name.clone());
        }
    }
}

/// The sponsors a sponsors line names: `Australia and Belize: draft
/// decision` → `Australia`, `Belize`.
fn sponsors(line: &str) -> Vec<String> {
    let names = line.split_once(':').map_or(line, |(names, _)| names);
    split_names(names)
}

/// The proposers `text` names (see the module docs), in order.
fn proposers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for caps in BRACKETED.captures_iter(text) {
        let Some(names) = caps.get(1) else { continue };
        let names = split_names(names.as_str());
        if !names.is_empty() && names.iter().all(|name| is_group_shaped(name)) {
            add(&mut found, &names);
        }
    }
    for caps in PROPOSED.captures_iter(text) {
        if let Some(names) = caps.get(1) {
            add(&mut found, &split_names(names.as_str()));
        }
    }
    found
}

/// `names` split at commas and ` and `, trimmed.
fn split_names(names: &str) -> Vec<String> {
    names
        .split(',')
        .flat_map(|part| part.split(" and "))
        .map(|name| name.trim().trim_end_matches('.').trim())
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `name` reads as a negotiating group or a delegation written
/// short: its parts (split at `/` and spaces) acronym-shaped (`EU`,
/// `G77`, `LDCs`, `AOSIS`) but for capitalised words beside one
/// (`G77/China`).
fn is_group_shaped(name: &str) -> bool {
    let parts: Vec<&str> = name.split(['/', ' ']).filter(|p| !p.is_empty()).collect();
    let acronym = |part: &str| {
        let core = part.strip_suffix('s').unwrap_or(part);
        core.len() >= 2
            && core.starts_with(|c: char| c.is_ascii_uppercase())
            && core
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let capitalised = |part: &str| part.starts_with(|c: char| c.is_uppercase());
    parts.iter().any(|p| acronym(p)) && parts.iter().all(|p| acronym(p) || capitalised(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_in_brackets_are_proposers_and_headings_are_not() {
        assert_eq!(proposers("[EU: Parties shall] report."), ["EU"]);
        assert_eq!(
            proposers("[G77/China: Developed countries shall]"),
            ["G77/China"]
        );
        assert_eq!(proposers("[AOSIS, LDCs: 1.5 °C]"), ["AOSIS", "LDCs"]);
        for heading in [
            "[Option 1: Parties shall]",
            "[Placeholder: text]",
            "[Article X: Entry into force]",
            "[Climate forcers: …]",
            "[Developed country Parties shall: …]",
        ] {
            assert!(proposers(heading).is_empty(), "{heading}");
        }
    }

    #[test]
    fn explicit_proposals_and_sponsors() {
        assert_eq!(
            proposers("Proposed by Saudi Arabia and Egypt: delete the paragraph"),
            ["Saudi Arabia", "Egypt"]
        );
        assert_eq!(
            proposers("shall apply (Alt. proposed by Norway)"),
            ["Norway"]
        );
        assert!(proposers("an adjustment proposed by a Party [to enhance]").is_empty());
        assert_eq!(
            sponsors("Australia and Belize: draft decision"),
            ["Australia", "Belize"]
        );
        assert_eq!(sponsors("Singapore: draft resolution"), ["Singapore"]);
    }
}
