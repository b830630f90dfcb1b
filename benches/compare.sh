#!/usr/bin/env bash
# Side by side, on one generated corpus and one query list
# (benches/queries.tsv): negotext, raw Tantivy (examples/raw_tantivy.rs:
# paragraphs through tantivy's en_stem, no domain parsing), SQLite FTS5
# (benches/fts5.py: porter unicode61, one row per paragraph) and ripgrep
# (rg -c -i -F, whole process). Prints one markdown table: build seconds and
# MB/s, index MB, p50/p99 per query kind, each figure with its ratio to
# negotext; then the matches per query and the targets. Raw Tantivy's
# queries run twice: facet counts per report (FacetCollector on /draft, the
# baseline of the targets) and per draft (on every /draft/<report>, the
# counts negotext gives).
#
# Usage: bash benches/compare.sh [--mb N] [--corpus DIR] [--runs N]
#   --mb N        corpus size to generate when --corpus is not given (100)
#   --corpus DIR  the corpus (generated there when it has no *.txt file);
#                 default ${NEGOTEXT_BENCH_DIR:-~/.cache/negotext-bench}/corpus-<N>m
#   --runs N      timed runs per query and engine, after 3 warm-up runs (50)
#
# Indexes and raw results go to $NEGOTEXT_BENCH_DIR/compare (rebuilt from
# scratch on every run, left there afterwards). Needs cargo, python3 with
# sqlite3/FTS5, and ripgrep: installed with apt-get when run as root,
# otherwise the ripgrep column is left out and the script says how to
# install it.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

mb=100
corpus=""
runs=50
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mb=${2:?--mb needs a number}; shift 2 ;;
        --corpus) corpus=${2:?--corpus needs a directory}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
bench_dir=${NEGOTEXT_BENCH_DIR:-$HOME/.cache/negotext-bench}
corpus=${corpus:-$bench_dir/corpus-${mb}m}
out=$bench_dir/compare
queries=$repo/benches/queries.tsv

say() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

# --- what it needs ---------------------------------------------------------
command -v python3 >/dev/null || { say "compare.sh: python3 is needed (apt-get install python3)"; exit 1; }
python3 -c "import sqlite3; sqlite3.connect(':memory:').execute('CREATE VIRTUAL TABLE t USING fts5(x)')" \
    || { say "compare.sh: python3's sqlite3 has no FTS5"; exit 1; }
have_rg=1
if ! command -v rg >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "== installing ripgrep (apt-get)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep) >&2 || true
    fi
    if ! command -v rg >/dev/null; then
        have_rg=0
        say "compare.sh: ripgrep not found; its column is left out."
        say "  Install it with 'sudo apt-get install ripgrep' (or 'cargo install ripgrep') and run again."
    fi
fi

script_started=$(now)
say "== building negotext and the examples (release)"
cargo build --release --quiet --bin negotext \
    --example raw_tantivy --example query_latency --example gen_corpus
bin=$repo/target/release

if ! compgen -G "$corpus/*.txt" >/dev/null; then
    say "== generating a ${mb} MB corpus in $corpus"
    "$bin/examples/gen_corpus" --mb "$mb" --out "$corpus"
