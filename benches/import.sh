#!/usr/bin/env bash
# How fast import curates: 1,000 readings into the shipped course (the issue's gate: under 1 s).
#
#   benches/import.sh [READINGS]        default: 1000
#
# It writes a Markdown list of READINGS readings under eight section headings: one in ten
# is a classic the course holds, at another address (the work-identity rules at work), the
# rest new readings whose titles mix the field's words with everyday ones (the suggester at
# work). Then it times `syllabus import LIST --topics topics --dry-run` with hyperfine
# (median of $RUNS runs) and reports peak memory from GNU time.
# Needs hyperfine, GNU time (/usr/bin/time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
RUNS=${RUNS:-10}
work=${BENCH_DIR:-target/import-bench}
mkdir -p "$work"
for tool in hyperfine /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "import.sh needs $tool (apt-get install -y hyperfine time)" >&2; exit 2; }
done
CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target} cargo build --release --quiet --bin syllabus
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/syllabus
python3 - "$n" "$work/list.md" <<'PY'
import random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
classics = [
    ("Paxos Made Simple", "https://research.microsoft.com/en-us/um/people/lamport/pubs/paxos-simple.pdf"),
    ("The Google File System", "https://research.google.com/archive/gfs-sosp2003.pdf"),
    ("The Byzantine Generals Problem", "https://lamport.azurewebsites.net/pubs/byz.pdf"),
    ("Time, Clocks, and the Ordering of Events in a Distributed System", "https://dl.acm.org/doi/10.1145/359545.359563"),
    ("Impossibility of Distributed Consensus with One Faulty Process", "https://dl.acm.org/doi/10.1145/3149.214121"),
]
field = ["consensus", "replication", "quorum", "leader", "election", "snapshot", "clock", "linearizability",
         "transactions", "commit", "gossip", "crdt", "raft", "paxos", "byzantine", "lease", "lock", "partition"]
plain = ["notes", "on", "the", "a", "week", "practical", "guide", "why", "how", "we", "built", "our", "team",
         "lessons", "from", "production", "career", "writing", "coffee", "garden"]
headings = ["Consensus", "Time", "Storage", "Transactions", "Testing", "Essays", "Operations", "Misc"]
lines = []
for i in range(n):
    if i % (n // 8 or 1) == 0:
        lines.append(f"\n## {headings[(i * 8 // n) % 8]}\n")
    if i % 10 == 0:
        title, url = classics[(i // 10) % len(classics)]
        url = f"{url}?copy={i}" if i >= 50 else url
    else:
        words = rng.sample(plain, 3) + rng.sample(field, rng.randint(0, 2))
        rng.shuffle(words)
        title = " ".join(words).capitalize()
        url = f"https://blog{i % 97}.example.org/{i}/{'-'.join(words)}"
    lines.append(f"- [{title}]({url}) - a reading about {' '.join(rng.sample(field + plain, 6))}.")
open(out, "w").write("\n".join(lines) + "\n")
PY
echo "import of $n readings into the shipped course (dry run):"
hyperfine -N -w 2 -r "$RUNS" --export-json "$work/import.json" \
    "$bin import $work/list.md --topics topics --dry-run" | grep -E "Time|Range"
/usr/bin/time -f "peak %M KB, %e s" "$bin" import "$work/list.md" --topics topics --dry-run 2>&1 >/dev/null | tail -1
