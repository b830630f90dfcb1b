//! `negotext search`, `show` and `stats` on the shipped corpus: the hits
//! the issue names, filters, facets, and bad queries.

mod common;

use std::collections::BTreeMap;

use common::{on_shared_index, search};
use regex::Regex;

const PHRASE: &str = "\"inter-governmental points of contact\"";

fn sorted(mut keys: Vec<String>) -> Vec<String> {
    keys.sort();
    keys
}

/// The highlighted parts of a hit's snippet.
fn highlighted(hit: &serde_json::Value) -> Vec<String> {
    let snippet = hit["snippet"].as_str().unwrap();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|range| {
            let start = range[0].as_u64().unwrap() as usize;
            let end = range[1].as_u64().unwrap() as usize;
            snippet[start..end].to_string()
        })
        .collect()
}

#[test]
fn the_phrase_is_found_in_exactly_four_paragraphs_and_highlighted() {
    let found = search(PHRASE, &[]);
    assert_eq!(found.code, 0);
    assert_eq!(
        sorted(found.keys()),
        [
            "crp1 16(a)",
            "crp1 next-steps-E.2",
            "rev1 10(a)",
            "rev1 next-steps-E.2"
        ]
    );
    let squash = Regex::new(r"[\s,]+").unwrap();
    for hit in &found.hits {
        let marked = highlighted(hit);
        assert_eq!(marked.len(), 1, "one highlighted phrase in {hit}");
        assert_eq!(
            squash.replace_all(&marked[0].to_lowercase(), " "),
            "inter-governmental points of contact",
            "{hit}"
        );
    }
    // Rev.1 10(a) writes it with commas.
    let rev1 = found
        .hits
        .iter()
        .find(|h| h["key"] == "rev1 10(a)")
        .unwrap();
    assert_eq!(highlighted(rev1), ["inter-governmental, points of contact"]);
}

#[test]
fn every_spelling_of_the_compound_finds_the_same_paragraphs() {
    let hyphenated = sorted(search(PHRASE, &[]).keys());
    for query in [
        "\"intergovernmental points of contact\"",
        "\"inter governmental points of contact\"",
        "\"Inter-Governmental Points of Contact\"",
    ] {
        assert_eq!(sorted(search(query, &[]).keys()), hyphenated, "{query}");
    }
}

#[test]
fn draft_filters_keep_their_drafts() {
    let crp1 = search(PHRASE, &["--draft", "crp1"]);
    assert_eq!(sorted(crp1.keys()), ["crp1 16(a)", "crp1 next-steps-E.2"]);
    for spelling in ["CRP.1", "apr1/crp1"] {
        assert_eq!(
            sorted(search(PHRASE, &["--draft", spelling]).keys()),
            sorted(crp1.keys())
        );
    }
    let none = search(PHRASE, &["--draft", "zero-draft"]);
    assert_eq!(none.code, 1);
    assert!(none.hits.is_empty());
    assert_eq!(none.summary["total_hits"], 0);
    // Repeated: any of them.
    let both = search(PHRASE, &["--draft", "zero-draft", "--draft", "rev1"]);
    assert_eq!(sorted(both.keys()), ["rev1 10(a)", "rev1 next-steps-E.2"]);
}

#[test]
fn deleted_words_are_searched_only_when_asked() {
    let deleted = search("deleted:\"Red Cross\"", &["--draft", "rev1"]);
    assert!(
        deleted.keys().contains(&"rev1 9(a)".to_string()),
        "{:?}",
        deleted.keys()
    );
    let hit = deleted
        .hits
        .iter()
        .find(|h| h["key"] == "rev1 9(a)")
        .unwrap();
    assert_eq!(hit["snippet_view"], "deleted");
    assert_eq!(highlighted(hit), ["Red Cross"]);
    let said = search("\"Red Cross\"", &[]);
    assert!(
        !said.keys().contains(&"rev1 9(a)".to_string()),
        "{:?}",
        said.keys()
    );
}

