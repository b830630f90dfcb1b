//! Golden tests: how every file of the shipped corpus is cut.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use negotext::model::{Chunk, ChunkKind, Draft, Pillar};

fn labels(chunks: &[Chunk], doc_suffix: &str) -> Vec<String> {
    chunks
        .iter()
        .filter(|c| c.doc.ends_with(doc_suffix))
        .map(|c| c.label.clone())
        .collect()
}

/// INVENTORY.md Appendix A, transcribed in tests/reference/appendix-a.txt:
/// every chunk of every file, with its label and source lines, in order.
#[test]
fn every_file_is_cut_as_the_inventory_maps_it() {
    let reference = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/appendix-a.txt"),
    )
    .unwrap();
    let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in reference
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut parts = line.split(' ');
        let (file, label, lines) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        expected
            .entry(file.to_string())
            .or_default()
            .push(format!("{label}@{lines}"));
    }
    assert_eq!(expected.values().map(Vec::len).sum::<usize>(), 299);
    for parsed in parse_all() {
        let actual: Vec<String> = parsed
            .chunks
            .iter()
            .map(|c| format!("{}@{}-{}", c.label, c.lines.start, c.lines.end))
            .collect();
        assert_eq!(
            actual, expected[&parsed.file],
            "segmentation of {}",
            parsed.file
        );
    }
}

/// The snapshot of each file: every chunk's label, kind, section and pillar.
/// Regenerate with `NEGOTEXT_BLESS=1 cargo test --test parse_corpus` and
/// review the diff.
#[test]
fn labels_sections_and_pillars_match_the_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/parse");
    for parsed in parse_all() {
        let mut rendered = String::new();
        for doc in &parsed.documents {
            rendered.push_str(&format!(
                "# {} {} draft={} report={} date={} symbol={}\n",
                doc.id,
                doc.kind,
                doc.draft,
                doc.report_or_none(),
                doc.date.map(|d| d.iso()).unwrap_or_default(),
                doc.symbol.as_deref().unwrap_or("-"),
            ));
            for chunk in parsed.chunks.iter().filter(|c| c.doc == doc.id) {
                let section = chunk
                    .section
                    .as_ref()
                    .map_or("-".to_string(), |s| s.number.clone());
                rendered.push_str(&format!(
                    "{:<24} {:<10} {:<4} {:<22} {}\n",
                    chunk.label, chunk.kind, section, chunk.pillar, chunk.lines
                ));
            }
        }
        let path = dir.join(format!("{}.txt", negotext::corpus::stem(&parsed.file)));
        if std::env::var_os("NEGOTEXT_BLESS").is_some() {
            std::fs::write(&path, &rendered).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "missing snapshot {}: run with NEGOTEXT_BLESS=1",
                path.display()
            )
        });
        assert_eq!(rendered, expected, "snapshot of {}", parsed.file);
    }
}

#[test]
fn crp1_has_the_paragraphs_sub_items_and_next_steps_of_the_adopted_text() {
    let parsed = parse_shipped(CRP1);
    let labels = labels(&parsed.chunks, "/draft");
    let expected = "1 2 3 4 5 6 7 8 9 10 11 12 13 next-steps-B.1 next-steps-B.2 \
        14 14(a) 14(b) 14(c) 14(c)(i) 14(c)(ii) 14(d) 14(e) next-steps-C.1 next-steps-C.2 next-steps-C.3 \
        15 15(a) 15(b) 15(b)(i) 15(b)(ii) 15(c) 15(d) next-steps-D.1 next-steps-D.2 next-steps-D.3 \
        16 16(a) 16(b) 16(c) 16(d) 16(e) \
        next-steps-E.1 next-steps-E.2 next-steps-E.3 next-steps-E.4 next-steps-E.5 \
        17 17(a) 17(b) 17(c) 17(d) 17(e) 17(f) 17(g) 17(h) \
        next-steps-F.1 next-steps-F.2 next-steps-F.3 next-steps-F.4 \
        18 18(a) 18(b) next-steps-G.1 next-steps-G.2 next-steps-G.3";
    let expected: Vec<&str> = expected.split_whitespace().collect();
    assert_eq!(labels, expected);
}

