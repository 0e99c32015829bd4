#!/usr/bin/env bash
# Seed corpora for the fuzz targets from the real fixtures, into fuzz/corpus/TARGET (ignored by
# git; libFuzzer adds what it finds there). Run from anywhere; then, with nightly and cargo-fuzz:
#
#   cargo +nightly fuzz run import_formats fuzz/corpus/import_formats -- \
#       -dict=fuzz/dict/import_formats.dict -max_total_time=600
#
# import_formats inputs start with a byte picking the format (0 feed, 1 bluesky, 2 markdown,
# 3 rss, 4 bookmarks, 5 bibtex, 6 rst): each fixture is seeded with the byte of its own format, and
# large files are cut to their first 16 KB (libFuzzer works best on small inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus
mkdir -p "$out/import_formats" "$out/corpus_load" "$out/progress_edit"
seed() { # format-byte file
    local name
    name=$(basename "$2")
    { printf "\\x$(printf %02x "$1")"; head -c 16384 "$2"; } >"$out/import_formats/$1-$name"
}
fx=tests/fixtures
seed 0 "$fx/import/feed.txt"
seed 0 "$fx/shared/distribsystems-feed.txt"
seed 1 "$fx/import/bluesky.json"
seed 1 "$fx/import/posts.json"
seed 1 "$fx/hostile/posts.json"
for f in "$fx"/import/list.md "$fx"/import/real/*.md; do seed 2 "$f"; done
for f in "$fx"/import/feed.rss "$fx"/import/atom.xml "$fx"/import/real/*.xml "$fx"/hostile/feed.rss \
    "$fx"/import/bad/broken.xml "$fx"/hostile2/*.rss "$fx"/hostile2/*.atom; do
    seed 3 "$f"
done
seed 4 "$fx/import/bookmarks.html"
for f in "$fx"/import/refs.bib "$fx"/import/real/*.bib "$fx"/hostile/refs.bib "$fx"/import/bad/broken.bib; do
    seed 5 "$f"
done
for f in "$fx"/import/real/*.rst; do seed 6 "$f"; done
# corpus_load: each topic file of the shipped course and of the fixtures, with its course.toml
# before a NUL (the target splits there).
for dir in topics "$fx/valid" "$fx/practice"; do
    [ -d "$dir" ] || continue
    for f in "$dir"/*.toml; do
        [ "$(basename "$f")" = course.toml ] && continue
        { cat "$dir/course.toml"; printf '\0'; cat "$f"; } >"$out/corpus_load/$(basename "$dir")-$(basename "$f")"
    done
done
for f in "$fx"/bad/*/*.toml; do
    cp "$f" "$out/corpus_load/bad-$(basename "$(dirname "$f")")-$(basename "$f")"
done
# progress_edit: progress files as people keep them.
printf 'done = []\n' >"$out/progress_edit/empty"
printf '# mine\ndone = [\n  "a", # first\n  "fuzz-id",\n]\nother = 1\n' >"$out/progress_edit/commented"
printf 'done = ["x", "y"]\n' >"$out/progress_edit/inline"
for f in "$fx"/profiles/*.toml; do
    [ -f "$f" ] && cp "$f" "$out/progress_edit/profile-$(basename "$f")"
done
for t in import_formats corpus_load progress_edit; do
    printf '%s: %s seeds\n' "$t" "$(ls "$out/$t" | wc -l)"
done
