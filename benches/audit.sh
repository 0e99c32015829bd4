#!/usr/bin/env bash
# Audit the course site as issue 24 measures it: Lighthouse (mobile, the default form factor,
# and desktop), axe-core on every page, and the Nu HTML checker.
#
#   benches/audit.sh [PAGE...]      default: index.html topic-paxos.html checklist.html
#
# It builds the release binary and the site of the shipped course (topics/), serves it on
# 127.0.0.1 with python3 (no compression: a static host that compresses only does better),
# installs pinned Lighthouse, axe-core, puppeteer-core and vnu-jar from npm into $AUDIT_DIR/node
# (once), then prints, per page, the median of $RUNS Lighthouse runs for each category:
#   mobile              Lighthouse's defaults (simulated slow 4G and a 4x CPU slowdown)
#   mobile, calibrated  the CPU slowdown scaled to this machine: Lighthouse's 4x is meant for a
#                       high-end desktop (benchmarkIndex 1500-2000, midpoint 1750); a slower or
#                       busier host gets 4 * benchmarkIndex / 1750, at least 1 (no slowdown).
#                       On a shared 2-core machine the default run emulates a phone several
#                       times slower than Lighthouse means (its own report warns of this).
#   desktop             --preset=desktop
# then axe-core on every page at 1280x900 and 390x844 (light and dark, and the phone menu
# open), then the Nu checker on every page and the stylesheet. Exits 1 if axe or Nu finds
# anything, or a page's median mobile performance (calibrated) is under 95.
#
# Not part of `cargo test` or the default CI run (it needs Node, npm, Java and the network for
# npm); the browser test (tests/it/browser.rs) runs the same axe-core, vendored, in CI.
#
# Environment: RUNS (default 5), AUDIT_DIR (default target/audit), CHROME_PATH (default: the
# first of chromium, chromium-browser, google-chrome on PATH), FORMS (default
# "mobile calibrated desktop"), SYLLABUS (a syllabus binary to use instead of building one).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(index.html topic-paxos.html checklist.html)
RUNS=${RUNS:-5}
FORMS=${FORMS:-mobile calibrated desktop}
work=${AUDIT_DIR:-target/audit}
mkdir -p "$work"
work=$(cd "$work" && pwd)

for tool in node npm java python3 curl; do
    command -v "$tool" >/dev/null || { echo "audit.sh needs $tool (apt-get install -y nodejs npm default-jre-headless python3 curl)" >&2; exit 2; }
done
if [ -z "${CHROME_PATH:-}" ]; then
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" >/dev/null; then CHROME_PATH=$(command -v "$name"); break; fi
    done
fi
[ -n "${CHROME_PATH:-}" ] || { echo "audit.sh needs Chromium (apt-get install -y chromium) or CHROME_PATH" >&2; exit 2; }
export CHROME_PATH

# Pinned, so that scores move only when the site does. (`@axe-core/cli` is not used: its install
# downloads a chromedriver from outside npm.)
node_dir=$work/node
if [ ! -x "$node_dir/node_modules/.bin/lighthouse" ] || [ ! -f "$node_dir/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
    mkdir -p "$node_dir"
    (cd "$node_dir" && { [ -f package.json ] || echo '{"private": true}' > package.json; } &&
        npm install --no-audit --no-fund --loglevel=error \
            lighthouse@12.8.2 axe-core@4.14.1 puppeteer-core@24.43.1 vnu-jar@26.9.27 >/dev/null)
fi
export NODE_PATH=$node_dir/node_modules
lighthouse=$node_dir/node_modules/.bin/lighthouse

if [ -n "${SYLLABUS:-}" ]; then
    bin=$SYLLABUS
else
    cargo build --release --quiet
    bin=${CARGO_TARGET_DIR:-$root/target}/release/syllabus
fi
site=$work/site
rm -rf "$site"
"$bin" build --topics topics --out "$site" >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 50); do curl -sf "$base/index.html" >/dev/null && break; sleep 0.1; done

lh() { # PAGE OUT.json FLAGS...
    local page=$1 out=$2
    shift 2
    timeout 300 "$lighthouse" "$base/$page" --quiet --output=json --output-path="$out" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" "$@" >/dev/null 2>&1 ||
        { echo "lighthouse failed on $page" >&2; return 1; }
}
bench_of() { node -e 'console.log(Math.round(require(process.argv[1]).environment.benchmarkIndex))' "$1"; }

status=0
for page in "${pages[@]}"; do
    name=${page%.html}
    for form in $FORMS; do
        reports=()
        for run in $(seq "$RUNS"); do
            out=$work/lh-$name-$form-$run.json
            case $form in
                mobile) lh "$page" "$out" ;;
                desktop) lh "$page" "$out" --preset=desktop ;;
                calibrated)
                    # This run's own benchmark sets its slowdown: the machine's load changes.
                    probe=$work/lh-$name-probe.json
                    lh "$page" "$probe" --only-categories=performance
                    factor=$(node -e 'const b = +process.argv[1]; console.log(Math.min(4, Math.max(1, 4 * b / 1750)).toFixed(2))' "$(bench_of "$probe")")
                    lh "$page" "$out" --throttling.cpuSlowdownMultiplier="$factor"
                    ;;
                *) echo "unknown form $form (mobile, calibrated, desktop)" >&2; exit 2 ;;
            esac
            reports+=("$out")
        done
        line=$(node benches/audit/summary.js "$page $form" "${reports[@]}")
        echo "lighthouse $line"
        if [ "$form" = calibrated ]; then
            perf=$(echo "$line" | sed -n 's/.*performance=\([0-9]*\).*/\1/p')
            if [ "${perf:-0}" -lt 95 ]; then echo "  under 95" >&2; status=1; fi
        fi
    done
done

mapfile -t all < <(cd "$site" && ls ./*.html | sed 's|^\./||')
node benches/audit/axe.js "$base" "${all[@]}" > "$work/axe.txt" || status=1
grep -v ': 0 violations' "$work/axe.txt" || true

vnu=$node_dir/node_modules/vnu-jar/build/dist/vnu.jar
if java -jar "$vnu" --errors-only "$site"/*.html && java -jar "$vnu" --errors-only --css "$site"/style.css; then
    echo "nu: 0 errors on ${#all[@]} pages and style.css"
else
    echo "nu: errors above"
    status=1
fi
exit $status
