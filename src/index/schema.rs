//! The index schema: every field name, and the facet roots, defined once.
//!
//! One tantivy document per [`Chunk`](crate::model::Chunk). What a hit shows
//! is stored once, as the [`RECORD`] (the chunk and its document as JSON, the
//! same serde model `parse --json` prints); the other fields are indexed for
//! searching, filtering and counting.

use tantivy::IndexSettings;
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::store::{Compressor, ZstdCompressor};

use crate::analysis::{ANALYZER, EXACT_ANALYZER, PAIRS_ANALYZER, text_indexing};
use crate::error::{Error, Result};
pub use crate::model::View;

/// Bumped whenever the schema, the analysis or the parser changes what an
/// index holds, or how it is stored (7: the state in files of its own; 8:
/// PDF fonts without a map to text read by their glyph order; the
/// softened and hardened views): an
/// index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 8;

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
/// The kind of the chunk's document, `draft-report` (`--doc-kind`), as a
/// fast column for facet counts too.
pub const DOC_KIND: &str = "doc_kind";
/// The symbol of the chunk's document, `A/AC.292/2022/CRP.1`
/// (`--symbol`), as a fast column for facet counts too; none when the
/// document has none.
pub const SYMBOL: &str = "symbol";
/// The label, `16(a)`.
pub const LABEL: &str = "label";
/// The section number, `E`.
pub const SECTION: &str = "section";
/// The pillar name, `cbm`.
pub const PILLAR: &str = "pillar";
/// The authors of the tracked changes on the chunk (a DOCX), one value
/// each, as a fast column for facet counts.
pub const AUTHORS: &str = "authors";
/// The document date, ISO `2022-07-28`.
pub const DATE: &str = "date";
/// Facets: `/pillar/<pillar>` and `/draft/<report>/<draft>`.
pub const FACETS: &str = "facets";
/// The lineage id: shared by every version of one paragraph across the
/// drafts of its report (`negotext history`, `--collapse`).
pub const LINEAGE: &str = "lineage";
/// The chunk's entry in the draft facet, as a fast column for facet
/// counts: `report/draft`, or for a file of no report its symbol or a key
/// of its own (see [`entry`](super::entry)); also what `--draft` selects
/// such a file by.
pub const DRAFT_KEY: &str = "draft_key";
/// The pairs of adjacent words of the text, for phrase queries (see
/// [`analysis::pairs`](crate::analysis::pairs)).
pub const TEXT_PAIRS: &str = "text_pairs";
/// The stored JSON of the chunk and its document.
pub const RECORD: &str = "record";

/// Facet root of pillars: `/pillar/cbm`.
pub const PILLAR_FACET: &str = "/pillar";
/// Facet root of drafts: `/draft/apr1/rev1`.
pub const DRAFT_FACET: &str = "/draft";

/// The facet of a chunk's draft: `/draft/<report>/<draft>`.
pub fn draft_facet(report: &str, draft: &str) -> Facet {
    Facet::from_path([facet_root(DRAFT_FACET), report, draft])
}

/// The facet of a pillar: `/pillar/<pillar>`.
pub fn pillar_facet(pillar: &str) -> Facet {
    Facet::from_path([facet_root(PILLAR_FACET), pillar])
}

/// A facet root without its leading `/`: `draft`.
fn facet_root(root: &str) -> &str {
    root.strip_prefix('/').unwrap_or(root)
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
    pub doc_kind: Field,
    pub symbol: Field,
    pub label: Field,
    pub section: Field,
    pub pillar: Field,
    pub authors: Field,
    pub date: Field,
    pub facets: Field,
    pub lineage: Field,
    pub draft_key: Field,
    pub text_pairs: Field,
    pub record: Field,
    views: [Field; View::ALL.len()],
    exact_views: [Field; View::ALL.len()],
}

impl Fields {
    /// The field of `view`, analysed exactly or not.
    #[allow(
        clippy::indexing_slicing,
        reason = "arrays of View::ALL.len() indexed by a view's position in View::ALL"
    )]
    pub fn view(&self, view: View, exact: bool) -> Field {
        if exact {
            self.exact_views[view.position()]
        } else {
            self.views[view.position()]
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
            doc_kind: get(DOC_KIND)?,
            symbol: get(SYMBOL)?,
            label: get(LABEL)?,
            section: get(SECTION)?,
            pillar: get(PILLAR)?,
            authors: get(AUTHORS)?,
            date: get(DATE)?,
            facets: get(FACETS)?,
            record: get(RECORD)?,
            lineage: get(LINEAGE)?,
            draft_key: get(DRAFT_KEY)?,
            text_pairs: get(TEXT_PAIRS)?,
            views: per_view(|view| get(view.name()))?,
            exact_views: per_view(|view| get(view.exact_name()))?,
        })
    }
}

/// A field for each view, in [`View::ALL`] order.
fn per_view(mut get: impl FnMut(View) -> Result<Field>) -> Result<[Field; View::ALL.len()]> {
    let mut fields = [Field::from_field_id(0); View::ALL.len()];
    for (field, view) in fields.iter_mut().zip(View::ALL) {
        *field = get(view)?;
    }
    Ok(fields)
}

/// The schema of version [`SCHEMA_VERSION`].
/// How the index stores what it stores: the records compressed with zstd
/// in 64 KiB blocks (about a third of the size of tantivy's default lz4 in
/// 16 KiB blocks, for some 100 µs more per hit read).
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(STORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: STORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

const STORE_ZSTD_LEVEL: i32 = 3;
const STORE_BLOCK_BYTES: usize = 64 << 10;

pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    // Whole values, for lookups and filters: no length norms (never scored).
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    for name in [
        ID, FILE, DOC, REPORT, DRAFT, KIND, LABEL, SECTION, DATE, LINEAGE,
    ] {
        builder.add_text_field(name, keyword.clone());
    }
    // Counted per search from their fast columns (see `search::tally`).
    for name in [PILLAR, DRAFT_KEY, DOC_KIND, SYMBOL, AUTHORS] {
        builder.add_text_field(name, keyword.clone() | FAST);
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
    builder.add_text_field(
        TEXT_PAIRS,
        TextOptions::default().set_indexing_options(text_indexing(PAIRS_ANALYZER)),
    );
    builder.build()
}
