#!/usr/bin/env bash
# How syllabus scales, against the floor of parsing the same TOML and nothing else.
#
#   benches/scale.sh [TOPICS...]        default: 100 1000 10000 (1k, 10k and 100k links)
#
# For each size it generates the synthetic corpus (benches/support/synthetic.rs: 10 links a
# topic, 8 stages, topics requiring 1-4 earlier ones), builds the release binary, and times in
# the same run, with hyperfine (medians of $RUNS runs): the TOML parse floor
# (examples/toml_floor.rs), `check`, `plan`, `plan --format json` and `build`; then one run of
# each under /usr/bin/time -v for peak memory, and the size of the built site. It prints the
# ratios to the floor and, between sizes, how much more time 10x more corpus takes. Last, the
# BibTeX import of a title with 10k and 100k nested braces (one run each).
#
# Environment: RUNS (default 5), TIMEOUT seconds for one command (default 300; a command that
# takes longer is reported as such and not repeated), BENCH_DIR (default target/scale),
# BRACES (default "10000 100000"), BIN (a syllabus binary to time instead of the one built here,
# to time an earlier build in the same run of the machine), BASE (another syllabus binary, an
# earlier build: then, per size, only `check`, `plan` and `plan --format json` of BASE and of
# the binary timed are run, in turns, $RUNS rounds, and compared; benches/support/compare.py).
# Needs hyperfine, GNU time (/usr/bin/time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
RUNS=${RUNS:-5}
TIMEOUT=${TIMEOUT:-300}
work=${BENCH_DIR:-target/scale}
mkdir -p "$work"
work=$(cd "$work" && pwd)

for tool in hyperfine /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "scale.sh needs $tool (apt-get install -y hyperfine time)" >&2; exit 2; }
done

# With BIN, the examples of an earlier build are used as they are.
[ -n "${BIN:-}" ] || cargo build --release --quiet --bin syllabus --example gen_corpus --example toml_floor
out=${CARGO_TARGET_DIR:-$PWD/target}/release
bin=${BIN:-$out/syllabus}
floor=$out/examples/toml_floor
gen=$out/examples/gen_corpus

# One run of a command under /usr/bin/time: "seconds peak_kb exit_code" into $work/$2.mem.
measure() {
    local name=$1
    shift
    local code=0
    /usr/bin/time -f '%e %M' -o "$work/$name.time" timeout "$TIMEOUT" "$@" >/dev/null 2>"$work/$name.err" || code=$?
    echo "$(tail -n1 "$work/$name.time") $code" >"$work/$name.mem"
}

for n in "${sizes[@]}"; do
    dir=$work/c$n
    if [ ! -f "$dir/topics/course.toml" ]; then
        rm -rf "$dir"
        "$gen" "$n" "$dir/topics"
    fi
    du -sb "$dir/topics" | cut -f1 >"$work/c$n.bytes"
    echo "== $n topics: $(ls "$dir/topics" | wc -l) files, $(($(cat "$work/c$n.bytes") / 1000000)) MB" >&2
    if [ -n "${BASE:-}" ]; then
        python3 benches/support/compare.py "$RUNS" "$floor" "$BASE" "$bin" "$dir/topics"
        continue
    fi
    # Plans of more than 10,000 weeks are refused: at 100k links the default 5 hours a week
    # is not enough.
    pace="--hours-per-week 20"
    names=(floor check plan plan-json build)
    cmds=(
        "$floor $dir/topics"
        "$bin check --topics $dir/topics"
        "$bin plan --topics $dir/topics $pace"
        "$bin plan --format json --topics $dir/topics $pace"
        "$bin build --topics $dir/topics --out $dir/site $pace"
    )
    hf=()
    for i in "${!names[@]}"; do
        # Commands are run once first (peak memory, and whether they finish at all): one that
        # fails or times out is reported, not repeated.
        # shellcheck disable=SC2086
        measure "c$n-${names[$i]}" ${cmds[$i]}
        if [ "$(cut -d' ' -f3 "$work/c$n-${names[$i]}.mem")" = 0 ]; then
            hf+=(-n "${names[$i]}" "${cmds[$i]}")
        else
            echo "   ${names[$i]} failed or took over ${TIMEOUT}s: $(head -c 300 "$work/c$n-${names[$i]}.err")" >&2
        fi
    done
    du -sb "$dir/site" 2>/dev/null | cut -f1 >"$work/c$n.site" || echo 0 >"$work/c$n.site"
    hyperfine -N --style none --runs "$RUNS" --warmup 1 --export-json "$work/c$n.json" "${hf[@]}" >/dev/null
