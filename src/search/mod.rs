//! Search: from the words a user types to ranked, highlighted hits.
//!
//! - [`query`]: the query language, parsed into a [`Query`];
//! - [`compile`]: a [`Query`] → a tantivy query, with the analyzers the
//!   index was built with, and the patterns to highlight;
//! - [`sloppy`]: a phrase with a slop, matched in bounded work;
//! - [`filter`]: `--draft`, `--pillar`, `--doc`, `--kind`, `--doc-kind`,
//!   `--symbol`;
//! - [`searcher`]: runs a [`Request`] on a [`ChunkIndex`](crate::index::ChunkIndex):
//!   hits, total and facets in one pass; [`show`] and [`stats`];
//! - [`highlight`] and [`snippet`]: what part of a hit to show, and which
//!   words in it matched;
//! - [`results`]: what a search answers;
//! - [`suggest`]: the nearest indexed words to a query word no chunk holds;
//! - [`trace`]: `negotext history`, one paragraph through its drafts;
//! - [`redline`]: `negotext diff`, one draft against another;
//! - [`origin`]: `negotext origin`, where agreed language comes from.
//!
//! Nothing here prints: [`crate::printer`] does.

pub mod compile;
mod exclusion;
pub mod filter;
pub mod highlight;
pub mod origin;
pub mod query;
pub mod redline;
pub mod results;
pub mod searcher;
pub mod sloppy;
pub mod snippet;
pub mod suggest;
pub mod tally;
pub mod trace;

pub use filter::Filters;
pub use query::{Query, QueryError};
pub use results::{Cited, Counts, Facets, Hit, Results, VersionRef};
pub use searcher::{
    DraftStats, FacetStats, Request, Stats, key, records_matching, run, show, stats,
};
