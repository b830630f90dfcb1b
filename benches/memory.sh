#!/usr/bin/env bash
# Peak memory of `negotext index` from scratch, on corpora of every shape
# that makes memory grow: generated negotiations of N MB (many reports,
# each with successive drafts), one huge draft in one file, and many tiny
# files. Prints one markdown row per corpus: files, MB, build seconds, peak
# RSS (/usr/bin/time -v), and the most anonymous and file-mapped memory
# seen (sampled from /proc every 0.2 s; mapped memory is index files the
# kernel can reclaim).
#
# Usage: bash benches/memory.sh [--mb N]... [--big-file MB] [--tiny-files N] [--memory MB]
#   --mb N          a generated corpus of N MB (repeatable; default 100)
#   --big-file MB   also one file of MB megabytes: a draft of numbered
#                   paragraphs (one report, one draft)
#   --tiny-files N  also N files of ~800 bytes each (N one-file reports)
#   --memory MB     negotext index --memory (tantivy's budget; default 128)
#
# Corpora are generated once and cached in
# ${NEGOTEXT_BENCH_DIR:-~/.cache/negotext-bench}; indexes are built in a
# temporary directory and removed. Needs cargo, python3 and /usr/bin/time
# (installed with apt-get when run as root: package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=()
big_file=""
tiny_files=""
memory=128
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) sizes+=("${2:?--mb needs a number}"); shift 2 ;;
        --big-file) big_file=${2:?--big-file needs a number}; shift 2 ;;
        --tiny-files) tiny_files=${2:?--tiny-files needs a number}; shift 2 ;;
        --memory) memory=${2:?--memory needs a number}; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "memory.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#sizes[@]} -gt 0 ] || [ -n "$big_file" ] || [ -n "$tiny_files" ] || sizes=(100)

say() { printf '%s\n' "$*" >&2; }
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "== installing time (apt-get)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time) >&2
    else
        say "memory.sh: /usr/bin/time is needed (apt-get install time)"; exit 1
    fi
fi
command -v python3 >/dev/null || { say "memory.sh: python3 is needed"; exit 1; }

bench_dir=${NEGOTEXT_BENCH_DIR:-$HOME/.cache/negotext-bench}
mkdir -p "$bench_dir"
cargo build --release --quiet --bin negotext --example gen_corpus
bin=$PWD/target/release/negotext
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Words of the shipped corpus, for the big file and the tiny files.
write_corpus() {
    python3 - "$1" "$2" "$3" <<'PY'
import os, random, re, sys
kind, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = " ".join(open(os.path.join("corpus", f), encoding="utf-8", errors="replace").read()
                for f in sorted(os.listdir("corpus")) if f.endswith(".txt"))
words = re.findall(r"[A-Za-z]{2,}", text)
rng = random.Random(7)
sentence = lambda n: " ".join(rng.choice(words) for _ in range(n))
os.makedirs(out, exist_ok=True)
if kind == "big":
    with open(os.path.join(out, "compilation.txt"), "w") as f:
        f.write("Compilation of proposals on security in the use of ICTs\n\n")
        written, n = 0, 0
        while written < size << 20:
            section = n // 900
            part = f"{chr(65 + section % 26)}. Proposals of part {section + 1}\n\n"
            f.write(part); written += len(part)
            for number in range(1, 901):
                line = f"{number}. {sentence(80)} cooperation.\n\n"
                f.write(line); written += len(line); n += 1
                if written >= size << 20:
                    break
else:
    for i in range(size):
        folder = os.path.join(out, f"d{i // 1000:04d}")
        if i % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"statement-{i:07d}.txt"), "w") as f:
            f.write("Statement on security in the use of ICTs\n\n")
            f.write("".join(f"{n}. {sentence(40)}.\n\n" for n in range(1, 4)))
PY
}

corpora=()
for mb in "${sizes[@]}"; do
    dir=$bench_dir/corpus-${mb}m
    if ! ls "$dir"/*.txt >/dev/null 2>&1; then
        say "== generating $mb MB in $dir"
        cargo run --release --quiet --example gen_corpus -- --mb "$mb" --out "$dir" >&2
    fi
    corpora+=("$mb MB generated|$dir")
done
if [ -n "$big_file" ]; then
    dir=$bench_dir/big-file-${big_file}m
    [ -f "$dir/compilation.txt" ] || { say "== writing one $big_file MB file in $dir"; write_corpus big "$big_file" "$dir"; }
    corpora+=("one $big_file MB file|$dir")
fi
if [ -n "$tiny_files" ]; then
    dir=$bench_dir/tiny-files-$tiny_files
    [ -d "$dir/d0000" ] || { say "== writing $tiny_files tiny files in $dir"; write_corpus tiny "$tiny_files" "$dir"; }
    corpora+=("$tiny_files tiny files|$dir")
fi

echo "| corpus | files | MB | build s | peak RSS MB | anonymous ≤ MB | mapped ≤ MB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for entry in "${corpora[@]}"; do
    name=${entry%%|*}
    dir=${entry#*|}
    files=$(find "$dir" -type f -name '*.txt' | wc -l)
    bytes=$(find "$dir" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
    index=$work/index
    rm -rf "$index"
    say "== indexing $name"
    /usr/bin/time -v -o "$work/time" "$bin" index --quiet --memory "$memory" \
        --corpus "$dir" --index "$index" &
    pid=$!
    anon=0; mapped=0
    while kill -0 "$pid" 2>/dev/null; do
        child=$(pgrep -P "$pid" -x negotext || true)
        if [ -n "$child" ] && [ -r "/proc/$child/status" ]; then
            read -r a f < <(awk '/RssAnon/ {a = $2} /RssFile/ {f = $2} END {print int(a / 1024), int(f / 1024)}' "/proc/$child/status" 2>/dev/null || echo "0 0")
            [ "${a:-0}" -gt "$anon" ] && anon=$a
            [ "${f:-0}" -gt "$mapped" ] && mapped=$f
        fi
        sleep 0.2
    done
    wait "$pid"
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time")
    peak=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$work/time")
    printf '| %s | %s | %s | %.1f | %s | %s | %s |\n' "$name" "$files" \
        "$(awk -v b="$bytes" 'BEGIN {printf "%.0f", b / 1048576}')" "$seconds" "$peak" "$anon" "$mapped"
done
