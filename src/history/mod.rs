//! History: how a paragraph moves through the drafts of one report.
//!
//! - [`align`]: which chunk of a draft continues which chunk of the
//!   previous draft — across renumbering, moves, splits and merges;
//! - [`diff`]: what changed between two versions, word by word;
//! - [`lineage`]: the versions of each paragraph across all drafts of a
//!   report, and the words each version added and removed; the alignment
//!   of two drafts that the redline (`negotext diff`) shares.
//!
//! Pure algorithms over [`Record`](crate::model::Record)s: the commands
//! that read them from an index (`negotext history`, `negotext diff`) are
//! [`crate::search::trace`] and [`crate::search::redline`].

pub mod align;
pub mod diff;
pub mod lineage;
pub mod strength;