/// INVENTORY.md §7: numbered paragraphs, lettered and roman sub-items, and
/// next steps per section, for every draft.
#[test]
fn paragraph_counts_of_every_draft_hold() {
    struct Counts {
        numbered: usize,
        lettered: usize,
        roman: usize,
        struck: usize,
        next_steps: &'static str,
    }
    let expected = [
        (
            ZERO_DRAFT,
            Counts {
                numbered: 8,
                lettered: 23,
                roman: 10,
                struck: 0,
                next_steps: "B3 C3 D4 E7 F7 G2",
            },
        ),
        (
            REV1,
            Counts {
                numbered: 12,
                lettered: 26,
                roman: 10,
                struck: 4,
                next_steps: "B3 C3 D4 E7 F8 G3",
            },
        ),
        (
            CRP1,
            Counts {
                numbered: 18,
                lettered: 24,
                roman: 4,
                struck: 0,
                next_steps: "B2 C3 D3 E5 F4 G3",
            },
        ),
        (
            THIRD_REPORT,
            Counts {
                numbered: 20,
                lettered: 0,
                roman: 0,
                struck: 0,
                next_steps: "",
            },
        ),
    ];
    let numbered = regex::Regex::new(r"^\d+$").unwrap();
    let lettered = regex::Regex::new(r"^\d+\([a-z]\)$").unwrap();
    let roman = regex::Regex::new(r"^\d+\([a-z]\)\([ivx]+\)$").unwrap();
    for (file, counts) in expected {
        let parsed = parse_shipped(file);
        let chunks: Vec<&Chunk> = parsed
            .chunks
            .iter()
            .filter(|c| c.doc.ends_with("/draft"))
            .collect();
        let count = |re: &regex::Regex| chunks.iter().filter(|c| re.is_match(&c.label)).count();
        assert_eq!(count(&numbered), counts.numbered, "{file} numbered");
        assert_eq!(count(&lettered), counts.lettered, "{file} lettered");
        assert_eq!(count(&roman), counts.roman, "{file} roman");
        assert_eq!(
            chunks.iter().filter(|c| c.is_struck()).count(),
            counts.struck,
            "{file} struck"
        );
        let mut per_section: BTreeMap<String, usize> = BTreeMap::new();
        for c in chunks
            .iter()
            .filter(|c| c.kind == ChunkKind::NextStep && !c.is_struck())
        {
            *per_section
                .entry(c.section.as_ref().unwrap().number.clone())
                .or_default() += 1;
        }
        let rendered: Vec<String> = per_section.iter().map(|(s, n)| format!("{s}{n}")).collect();
        assert_eq!(rendered.join(" "), counts.next_steps, "{file} next steps");
    }
}

#[test]
fn sections_map_to_pillars_and_next_steps_inherit_them() {
    let parsed = parse_shipped(CRP1);
    let pillar_of = |label: &str| {
        parsed
            .chunks
            .iter()
            .find(|c| c.label == label)
            .unwrap()
            .pillar
    };
    assert_eq!(pillar_of("7"), Pillar::General);
    assert_eq!(pillar_of("8"), Pillar::Threats);
    assert_eq!(pillar_of("14(c)"), Pillar::Norms);
    assert_eq!(pillar_of("15(b)(ii)"), Pillar::InternationalLaw);
    assert_eq!(pillar_of("16(a)"), Pillar::Cbm);
    assert_eq!(pillar_of("next-steps-E.2"), Pillar::Cbm);
    assert_eq!(pillar_of("next-steps-F.4"), Pillar::CapacityBuilding);
    assert_eq!(pillar_of("18(b)"), Pillar::InstitutionalDialogue);
    assert_eq!(pillar_of("letter.4"), Pillar::General);
    // The 2024 draft's A–F sub-headings are organisational, not pillars.
    let third = parse_shipped(THIRD_REPORT);
    assert!(third.chunks.iter().all(|c| c.pillar == Pillar::General));
    let seven = third.chunks.iter().find(|c| c.label == "7").unwrap();
    assert_eq!(seven.section.as_ref().unwrap().number, "II.D");
    assert_eq!(
        seven.section.as_ref().unwrap().heading,
        "Organization of work"
    );
}

