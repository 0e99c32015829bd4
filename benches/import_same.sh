#!/usr/bin/env bash
# The correctness gate of import's speed and memory work: two binaries must decide every real
# list the same, byte for byte.
#
#   benches/import_same.sh BASE NEW
#
# For each list in tests/fixtures/curation/lists/ and tests/fixtures/import/real/, and for all
# of them in one import (duplicates across files), it compares the standard output and error of
# `import --dry-run --format json` against the built-in course, the shipped topics/ and the
# real course fixture, then a real import (no --dry-run) into a copy of each corpus: the files
# written must be identical too. A generated list of 20,000 links (benches/import_memory.sh's)
# is compared the same way. Prints each difference and exits 1 if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: benches/import_same.sh BASE NEW" >&2; exit 2; }
base=$(realpath "$1")
new=$(realpath "$2")
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
BENCH_DIR=$work/gen BIN=true benches/import_memory.sh 20000 >/dev/null
lists=()
for f in tests/fixtures/curation/lists/* tests/fixtures/import/real/*; do
    [ -f "$f" ] && [ "$(basename "$f")" != README.md ] && lists+=("$repo/$f")
done
lists+=("$work/gen/list-20000.md")
failed=0
compare() { # NAME ARGS...: run both binaries with ARGS in $work/run-{base,new}, compare
    local name=$1
    shift
    for side in base new; do
        local bin=$base
        [ $side = new ] && bin=$new
        mkdir -p "$work/run-$side"
        (cd "$work/run-$side" && "$bin" "$@" >"$work/$side.out" 2>"$work/$side.err"; echo "exit $?" >>"$work/$side.out")
    done
    for what in out err; do
        if ! cmp -s "$work/base.$what" "$work/new.$what"; then
            echo "DIFFERENT std$what: $name"
            diff "$work/base.$what" "$work/new.$what" | head -10
            failed=1
        fi
    done
}
checked=0
for list in "${lists[@]}" ALL; do
    files=("$list")
    [ "$list" = ALL ] && files=("${lists[@]}")
    compare "$list, built-in course" import "${files[@]}" --dry-run --format json
    for corpus in topics tests/fixtures/import/real/course; do
        compare "$list, $corpus" import "${files[@]}" --topics "$repo/$corpus" --dry-run --format json
        for side in base new; do
            rm -rf "$work/run-$side/corpus"
            cp -r "$repo/$corpus" "$work/run-$side/corpus"
        done
        compare "$list, written into $corpus" import "${files[@]}" --topics corpus
        if ! diff -r "$work/run-base/corpus" "$work/run-new/corpus" >/dev/null; then
            echo "DIFFERENT files written: $list into $corpus"
            diff -r "$work/run-base/corpus" "$work/run-new/corpus" | head -10
            failed=1
        fi
        checked=$((checked + 1))
    done
done
echo "$((${#lists[@]} + 1)) imports, $checked corpora: $([ $failed = 0 ] && echo identical || echo DIFFERENT)"
exit $failed
