#!/usr/bin/env bash
# Thread-phase benchmark: graph build + thread reconstruction (`replygraph-bench threads`) on the 1,000,000-tweet
# synthetic archive, for this checkout and for a reference release built from git in a throwaway worktree (default
# d4ee48c, the last release with hand-set link log-odds), run alternately in the same session so both see the same
# machine load. Prints the medians and the ratio; the fitted link model's budget is 1.5x the reference.
#
#   bash Scripts/bench-threads.sh [REFERENCE_COMMIT] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh

REF=${1:-d4ee48c}
ROUNDS=${2:-5}
WORK=.build-bench
mkdir -p "$WORK"
CORPUS="$WORK/corpus_1000000.txt"
GEN=${GEN_CORPUS:-../shared/bench/gen_corpus.py}
if [ ! -s "$CORPUS" ]; then
  echo "generating $CORPUS with $GEN --tweets 1000000 --authors 5000 --seed 1" >&2
  python3 "$GEN" --tweets 1000000 --authors 5000 --seed 1 -o "$CORPUS"
fi
swift build -c release --product replygraph-bench >&2
BENCH=$(swift build -c release --show-bin-path)/replygraph-bench

REFDIR="$WORK/reference-$REF"
if [ ! -x "$REFDIR/.build/release/replygraph-bench" ]; then
  echo "building the reference release $REF in $REFDIR" >&2
  rm -rf "$REFDIR"
  git worktree prune
  git worktree add --detach "$REFDIR" "$REF" >&2
  (cd "$REFDIR" && swift build -c release --product replygraph-bench >&2)
fi
REFBENCH="$REFDIR/.build/release/replygraph-bench"

: > "$WORK/threads-now.jsonl"
: > "$WORK/threads-ref.jsonl"
for _ in $(seq "$ROUNDS"); do
  "$REFBENCH" threads "$CORPUS" >> "$WORK/threads-ref.jsonl"
  "$BENCH" threads "$CORPUS" >> "$WORK/threads-now.jsonl"
done
python3 - "$WORK/threads-now.jsonl" "$WORK/threads-ref.jsonl" "$REF" <<'PY'
import json, statistics, sys
now = [json.loads(l) for l in open(sys.argv[1])]
ref = [json.loads(l) for l in open(sys.argv[2])]
m = lambda runs, k: statistics.median(r[k] for r in runs)
a, b = m(now, "graph_threads_seconds"), m(ref, "graph_threads_seconds")
print(f"graph build + threads, median of {len(now)} (alternating runs, load {open('/proc/loadavg').read().split()[0]}):")
print(f"  this checkout      {a:.2f} s  ({now[-1]['threads']} threads, parse {m(now, 'parse_seconds'):.2f} s)")
print(f"  reference {sys.argv[3]:8} {b:.2f} s  ({ref[-1]['threads']} threads, parse {m(ref, 'parse_seconds'):.2f} s)")
print(f"  ratio {a / b:.2f}x (budget 1.5x): {'within' if a / b <= 1.5 else 'OVER'}")
if all("graph_threads_cpu_seconds" in r for r in now):
    print(f"  CPU seconds of this checkout (all threads): {m(now, 'graph_threads_cpu_seconds'):.2f} s")
PY
