//! The one query list of the benchmarks, `benches/queries.tsv`, read by
//! `benches/scale.rs` and the examples `query_latency` and `raw_tantivy`
//! (each includes this file with `#[path]`).

#![allow(dead_code)]

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// The query list, in the repository.
pub const QUERY_LIST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/queries.tsv");

/// One line of the query list: `kind<TAB>query<TAB>draft or -`.
pub struct QueryLine {
    pub kind: String,
    pub query: String,
    pub draft: Option<String>,
}

pub fn read_queries(path: &Path) -> Result<Vec<QueryLine>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, query, draft] = cols[..] else {
            bail!(
                "{}:{}: expected kind<TAB>query<TAB>draft",
                path.display(),
                n + 1
            );
        };
        out.push(QueryLine {
            kind: kind.to_string(),
            query: query.to_string(),
            draft: (draft != "-" && !draft.is_empty()).then(|| draft.to_string()),
        });
    }
    Ok(out)
}

/// Nearest-rank percentile of sorted `times`.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Prints the timings of `results` (`(query, matches, times in ms)`): one
/// JSON object for `compare_table.py` with `json`, else a table.
pub fn print_results(
    engine: &str,
    runs: usize,
    results: &[(QueryLine, usize, Vec<f64>)],
    json: bool,
) {
    if json {
        let queries: Vec<serde_json::Value> = results
            .iter()
            .map(|(line, total, times)| {
                let mut sorted = times.clone();
                sorted.sort_by(f64::total_cmp);
                serde_json::json!({
                    "kind": line.kind,
                    "query": line.query,
                    "draft": line.draft,
                    "matches": total,
                    "p50_ms": percentile(&sorted, 0.50),
                    "p99_ms": percentile(&sorted, 0.99),
                    "times_ms": times,
                })
            })
            .collect();
        let out = serde_json::json!({"engine": engine, "runs": runs, "queries": queries});
        println!("{out}");
    } else {
        println!(
            "{:<13} {:<45} {:>8} {:>9} {:>9}",
            "kind", "query", "matches", "p50 ms", "p99 ms"
        );
        for (line, total, times) in results {
            let mut sorted = times.clone();
            sorted.sort_by(f64::total_cmp);
            let query = match &line.draft {
                Some(draft) => format!("{} --draft {draft}", line.query),
                None => line.query.clone(),
            };
            println!(
                "{:<13} {:<45} {:>8} {:>9.3} {:>9.3}",
                line.kind,
                query,
                total,
                percentile(&sorted, 0.50),
                percentile(&sorted, 0.99)
            );
        }
    }
}
