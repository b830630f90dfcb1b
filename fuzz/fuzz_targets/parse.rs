//! `parse`: any bytes, under a file name chosen by the first byte
//! (`invariants::parse_input`), decoded and parsed into documents and
//! chunks with the shipped manifest (whose per-file overrides apply to the
//! shipped names). Checked: no panic,
//! and the invariants of `tests/invariants` — documents and chunks within
//! the file's lines, chunks within their document, labels and citations
//! not empty, each chunk's text and spans made of its lines, the printers'
//! output (the JSON read back), and `report_of` agreeing with the parse.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use negotext::corpus::Manifest;
use negotext::parse;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fn manifest() -> &'static Manifest {
    static MANIFEST: OnceLock<Manifest> = OnceLock::new();
    MANIFEST.get_or_init(|| {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        Manifest::load(&corpus).expect("the shipped manifest loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = invariants::parse_input(data);
    let parsed = parse::parse_bytes(name, bytes, manifest());
    invariants::check_parse(bytes, &parsed);
    invariants::check_report(name, bytes, manifest(), &parsed);
});
