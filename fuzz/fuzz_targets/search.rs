//! `search`: any query, with filters, page and flags drawn from the input,
//! on an index of the shipped corpus, through the path `negotext search`
//! takes: parse the query, compile it, search (top hits, total and facet
//! counts), build snippets, print (human with colour, and JSON). Checked:
//! no panic; an error is a query error or an unknown filter value, in one
//! line; otherwise the invariants of `tests/invariants` — the page size,
//! every hit allowed by the filters, every snippet a piece of its chunk
//! with highlights inside it, facet counts adding up to the total, the JSON
//! read back.
//!
//! The input is read by `invariants::search_input`: the query, then
//! optionally a NUL byte and option bytes. A seed without NUL is a plain
//! query with the CLI's defaults.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use negotext::index::ChunkIndex;
use negotext::search;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

/// The index of the shipped corpus, built at the first call into a
/// temporary directory. The directory is removed as soon as the index is
/// open: the reader has mapped every file it needs (any later read of a
/// missing file would fail the search, and `check_error` with it), and no
/// fuzzing process leaves an index behind — libFuzzer ends processes
/// without running destructors, and minimizing a crash starts thousands.
fn index() -> &'static ChunkIndex {
    static INDEX: OnceLock<ChunkIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let dir = tempfile::tempdir().expect("a temp dir");
        invariants::open_index(&corpus, dir.path())
    })
}

fuzz_target!(|data: &[u8]| {
    let index = index();
    let request = invariants::search_input(data);
    match search::run(index, &request) {
        Ok(results) => invariants::check_results(index, &request, &results),
        Err(err) => invariants::check_error(&request, &err),
    }
});
