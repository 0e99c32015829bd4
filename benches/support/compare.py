"""Two syllabus binaries timed side by side on one corpus (benches/scale.sh with BASE=...).

    compare.py RUNS FLOOR BASE NEW TOPICS_DIR

Runs the TOML parse floor and `check`, `plan`, `plan --format json` of each binary, in turns:
each round runs every command once, the two binaries one after the other, so that a busy
spell of the machine falls on both alike. For each command and binary it prints the median
wall-clock seconds, its ratio to the floor's median, the median CPU seconds (user + system,
steadier than the wall clock on a shared machine) with its ratio to the floor's, and the
largest peak memory (resident set) seen.
"""

import os
import statistics
import subprocess
import sys


def measure(argv):
    """One run: (wall seconds, CPU seconds, peak MB), its output thrown away."""
    import time

    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(argv)} exited {code}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1000


def main():
    runs, floor, base, new, topics = sys.argv[1:]
    pace = ["--hours-per-week", "20"]
    commands = {
        "check": ["check", "--topics", topics],
        "plan": ["plan", "--topics", topics, *pace],
        "plan-json": ["plan", "--format", "json", "--topics", topics, *pace],
    }
    bins = {"base": base, "new": new}
    samples = {}
    for _ in range(int(runs)):
        samples.setdefault(("floor", ""), []).append(measure([floor, topics]))
        for name, args in commands.items():
            for label, binary in bins.items():
                samples.setdefault((name, label), []).append(measure([binary, *args]))

    def medians(key):
        got = samples[key]
        return (
            statistics.median(s[0] for s in got),
            statistics.median(s[1] for s in got),
            max(s[2] for s in got),
        )

    fw, fc, fm = medians(("floor", ""))
    print(f"{'command':<10} {'binary':<6} {'wall s':>7} {'x floor':>8} {'cpu s':>7} {'x floor':>8} {'peak MB':>8}")
    print(f"{'floor':<10} {'':<6} {fw:>7.3f} {'':>8} {fc:>7.2f} {'':>8} {fm:>8.0f}")
    for name in commands:
        for label in bins:
            w, c, m = medians((name, label))
            print(f"{name:<10} {label:<6} {w:>7.3f} {w / fw:>7.2f}x {c:>7.2f} {c / fc:>7.2f}x {m:>8.0f}")
    print(f"({runs} rounds, medians; peak is the largest of the rounds)")


main()
