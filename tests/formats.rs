//! `negotext search --format md|csv`, read back: the same hits, in the
//! same order, as `--json` gives, with the same citations and texts.

mod common;

use common::{on_shared_index, search, stderr};

/// Queries whose hits hold markup characters, brackets and several drafts.
const QUERIES: [&str; 3] = [
    "\"inter-governmental points of contact\"",
    "\"contact points\"~2",
    "stakeholders",
];

fn printed(query: &str, format: &str) -> String {
    let output = on_shared_index("search", &[query, "--format", format, "--limit", "1000"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The snippet of a JSON hit with its highlights in `**…**`.
fn marked_snippet(hit: &serde_json::Value) -> String {
    let text = hit["snippet"].as_str().expect("a snippet");
    let mut marked = String::new();
    let mut at = 0;
    for range in hit["highlights"].as_array().expect("highlights") {
        let (start, end) = (
            range[0].as_u64().unwrap() as usize,
            range[1].as_u64().unwrap() as usize,
        );
        marked.push_str(&text[at..start]);
        marked.push_str(&format!("**{}**", &text[start..end]));
        at = end;
    }
    marked.push_str(&text[at..]);
    marked.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown's backslash escapes taken off.
fn unescaped(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn markdown_lists_each_hit_citation_in_bold_and_its_snippet_quoted() {
    for query in QUERIES {
        let json = search(query, &[]);
        let md = printed(query, "md");
        // One item per hit: "- **citation**", then its quotation lines.
        let mut items: Vec<(String, Vec<String>)> = Vec::new();
        for line in md.lines() {
            if let Some(citation) = line.strip_prefix("- **").and_then(|l| l.strip_suffix("**")) {
                items.push((unescaped(citation), Vec::new()));
            } else {
                let quote = line
                    .strip_prefix("  > ")
                    .unwrap_or_else(|| panic!("{line:?}"));
                assert!(quote.chars().count() <= 76, "{quote:?}");
                items
                    .last_mut()
                    .expect("an item first")
                    .1
                    .push(quote.to_string());
            }
        }
        assert_eq!(items.len(), json.hits.len(), "{query}");
        for ((citation, quote), hit) in items.iter().zip(&json.hits) {
            assert_eq!(citation, hit["citation"].as_str().unwrap(), "{query}");
            assert_eq!(unescaped(&quote.join(" ")), marked_snippet(hit), "{query}");
        }
    }
    // Markup in the text is escaped; matches across a bracket are marked
    // word by word.
    let pocs = printed("\"contact points\"~2", "md");
    assert!(pocs.contains("points of **contact** (**PoCs**)"), "{pocs}");
}

#[test]
fn csv_has_a_header_and_a_row_per_hit_with_the_whole_text() {
    for query in QUERIES {
        let json = search(query, &[]);
        let csv = printed(query, "csv");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(String::from)
            .collect();
        assert_eq!(header, negotext::printer::csv::COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        assert_eq!(rows.len(), json.hits.len(), "{query}");
        let column = |name: &str| header.iter().position(|h| h == name).expect(name);
        for (row, hit) in rows.iter().zip(&json.hits) {
            for name in ["key", "citation", "label", "pillar", "text", "file"] {
                assert_eq!(
                    &row[column(name)],
                    hit[name].as_str().unwrap(),
                    "{name} of {query}"
                );
            }
            assert_eq!(&row[column("draft")], hit["draft"].as_str().unwrap());
            assert_eq!(
                &row[column("date")],
                hit["date"].as_str().unwrap_or_default()
            );
            let score: f64 = row[column("score")].parse().expect("a number");
            assert!((score - hit["score"].as_f64().unwrap()).abs() < 1e-3);
        }
    }
}

#[test]
fn json_and_format_together_are_one_line_of_error() {
    let output = on_shared_index("search", &["states", "--json", "--format", "md"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("'--json' cannot be used with '--format <FORMAT>'"),
        "{err}"
    );
}