#[test]
fn documents_and_their_metadata_are_detected() {
    let expect = |file: &str,
                  id: &str,
                  draft: Draft,
                  report: Option<&str>,
                  date: &str,
                  symbol: Option<&str>| {
        let parsed = parse_shipped(file);
        let doc = parsed
            .documents
            .iter()
            .find(|d| d.id == id)
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(doc.draft, draft, "{id}");
        assert_eq!(doc.report.as_deref(), report, "{id}");
        assert_eq!(doc.date.unwrap().iso(), date, "{id}");
        assert_eq!(doc.symbol.as_deref(), symbol, "{id}");
    };
    expect(
        ZERO_DRAFT,
        "2022-06-22-zero-draft/letter",
        Draft::ZeroDraft,
        Some("apr1"),
        "2022-06-22",
        None,
    );
    expect(
        ZERO_DRAFT,
        "2022-06-22-zero-draft/draft",
        Draft::ZeroDraft,
        Some("apr1"),
        "2022-06-22",
        None,
    );
    expect(
        ZERO_DRAFT,
        "2022-06-22-zero-draft/programme-of-work",
        Draft::ZeroDraft,
        Some("apr1"),
        "2022-06-22",
        Some("A/AC.292/2022/2"),
    );
    expect(
        REV1,
        "2022-07-20-rev1/draft",
        Draft::Rev(1),
        Some("apr1"),
        "2022-07-20",
        None,
    );
    expect(
        CRP1,
        "2022-07-28-crp1/draft",
        Draft::Crp(1),
        Some("apr1"),
        "2022-07-28",
        Some("A/AC.292/2022/CRP.1"),
    );
    expect(
        MARCH_LETTER,
        "2022-03-24-capacity-building-meeting/letter",
        Draft::None,
        None,
        "2022-03-24",
        None,
    );
    expect(
        THIRD_REPORT,
        "2024-06-21-third-progress-report-draft/draft",
        Draft::L(1),
        Some("apr3"),
        "2024-06-21",
        Some("A/AC.292/2024/L.1"),
    );
    let kinds: Vec<String> = parse_shipped(ZERO_DRAFT)
        .documents
        .iter()
        .map(|d| d.kind.to_string())
        .collect();
    assert_eq!(
        kinds,
        [
            "letter",
            "draft-report",
            "programme-of-work",
            "guiding-questions",
            "invitation"
        ]
    );
    let kinds: Vec<String> = parse_shipped(MARCH_LETTER)
        .documents
        .iter()
        .map(|d| d.kind.to_string())
        .collect();
    assert_eq!(kinds, ["letter", "annex"]);
}

#[test]
fn citations_read_as_a_delegate_writes_them() {
    let crp1 = parse_shipped(CRP1);
    let cite = |parsed: &negotext::parse::ParsedFile, label: &str| {
        parsed
            .chunks
            .iter()
            .find(|c| c.label == label)
            .unwrap()
            .citation
            .clone()
    };
    assert_eq!(cite(&crp1, "16(a)"), "A/AC.292/2022/CRP.1, para. 16(a)");
    let rev1 = parse_shipped(REV1);
    // Citations stand alone in a memo: a draft without a symbol says what
    // it is a draft of, a paper that came with it which draft.
    assert_eq!(
        cite(&rev1, "next-steps-E.2"),
        "Draft first annual progress report, Rev.1 (20 July 2022), section E, recommended next step 2"
    );
    assert_eq!(
        cite(&rev1, "7(b)(vi)-deleted"),
        "Draft first annual progress report, Rev.1 (20 July 2022), para. 7(b)(vi) (struck out)"
    );
    assert_eq!(
        cite(&rev1, "letter.3"),
        "Letter of 20 July 2022 accompanying the Rev.1 of the first annual progress report, para. 3"
    );
    let zd = parse_shipped(ZERO_DRAFT);
    assert_eq!(
        cite(&zd, "6(a)"),
        "Draft first annual progress report, Zero Draft (22 June 2022), para. 6(a)"
    );
    assert_eq!(
        cite(&zd, "gq.2.2"),
        "Guiding questions accompanying the Zero Draft of the first annual progress report \
         (22 June 2022), topic 2, question 2"
    );
    assert_eq!(
        cite(&parse_shipped(MARCH_LETTER), "letter.q2"),
        "Letter of 24 March 2022, question 2"
    );
    assert_eq!(cite(&zd, "pow.wed"), "A/AC.292/2022/2, Wednesday");
}

/// The indexer groups a report's files by `report_of` before parsing them:
/// it must name the report the parse gives, file by file, on the shipped
/// corpus and on text that names no report.
#[test]
fn report_of_names_the_report_the_parse_gives() {
    let corpus = negotext::corpus::Corpus::open(&corpus_dir()).unwrap();
    let mut reports = 0;
    for file in &corpus.files {
        let bytes = std::fs::read(&file.path).unwrap();
        let decoded = negotext::corpus::decode(&bytes);
        let parsed = negotext::parse::parse_bytes(&file.name, &bytes, &corpus.manifest);
        let expected = parsed.documents.first().and_then(|d| d.report.clone());
        assert!(parsed.documents.iter().all(|d| d.report == expected));
        let found = negotext::parse::report_of(&file.name, &decoded, &corpus.manifest);
        assert_eq!(found, expected, "{}", file.name);
        reports += usize::from(found.is_some());
    }
    assert!(reports >= 3, "only {reports} files name a report");
    let text = negotext::corpus::decode(b"Nothing here names a report.\n");
    assert_eq!(
        negotext::parse::report_of("notes.txt", &text, &corpus.manifest),
        None
    );
}
