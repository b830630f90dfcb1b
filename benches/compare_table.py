#!/usr/bin/env python3
"""The table of benches/compare.sh, from the raw results it leaves in a
directory: meta.json, negotext.json, raw-tantivy.json,
raw-tantivy-drafts.json, fts5.json and (when ripgrep was there) ripgrep.json.

    python3 benches/compare_table.py DIR

Per query kind, the runs of all the queries of that kind are pooled and
p50/p99 taken (nearest rank). Each figure is followed by its ratio to
negotext's (figure ÷ negotext's figure): for times, above 1 means slower than
negotext; for MB/s, above 1 means faster.
"""

import json
import math
import os
import sys

ENGINES = [
    ("negotext", "negotext"),
    ("negotext-positions", "negotext, phrases by positions"),
    ("raw-tantivy", "raw Tantivy"),
    ("raw-tantivy-drafts", "raw Tantivy, per-draft facets"),
    ("fts5", "SQLite FTS5"),
    ("ripgrep", "ripgrep"),
]


def percentile(sorted_times, p):
    rank = min(max(math.ceil(p * len(sorted_times)), 1), len(sorted_times))
    return sorted_times[rank - 1]


def num(v):
    if v is None:
        return "—"
    if v >= 100:
        return f"{v:.0f}"
    if v >= 10:
        return f"{v:.1f}"
    if v >= 1:
        return f"{v:.2f}"
    return f"{v:.3f}"


