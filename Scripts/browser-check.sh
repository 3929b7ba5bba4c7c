#!/usr/bin/env bash
# Opens the batch gallery and one thread diagram in headless Chromium (Debian's package, installed when missing)
# and saves screenshots to Scripts/screenshots/. The test suite never needs a browser; this is a by-hand check
# that what users open looks right. It fails when a page cannot be loaded or a screenshot comes out blank.
#
#   bash Scripts/browser-check.sh [GALLERY_DIR]     (default: a fresh batch of the bundled sample in a temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh chromium:chromium   # also Debian's Chromium, when missing

GALLERY=${1:-}
if [ -z "$GALLERY" ]; then
  GALLERY=$(mktemp -d)
  swift build -c release --product replygraph >&2
  "$(swift build -c release --show-bin-path)/replygraph" batch --out "$GALLERY" >&2
fi
THREAD=$(ls "$GALLERY"/*/threads/*.svg | tail -n 1)

shoot() {  # shoot URL OUT WIDTH HEIGHT
  timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$3,$4" \
    --screenshot="$2" "$1" >/dev/null 2>&1
  [ -s "$2" ] || { echo "browser-check: no screenshot of $1" >&2; exit 1; }
}
mkdir -p Scripts/screenshots
shoot "file://$(realpath "$GALLERY")/index.html" Scripts/screenshots/gallery.png 1280 1000
shoot "file://$(realpath "$THREAD")" Scripts/screenshots/thread.png 900 1400

# A blank page compresses to almost nothing; a real one does not.
for png in Scripts/screenshots/gallery.png Scripts/screenshots/thread.png; do
  size=$(stat -c %s "$png")
  [ "$size" -gt 20000 ] || { echo "browser-check: $png looks blank ($size bytes)" >&2; exit 1; }
  echo "browser-check: $png ($size bytes)"
done
