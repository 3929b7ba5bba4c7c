#!/usr/bin/env bash
# Zip benchmark: reading a Twitter/X archive as users download it (a ~50 MB .zip: a large tweets.js plus media
# that is never opened) against reading the same tweets.js unpacked, with the release `replygraph summary` (read +
# statistics), in alternating rounds of the same run. Prints each round, the medians and the ratio; the bar is
# 1.5x. The archive is synthetic (Scripts/make-account-archive.py) and cached under .build-bench/.
#
#   bash Scripts/bench-zip.sh [TWEETS] [MEDIA_MB] [ROUNDS]     (default 200000 tweets, 34 MB of media, 5 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh

TWEETS=${1:-200000}
MEDIA=${2:-34}
ROUNDS=${3:-5}
WORK=.build-bench/zip_${TWEETS}_${MEDIA}
if [ ! -s "$WORK/archive.zip" ]; then
  echo "generating $WORK with $TWEETS tweets and $MEDIA MB of media" >&2
  mkdir -p "$WORK"
  python3 Scripts/make-account-archive.py "$WORK" --tweets "$TWEETS" --media-mb "$MEDIA"
fi
swift build -c release --product replygraph >&2
BIN=$(swift build -c release --show-bin-path)/replygraph
ZIP="$WORK/archive.zip"
JS="$WORK/archive/data/tweets.js"
echo "zip: $(stat -c %s "$ZIP") bytes; tweets.js: $(stat -c %s "$JS") bytes; $TWEETS tweets"

# The same tweets either way (the zip's owner comes from its manifest; the lone file's from --owner).
a=$("$BIN" summary -q --format json "$ZIP" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tweets"])')
b=$("$BIN" summary -q --format json --owner synthetic_owner "$JS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tweets"])')
[ "$a" = "$b" ] && [ "$a" = "$TWEETS" ] || { echo "tweet counts differ: zip $a, tweets.js $b" >&2; exit 1; }

seconds() {   # wall seconds of one run
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}
zip_times=(); js_times=()
for round in $(seq "$ROUNDS"); do
  z=$(seconds "$BIN" summary -q "$ZIP")
  j=$(seconds "$BIN" summary -q --owner synthetic_owner "$JS")
  zip_times+=("$z"); js_times+=("$j")
  echo "round $round: zip ${z}s  tweets.js ${j}s"
done
python3 - "${zip_times[*]}" "${js_times[*]}" <<'PY'
import statistics, sys
z = [float(x) for x in sys.argv[1].split()]
j = [float(x) for x in sys.argv[2].split()]
mz, mj = statistics.median(z), statistics.median(j)
ratio = mz / mj
print(f"median: zip {mz:.3f}s, tweets.js {mj:.3f}s, ratio {ratio:.2f}x (bar 1.5x): {'PASS' if ratio <= 1.5 else 'FAIL'}")
PY
