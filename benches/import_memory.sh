#!/usr/bin/env bash
# Import memory and time on a large Markdown list (issue 26, item 8): 200,000 links in about
# 28 MB, imported with --dry-run into the shipped course, under /usr/bin/time -v.
#
#   benches/import_memory.sh [LINKS]      default 200000
#
# Goal: linear in the list, under 300 MB peak and 5 s for the default size (release build).
# Environment: BENCH_DIR (default target/import-memory), BIN (default: build the release binary).
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
    cargo build --release --quiet --bin syllabus
    BIN=$PWD/target/release/syllabus
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
cd "$work"
/usr/bin/time -v "$BIN" import "$list" --dry-run --format json >/dev/null 2>"$work/time.txt" || {
    tail -20 "$work/time.txt" >&2
    exit 1
}
grep -E "Elapsed|Maximum resident" "$work/time.txt"
