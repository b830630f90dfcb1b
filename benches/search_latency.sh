#!/usr/bin/env bash
# Whole-process latency of `negotext search` on the shipped corpus, index
# already built: what a user waits for at the terminal. Prints the median
# and the 90th percentile of N runs (default 50) per query, in ms.
#
# Usage: bash benches/search_latency.sh [N]
# (hyperfine gives the same figures when installed: hyperfine -N --warmup 5
#  "target/release/negotext search PoC")
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
cargo build --release --quiet
bin=target/release/negotext
index=$(mktemp -d)
trap 'rm -rf "$index"' EXIT
"$bin" index --quiet --index "$index/index"
for query in 'PoC' '"inter-governmental points of contact"' '(PoC OR CBM) -directory capacity'; do
    python3 - "$bin" "$index/index" "$query" "$runs" <<'PY'
import subprocess, sys, time, statistics
binary, index, query, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
command = [binary, "search", query, "--index", index]
for _ in range(5):  # warm the page cache
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
p90 = times[int(len(times) * 0.9) - 1]
print(f"{query!s:45} median {statistics.median(times):6.2f} ms   p90 {p90:6.2f} ms   ({runs} runs)")
PY
done
