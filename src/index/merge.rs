//! How an index's segments are merged: tantivy's log merge policy, with
//! big segments left alone and segments of many replaced chunks merged
//! early; merges an interrupted update did not finish.

use std::path::Path;

use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::{IndexMeta, IndexWriter};

use super::directory::Writes;
use crate::error::Result;

/// tantivy's merge policy, with segments of more than
/// [`MAX_DOCS_BEFORE_MERGE`] chunks left alone: merging big segments reads
/// them whole, which made the memory of a build grow with the corpus. A
/// segment more than [`DELETED_BEFORE_MERGE`] of whose chunks updates
/// replaced is merged with its level, so that an index updated in place
/// stays about the size of a clean build instead of keeping every replaced
/// chunk until enough segments pile up.
pub(super) fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
    policy.set_del_docs_ratio_before_merge(DELETED_BEFORE_MERGE);
    policy
}

/// See [`merge_policy`]: the share of a segment's chunks deleted before it
/// is merged.
const DELETED_BEFORE_MERGE: f32 = 0.2;

/// The merges [`merge_policy`] asks for among the segments of `metas`:
/// none when the last update's merges all ran.
pub(super) fn merges_due(metas: &IndexMeta) -> Vec<MergeCandidate> {
    merge_policy().compute_merge_candidates(&metas.segments)
}

/// Runs the merges `due` ([`merges_due`]) in the index `writer` writes (a
/// merge that an update could not finish, for lack of space, say), and
/// waits for them.
pub(super) fn run_merges(
    mut writer: IndexWriter,
    due: Vec<MergeCandidate>,
    dir: &Path,
    writes: &Writes,
) -> Result<()> {
    let tantivy = |err| writes.explain(dir, err);
    for candidate in due {
        writer.merge(&candidate.0).wait().map_err(tantivy)?;
    }
    writer.wait_merging_threads().map_err(tantivy)
}

/// See [`merge_policy`]: about 50 MB of text in chunks.
const MAX_DOCS_BEFORE_MERGE: usize = 200_000;