done

[ -z "${BASE:-}" ] || exit 0

# A BibTeX title of nested braces: how import scales with the depth of its input.
bibdir=$work/bib
rm -rf "$bibdir" && mkdir -p "$bibdir" && "$gen" 10 "$bibdir/topics"
for depth in ${BRACES-10000 100000}; do
    python3 -c "import sys; d=int(sys.argv[1]); print('@article{deep, title = {' + '{'*d + 'Deep' + '}'*d + '}, url = {https://example.com/deep}}')" "$depth" >"$bibdir/deep-$depth.bib"
    measure "bib-$depth" "$bin" import "$bibdir/deep-$depth.bib" --topics "$bibdir/topics" --into t0 --dry-run
done

python3 - "$work" "${sizes[@]}" <<'PY'
import json, sys, os
work, sizes = sys.argv[1], sys.argv[2:]
def read(p, default=None):
    try:
        return open(os.path.join(work, p)).read().split()
    except OSError:
        return default
# CPU seconds (user + system, mean) beside the wall-clock median: on a busy machine the wall
# clock says more about the neighbours than about the command.
print(f"{'corpus':<24} {'command':<10} {'median s':>9} {'x floor':>8} {'cpu s':>7} {'x floor':>8} {'peak MB':>8}  note")
medians = {}
for n in sizes:
    runs = {r["command"]: r for r in json.load(open(os.path.join(work, f"c{n}.json")))["results"]}
    mb = int(read(f"c{n}.bytes")[0]) / 1e6
    label = f"{n} topics/{int(n) * 10} links"
    fl = runs.get("floor", {}).get("median")
    cpu = lambda r: r["user"] + r["system"]
    fl_cpu = cpu(runs["floor"]) if "floor" in runs else None
    for name in ["floor", "check", "plan", "plan-json", "build"]:
        secs, peak, code = read(f"c{n}-{name}.mem", ["?", "0", "?"])
        r = runs.get(name)
        note = ""
        if r is None:
            med, ratio, cs, cratio = "-", "-", "-", "-"
            note = f"did not finish (exit {code}, {secs} s)"
        else:
            medians[(n, name)] = r["median"]
            med = f"{r['median']:.3f}"
            ratio = f"{r['median'] / fl:.1f}x" if fl else "-"
            cs = f"{cpu(r):.2f}"
            cratio = f"{cpu(r) / fl_cpu:.1f}x" if fl_cpu else "-"
        if name == "floor":
            note = f"{mb:.1f} MB of TOML"
        if name == "build" and r is not None:
            note = f"site {int(read(f'c{n}.site', ['0'])[0]) / 1e6:.1f} MB"
        print(f"{label:<24} {name:<10} {med:>9} {ratio:>8} {cs:>7} {cratio:>8} {int(peak) / 1000:>8.0f}  {note}")
print()
for a, b in zip(sizes, sizes[1:]):
    parts = []
    for name in ["floor", "check", "plan", "plan-json", "build"]:
        if (a, name) in medians and (b, name) in medians:
            parts.append(f"{name} {medians[(b, name)] / medians[(a, name)]:.1f}x")
    print(f"{int(b) / int(a):.0f}x corpus ({a} -> {b} topics): " + ", ".join(parts))
print()
for f in sorted(os.listdir(work)):
    if f.startswith("bib-") and f.endswith(".mem"):
        secs, peak, code = read(f)
        print(f"import BibTeX title, {f[4:-4]} nested braces: {secs} s, {int(peak) / 1000:.0f} MB peak, exit {code}")
PY
