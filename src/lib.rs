//! negotext: full-text search for negotiating texts.
//!
//! Negotiations move draft by draft. negotext cuts every draft into citable
//! paragraphs — document, draft, date, section, label, pillar — and indexes
//! them. The data flows through the modules in this order:
//!
//! - [`corpus`]: the directory of draft files and its manifest;
//! - [`parse`]: from a file's bytes to [`model::Document`]s and [`model::Chunk`]s;
//! - [`model`]: what a document, draft, chunk, pillar and citation are;
//! - [`analysis`]: how text becomes searchable words (stems, compounds,
//!   acronyms learned from the corpus);
//! - [`history`]: the versions of each paragraph across a report's drafts;
//! - [`index`]: the chunks in a tantivy index, kept up to date with the corpus;
//! - [`search`]: queries, filters, ranked hits, snippets and facet counts;
//! - [`printer`]: how hits and chunks are shown, for people and as JSON Lines;
//! - [`serve`]: the same as a local web page and a JSON API;
//! - [`watch`]: saved searches, and what changed in their hits since they
//!   last ran.

// No panic on what a user or a file supplies: no unwrap or expect, no
// unchecked index or slice, outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

pub mod analysis;
pub mod corpus;
pub mod error;
pub mod history;
pub mod index;
pub mod model;
pub mod parse;
pub mod printer;
pub mod search;
pub mod serve;
pub mod watch;

pub use error::{Error, Result};