fi
corpus=$(cd "$corpus" && pwd)
corpus_bytes=$(find "$corpus" -maxdepth 1 -name '*.txt' -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
corpus_files=$(find "$corpus" -maxdepth 1 -name '*.txt' -type f | wc -l)
say "   corpus: $corpus ($corpus_files *.txt files, $corpus_bytes bytes)"

rm -rf "$out"
mkdir -p "$out"
# Warm the page cache: every engine reads the corpus from memory.
cat "$corpus"/*.txt >/dev/null

# --- builds, from scratch, whole process -----------------------------------
# build NAME COMMAND…: sets build_s[NAME] and rss_kb[NAME] (peak RSS from
# /usr/bin/time when it is installed, else null).
declare -A build_s rss_kb
build() {
    local name=$1; shift
    say "== $name build"
    local t0; t0=$(now)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M -o "$out/$name.rss" "$@"
        rss_kb[$name]=$(tail -1 "$out/$name.rss")
    else
        "$@"
        rss_kb[$name]=null
    fi
    build_s[$name]=$(elapsed "$t0" "$(now)")
}
build negotext "$bin/negotext" index --quiet --corpus "$corpus" --index "$out/negotext-index"
build raw-tantivy "$bin/examples/raw_tantivy" build --corpus "$corpus" --index "$out/tantivy-index"
build fts5 python3 "$repo/benches/fts5.py" build --corpus "$corpus" --db "$out/fts5.db"

negotext_size=$(du -sb "$out/negotext-index" | cut -f1)
tantivy_size=$(du -sb "$out/tantivy-index" | cut -f1)
fts5_size=$(du -cb "$out"/fts5.db* | tail -1 | cut -f1)

# --- queries -----------------------------------------------------------------
say "== queries: negotext (in process, $runs runs each)"
"$bin/examples/query_latency" --index "$out/negotext-index" --queries "$queries" \
    --runs "$runs" --json >"$out/negotext.json"
say "== queries: negotext, phrases by positions (the word-pair field not used)"
"$bin/examples/query_latency" --index "$out/negotext-index" --queries "$queries" \
    --runs "$runs" --json --no-pairs >"$out/negotext-positions.json"
say "== queries: raw tantivy (in process; facets per report, then per draft)"
"$bin/examples/raw_tantivy" query --index "$out/tantivy-index" --queries "$queries" \
    --runs "$runs" --json >"$out/raw-tantivy.json"
"$bin/examples/raw_tantivy" query --index "$out/tantivy-index" --queries "$queries" \
    --runs "$runs" --facets draft --json >"$out/raw-tantivy-drafts.json"
say "== queries: FTS5 (in process)"
python3 "$repo/benches/fts5.py" query --db "$out/fts5.db" --queries "$queries" \
    --runs "$runs" --json >"$out/fts5.json"
if [ "$have_rg" = 1 ]; then
    say "== queries: ripgrep (whole process, warm cache)"
    python3 - "$corpus" "$queries" "$runs" >"$out/ripgrep.json" <<'PY'
# ripgrep has no query language: each query becomes one literal,
# case-insensitive (rg -c -i -F): a term as is, a phrase's words, the first
# positive term of a boolean query, an acronym as written; a draft filter
# becomes a glob on the file name. Counts are matching lines.
import json, math, re, subprocess, sys, time
corpus, queries, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def literal(query):
    phrase = re.match(r'^\s*"([^"]*)"', query)
    if phrase:
        return phrase.group(1)
    depth_negated = []
    for token in re.findall(r'-?"[^"]*"|-?\(|\)|[^\s()"]+', query):
        if token.endswith("("):
            depth_negated.append(token.startswith("-"))
        elif token == ")":
            depth_negated and depth_negated.pop()
        elif token in ("AND", "OR", "NOT") or token.startswith("-") or any(depth_negated):
            continue
        else:
            return token.strip('"')
    raise SystemExit(f"no positive term in {query!r}")

def percentile(s, p):
    return s[min(max(math.ceil(p * len(s)), 1), len(s)) - 1]

results = []
for line in open(queries, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    kind, query, draft = line.split("\t")
    draft = None if draft in ("-", "") else draft
    text = literal(query)
    glob = "*.txt" if draft is None else "*-" + draft.replace("/", "-") + ".txt"
    command = ["rg", "-c", "-i", "-F", "-g", glob, "--", text, corpus]
    def once():
        done = subprocess.run(command, stdout=subprocess.PIPE, check=False)
        if done.returncode > 1:
            raise SystemExit(f"rg failed: {command}")
        return sum(int(l.rsplit(b":", 1)[1]) for l in done.stdout.splitlines())
    for _ in range(3):
        matches = once()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        once()
        times.append((time.perf_counter() - started) * 1e3)
    s = sorted(times)
    results.append({"kind": kind, "query": query, "draft": draft, "literal": text,
                    "command": " ".join(command[:-1]), "matches": matches,
                    "p50_ms": percentile(s, 0.5), "p99_ms": percentile(s, 0.99),
                    "times_ms": times})
print(json.dumps({"engine": "ripgrep", "runs": runs, "queries": results}))
PY
fi

script_secs=$(elapsed "$script_started" "$(now)")
cat >"$out/meta.json" <<JSON
{"corpus": "$corpus", "corpus_bytes": $corpus_bytes, "corpus_files": $corpus_files,
 "runs": $runs, "cores": $(nproc), "rg": "$( [ "$have_rg" = 1 ] && rg --version | sed -n 1p || echo none)",
 "sqlite": "$(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')",
 "build_s": {"negotext": ${build_s[negotext]}, "raw-tantivy": ${build_s[raw-tantivy]}, "fts5": ${build_s[fts5]}},
 "peak_rss_kb": {"negotext": ${rss_kb[negotext]}, "raw-tantivy": ${rss_kb[raw-tantivy]}, "fts5": ${rss_kb[fts5]}},
 "index_bytes": {"negotext": $negotext_size, "raw-tantivy": $tantivy_size, "fts5": $fts5_size},
 "script_s": $script_secs}
JSON
python3 "$repo/benches/compare_table.py" "$out"
say "(raw results in $out; script ${script_secs} s from the cargo build to the last query, ripgrep install excluded)"
