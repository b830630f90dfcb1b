//! The index: every chunk of the corpus in a tantivy index on disk.

pub mod schema;
