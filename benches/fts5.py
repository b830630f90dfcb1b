#!/usr/bin/env python3
"""The SQLite FTS5 baseline of benches/compare.sh (python3's sqlite3 module).

    python3 benches/fts5.py build --corpus DIR --db FILE
    python3 benches/fts5.py query --db FILE --queries benches/queries.tsv --runs 50 [--json]

build: every *.txt file of the corpus (nothing else), cut into paragraphs at
blank lines, one row per paragraph in a `porter unicode61` FTS5 table with
columns text, file and draft (report/draft from the file name, UNINDEXED),
inside one transaction. Prints the build time and the database size.

query: each query of the list (kind<TAB>negotext query<TAB>draft or -),
translated to FTS5 MATCH syntax (phrases stay quoted, `-x` → `NOT x`, OR as
OR, AND implicit; a word FTS5 would not take bare, such as
`capacity-building`, is quoted), runs --runs times after a few warm-up runs.
Each run is one page as `negotext search` gives it: the 10 best rows by
bm25() with snippet(), the total count, and the facet counts `SELECT draft,
count(*) … GROUP BY draft` of the same match. p50/p99 per query, in ms.
"""

import argparse
import json
import math
import os
import re
import sqlite3
import sys
import time

WARMUP_RUNS = 3
PAGE = 10
# snippet() counts tokens, not characters: ~40 tokens ≈ negotext's 240 chars.
SNIPPET_TOKENS = 40

NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-(r\d+)-(.+)\.txt$")


def report_draft(name):
    """`2022-01-15-r081-rev1.txt` → `r081/rev1`; `none/other` otherwise."""
    m = NAME.match(name)
    return f"{m.group(1)}/{m.group(2)}" if m else "none/other"


def paragraphs(text):
    """Runs of lines between blank (or whitespace-only) lines."""
    current = []
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        if line.strip():
            current.append(line)
        elif current:
            yield "\n".join(current)
            current = []
    if current:
        yield "\n".join(current)


def build(corpus, db):
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    con = sqlite3.connect(db, isolation_level=None)
    con.execute(
        "CREATE VIRTUAL TABLE t USING fts5("
        "text, file, draft UNINDEXED, tokenize='porter unicode61')"
    )
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    if not names:
        sys.exit(f"fts5.py: no *.txt file in {corpus}")
    size = rows = 0
    con.execute("BEGIN")
    for name in names:
        with open(os.path.join(corpus, name), "rb") as f:
            raw = f.read()
        size += len(raw)
        text = raw.decode("utf-8", errors="replace")
        draft = report_draft(name)
        batch = [(p, name, draft) for p in paragraphs(text)]
        rows += len(batch)
        con.executemany("INSERT INTO t(text, file, draft) VALUES (?, ?, ?)", batch)
    con.execute("COMMIT")
    con.close()
    secs = time.perf_counter() - started
    db_bytes = sum(
        os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)
    )
    print(
        f"fts5: {len(names)} files, {rows} rows, {size / 1e6:.1f} MB in {secs:.2f} s "
        f"({size / 1e6 / secs:.1f} MB/s), database {db_bytes / 1e6:.1f} MB",
        file=sys.stderr,
    )


TOKEN = re.compile(r'\s*(?:(-?)"([^"]*)"|(-?)(\()|(\))|(-?)([^\s()"]+))')
BARE = re.compile(r"^[A-Za-z0-9_]+$")


