//! `negotext origin`: where agreed language comes from — the first
//! document that holds a phrase, every later one, the drafts that dropped
//! it — on the shipped drafts and on two real General Assembly resolutions.

mod common;

use serde::Deserialize;

/// An `appearance` line's `data` (the contract of the README): every
/// field must be there, and no other.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
#[serde(deny_unknown_fields)]
struct Appearance {
    first: bool,
    #[serde(flatten)]
    document: common::DocumentFields,
    chunks: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Dropped {
    report: String,
    draft: String,
    after: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OriginLine {
    query: String,
    documents: usize,
    chunks: usize,
    cut: bool,
}

/// The lines of `origin --json`, read back by type.
fn origin_json(
    args: &[&str],
    run: impl Fn(&[&str]) -> std::process::Output,
) -> (Vec<Appearance>, Vec<Dropped>, OriginLine) {
    let mut all = args.to_vec();
    all.push("--json");
    let output = run(&all);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let (mut appearances, mut dropped, mut end) = (Vec::new(), Vec::new(), None);
    for line in common::json_lines(&output) {
        let data = line["data"].clone();
        match line["type"].as_str() {
            Some("appearance") => appearances.push(serde_json::from_value(data).unwrap()),
            Some("dropped") => dropped.push(serde_json::from_value(data).unwrap()),
            Some("origin") => end = Some(serde_json::from_value(data).unwrap()),
            other => panic!("unexpected line type {other:?}"),
        }
    }
    (appearances, dropped, end.expect("an origin line"))
}

fn keys(appearance: &Appearance) -> Vec<&str> {
    appearance
        .chunks
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect()
}

#[test]
fn inter_governmental_points_of_contact_starts_at_rev1() {
    let phrase = "\"inter-governmental points of contact\"";
    let (appearances, dropped, end) =
        origin_json(&[phrase], |args| common::on_shared_index("origin", args));
    let drafts: Vec<&str> = appearances
        .iter()
        .map(|a| a.document.draft_key.as_str())
        .collect();
    // The Zero Draft had "global points of contact directory": nothing
    // earlier than Rev.1.
    assert_eq!(drafts, ["apr1/rev1", "apr1/crp1"]);
    assert!(appearances[0].first && !appearances[1].first);
    assert_eq!(appearances[0].document.date.as_deref(), Some("2022-07-20"));
    assert_eq!(keys(&appearances[0]), ["rev1 10(a)", "rev1 next-steps-E.2"]);
    assert_eq!(keys(&appearances[1]), ["crp1 16(a)", "crp1 next-steps-E.2"]);
    assert!(dropped.is_empty());
    assert_eq!((end.documents, end.chunks, end.cut), (2, 4, false));
    assert_eq!(end.query, phrase);

    let human = common::stdout(&common::on_shared_index("origin", &[phrase]));
    assert!(
        human.starts_with(
            "first in apr1/rev1 · 20 July 2022\n  rev1 10(a)\n    \
             Draft first annual progress report, Rev.1 (20 July 2022), para. 10(a)\n"
        ),
        "{human}"
    );
    assert!(human.contains("then in A/AC.292/2022/CRP.1 · 28 July 2022\n"));
}

#[test]
fn a_phrase_dropped_from_a_draft_is_said_so() {
    let (appearances, dropped, _) = origin_json(&["hotlines"], |args| {
        common::on_shared_index("origin", args)
    });
    let drafts: Vec<&str> = appearances
        .iter()
        .map(|a| a.document.draft_key.as_str())
        .collect();
    assert_eq!(drafts, ["apr1/zero-draft", "apr1/rev1"]);
    assert_eq!(
        dropped,
        [Dropped {
            report: "apr1".to_string(),
            draft: "crp1".to_string(),
            after: "rev1".to_string(),
        }]
    );
}

#[test]
fn a_phrase_found_nowhere_exits_1() {
    let output = common::on_shared_index("origin", &["\"no such words anywhere\""]);
    assert_eq!(output.status.code(), Some(1));
    assert!(common::stdout(&output).contains("0 chunks in 0 documents"));
}

#[test]
fn a_resolution_phrase_starts_at_the_earlier_resolution() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/dev");
    // The later resolution first in the file order: time decides, not names.
    for (from, to) in [
        ("2024-04-24-A-RES-78-272.pdftotext.txt", "a-later.txt"),
        ("2023-08-01-A-RES-77-321.pdftotext.txt", "b-earlier.txt"),
    ] {
        std::fs::copy(real.join(from), corpus.join(to)).unwrap();
    }
    let index = tmp.path().join("index");
    let phrase = "\"conservation and sustainable use of marine biological diversity of areas beyond national jurisdiction\"";
    let (appearances, _, _) = origin_json(&[phrase], |args| {
        common::run(&[&["origin"], args].concat(), &corpus, &index)
    });
    let symbols: Vec<Option<&str>> = appearances
        .iter()
        .map(|a| a.document.symbol.as_deref())
        .collect();
    assert_eq!(symbols, [Some("A/RES/77/321"), Some("A/RES/78/272")]);
    assert!(appearances[0].document.date < appearances[1].document.date);
    assert!(!appearances[0].chunks.is_empty());
}
