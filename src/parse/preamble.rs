//! How a preambular paragraph opens: the participle or adjective a drafter
//! puts first (*Recalling*, *Noting with concern*, *Mindful*, *Rappelant*,
//! *Conscientes*), and the formulas around a preamble (*The General
//! Assembly,*, *Have agreed as follows:*). The lists are data: a word
//! missing here only makes two preambular paragraphs one.

use std::sync::LazyLock;

use regex::Regex;

use super::regex;

/// First words of preambular paragraphs that are not participles.
const OPENERS: &[&str] = &[
    // English adjectives and phrases.
    "Alarmed",
    "Aware",
    "Bearing",
    "Cognizant",
    "Committed",
    "Concerned",
    "Conscious",
    "Convinced",
    "Deeply",
    "Desirous",
    "Determined",
    "Encouraged",
    "Fully",
    "Gravely",
    "Guided",
    "Keeping",
    "Mindful",
    "Persuaded",
    "Pursuant",
    "Resolved",
    "Seized",
    "Sharing",
    // French adjectives (participles end in -ant and are found by rule).
    "Attachées",
    "Attachés",
    "Conscientes",
    "Conscients",
    "Consciente",
    "Convaincues",
    "Convaincus",
    "Déterminées",
    "Déterminés",
    "Désireuses",
    "Désireux",
    "Profondément",
    "Préoccupées",
    "Préoccupés",
    "Respectueuses",
    "Respectueux",
    "Résolues",
    "Résolus",
    "Soucieuses",
    "Soucieux",
    "Vivement",
    // Spanish participles and adjectives.
    "Recordando",
    "Observando",
    "Reconociendo",
    "Reafirmando",
    "Conscientes",
    "Decididos",
    "Deseosos",
];

/// Capitalised words ending like a participle that never open a paragraph.
const NOT_OPENERS: &[&str] = &[
    "Beijing",
    "Sterling",
    "Reading",
    "During",
    "Notwithstanding",
];

/// The formula that opens the preamble of a resolution, decision or treaty:
/// "The General Assembly,", "The Parties to this Agreement,", "Les Parties
/// au présent Accord,". What follows its comma on the same line, if
/// anything, is the start of a paragraph.
static OPENING_FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|Conference of the Parties|Meeting of the Parties|Parties to this (?:Agreement|Convention|Protocol)|States Parties to this (?:Agreement|Convention|Protocol)|Contracting Parties)|L[’']Assemblée générale|Le Conseil de sécurité|Les (?:États )?Parties (?:au présent|à la présente) (?:Accord|Convention|Protocole)|La Asamblea General)\s*,",
    )
});

/// The formula that closes a treaty's preamble.
static CLOSING_FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:Have agreed as follows|Sont convenu(?:e)?s de ce qui suit|Han convenido en lo siguiente)\s*:$",
    )
});

/// The opening formula of a line, and the rest of the line after it.
pub fn opening_formula(line: &str) -> Option<&str> {
    let found = OPENING_FORMULA.find(line)?;
    line.get(found.end()..).map(str::trim)
}

/// Whether a line is the formula that closes a treaty's preamble.
pub fn is_closing_formula(line: &str) -> bool {
    CLOSING_FORMULA.is_match(line)
}

/// Whether a line starts the way a preambular paragraph does.
pub fn opens_paragraph(line: &str) -> bool {
    let first: &str = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("");
    if !first.starts_with(char::is_uppercase) || NOT_OPENERS.contains(&first) {
        return false;
    }
    let participle = first.chars().count() > 4
        && (first.ends_with("ing") || first.ends_with("ant"))
        && first.chars().skip(1).all(char::is_lowercase);
    participle || OPENERS.contains(&first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openers() {
        for line in [
            "Recalling its resolution 72/249",
            "Noting, in particular, that",
            "Having considered the report",
            "Mindful of the obligation",
            "Rappelant les dispositions",
            "Conscientes de la nécessité",
            "Committed to achieving sustainable development,",
        ] {
            assert!(opens_paragraph(line), "{line}");
        }
        for line in [
            "Law of the Sea 1 on the",
            "Beijing Declaration",
            "Agreement and to prepare",
            "CONSERVATION AND",
            "During the period",
        ] {
            assert!(!opens_paragraph(line), "{line}");
        }
    }

    #[test]
    fn formulas() {
        assert_eq!(opening_formula("The General Assembly,"), Some(""));
        assert_eq!(
            opening_formula("The General Assembly, recalling its resolution"),
            Some("recalling its resolution")
        );
        assert_eq!(opening_formula("Les Parties au présent Accord,"), Some(""));
        assert_eq!(opening_formula("The General Assembly decided"), None);
        assert!(is_closing_formula("Have agreed as follows:"));
        assert!(is_closing_formula("Sont convenues de ce qui suit :"));
    }
}
