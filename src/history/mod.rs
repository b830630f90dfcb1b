//! History: how a paragraph moves through the drafts of one report.
//!
//! - [`align`]: which chunk of a draft continues which chunk of the
//!   previous draft — across renumbering, moves, splits and merges;
//! - [`diff`]: what changed between two versions, word by word;
//! - [`lineage`]: the versions of each paragraph across all drafts of a
//!   report, and the words each version added and removed;
//! - [`trace`]: `negotext history`, one paragraph through its drafts;
//! - [`redline`]: `negotext diff`, one draft against another.

pub mod align;
pub mod diff;
pub mod lineage;
pub mod redline;
pub mod trace;

use crate::index::Record;

/// A chunk, and what to give `negotext show` for it (`crp1 16(a)`).
#[derive(Debug, Clone)]
pub struct Cited {
    pub key: String,
    pub record: Record,
}