def to_fts5(query):
    """negotext query syntax → FTS5 MATCH syntax, for the forms of
    benches/queries.tsv: words, "phrases", ( ), OR, AND, -x and NOT x.

    FTS5 ANDs implicitly only between plain phrases, so every implicit AND
    is written out; its NOT is binary (`a NOT b`), so a query cannot start
    with an exclusion. negotext binds OR tighter than AND and FTS5 the other
    way round: the boolean queries of the list group their ORs in
    parentheses."""
    out = []
    pos = 0
    query = query.strip()

    def operand_before():
        return bool(out) and out[-1] not in ("(", "AND", "OR", "NOT")

    while pos < len(query):
        m = TOKEN.match(query, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot translate {query!r} at {pos}")
        pos = m.end()
        neg_phrase, phrase, neg_open, open_, close, neg_word, word = m.groups()
        if close:
            out.append(")")
            continue
        if word in ("AND", "OR", "NOT") and not neg_word:
            if word == "NOT" and not operand_before():
                raise ValueError(f"FTS5 cannot start with an exclusion: {query!r}")
            out.append(word)
            continue
        if neg_phrase or neg_open or neg_word:
            if not operand_before():
                raise ValueError(f"FTS5 cannot start with an exclusion: {query!r}")
            out.append("NOT")
        elif operand_before():
            out.append("AND")
        if open_:
            out.append("(")
        elif phrase is not None:
            out.append('"' + phrase.replace('"', '""') + '"')
        else:
            out.append(word if BARE.match(word) else '"' + word.replace('"', '""') + '"')
    return " ".join(out).replace("( ", "(").replace(" )", ")")


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3:
                sys.exit(f"{path}:{n}: expected kind<TAB>query<TAB>draft")
            kind, q, draft = cols
            queries.append((kind, q, None if draft in ("-", "") else draft))
    return queries


def percentile(sorted_times, p):
    rank = min(max(math.ceil(p * len(sorted_times)), 1), len(sorted_times))
    return sorted_times[rank - 1]


def query(db, queries_path, runs, as_json):
    con = sqlite3.connect(db)
    results = []
    for kind, q, draft in read_queries(queries_path):
        match = to_fts5(q)
        if draft is None:
            where, params = "t MATCH ?", (match,)
        elif "/" in draft:
            where, params = "t MATCH ? AND draft = ?", (match, draft)
        else:
            where, params = "t MATCH ? AND draft LIKE ?", (match, "%/" + draft)
        page_sql = (
            f"SELECT file, bm25(t), snippet(t, 0, '<b>', '</b>', '…', {SNIPPET_TOKENS}) "
            f"FROM t WHERE {where} ORDER BY bm25(t) LIMIT {PAGE}"
        )
        count_sql = f"SELECT count(*) FROM t WHERE {where}"
        facet_sql = f"SELECT draft, count(*) FROM t WHERE {where} GROUP BY draft"

        def run_once():
            page = con.execute(page_sql, params).fetchall()
            total = con.execute(count_sql, params).fetchone()[0]
            facets = con.execute(facet_sql, params).fetchall()
            return total, page, facets

        total = 0
        for _ in range(WARMUP_RUNS):
            total = run_once()[0]
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            run_once()
            times.append((time.perf_counter() - started) * 1e3)
        results.append((kind, q, draft, match, total, times))

    if as_json:
        out = {"engine": "fts5", "runs": runs, "queries": []}
        for kind, q, draft, match, total, times in results:
            s = sorted(times)
            out["queries"].append(
                {
                    "kind": kind,
                    "query": q,
                    "draft": draft,
                    "fts5": match,
                    "matches": total,
                    "p50_ms": percentile(s, 0.50),
                    "p99_ms": percentile(s, 0.99),
                    "times_ms": times,
                }
            )
        print(json.dumps(out))
    else:
        print(f"{'kind':<13} {'FTS5 MATCH':<45} {'matches':>8} {'p50 ms':>9} {'p99 ms':>9}")
        for kind, q, draft, match, total, times in results:
            s = sorted(times)
            shown = match + (f" [draft {draft}]" if draft else "")
            print(
                f"{kind:<13} {shown:<45} {total:>8} "
                f"{percentile(s, 0.50):>9.3f} {percentile(s, 0.99):>9.3f}"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the FTS5 database")
    b.add_argument("--corpus", required=True)
    b.add_argument("--db", required=True)
    q = sub.add_parser("query", help="time the queries of a query list")
    q.add_argument("--db", required=True)
    q.add_argument("--queries", required=True)
    q.add_argument("--runs", type=int, default=50)
    q.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.command == "build":
        build(args.corpus, args.db)
    else:
        query(args.db, args.queries, max(args.runs, 1), args.json)


if __name__ == "__main__":
    main()
