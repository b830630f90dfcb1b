//! The generated corpus of the benchmarks, made once by
//! `examples/gen_corpus.rs` (seed 42) and cached outside the repository, in
//! `$NEGOTEXT_BENCH_DIR` (default `~/.cache/negotext-bench`) as
//! `corpus-<MB>m` — the directory `benches/compare.sh` uses too. Read by
//! `benches/scale.rs` and `benches/serve.rs` (each includes this file with
//! `#[path]`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The size asked for in `NEGOTEXT_BENCH_MB`, 100 by default.
pub fn bench_mb() -> u32 {
    std::env::var("NEGOTEXT_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

/// The generated corpus of `mb` megabytes, made on first use.
pub fn generated(mb: u32) -> PathBuf {
    let cache = std::env::var_os("NEGOTEXT_BENCH_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/negotext-bench")))
        .unwrap_or_else(|| std::env::temp_dir().join("negotext-bench"));
    let dir = cache.join(format!("corpus-{mb}m"));
    if !dir.join("manifest.toml").exists() {
        eprintln!("generating a {mb} MB corpus in {} …", dir.display());
        let status = Command::new(env!("CARGO"))
            .args([
                "run",
                "--release",
                "--quiet",
                "--example",
                "gen_corpus",
                "--",
            ])
            .args(["--mb", &mb.to_string(), "--out"])
            .arg(&dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "gen_corpus failed");
    }
    dir
}