def ratio(v, base):
    if v is None or not base:
        return ""
    r = v / base
    return f" (×{r:.2f})" if r < 10 else f" (×{r:.0f})"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    meta = json.load(open(os.path.join(out, "meta.json")))
    runs = {}
    for engine, _ in ENGINES:
        path = os.path.join(out, engine + ".json")
        if os.path.exists(path):
            runs[engine] = json.load(open(path))
    engines = [(e, name) for e, name in ENGINES if e in runs]
    corpus_mb = meta["corpus_bytes"] / 1e6

    kinds = []
    for q in runs["negotext"]["queries"]:
        if q["kind"] not in kinds:
            kinds.append(q["kind"])

    # figure name → engine → value
    rows = []
    # One index serves both query runs of negotext, and of raw Tantivy.
    shared = {"raw-tantivy-drafts": "raw-tantivy", "negotext-positions": "negotext"}

    def same_index(table):
        return {e: table.get(shared.get(e, e)) for e, _ in engines}

    build = same_index(meta["build_s"])
    rows.append(("build s", build, True))
    rows.append(("build MB/s", {e: corpus_mb / s if s else None for e, s in build.items()}, True))
    rss = same_index(meta.get("peak_rss_kb", {}))
    rows.append(("build peak RSS MB", {e: k / 1e3 if k else None for e, k in rss.items()}, True))
    size = {e: (b or 0) / 1e6 or None for e, b in same_index(meta["index_bytes"]).items()}
    rows.append(("index MB", size, True))
    rows.append(("index ÷ corpus", {e: s / corpus_mb if s else None for e, s in size.items()}, False))
    p50 = {}
    for kind in kinds:
        for p, label in ((0.50, "p50"), (0.99, "p99")):
            values = {}
            for e, _ in engines:
                times = sorted(
                    t for q in runs[e]["queries"] if q["kind"] == kind for t in q["times_ms"]
                )
                values[e] = percentile(times, p) if times else None
            rows.append((f"{kind} {label} ms", values, True))
            if label == "p50":
                p50[kind] = values

    print(
        f"### negotext vs raw Tantivy vs SQLite FTS5 vs ripgrep\n\n"
        f"Corpus {corpus_mb:.1f} MB ({meta['corpus_files']} *.txt files, {meta['corpus']}); "
        f"{meta['runs']} timed runs per query and engine after 3 warm-up runs; "
        f"{meta['cores']} cores; SQLite {meta['sqlite']}; {meta['rg']}.\n"
        f"Each figure (ratio to negotext's). The targets take raw Tantivy with "
        f"facet counts per report (FacetCollector on /draft) as the baseline; the "
        f"per-draft column counts per `/draft/<report>/<draft>`, as negotext does; "
        f"'phrases by positions' is negotext on the same index without its word-pair "
        f"field (`query_latency --no-pairs`).\n"
    )
    print("| figure | " + " | ".join(name for _, name in engines) + " |")
    print("|---|" + "---:|" * len(engines))
    for label, values, with_ratio in rows:
        base = values.get("negotext")
        cells = []
        for e, _ in engines:
            v = values.get(e)
            cell = num(v)
            if with_ratio and e != "negotext":
                cell += ratio(v, base)
            if e == "ripgrep" and label.startswith(("build", "index")):
                cell = "— (no index)" if label != "index MB" else f"— (reads the {corpus_mb:.1f} MB corpus)"
            if e in shared and label.startswith(("build", "index")):
                cell = "(same index)"
            cells.append(cell)
        print(f"| {label} | " + " | ".join(cells) + " |")

    print("\nMatches per query (negotext: chunks; raw Tantivy: paragraphs; FTS5: rows; "
          "ripgrep: matching lines of the literal shown):\n")
    counted = [(e, name) for e, name in engines if e not in shared]
    print("| kind | query | " + " | ".join(name for _, name in counted) + " |")
    print("|---|---|" + "---:|" * len(counted))
    for i, q in enumerate(runs["negotext"]["queries"]):
        shown = q["query"] + (f" --draft {q['draft']}" if q.get("draft") else "")
        cells = []
        for e, _ in counted:
            other = runs[e]["queries"][i]
            cell = str(other["matches"])
            if e == "ripgrep":
                cell += f" `{other['literal']}`"
            cells.append(cell)
        print(f"| {q['kind']} | `{shown}` | " + " | ".join(cells) + " |")

    print("\nTargets (negotext, query p50 with snippets and facets):\n")
    def check(ok):
        return "met" if ok else "**not met**"
    for kind in kinds:
        n = p50[kind]["negotext"]
        t = p50[kind].get("raw-tantivy")
        f = p50[kind].get("fts5")
        r = p50[kind].get("ripgrep")
        parts = []
        if t:
            parts.append(f"≤ 1.2× raw Tantivy: {n / t:.2f}× {check(n <= 1.2 * t)}")
            if kind == "phrase":
                parts.append(f"phrase ≤ 0.5× raw Tantivy: {n / t:.2f}× {check(n <= 0.5 * t)}")
                np_ = p50[kind].get("negotext-positions")
                if np_:
                    parts.append(f"word pairs vs positions: {n / np_:.2f}× the time")
        if f:
            parts.append(f"≥ 10× faster than FTS5: {f / n:.1f}× {check(f >= 10 * n)}")
        if r:
            parts.append(f"≥ 20× faster than ripgrep: {r / n:.1f}× {check(r >= 20 * n)}")
        print(f"- {kind}: " + "; ".join(parts))
    nb, tb = build.get("negotext"), build.get("raw-tantivy")
    if nb and tb:
        print(
            f"- build throughput ≥ raw Tantivy: {corpus_mb / nb:.2f} vs {corpus_mb / tb:.2f} MB/s "
            f"{check(nb <= tb)}"
        )
    ns = size["negotext"]
    print(f"- index size ≤ corpus: {ns:.1f} MB vs {corpus_mb:.1f} MB {check(ns <= corpus_mb)}")

    print(
        "\nNotes: builds are whole-process wall times from scratch, corpus in the page cache "
        "(negotext: `negotext index --quiet`; raw Tantivy: `raw_tantivy build`, 2 threads, "
        "128 MB; FTS5: `fts5.py build`, one transaction). Queries of negotext, raw Tantivy "
        "and FTS5 run in process (top 10 with snippets, total, draft facet counts); "
        "ripgrep runs as a whole process per query (`rg -c -i -F -g GLOB`), warm cache, "
        "with one literal per query: the phrase's words, the first positive term of a "
        "boolean query, the acronym as written, a draft filter as a file-name glob — it "
        "does not evaluate the rest of the query, does not stem, and misses a phrase "
        "broken across printed lines."
    )


if __name__ == "__main__":
    main()
