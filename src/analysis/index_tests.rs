//! End-to-end: an in-RAM tantivy index with both analyzers, queried through
//! tantivy's own `QueryParser`, as the searcher will.

use tantivy::collector::DocSetCollector;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, Schema, TextOptions};
use tantivy::{Index, IndexReader, TantivyDocument};

use super::*;

/// The documents, by number: what each query must (not) find.
const DOCS: &[&str] = &[
    // 0
    "a global, inter-governmental, points of contact directory",
    // 1
    "an intergovernmental points of contact directory",
    // 2
    "States may, on a voluntary basis, provide points of contact (PoCs) at the diplomatic, policy and technical levels",
    // 3
    "They exchanged PoCs.",
    // 4
    "information on their national POCs as part of their responses",
    // 5
    "in particular the Programme of Action (PoA)",
    // 6
    "States made concrete, action-oriented proposals on confidence-building measures (CBMs).",
    // 7
    "the CBMs were welcomed",
    // 8
    "protection of Critical Infrastructure (CI) and Critical Information Infrastructure (CII).",
    // 9
    "attacks against CII are of concern",
    // 10
    "the protection of critical information infrastructure",
    // 11
    "a meeting in Genève",
    // 12
    "the OEWG adopted its report",
    // 13
    "one measure only",
    // 14
    "the PoA",
    // 15
    "an inter governmental points of contact directory",
];

struct Fixture {
    reader: IndexReader,
    index: Index,
    body: Field,
    exact: Field,
}

fn fixture() -> tantivy::Result<Fixture> {
    let mut builder = Schema::builder();
    let body = builder.add_text_field(
        "body",
        TextOptions::default().set_indexing_options(text_indexing(ANALYZER)),
    );
    let exact = builder.add_text_field(
        "exact",
        TextOptions::default().set_indexing_options(text_indexing(EXACT_ANALYZER)),
    );
    let index = Index::create_in_ram(builder.build());
    let lexicon = Lexicon::learn(DOCS.iter().copied(), &Glossary::default());
    // What the indexer stores and the searcher loads.
    let lexicon = Lexicon::from_json(&lexicon.to_json()?)?;
    register(&index, &lexicon);
    // One thread: one segment, documents numbered in order.
    let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
    for text in DOCS {
        let mut doc = TantivyDocument::default();
        doc.add_text(body, text);
        doc.add_text(exact, text);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    let reader = index.reader()?;
    Ok(Fixture {
        reader,
        index,
        body,
        exact,
    })
}

impl Fixture {
    fn hits_in(&self, field: Field, query: &str) -> Vec<u32> {
        let parser = QueryParser::for_index(&self.index, vec![field]);
        let query = parser
            .parse_query(query)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let searcher = self.reader.searcher();
        let mut docs: Vec<u32> = searcher
            .search(&query, &DocSetCollector)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|address| address.doc_id)
            .collect();
        docs.sort_unstable();
        docs
    }

    fn hits(&self, query: &str) -> Vec<u32> {
        self.hits_in(self.body, query)
    }

    fn finds(&self, query: &str, docs: &[u32]) {
        let hits = self.hits(query);
        for doc in docs {
            assert!(
                hits.contains(doc),
                "{query} should find doc {doc} {:?}; found {hits:?}",
                DOCS[*doc as usize]
            );
        }
    }

    fn misses(&self, query: &str, docs: &[u32]) {
        let hits = self.hits(query);
        for doc in docs {
            assert!(
                !hits.contains(doc),
                "{query} should not find doc {doc} {:?}; found {hits:?}",
                DOCS[*doc as usize]
            );
        }
    }
}

#[test]
fn compound_spellings_phrase_match_each_other() -> tantivy::Result<()> {
    let f = fixture()?;
    for query in [
        "\"inter-governmental points of contact\"",
        "\"intergovernmental points of contact\"",
        "\"inter governmental points of contact\"",
        "\"inter-governmental points\"",
    ] {
        f.finds(query, &[0, 1, 15]);
        f.misses(query, &[2, 3, 4]);
    }
    for query in ["inter-governmental", "intergovernmental"] {
        assert_eq!(f.hits(query), [0, 1, 15], "{query}");
    }
    Ok(())
}

#[test]
fn acronym_finds_its_plurals_and_expansion() -> tantivy::Result<()> {
    let f = fixture()?;
    for query in ["PoC", "PoCs", "POC", "poc"] {
        f.finds(query, &[0, 1, 2, 3, 4, 15]);
        f.misses(query, &[5, 14]);
    }
    // The phrase finds text that only has the acronym.
    f.finds("\"points of contact\"", &[2, 3, 4]);
    f.misses("\"points of contact\"", &[5, 14]);
    f.finds("\"national points of contact as part\"", &[4]);
    assert_eq!(f.hits("PoA"), [5, 14]);
    assert_eq!(f.hits("\"programme of action\""), [5, 14]);
    Ok(())
}

#[test]
fn cbm_and_critical_infrastructures() -> tantivy::Result<()> {
    let f = fixture()?;
    assert_eq!(f.hits("CBM"), [6, 7]);
    assert_eq!(f.hits("\"confidence-building measures\""), [6, 7]);
    f.finds("CII", &[8, 9, 10]);
    f.finds("\"critical information infrastructure\"", &[9]);
    f.misses("CI", &[9, 10]);
    f.finds("CI", &[8]);
    f.misses("CII", &[13]);
    Ok(())
}

#[test]
fn stemming_folding_and_possessives() -> tantivy::Result<()> {
    let f = fixture()?;
    f.finds("measure", &[6, 7, 13]);
    assert_eq!(f.hits("geneve"), [11]);
    assert_eq!(f.hits("Genève"), [11]);
    assert_eq!(f.hits("OEWG’s"), [12]);
    // A bare `'` is query syntax for tantivy: the searcher must quote it.
    assert_eq!(f.hits("\"OEWG's\""), [12]);
    Ok(())
}

#[test]
fn exact_field_does_not_stem() -> tantivy::Result<()> {
    let f = fixture()?;
    assert_eq!(f.hits_in(f.exact, "measure"), [13]);
    assert_eq!(f.hits_in(f.exact, "measures"), [6]);
    assert_eq!(f.hits_in(f.exact, "geneve"), [11]);
    assert!(f.hits_in(f.exact, "intergovernmental").contains(&1));
    assert!(!f.hits_in(f.exact, "intergovernmental").contains(&0));
    Ok(())
}
