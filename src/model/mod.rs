//! The document model: what a draft *is*, independent of how it was parsed or
//! indexed. Everything here is plain data with serde, and no tantivy types.
//!
//! A corpus file holds one or more [`Document`]s (a cover letter, a draft
//! report, its annexes); each document is cut into citable [`Chunk`]s.
//!
//! ```
//! use negotext::model::{Draft, Pillar};
//! assert!(Draft::ZeroDraft < Draft::Rev(1));
//! assert_eq!("cbm".parse::<Pillar>().unwrap(), Pillar::Cbm);
//! ```

pub mod brackets;
mod chunk;
mod citation;
mod date;
mod document;
mod draft;
mod footnote;
mod lineage;
pub mod numerals;
mod pillar;
mod provenance;
mod record;
mod view;

pub use chunk::{Chunk, ChunkKind, LineRange, Section};
pub use citation::cite;
pub use date::{Date, DateRange};
pub use document::{Document, DocumentKind, NO_REPORT, Unsettled};
pub use draft::Draft;
pub use footnote::Footnote;
pub use lineage::{LinkRef, Links};
pub use pillar::{Pillar, PillarRule, PillarTable};
pub use provenance::{Change, ChangeKind, Comment, Format, PageRange};
pub use record::Record;
pub use view::View;

/// Lists names for an "unknown name" message: `a, b, c`.
pub(crate) fn list_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().collect::<Vec<_>>().join(", ")
}
