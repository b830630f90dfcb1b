//! Golden tests on real UN documents: each is cut as its reference says
//! (`tests/fixtures/real/*/<stem>.labels.tsv`, with the deliberate
//! deviations of `tests/fixtures/real/deviations.tsv`), see `tests/real/mod.rs`.

mod real;

use real::{DOCUMENTS, agreement, expected, parse, reference};

/// Prints how every document agrees with its reference (run with
/// `--nocapture`; `NEGOTEXT_DIFF=<stem>` prints that document's differences).
#[test]
fn agreement_report() {
    let wanted = std::env::var("NEGOTEXT_DIFF").unwrap_or_default();
    for (dir, stem) in DOCUMENTS {
        let parsed = parse(dir, stem);
        let a = agreement(&parsed.chunks, &expected(dir, stem));
        let raw = agreement(&parsed.chunks, &reference(dir, stem));
        println!(
            "{stem:<44} ref {:>5} ours {:>5} labels {:>6.1}% texts {:>6.1}% (without deviations: {:>5.1}% {:>5.1}%)",
            a.reference,
            a.ours,
            100.0 * a.label_ratio(),
            100.0 * a.text_ratio(),
            100.0 * raw.label_ratio(),
            100.0 * raw.text_ratio()
        );
        if !wanted.is_empty() && stem.contains(&wanted) {
            for d in &a.differences {
                println!("  {d}");
            }
        }
    }
}

/// What each document must reach today, in labels and texts agreeing in
/// order (a fraction of the reference's chunks). A document below its
/// floor fails; the targets are 1.0 (0.95 for the Geneva text
/// and the PrepCom report), and the floors rise as the grammars grow.
const FLOORS: [(&str, f64, f64); 11] = [
    ("2023-08-01-A-RES-77-321", 1.0, 1.0),
    ("2024-04-24-A-RES-78-272", 1.0, 1.0),
    ("2024-08-13-decision-78-560", 1.0, 1.0),
    ("2023-06-19-bbnj-agreement-en", 1.0, 0.98),
    ("2023-06-19-bbnj-agreement-fr", 0.995, 0.99),
    ("2026-04-02-bbnj-prepcom3-report-advance", 0.96, 0.94),
    ("2025-10-13-A-C.1-80-L.20", 1.0, 1.0),
    ("2025-12-05-A-RES-80-16", 1.0, 1.0),
    ("2015-10-23-paris-draft-agreement", 1.0, 1.0),
    ("2015-12-04-paris-draft-agreement", 1.0, 1.0),
    ("2015-02-12-geneva-negotiating-text", 0.949, 0.926),
];

#[test]
fn every_document_reaches_its_floor() {
    let mut below = Vec::new();
    for ((dir, stem), (floor_stem, labels, texts)) in DOCUMENTS.iter().zip(FLOORS) {
        assert_eq!(*stem, floor_stem);
        let a = agreement(&parse(dir, stem).chunks, &expected(dir, stem));
        if a.label_ratio() < labels || a.text_ratio() < texts {
            below.push(format!(
                "{stem}: labels {:.3} (floor {labels}), texts {:.3} (floor {texts})",
                a.label_ratio(),
                a.text_ratio()
            ));
        }
    }
    assert!(below.is_empty(), "below the floor:\n{}", below.join("\n"));
}

/// Where the extractor scrambled a document, the differences are exactly
/// the ones `extractor-damage.tsv` lists with what the extractor did.
#[test]
fn treaties_differ_from_their_references_only_where_the_extractor_scrambled_them() {
    let damage = real::extractor_damage();
    let stems: std::collections::BTreeSet<&str> = damage.iter().map(|d| d.stem.as_str()).collect();
    assert!(!stems.is_empty());
    for (dir, stem) in DOCUMENTS.iter().filter(|(_, s)| stems.contains(s)) {
        let a = agreement(&parse(dir, stem).chunks, &expected(dir, stem));
        let found: std::collections::BTreeSet<String> = a.differing().into_iter().collect();
        let listed: std::collections::BTreeSet<String> = damage
            .iter()
            .filter(|d| d.stem == *stem)
            .map(|d| d.difference.clone())
            .collect();
        assert_eq!(
            found,
            listed,
            "{stem}: the differences are not the listed extractor damage:\n{}",
            a.differences.join("\n")
        );
    }
}

#[test]
fn resolutions_and_decisions_are_cut_exactly_as_their_references() {
    for (dir, stem) in [
        ("dev", "2023-08-01-A-RES-77-321"),
        ("dev", "2024-04-24-A-RES-78-272"),
        ("dev", "2024-08-13-decision-78-560"),
        ("dev2", "2025-10-13-A-C.1-80-L.20"),
        ("dev2", "2025-12-05-A-RES-80-16"),
    ] {
        let a = agreement(&parse(dir, stem).chunks, &expected(dir, stem));
        assert!(a.exact(), "{stem}:\n{}", a.differences.join("\n"));
    }
}
