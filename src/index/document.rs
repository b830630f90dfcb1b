//! A chunk as tantivy stores it: its fields, facets and views, and its
//! record as JSON.

use tantivy::TantivyDocument;

use super::schema::{Fields, View, draft_facet, pillar_facet};
use crate::error::Result;
use crate::history::lineage;
use crate::model::Record;
use crate::model::brackets::Brackets;

/// The tantivy document of one chunk; `draft_key` is its
/// [`column_key`](super::entry::column_key).
pub(super) fn tantivy_document(
    fields: &Fields,
    record: &Record,
    draft_key: &str,
) -> Result<TantivyDocument> {
    let Record {
        document,
        chunk,
        links,
    } = record;
    let mut doc = TantivyDocument::default();
    let draft = document.draft.short();
    doc.add_text(fields.id, lineage::chunk_id(record));
    doc.add_text(fields.file, &document.file);
    doc.add_text(fields.doc, &document.id);
    doc.add_text(fields.report, document.report_or_none());
    doc.add_text(fields.draft, &draft);
    doc.add_text(fields.kind, chunk.kind.name());
    doc.add_text(fields.doc_kind, document.kind.name());
    if let Some(symbol) = &document.symbol {
        doc.add_text(fields.symbol, symbol);
    }
    doc.add_text(fields.label, &chunk.label);
    if let Some(section) = &chunk.section {
        doc.add_text(fields.section, &section.number);
    }
    doc.add_text(fields.pillar, chunk.pillar.name());
    for author in chunk.authors() {
        doc.add_text(fields.authors, author);
    }
    if let Some(date) = document.date {
        doc.add_text(fields.date, date.iso());
    }
    doc.add_text(fields.lineage, &links.lineage);
    doc.add_text(fields.draft_key, draft_key);
    doc.add_facet(fields.facets, pillar_facet(chunk.pillar.name()));
    doc.add_facet(
        fields.facets,
        draft_facet(document.report_or_none(), &draft),
    );
    // Analysed in tantivy's threads, like every text field: handing them
    // tokens instead made each queued document several times bigger.
    doc.add_text(fields.text_pairs, &chunk.text);
    let bracketed = Brackets::of(&chunk.text).passages;
    for exact in [false, true] {
        doc.add_text(fields.view(View::Text, exact), &chunk.text);
        for (view, texts) in [
            (View::Inserted, &chunk.inserted),
            (View::Deleted, &chunk.deleted),
            (View::Added, &links.added),
            (View::Removed, &links.removed),
            (View::Softened, &links.softened),
            (View::Hardened, &links.hardened),
            (View::Bracketed, &bracketed),
        ] {
            for text in texts {
                doc.add_text(fields.view(view, exact), text);
            }
        }
        for comment in &chunk.comments {
            doc.add_text(fields.view(View::Comment, exact), &comment.text);
        }
        for author in chunk.authors() {
            doc.add_text(fields.view(View::Author, exact), author);
        }
    }
    doc.add_text(fields.record, serde_json::to_string(record)?);
    Ok(doc)
}
