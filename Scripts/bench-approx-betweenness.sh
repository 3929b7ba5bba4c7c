#!/usr/bin/env bash
# Approximate betweenness against exact on the 1M-tweet synthetic archive's user graphs, in the same run: for each
# graph, exact betweenness once, then `--epsilon E --delta D` for SEEDS seeds; prints the largest absolute error
# of each run against exact, how many runs stayed within E, and the time ratio approx / exact (release build).
#   Scripts/bench-approx-betweenness.sh [KIND...]      (default: mention interaction co-mention)
# Env: CORPUS=path (default .build-bench/corpus_1000000.txt, generated with gen_corpus.py when missing),
#      EPSILON (0.01), DELTA (0.1), SEEDS (20), THREADS (2), WEIGHTED=1 for weighted shortest paths,
#      HARMONIC=1 for sampled harmonic centrality against exact instead (error on the scale h / (n - 1)).
set -euo pipefail
cd "$(dirname "$0")/.."
KINDS=("$@")
[ "${#KINDS[@]}" -gt 0 ] || KINDS=(mention interaction co-mention)
GEN="${GEN_CORPUS:-$(cd .. && pwd)/shared/bench/gen_corpus.py}"
CORPUS="${CORPUS:-.build-bench/corpus_1000000.txt}"
if [ ! -s "$CORPUS" ]; then
    [ -f "$GEN" ] || { echo "gen_corpus.py not found at $GEN: set GEN_CORPUS=path/to/gen_corpus.py" >&2; exit 1; }
    mkdir -p "$(dirname "$CORPUS")"
    echo "generating $CORPUS ..." >&2
    python3 "$GEN" --tweets 1000000 --authors 5000 --seed 1 -o "$CORPUS.part" && mv "$CORPUS.part" "$CORPUS"
fi
swift build -c release --product replygraph-bench >&2
BIN="$(swift build -c release --show-bin-path)/replygraph-bench"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
FLAGS=(--epsilon "${EPSILON:-0.01}" --delta "${DELTA:-0.1}" --seeds "${SEEDS:-20}" --threads "${THREADS:-2}")
[ "${WEIGHTED:-0}" = 1 ] && FLAGS+=(--weighted)
[ "${HARMONIC:-0}" = 1 ] && FLAGS+=(--harmonic)
for kind in "${KINDS[@]}"; do
    echo "$kind ..." >&2
    "$BIN" centrality approx "$kind" "$CORPUS" "${FLAGS[@]}" | tee -a "$OUT" >&2
done
python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
print(f"load average at the end: {open('/proc/loadavg').read().split()[0]}")
print("| graph | users | edges | ε | δ | samples | VD bound | exact | approx (median) | approx / exact "
      "| largest error (worst seed) | runs within ε | guard's estimate of exact |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    times = [x["seconds"] for x in r["runs"]]
    errors = [x["max_error"] for x in r["runs"]]
    approx = statistics.median(times)
    within = sum(e <= r["epsilon"] for e in errors)
    estimate = f"{r['estimated_exact_seconds']:.2f} s" if "estimated_exact_seconds" in r else "-"
    kind = r["kind"] + (" (weighted)" if r["weighted"] else "") + (" harmonic" if r["phase"] == "sampled-harmonic" else "")
    print(f"| {kind} | {r['nodes']:,} | {r['edges']:,} | {r['epsilon']} | {r['delta']} | {r['samples']:,} "
          f"| {r.get('vertex_diameter_bound', '-')} | {r['exact_seconds']:.2f} s | {approx:.3f} s "
          f"| {approx / r['exact_seconds']:.3f} | {max(errors):.4f} | {within}/{len(errors)} "
          f"| {estimate} |")
PY
