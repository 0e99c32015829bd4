#!/usr/bin/env python3
"""Mutational fuzzing of the real binary, as a user would meet it (issue 26's adversarial pass).

cargo-fuzz (fuzz/fuzz_targets) reaches the parsers in-process; this drives the whole CLI on
mutated copies of the real fixtures and checks what a user is promised, not only "no panic":

- every run exits 0, 1 or 2, never by a signal, never with "panicked", within the time limit;
- `plan --format json` that exits 0 prints JSON that parses;
- `plan --format ics` that exits 0 prints lines of at most 75 octets and no control character;
- no run writes a terminal control character (ESC, C1, bidi overrides) to the terminal;
- an `import` that exits 0 leaves a corpus that `check` accepts (import never writes a corpus
  that does not load), and an `import` that fails leaves the corpus byte-identical;
- no `.tmp-`/`.old-` leftovers stay in the corpus after a run.

Usage: python3 fuzz/mutate.py --bin target/release/syllabus [--minutes 10] [--seed 1]
Failing inputs are kept in fuzz/mutate-failures/ (ignored by git) with the command that failed.
Only the standard library is needed.
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"

IMPORT_SEEDS = [
    *sorted((FIX / "import").glob("*.*")),
    *sorted((FIX / "import" / "real").glob("*.md")),
    *sorted((FIX / "import" / "real").glob("*.xml")),
    *sorted((FIX / "import" / "real").glob("*.bib")),
    *sorted((FIX / "import" / "real").glob("*.rst")),
    *sorted((FIX / "hostile").glob("*.*")),
    *sorted((FIX / "hostile2").glob("*.*")),
    *sorted((FIX / "curation" / "lists").glob("*.*")),
]
COURSE = ROOT / "topics"

TOKENS = [
    b">`_", b">`__", b".. _x: ", b".. note::", b"::\n\n    ", b"=====\n", b"`unclosed <", b"#. ",
    b"<?xml version=\"1.0\" encoding=\"UTF-16\"?>", b"encoding=\"latin1\"", b"<![CDATA[", b"]]>",
    b"<item>", b"</item>", b"<entry>", b"<link href=\"", b"<a href=\"", b"</a>", b"<h2>", b"<nav>",
    b"&amp;", b"&#x0;", b"&#1114112;", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\x1b[31m", b"\xc2\x85",
    b"\xe2\x80\xae", b"\r\n", b"\n\n", b"- [", b"](", b"](http://127.0.0.1/", b"](javascript:alert(1))",
    b"](https://example.org/a b)", b"# ", b"###### ", b"> ", b"* ", b"1. ", b"    ", b"`", b"[^1]",
    b"@article{", b"@inproceedings{k,", b"title = {", b"url = {", b"doi = {10.1145/", b"eprint = {",
    b"}", b"{", b"\"", b"=", b"[[link]]", b"[links.", b"id = \"", b"url = \"https://", b"minutes = ",
    b"minutes = -1", b"minutes = 1e308", b"kind = \"paper\"", b"requires = [\"", b"stage = ",
    b"alternates = [", b"level = \"advanced\"", b"optional = true", b"title = \"\"\"", b"'''",
    b"\xf0\x9f\x98\x80", b"\xed\xa0\x80", b"https://doi.org/10.1145/359545.359563",
    b"https://arxiv.org/abs/1234.5678", b"http://[::1]/", b"https://a/" + b"x" * 3000,
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:  # flip a byte
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # insert a token
            buf[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and buf:  # delete a span
            buf[pos:pos + rng.randint(1, 64)] = b""
        elif op == 3 and buf:  # duplicate a span (nesting, repeated sections)
            span = bytes(buf[pos:pos + rng.randint(1, 256)])
            buf[pos:pos] = span * rng.randint(1, 50)
        elif op == 4:  # truncate
            del buf[pos:]
        elif op == 5 and buf:  # splice a line from another place
            i = rng.randrange(len(buf))
            buf[pos:pos] = bytes(buf[i:i + rng.randint(1, 120)])
        else:  # a deep nesting run
            buf[pos:pos] = rng.choice([b"- ", b"> ", b"<ul><li>", b"{", b"["]) * rng.randint(10, 400)
    return bytes(buf)


CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


class Failure(Exception):
    pass


def run(bin_, args, cwd, timeout):
    try:
        p = subprocess.run([str(bin_), *args], cwd=cwd, capture_output=True, timeout=timeout,
                           env={**os.environ, "NO_COLOR": "1", "LC_ALL": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        raise Failure(f"timed out after {timeout} s")
    if p.returncode < 0:
        raise Failure(f"killed by signal {-p.returncode}")
    if p.returncode not in (0, 1, 2):
        raise Failure(f"exit {p.returncode}")
    if b"panicked" in p.stderr:
        raise Failure("panicked: " + p.stderr.decode(errors="replace")[:400])
    for stream, name in ((p.stdout, "stdout"), (p.stderr, "stderr")):
        m = CONTROL.search(stream)
        if m:
            raise Failure(f"control character {m.group()!r} on {name}")
    return p


def digest(folder: Path) -> dict:
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


def leftovers(folder: Path):
    return [f.name for f in folder.rglob("*") if re.search(r"\.(tmp|old)-\d+", f.name)]


def case_import(bin_, work, rng, timeout):
    seed = rng.choice(IMPORT_SEEDS)
    src = work / ("in" + seed.suffix)
    src.write_bytes(mutate(seed.read_bytes(), rng))
    course = work / "course"
    shutil.copytree(COURSE, course)
    before = digest(course)
    dry = rng.random() < 0.5
    args = ["import", str(src), "--topics", str(course)]
    if dry:
        args += ["--dry-run", "--format", rng.choice(["text", "json"])]
    p = run(bin_, args, work, timeout)
    if dry and p.returncode == 0 and "json" in args:
        try:
            json.loads(p.stdout)
        except ValueError as e:
            raise Failure(f"dry-run JSON does not parse: {e}")
    after = digest(course)
    if (dry or p.returncode != 0) and after != before:
        raise Failure("a dry run or a failed import changed the corpus")
    if leftovers(course):
        raise Failure(f"leftovers: {leftovers(course)}")
    if not dry and p.returncode == 0:
        c = run(bin_, ["check", "--topics", str(course)], work, timeout)
        if c.returncode != 0:
            raise Failure("import exited 0 but wrote a corpus that check refuses:\n"
                          + c.stderr.decode(errors="replace")[:600])
    return seed.name, args


def case_corpus(bin_, work, rng, timeout):
    course = work / "course"
    shutil.copytree(COURSE, course)
    files = sorted(course.glob("*.toml"))
    victim = rng.choice(files)
    victim.write_bytes(mutate(victim.read_bytes(), rng))
    fmt = rng.choice(["json", "ics", "markdown", "html"])
    args = ["plan", "--topics", str(course), "--format", fmt]
    if fmt == "ics":
        args += ["--start", "2026-01-05"]
    run(bin_, ["check", "--topics", str(course)], work, timeout)
    p = run(bin_, args, work, timeout)
    if p.returncode == 0 and fmt == "json":
        try:
            json.loads(p.stdout)
        except ValueError as e:
            raise Failure(f"plan JSON does not parse: {e}")
    if p.returncode == 0 and fmt == "ics":
        for line in p.stdout.split(b"\r\n"):
            if len(line) > 75:
                raise Failure(f"ICS line of {len(line)} octets")
    if rng.random() < 0.2:
        run(bin_, ["build", "--topics", str(course), "-o", str(work / "site")], work, timeout)
    return victim.name, args


def case_new(bin_, work, rng, timeout):
    seed = rng.choice(IMPORT_SEEDS)
    src = work / ("in" + seed.suffix)
    src.write_bytes(mutate(seed.read_bytes(), rng))
    dest = work / "draft"
    args = ["new", str(dest), "--from", str(src), "--no-like"]
    p = run(bin_, args, work, timeout)
    if p.returncode == 0:
        c = run(bin_, ["check", "--topics", str(dest / "topics")], work, timeout)
        if c.returncode != 0:
            raise Failure("new --from exited 0 but its draft fails check:\n"
                          + c.stderr.decode(errors="replace")[:600])
    return seed.name, args


CASES = [(case_import, 5), (case_corpus, 4), (case_new, 2)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30)
    a = ap.parse_args()
    bin_ = Path(a.bin).resolve()
    rng = random.Random(a.seed)
    out = ROOT / "fuzz" / "mutate-failures"
    end = time.monotonic() + a.minutes * 60
    runs = failures = 0
    pick = [c for c, w in CASES for _ in range(w)]
    while time.monotonic() < end:
        case = rng.choice(pick)
        with tempfile.TemporaryDirectory(prefix="syllabus-mutate-") as tmp:
            work = Path(tmp)
            try:
                case(bin_, work, rng, a.timeout)
            except Failure as e:
                failures += 1
                keep = out / f"{case.__name__}-{runs}"
                shutil.copytree(work, keep, ignore=shutil.ignore_patterns("site"))
                (keep / "WHY.txt").write_text(f"{case.__name__}: {e}\n")
                print(f"FAIL {case.__name__} #{runs}: {e} -> {keep}", flush=True)
            runs += 1
    print(f"{runs} cases, {failures} failures ({a.minutes} min, seed {a.seed})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
