//! History: how a paragraph moves through the drafts of one report.
//!
//! - [`align`]: which chunk of a draft continues which chunk of the
//!   previous draft — across renumbering, moves, splits and merges;
//! - [`diff`]: what changed between two versions, word by word.

pub mod align;
pub mod diff;