#[test]
fn inserted_words_are_searchable() {
    let inserted = search("inserted:\"inter-governmental\"", &[]);
    assert!(inserted.code == 0, "Rev.1 inserted 'inter-governmental'");
    for hit in &inserted.hits {
        assert_eq!(hit["draft"], "rev1", "only Rev.1 marks insertions: {hit}");
    }
}

#[test]
fn poc_finds_every_spelling_and_never_poa() {
    let found = search("PoC", &[]);
    let texts: Vec<&str> = found
        .hits
        .iter()
        .map(|h| h["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("PoCs")),
        "a paragraph writing PoCs"
    );
    assert!(
        texts.iter().any(|t| t.contains("POCs")),
        "a paragraph writing POCs"
    );
    let poc = Regex::new(r"(?i)\bpocs?\b|\bpoints? of contact\b").unwrap();
    for text in &texts {
        assert!(poc.is_match(text), "found without a PoC: {text}");
    }
    // Paragraphs that only say PoA are not found.
    let poa = search("PoA", &[]);
    assert!(!poa.hits.is_empty());
    for hit in &poa.hits {
        let text = hit["text"].as_str().unwrap();
        if !poc.is_match(text) {
            assert!(!found.hits.iter().any(|h| h["key"] == hit["key"]), "{text}");
        }
    }
}

#[test]
fn cbm_in_the_cbm_pillar_finds_cbms() {
    let found = search("CBM", &["--pillar", "cbm"]);
    assert!(
        found
            .hits
            .iter()
            .any(|h| h["text"].as_str().unwrap().contains("CBMs"))
    );
    for hit in &found.hits {
        assert_eq!(hit["pillar"], "cbm");
    }
    // The expansion finds the acronym, and back.
    let expansion = search("\"confidence-building measures\"", &["--pillar", "cbm"]);
    assert_eq!(sorted(expansion.keys()), sorted(found.keys()));
}

#[test]
fn exact_turns_stemming_and_expansion_off() {
    let stemmed = search("measure", &[]);
    let exact = search("measure", &["--exact"]);
    assert!(exact.hits.len() < stemmed.hits.len());
    let measure = Regex::new(r"(?i)\bmeasure\b").unwrap();
    for hit in &exact.hits {
        assert!(measure.is_match(hit["text"].as_str().unwrap()));
    }
    let acronym = search("CBM", &["--exact"]);
    for hit in &acronym.hits {
        assert!(
            hit["text"].as_str().unwrap().to_lowercase().contains("cbm"),
            "{hit}"
        );
    }
}

#[test]
fn facets_count_the_whole_result_set() {
    for (query, args) in [
        ("States", vec![]),
        ("PoC OR CBM", vec![]),
        ("capacity", vec!["--draft", "crp1", "--draft", "rev1"]),
    ] {
        let all = search(query, &args);
        assert!(all.hits.len() > 3, "{query}: enough hits to page");
        let mut pillar: BTreeMap<String, u64> = BTreeMap::new();
        let mut draft: BTreeMap<String, u64> = BTreeMap::new();
        let mut doc_kind: BTreeMap<String, u64> = BTreeMap::new();
        let mut symbol: BTreeMap<String, u64> = BTreeMap::new();
        for hit in &all.hits {
            *pillar
                .entry(hit["pillar"].as_str().unwrap().to_string())
                .or_default() += 1;
            let key = hit["draft_key"].as_str().unwrap();
            if let Some(report) = hit["report"].as_str() {
                assert_eq!(key, format!("{report}/{}", hit["draft"].as_str().unwrap()));
            }
            *draft.entry(key.to_string()).or_default() += 1;
            *doc_kind
                .entry(hit["doc_kind"].as_str().unwrap().to_string())
                .or_default() += 1;
            if let Some(s) = hit["symbol"].as_str() {
                *symbol.entry(s.to_string()).or_default() += 1;
            }
        }
        let facet = |summary: &serde_json::Value, name: &str| -> BTreeMap<String, u64> {
            summary["facets"][name]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
                .collect()
        };
        assert_eq!(all.summary["total_hits"], all.hits.len());
        assert_eq!(facet(&all.summary, "pillar"), pillar, "{query}");
        assert_eq!(facet(&all.summary, "draft"), draft, "{query}");
        assert_eq!(facet(&all.summary, "doc_kind"), doc_kind, "{query}");
        assert_eq!(facet(&all.summary, "symbol"), symbol, "{query}");
        // A page of 3 counts the same.
        let mut paged_args = args.clone();
        paged_args.extend(["--limit", "3"]);
        let output = on_shared_index("search", &[&[query, "--json"], &paged_args[..]].concat());
        let lines = common::json_lines(&output);
        assert_eq!(lines.len(), 4, "3 hits and a summary");
        let summary = &lines[3]["data"];
        assert_eq!(summary["total_hits"], all.hits.len());
        assert_eq!(facet(summary, "pillar"), pillar);
        assert_eq!(facet(summary, "draft"), draft);
        assert_eq!(facet(summary, "doc_kind"), doc_kind);
        assert_eq!(facet(summary, "symbol"), symbol);
    }
}

#[test]
fn pages_follow_each_other() {
    let all = search("States", &[]).keys();
    let page = |offset: &str| {
        let output = on_shared_index(
            "search",
            &["States", "--json", "--limit", "5", "--offset", offset],
        );
        common::json_lines(&output)
            .iter()
            .filter(|l| l["type"] == "hit")
            .map(|l| l["data"]["key"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!([page("0"), page("5")].concat(), all[..10]);
}

#[test]
fn query_syntax_or_exclusion_groups_and_slop() {
    let poc = search("PoC", &[]).hits.len();
    let cbm = search("CBM", &[]).hits.len();
    let either = search("PoC OR CBM", &[]).hits.len();
    assert!(either >= poc.max(cbm) && either <= poc + cbm);
    let without = search("PoC -directory", &[]);
    for hit in &without.hits {
        assert!(!hit["text"].as_str().unwrap().contains("directory"));
    }
    assert!(without.hits.len() < poc);
    assert_eq!(
        sorted(search("(PoC OR CBM) directory", &[]).keys()),
        sorted(search("directory (CBM OR PoC)", &[]).keys())
    );
    // Two words apart: found with slop, not without.
    assert!(search("\"points contact\"", &[]).hits.is_empty());
    assert!(!search("\"points contact\"~1", &[]).hits.is_empty());
}

#[test]
fn malformed_queries_and_unknown_names_exit_2_with_one_line() {
    for (args, says) in [
        (vec!["\"unclosed"], "missing closing '\"'"),
        (vec!["foo AND"], "AND"),
        (vec!["OR foo"], "OR"),
        (vec!["(foo"], "("),
        (vec!["foo)"], ")"),
        (vec!["section:foo"], "unknown field"),
        (vec!["measure*"], "wildcard"),
        (vec![""], "empty"),
        (vec!["PoC", "--draft", "rev9"], "unknown draft 'rev9'"),
        (vec!["PoC", "--draft", "apr9/rev1"], "unknown draft"),
        (
            vec!["PoC", "--pillar", "security"],
            "unknown pillar 'security'",
        ),
        (vec!["PoC", "--kind", "chapter"], "unknown kind"),
        (
            vec!["PoC", "--doc-kind", "chapter"],
            "unknown kind of document 'chapter'",
        ),
        (
            vec!["PoC", "--symbol", "A/RES/1/1"],
            "unknown symbol 'A/RES/1/1'",
        ),
        (vec!["PoC", "--doc", "nope"], "unknown document"),
        (vec!["..."], "nothing to search for"),
        (vec!["foo AND OR bar"], "AND"),
        (vec!["deleted:"], "deleted:"),
    ] {
        let output = on_shared_index("search", &args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("negotext: "), "{args:?}: {stderr}");
        assert!(
            stderr.contains(says),
            "{args:?} should say {says:?}: {stderr}"
        );
        assert!(output.stdout.is_empty());
    }
    // Valid values are listed.
    let output = on_shared_index("search", &["PoC", "--pillar", "security"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("capacity-building"));
    let output = on_shared_index("search", &["PoC", "--draft", "rev9"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("crp1"), "{stderr}");
    assert!(stderr.contains("Letter of 24 March 2022"), "{stderr}");
    assert!(!stderr.contains("none/none"), "{stderr}");
    let output = on_shared_index("search", &["PoC", "--doc-kind", "chapter"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("draft-report, programme-of-work"),
        "{stderr}"
    );
    let output = on_shared_index("search", &["PoC", "--symbol", "A/RES/1/1"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("A/AC.292/2022/CRP.1"), "{stderr}");
}

#[test]
fn human_output_shows_citation_place_snippet_and_facets() {
    let output = on_shared_index("search", &[PHRASE, "--draft", "crp1"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("crp1 16(a)  A/AC.292/2022/CRP.1, para. 16(a)"),
        "{text}"
    );
    assert!(text.contains("CRP.1 · 28 July 2022"), "{text}");
    // Piped: the matched words are marked (and may be wrapped).
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("**inter-governmental, points of contact**"),
        "{text}"
    );
    assert!(text.contains("2 hits"), "{text}");
    assert!(text.contains("by pillar  : cbm 2\n"), "{text}");
    assert!(text.contains("by draft   : apr1/crp1 2\n"), "{text}");
    assert!(text.contains("by doc kind: draft-report 2\n"), "{text}");
    assert!(
        text.contains("by symbol  : A/AC.292/2022/CRP.1 2\n"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when piped");

    let colored = on_shared_index("search", &[PHRASE, "--draft", "crp1", "--color", "always"]);
    let colored = String::from_utf8(colored.stdout).unwrap();
    // The phrase painted, on one line or across two.
    let painted = Regex::new(
        "\x1b\\[1;31minter-governmental, points of( |\x1b\\[0m\n  \x1b\\[1;31m)contact\x1b\\[0m",
    )
    .unwrap();
    assert!(painted.is_match(&colored), "{colored}");
    let never = on_shared_index("search", &[PHRASE, "--color", "never"]);
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\x1b'));
}

#[test]
fn show_prints_one_chunk_whole() {
    let output = on_shared_index("show", &["crp1", "16(a)"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("A/AC.292/2022/CRP.1, para. 16(a)\n"),
        "{text}"
    );
    assert!(text.contains("2022-07-28-crp1.txt L586-598"), "{text}");
    assert!(
        text.contains("inter-governmental, points of contact"),
        "{text}"
    );
    // Any case, one argument or two, `para.` allowed.
    for args in [vec!["CRP1 16(A)"], vec!["apr1/crp1", "para.", "16(a)"]] {
        let again = on_shared_index("show", &args);
        assert_eq!(String::from_utf8(again.stdout).unwrap(), text, "{args:?}");
    }
    // Footnotes come with the chunk.
    let output = on_shared_index("show", &["crp1", "2"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("[2] A/75/816."));
    let output = on_shared_index("show", &["crp1", "2", "--json"]);
    let lines = common::json_lines(&output);
    assert_eq!(lines.len(), 1);
    assert!(
        !lines[0]["data"]["chunk"]["footnotes"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    for args in [vec!["crp1", "99(z)"], vec!["rev9", "1"], vec!["crp1"]] {
        let output = on_shared_index("show", &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn every_hit_key_shows_its_chunk() {
    let found = search("States", &[]);
    for hit in found.hits.iter().take(25) {
        let key = hit["key"].as_str().unwrap();
        let output = on_shared_index("show", &[key, "--json"]);
        assert_eq!(output.status.code(), Some(0), "{key}");
        let shown = common::json_lines(&output);
        assert!(
            shown
                .iter()
                .any(|l| l["data"]["chunk"]["citation"] == hit["citation"]),
            "{key}"
        );
    }
}

#[test]
fn stats_count_chunks_per_draft_and_pillar() {
    let output = on_shared_index("stats", &["--json"]);
    assert_eq!(output.status.code(), Some(0));
    let stats = &common::json_lines(&output)[0]["data"];
    let parsed: usize = common::parse_all().iter().map(|f| f.chunks.len()).sum();
    assert_eq!(stats["chunks"], parsed);
    assert_eq!(stats["files"], 5);
    let drafts = stats["drafts"].as_array().unwrap();
    let crp1 = drafts.iter().find(|d| d["draft"] == "crp1").unwrap();
    let crp1_parsed = common::parse_shipped(common::CRP1).chunks.len();
    assert_eq!(crp1["chunks"], crp1_parsed);
    let per_pillar: u64 = crp1["pillars"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(per_pillar, crp1_parsed as u64);

    // The letter of no report is a row of its own, by its title.
    let letter = drafts
        .iter()
        .find(|d| d["key"] == "Letter of 24 March 2022")
        .unwrap();
    let letter_parsed = common::parse_shipped(common::MARCH_LETTER).chunks.len();
    assert_eq!(letter["chunks"], letter_parsed);
    assert_eq!(letter["documents"], 2);
    for (facet, expected) in [
        (
            "doc_kinds",
            vec![
                ("letter", 4),
                ("draft-report", 4),
                ("programme-of-work", 1),
                ("guiding-questions", 1),
                ("invitation", 1),
                ("annex", 1),
            ],
        ),
        (
            "symbols",
            vec![
                ("A/AC.292/2022/2", 1),
                ("A/AC.292/2022/CRP.1", 1),
                ("A/AC.292/2024/L.1", 1),
            ],
        ),
    ] {
        let rows = stats[facet].as_array().unwrap();
        let names: Vec<(&str, u64)> = rows
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap(),
                    r["documents"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(names, expected, "{facet}");
        let chunks: u64 = rows.iter().map(|r| r["chunks"].as_u64().unwrap()).sum();
        if facet == "doc_kinds" {
            assert_eq!(chunks, parsed as u64);
        }
    }
    let crp1_symbol = stats["symbols"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "A/AC.292/2022/CRP.1")
        .unwrap();
    let crp1_draft = common::parse_shipped(common::CRP1)
        .chunks
        .iter()
        .filter(|c| c.doc == "2022-07-28-crp1/draft")
        .count();
    assert_eq!(crp1_symbol["chunks"], crp1_draft);

    let output = on_shared_index("stats", &[]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("apr1/crp1"), "{text}");
    assert!(text.contains("international-law"), "{text}");
    assert!(
        text.contains("\nLetter of 24 March 2022  2022-03-24      17"),
        "{text}"
    );
    assert!(
        text.contains("\ndraft-report               4     238\n"),
        "{text}"
    );
    assert!(
        text.contains("\nA/AC.292/2022/CRP.1          1      66\n"),
        "{text}"
    );
    assert!(!text.contains("none"), "{text}");
}

#[test]
fn documents_of_no_report_are_filtered_by_the_name_they_are_shown_as() {
    let letter = search("capacity", &["--draft", "Letter of 24 March 2022"]);
    assert!(!letter.hits.is_empty());
    for hit in &letter.hits {
        assert_eq!(hit["file"], common::MARCH_LETTER, "{hit}");
    }
    // In any case, and as every spelling that selected it before.
    for args in [
        vec!["--draft", "letter of 24 MARCH 2022"],
        vec!["--draft", "none"],
        vec!["--draft", "none/none"],
        vec!["--doc", common::MARCH_LETTER],
    ] {
        assert_eq!(search("capacity", &args).keys(), letter.keys(), "{args:?}");
    }
    let summary = &letter.summary["facets"];
    assert_eq!(
        summary["draft"],
        serde_json::json!({"Letter of 24 March 2022": letter.hits.len()})
    );
    assert_eq!(summary["symbol"], serde_json::json!({}));
    // Filters of kind of document and symbol.
    let letters = search("capacity", &["--doc-kind", "letter"]);
    assert!(letters.hits.len() > letter.hits.len());
    for hit in &letters.hits {
        assert_eq!(hit["doc_kind"], "letter", "{hit}");
        assert_eq!(hit["kind"], "letter", "{hit}");
    }
    let crp1 = search("capacity", &["--symbol", "a/ac.292/2022/crp.1"]);
    assert!(!crp1.hits.is_empty());
    for hit in &crp1.hits {
        assert_eq!(hit["symbol"], "A/AC.292/2022/CRP.1", "{hit}");
        assert_eq!(hit["doc"], "2022-07-28-crp1/draft", "{hit}");
    }
    let either = search(
        "capacity",
        &[
            "--symbol",
            "A/AC.292/2022/CRP.1",
            "--symbol",
            "A/AC.292/2024/L.1",
            "--doc-kind",
            "draft report",
        ],
    );
    let l1 = search("capacity", &["--symbol", "A/AC.292/2024/L.1"]);
    assert_eq!(either.hits.len(), crp1.hits.len() + l1.hits.len());
    let none = search(
        "capacity",
        &["--symbol", "A/AC.292/2022/CRP.1", "--doc-kind", "letter"],
    );
    assert!(none.hits.is_empty());
    assert_eq!(none.code, 1);
}

#[test]
fn an_exclusion_removes_exactly_what_it_names() {
    use std::collections::BTreeSet;
    let keys = |query: &str| {
        search(query, &[])
            .keys()
            .into_iter()
            .collect::<BTreeSet<_>>()
    };
    for (base, excluded) in [
        ("States", "PoC"),
        ("States", "\"points of contact\""),
        ("capacity", "inter-governmental"),
        ("States", "(CBM OR CII)"),
        ("measures", "deleted:\"Red Cross\""),
    ] {
        let expected: BTreeSet<_> = keys(base).difference(&keys(excluded)).cloned().collect();
        assert_eq!(
            keys(&format!("{base} -{excluded}")),
            expected,
            "{base} -{excluded}"
        );
        assert_eq!(
            keys(&format!("{base} NOT {excluded}")),
            expected,
            "{base} NOT {excluded}"
        );
    }
    // Only excluding: everything else.
    let all = search("-PoC", &[]);
    let total = all.summary["total_hits"].as_u64().unwrap() as usize;
    assert_eq!(total + keys("PoC").len(), 299);
}

/// A phrase is searched through the word-pair field (`text_pairs`); it must
/// find exactly the chunks the positional phrase query on the text finds —
/// across acronym stacks, compounds, and punctuation — and so must an
/// excluded phrase.
#[test]
fn phrases_through_word_pairs_find_what_positions_find() {
    use negotext::analysis::{self, tokens};
    use negotext::history::lineage;
    use negotext::index::{ChunkIndex, View};
    use negotext::search::{self, Request, records_matching};
    use tantivy::Term;
    use tantivy::query::{PhraseQuery, Query};

    let index = ChunkIndex::open(&common::shared_index()).unwrap();
    let mut analyzer = analysis::analyzer(&index.state.lexicon);
    let field = index.fields.view(View::Text, false);
    let mut checked = 0;
    for phrase in [
        "points of contact",
        "inter-governmental points of contact",
        "confidence-building measures",
        "capacity building",
        "PoC directory",
        "contact at the",
        "States could",
        "the OEWG",
        "international law",
        "security of and in the use of ICTs",
        "CBMs",
        "no such phrase anywhere",
    ] {
        let words = tokens(&mut analyzer, phrase);
        let first = words[0].position;
        let terms: Vec<(usize, Term)> = words
            .iter()
            .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
            .collect();
        let positional: Box<dyn Query> = Box::new(PhraseQuery::new_with_offset(terms));
        let expected: Vec<String> = records_matching(&index, positional.as_ref())
            .unwrap()
            .iter()
            .map(lineage::chunk_id)
            .collect();
        let mut request = Request::new(format!("\"{phrase}\""));
        request.limit = 1000;
        let found = search::run(&index, &request).unwrap();
        let mut got: Vec<String> = found
            .hits
            .iter()
            .map(|h| lineage::chunk_id(&h.record))
            .collect();
        got.sort();
        let mut expected_sorted = expected.clone();
        expected_sorted.sort();
        assert_eq!(got, expected_sorted, "{phrase}");
        assert_eq!(found.total, expected.len(), "{phrase}");
        checked += usize::from(!expected.is_empty());
    }
    assert!(checked >= 10, "only {checked} phrases found anything");
}

/// A corpus of a report's draft and files of no report: the shipped March
/// letter and a copy of it (both shown by their title, `Letter of 24 March
/// 2022`, told apart by file name), a resolution in two files (shown by
/// its symbol, from the manifest, counted together) and notes (no title,
/// no symbol: shown by the file's name).
fn corpus_with_files_of_no_report(dir: &std::path::Path) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let shipped = common::corpus_dir();
    for name in ["glossary.toml", common::CRP1, common::MARCH_LETTER] {
        std::fs::copy(shipped.join(name), corpus.join(name)).unwrap();
    }
    let letter = std::fs::read_to_string(shipped.join(common::MARCH_LETTER)).unwrap();
    std::fs::write(
        corpus.join("letter-copy.txt"),
        letter.replacen("capacity-building", "capacity building", 1),
    )
    .unwrap();
    let mut manifest = std::fs::read_to_string(shipped.join("manifest.toml")).unwrap();
    for file in ["a-res-77-321.txt", "a-res-77-321-fr.txt"] {
        manifest.push_str(&format!(
            "\n[files.\"{file}\"]\nsymbol = \"A/RES/77/321\"\n"
        ));
    }
    std::fs::write(corpus.join("manifest.toml"), manifest).unwrap();
    std::fs::write(
        corpus.join("a-res-77-321.txt"),
        "Resolution adopted by the General Assembly\n\n\
         New York, 26 June – 7 July 2023\n\n\
         The General Assembly calls for international cooperation on the security of ICTs.\n\n\
         It requests the Secretary-General to report on that cooperation.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("a-res-77-321-fr.txt"),
        "Résolution adoptée par l'Assemblée générale\n\n\
         L'Assemblée générale appelle à la cooperation internationale.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("notes.txt"),
        "Some notes\n\nCooperation between regional organizations, in a few words.\n",
    )
    .unwrap();
    corpus
}

#[test]
fn files_of_no_report_are_shown_by_symbol_title_or_name_never_none_none() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus_with_files_of_no_report(tmp.path());
    let index = tmp.path().join("index");
    common::index(&corpus, &index);
    let run = |args: &[&str]| common::run(args, &corpus, &index);
    const LETTER: &str = "Letter of 24 March 2022 (2022-03-24-capacity-building-meeting)";
    const COPY: &str = "Letter of 24 March 2022 (letter-copy)";

    let stats = common::stdout(&run(&["stats"]));
    // A row of the tables: its name, then its columns.
    let row = |name: &str| -> Vec<&str> {
        stats
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix("  "))
            .unwrap_or_else(|| panic!("no row {name} in\n{stats}"))
            .split_whitespace()
            .take(2)
            .collect()
    };
    assert_eq!(row("apr1/crp1"), ["2022-07-28", "74"]);
    assert_eq!(row(LETTER), ["2022-03-24", "17"]);
    assert_eq!(row(COPY), ["2022-03-24", "17"]);
    assert_eq!(row("A/RES/77/321"), ["2023-06-26", "6"]);
    assert_eq!(row("notes"), ["2", "0"], "no date, 2 chunks, none softened");
    assert_eq!(row("other"), ["3", "8"]);
    assert!(
        stats.contains("\nA/RES/77/321                 2       6\n"),
        "the symbol's two files: {stats}"
    );
    assert!(!stats.contains("none"), "{stats}");

    let human = common::stdout(&run(&["search", "cooperation", "--limit", "0"]));
    // A count line goes on under its first item when it is too long.
    let human = regex::Regex::new(r" ·\n +")
        .unwrap()
        .replace_all(&human, " · ")
        .into_owned();
    assert!(!human.contains("none"), "{human}");
    assert!(
        human.contains(&format!(
            "{LETTER} 2 · {COPY} 2 · A/RES/77/321 3 · notes 1\n"
        )),
        "the documents of no report in the draft line: {human}"
    );
    assert!(human.contains("by doc kind: "), "{human}");

    let searched = |args: &[&str]| -> (Vec<String>, serde_json::Value) {
        let mut all = vec!["search", "cooperation", "--json", "--limit", "100"];
        all.extend_from_slice(args);
        let output = run(&all);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            common::stderr(&output)
        );
        let lines = common::json_lines(&output);
        let (summary, hits) = lines.split_last().unwrap();
        let files = hits
            .iter()
            .map(|hit| hit["data"]["file"].as_str().unwrap().to_string())
            .collect();
        (files, summary["data"]["facets"].clone())
    };
    let (files, facets) = searched(&[]);
    assert!(files.len() > 3);
    let drafts = facets["draft"].as_object().unwrap();
    assert_eq!(drafts["A/RES/77/321"], 3);
    assert_eq!(drafts["notes"], 1);
    assert_eq!(drafts[LETTER], 2);
    assert!(!drafts.contains_key("none/none"), "{drafts:?}");
    assert_eq!(facets["symbol"]["A/RES/77/321"], 3);
    // What the summary shows is what --draft takes; a name that files
    // share takes them all.
    for (value, expected) in [
        (
            "A/RES/77/321",
            &["a-res-77-321-fr.txt", "a-res-77-321.txt"][..],
        ),
        ("a/res/77/321", &["a-res-77-321-fr.txt", "a-res-77-321.txt"]),
        ("notes", &["notes.txt"]),
        (COPY, &["letter-copy.txt"]),
        (
            "letter of 24 march 2022",
            &[common::MARCH_LETTER, "letter-copy.txt"],
        ),
    ] {
        let (mut files, _) = searched(&["--draft", value]);
        files.sort();
        files.dedup();
        assert_eq!(files, expected, "{value}");
    }
    assert_eq!(
        searched(&["--symbol", "A/RES/77/321"]).0,
        searched(&["--draft", "A/RES/77/321"]).0
    );
    let output = run(&[
        "search",
        "cooperation",
        "--draft",
        "Letter of 25 March 2022",
    ]);
    let stderr = common::stderr(&output);
    assert!(
        stderr.contains(COPY) && !stderr.contains("none"),
        "{stderr}"
    );
    // Its hits name the entry they count under; show takes it too.
    let hits = common::json_lines(&run(&[
        "search",
        "cooperation",
        "--json",
        "--draft",
        "A/RES/77/321",
    ]));
    assert_eq!(hits[0]["data"]["draft_key"], "A/RES/77/321");
    // The resolution's range of days, in the hit and on its line.
    let dated = hits
        .iter()
        .find(|hit| hit["data"]["file"] == "a-res-77-321.txt")
        .unwrap();
    assert_eq!(dated["data"]["date"], "2023-06-26");
    assert_eq!(dated["data"]["date_end"], "2023-07-07");
    let human = common::stdout(&run(&["search", "requests", "--draft", "A/RES/77/321"]));
    assert!(human.contains("26 June – 7 July 2023"), "{human}");
    let key = hits[0]["data"]["key"].as_str().unwrap();
    assert_eq!(run(&["show", key]).status.code(), Some(0), "show {key}");
}

/// A phrase matched across a bracket marks each side alone: the sloppy
/// phrase `"contact points"~2` matches `contact (PoCs)`, the acronym
/// standing for "points of contact" (the stacking trade-off of
/// `src/analysis/mod.rs`), and the marks are `contact` and `PoCs`, never
/// `contact (PoCs` with half a bracket. Without the bracket the phrase is
/// still one mark.
#[test]
fn a_phrase_across_a_bracket_is_marked_word_by_word() {
    let found = search("\"contact points\"~2", &[]);
    assert_eq!(found.code, 0);
    let zero = found
        .hits
        .iter()
        .find(|h| h["key"] == "zero-draft 6(a)")
        .expect("zero-draft 6(a) is a hit");
    assert_eq!(highlighted(zero), ["contact", "PoCs"]);
    for hit in &found.hits {
        for mark in highlighted(hit) {
            assert!(!mark.contains(['(', ')']), "{mark:?} in {hit}");
        }
    }
    let questions = found
        .hits
        .iter()
        .find(|h| h["key"] == "zero-draft gq.2.2")
        .expect("the guiding question is a hit");
    assert_eq!(highlighted(questions), ["contact points"]);
}
