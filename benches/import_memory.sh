#!/usr/bin/env bash
# Import memory and time on a large Markdown list (issue 26, item 8): 200,000 links in about
# 28 MB, imported with --dry-run into the shipped course, under /usr/bin/time -v.
#
#   benches/import_memory.sh [LINKS]      default 200000
#
# Goal: linear in the list, under 300 MB peak and 5 s for the default size (release build).
# Prints, per binary, the median over RUNS runs (default 3) of the CPU time (user + system),
# the wall time and the peak resident memory (GNU time's maximum RSS).
# Environment: BENCH_DIR (default target/import-memory), RUNS, BIN (default: build the release
# binary; several binaries separated by spaces are measured one after the other, to compare
# a change with its base in one run).
# Needs GNU time (/usr/bin/time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
links=${1:-200000}
work=${BENCH_DIR:-target/import-memory}
mkdir -p "$work"
work=$(cd "$work" && pwd)
for tool in /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "import_memory.sh needs $tool" >&2; exit 2; }
done
if [ -z "${BIN:-}" ]; then
    CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target} cargo build --release --quiet --bin syllabus
    BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/syllabus
fi
list=$work/list-$links.md
python3 - "$links" "$list" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
words = ["consensus", "clocks", "replication", "paxos", "raft", "gossip", "quorum", "leases",
         "snapshots", "logs", "failure", "detectors", "partitions", "linearizability"]
with open(path, "w") as f:
    f.write("# A very long reading list\n\n")
    for i in range(n):
        if i % 1000 == 0:
            f.write(f"\n## Section {i // 1000}\n\n")
        a, b, c = words[i % 14], words[(i * 7) % 14], words[(i * 11) % 14]
        f.write(f"- [{a.title()} and {b} in practice, part {i}](https://host{i % 997}.example.org/"
                f"articles/{a}/{b}-{i}) - notes on {c}, {a} and {b}; worth a second read.\n")
PY
printf '%s: %s bytes, %s links\n' "$list" "$(stat -c %s "$list")" "$links"
runs=${RUNS:-3}
cd "$work"
for bin in $BIN; do
    : >"$work/runs.txt"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%U %S %e %M" -o "$work/time.txt" \
            "$bin" import "$list" --dry-run --format json >/dev/null 2>"$work/stderr.txt" || {
            tail -20 "$work/stderr.txt" >&2
            exit 1
        }
        tail -1 "$work/time.txt" >>"$work/runs.txt"
    done
    python3 - "$bin" "$runs" "$work/runs.txt" <<'PY'
import statistics, sys
bin, runs, path = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
cpu = statistics.median(u + s for u, s, _, _ in rows)
wall = statistics.median(r[2] for r in rows)
peak = statistics.median(r[3] for r in rows) / 1024
print(f"{bin}: CPU {cpu:.2f} s, wall {wall:.2f} s, peak {peak:.0f} MB (median of {runs})")
PY
done
