//! Search: from the words a user types to ranked, highlighted hits.

pub mod highlight;
pub mod query;
pub mod snippet;
