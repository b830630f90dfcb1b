#!/bin/sh
# Fills the fuzz targets' corpora (fuzz/corpus/<target>, git-ignored) with
# their seeds: for `parse`, the shipped drafts (each under its own name:
# the first byte chooses it, see fuzz_targets/parse.rs), fuzz/seeds/parse
# and the real UN documents of tests/fixtures/real;
# for `search`, the README's example queries with their options (see
# fuzz_targets/search.rs), and the benchmark queries. Safe to run again.
set -eu
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
mkdir -p "$fuzz/corpus/parse" "$fuzz/corpus/search" "$fuzz/corpus/pdf" "$fuzz/corpus/html" \
    "$fuzz/corpus/docx"
# For `html` and `docx`: the fixtures of tests/fixtures/html and
# tests/fixtures/docx, and seeds of their own (inline markup; the Word
# files as NUL-separated parts).
cp "$root"/tests/fixtures/html/*.html "$fuzz"/seeds/html/* "$fuzz/corpus/html/"
for docx in "$root"/tests/fixtures/docx/*.docx; do
    cp "$docx" "$fuzz/corpus/docx/raw-$(basename "$docx")"
done
cp "$fuzz"/seeds/docx/* "$fuzz/corpus/docx/"

i=0
for name in 2022-03-24-capacity-building-meeting.txt 2022-06-22-zero-draft.txt \
    2022-07-20-rev1.txt 2022-07-28-crp1.txt 2024-06-21-third-progress-report-draft.txt; do
    { printf "\\$(printf %03o "$i")"; cat "$root/corpus/$name"; } >"$fuzz/corpus/parse/shipped-$i"
    i=$((i + 1))
done
cp "$fuzz"/seeds/parse/* "$fuzz/corpus/parse/"
# The real UN documents (resolutions, decisions, treaties, a report, the
# Paris and Geneva texts): they steer the instrument, report and
# negotiating-text grammars. Byte 5 picks a name outside the manifest.
for source in "$root"/tests/fixtures/real/dev*/*.txt "$root"/tests/fixtures/real/dev2/*-agreement.md; do
    { printf '\005'; cat "$source"; } >"$fuzz/corpus/parse/real-$(basename "$source")"
done

# For `pdf`: the small PDFs of the tests (a page of text, a scan without
# text, an encrypted and a truncated file) and the one-page decision.
cp "$root"/tests/fixtures/unreadable/*.pdf "$root/tests/fixtures/real/dev/2024-08-13-decision-78-560.pdf" \
    "$fuzz/corpus/pdf/"

# query [option bytes, octal]: limit offset flags draft pillar kind doc
n=0
query() {
    n=$((n + 1))
    {
        printf '%s' "$1"
        if [ $# -gt 1 ]; then printf '\000'; printf "$2"; fi
    } >"$fuzz/corpus/search/readme-$n"
}
query '"inter-governmental points of contact"'
query 'PoC' '\012\000\000\002'                   # --draft crp1
query 'CBM' '\012\000\000\000\001'               # --pillar cbm
query 'CBM' '\012\000\000\000\002'               # --pillar "capacity building"
query 'deleted:"Red Cross"' '\012\000\000\001'   # --draft rev1
query '(PoC OR CBM) directory -regional' '\024'  # --limit 20
query '"contact points"~2' '\012\000\000\005'    # --draft apr1/rev1
query 'measures' '\012\000\001'                  # --exact
query 'added:"inter-governmental"'
query 'removed:hotlines' '\012\000\000\002'      # --draft crp1
query '"points of contact"' '\012\000\002'       # --collapse
query 'capacity' '\012\000\000\000\000\003\004'  # --doc …meeting.txt --kind letter
query 'States' '\012\012'                        # --limit 10 --offset 10
query 'PoC'
query '"unclosed'
query 'section:foo'
grep -v '^#' "$root/benches/queries.tsv" | cut -f2 | while IFS= read -r q; do
    n=$((n + 1))
    printf '%s' "$q" >"$fuzz/corpus/search/bench-$n"
done
for target in parse search pdf html docx; do
    printf '%s: %s inputs\n' "$target" "$(ls "$fuzz/corpus/$target" | wc -l)"
done
