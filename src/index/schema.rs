//! The index schema: every field name, and the facet roots, defined once.
//!
//! One tantivy document per [`Chunk`](crate::model::Chunk). What a hit shows
//! is stored once, as the [`RECORD`] (the chunk and its document as JSON, the
//! same serde model `parse --json` prints); the other fields are indexed for
//! searching, filtering and counting.

use tantivy::schema::{FacetOptions, Field, STRING, Schema, TextOptions};

use crate::analysis::{ANALYZER, EXACT_ANALYZER, text_indexing};
use crate::error::{Error, Result};

/// Bumped whenever the schema, the analysis or the parser changes what an
/// index holds: an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

/// `<doc id>#<ordinal>`: one chunk.
pub const ID: &str = "id";
/// The corpus file (relative name): what incremental indexing replaces.
pub const FILE: &str = "file";
/// The document id, `2022-07-28-crp1/draft` (`--doc`).
pub const DOC: &str = "doc";
/// The report id, or `none`.
pub const REPORT: &str = "report";
/// The draft's short name, `rev1` (`--draft rev1`).
pub const DRAFT: &str = "draft";
/// The chunk kind, `paragraph` (`--kind`).
pub const KIND: &str = "kind";
/// The label, `16(a)`.
pub const LABEL: &str = "label";
/// The section number, `E`.
pub const SECTION: &str = "section";
/// The pillar name, `cbm`.
pub const PILLAR: &str = "pillar";
/// The document date, ISO `2022-07-28`.
pub const DATE: &str = "date";
/// Facets: `/pillar/<pillar>` and `/draft/<report>/<draft>`.
pub const FACETS: &str = "facets";
/// The stored JSON of the chunk and its document.
pub const RECORD: &str = "record";

/// Facet root of pillars: `/pillar/cbm`.
pub const PILLAR_FACET: &str = "/pillar";
/// Facet root of drafts: `/draft/apr1/rev1`.
pub const DRAFT_FACET: &str = "/draft";

/// The three searchable views of a chunk's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// What the draft says (the default): no deleted words.
    Text,
    /// Marked insertions (`inserted:`).
    Inserted,
    /// Marked deletions, struck-out words (`deleted:`).
    Deleted,
}

impl View {
    pub const ALL: [View; 3] = [View::Text, View::Inserted, View::Deleted];

    /// The field name, which is also the query prefix (`deleted:`).
    pub fn name(self) -> &'static str {
        match self {
            View::Text => "text",
            View::Inserted => "inserted",
            View::Deleted => "deleted",
        }
    }

    /// The field analysed with [`EXACT_ANALYZER`] (`--exact`).
    pub fn exact_name(self) -> &'static str {
        match self {
            View::Text => "text_exact",
            View::Inserted => "inserted_exact",
            View::Deleted => "deleted_exact",
        }
    }

    /// The view a query prefix names (`deleted`), case-insensitively.
    pub fn from_name(name: &str) -> Option<View> {
        View::ALL
            .into_iter()
            .find(|view| view.name().eq_ignore_ascii_case(name))
    }
}

/// The schema's fields, looked up once.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub file: Field,
    pub doc: Field,
    pub report: Field,
    pub draft: Field,
    pub kind: Field,
    pub label: Field,
    pub section: Field,
    pub pillar: Field,
    pub date: Field,
    pub facets: Field,
    pub record: Field,
    views: [Field; 3],
    exact_views: [Field; 3],
}

impl Fields {
    /// The field of `view`, analysed exactly or not.
    pub fn view(&self, view: View, exact: bool) -> Field {
        let i = View::ALL.iter().position(|v| *v == view).unwrap_or(0);
        if exact {
            self.exact_views[i]
        } else {
            self.views[i]
        }
    }

    /// The fields of `schema`; an error when one is missing (an index made
    /// by another version).
    pub fn of(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| {
            schema.get_field(name).map_err(|_| Error::IndexVersion {
                found: format!("a schema without the field '{name}'"),
            })
        };
        Ok(Fields {
            id: get(ID)?,
            file: get(FILE)?,
            doc: get(DOC)?,
            report: get(REPORT)?,
            draft: get(DRAFT)?,
            kind: get(KIND)?,
            label: get(LABEL)?,
            section: get(SECTION)?,
            pillar: get(PILLAR)?,
            date: get(DATE)?,
            facets: get(FACETS)?,
            record: get(RECORD)?,
            views: [
                get(View::Text.name())?,
                get(View::Inserted.name())?,
                get(View::Deleted.name())?,
            ],
            exact_views: [
                get(View::Text.exact_name())?,
                get(View::Inserted.exact_name())?,
                get(View::Deleted.exact_name())?,
            ],
        })
    }
}

/// The schema of version [`SCHEMA_VERSION`].
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    for name in [
        ID, FILE, DOC, REPORT, DRAFT, KIND, LABEL, SECTION, PILLAR, DATE,
    ] {
        builder.add_text_field(name, STRING);
    }
    builder.add_facet_field(FACETS, FacetOptions::default());
    builder.add_text_field(RECORD, TextOptions::default().set_stored());
    for view in View::ALL {
        builder.add_text_field(
            view.name(),
            TextOptions::default().set_indexing_options(text_indexing(ANALYZER)),
        );
        builder.add_text_field(
            view.exact_name(),
            TextOptions::default().set_indexing_options(text_indexing(EXACT_ANALYZER)),
        );
    }
    builder.build()
}
