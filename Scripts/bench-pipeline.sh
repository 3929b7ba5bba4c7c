#!/usr/bin/env bash
# The large-archive pipeline in one process (issue 17), and approximate betweenness against networkit in the same run.
#
#   bash Scripts/bench-pipeline.sh [SIZE]          SIZE: 1m, 3m or 10m (default 10m; corpora as in bench-scale.sh)
#
# 1. `replygraph-bench pipeline` reads the corpus once and runs summary, thread reconstruction, the interaction graph,
#    PageRank, Louvain and approximate betweenness (EPSILON, DELTA: 0.01 and 0.1), printing each phase's wall time and
#    resident set, the total and the peak (also checked with /usr/bin/time -v). It writes the interaction graph's
#    edges (node indices, self-loops left out) to a scratch file.
# 2. A throwaway virtual environment (.build-bench/networkit-venv, git-ignored) gets networkit 11 from PyPI when it
#    is missing; networkit's ApproxBetweenness (Riondato–Kornaropoulos, the method ReplyGraph's sampler bounds its
#    error by) runs on the same directed graph with the same ε and δ and as many threads, once with its default
#    universal constant c = 1 and once with c = 0.5 (ReplyGraph's), and the table compares the times.
#    networkit's KadabraBetweenness refuses directed graphs, so it is not in the table.
# Env: CORPUS=path (instead of SIZE's cached corpus), EPSILON, DELTA, THREADS (default: all cores),
#      BENCH_BIN=path (a release replygraph-bench built beforehand), GEN_CORPUS=path/to/gen_corpus.py.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh >&2

WORK=.build-bench
mkdir -p "$WORK"
SIZE=${1:-10m}
EPSILON=${EPSILON:-0.01}
DELTA=${DELTA:-0.1}
THREADS=${THREADS:-$(nproc)}
GEN=${GEN_CORPUS:-../shared/bench/gen_corpus.py}

case $SIZE in
  1m) ARGS="1000000 5000" ;;
  3m) ARGS="3000000 300000" ;;
  10m) ARGS="10000000 1000000" ;;
  *) echo "unknown size $SIZE (1m, 3m, 10m)" >&2; exit 64 ;;
esac
read -r TWEETS AUTHORS <<<"$ARGS"
CORPUS=${CORPUS:-$WORK/corpus_${TWEETS}_${AUTHORS}_s3.txt}
if [ ! -s "$CORPUS" ]; then
  [ -f "$GEN" ] || { echo "gen_corpus.py not found at $GEN: set GEN_CORPUS" >&2; exit 1; }
  need=$((TWEETS / 1000000 * 250 + 200))   # MB: the corpus plus the edge list
  free=$(df -Pm "$WORK" | awk 'NR == 2 { print $4 }')
  [ "$free" -gt "$need" ] || { echo "need ${need} MB free in $WORK, have ${free} MB" >&2; exit 1; }
  echo "generating $CORPUS ..." >&2
  python3 "$GEN" --tweets "$TWEETS" --authors "$AUTHORS" --seed 3 -o "$CORPUS.part" && mv "$CORPUS.part" "$CORPUS"
fi

if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$BENCH_BIN
else
  swift build -c release --product replygraph-bench >&2
  BIN="$(swift build -c release --show-bin-path)/replygraph-bench"
fi

EDGES=$(mktemp "$WORK/pipeline-edges.XXXXXX")
TIMES=$(mktemp)
trap 'rm -f "$EDGES" "$TIMES"' EXIT
echo "pipeline on $CORPUS ..." >&2
LINE=$(/usr/bin/time -v -o "$TIMES" "$BIN" pipeline "$CORPUS" --epsilon "$EPSILON" --delta "$DELTA" \
  --threads "$THREADS" --edges "$EDGES")
echo "$LINE" >&2
TIME_RSS=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TIMES")

VENV=$WORK/networkit-venv
if ! "$VENV/bin/python" -c "import networkit" 2>/dev/null; then
  echo "installing networkit into $VENV (throwaway) ..." >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "networkit>=11,<12" >&2
fi

# One networkit run per universal constant, each in its own process under a time limit (RK samples are full
# searches; on the 10M graph networkit can run for hours): prints `c seconds samples`, or `c timeout`.
NK_RUNS=$(mktemp)
trap 'rm -f "$EDGES" "$TIMES" "$NK_RUNS"' EXIT
for c in ${NETWORKIT_CONSTANTS:-1 0.5}; do
  echo "networkit ApproxBetweenness, c = $c (limit ${NETWORKIT_TIMEOUT:-1800} s) ..." >&2
  if ! timeout "${NETWORKIT_TIMEOUT:-1800}" "$VENV/bin/python" - "$EDGES" "$LINE" "$EPSILON" "$DELTA" "$THREADS" "$c" \
    >>"$NK_RUNS" <<'PY'
import json, sys, time
import numpy as np
import networkit as nk

edges_path, line, epsilon, delta, threads, c = sys.argv[1:]
users = json.loads(line)["users"]
nk.setNumberOfThreads(int(threads))
pairs = np.fromfile(edges_path, dtype=np.int64, sep=" ").reshape(-1, 2)
graph = nk.Graph(users, directed=True)
graph.addEdges((pairs[:, 0], pairs[:, 1]))
start = time.perf_counter()
algorithm = nk.centrality.ApproxBetweenness(graph, epsilon=float(epsilon), delta=float(delta),
                                            universalConstant=float(c))
algorithm.run()
print(c, time.perf_counter() - start, algorithm.numberOfSamples(), graph.numberOfNodes(), graph.numberOfEdges(),
      nk.__version__)
PY
  then
    echo "$c timeout ${NETWORKIT_TIMEOUT:-1800}" >>"$NK_RUNS"
  fi
done

python3 - "$LINE" "$EPSILON" "$DELTA" "$TIME_RSS" "$NK_RUNS" <<'PY'
import json, sys

line, epsilon, delta, time_rss, runs_path = sys.argv[1:]
ours = json.loads(line)
phases = ours["phases"]
print(f"load average at the end: {open('/proc/loadavg').read().split()[0]}")
print(f"{ours['tweets']:,} tweets, {ours['users']:,} users, {ours['edges']:,} interaction edges, "
      f"{ours['cores']} cores\n")
print("| phase | seconds | resident set after (MB) |")
print("|---|---:|---:|")
for name, p in phases.items():
    print(f"| {name.replace('_', ' ')} | {p['seconds']:.1f} | {p['rss_mb']:,} |")
print(f"| **total** | **{ours['total_seconds']:.1f}** | peak {ours['peak_rss_mb']:,} (time -v: "
      f"{int(time_rss) // 1024:,}) |\n")
ab = phases["approx_betweenness"]["seconds"]
print(f"approximate betweenness, ε = {epsilon}, δ = {delta}, same directed graph (self-loops left out):\n")
print("| implementation | samples | seconds | × ReplyGraph |")
print("|---|---:|---:|---:|")
print(f"| ReplyGraph ApproximateBetweenness (c = 0.5, bidirectional BFS) | {ours['samples']:,} | {ab:.2f} | 1.00 |")
for run in open(runs_path).read().split("\n"):
    f = run.split()
    if len(f) == 3 and f[1] == "timeout":
        print(f"| networkit ApproxBetweenness (c = {f[0]}) | | > {f[2]} (stopped) | > {float(f[2]) / ab:.0f} |")
    elif len(f) == 6:
        c, seconds, samples, _, _, version = f
        print(f"| networkit {version} ApproxBetweenness (c = {c}) | {int(samples):,} | {float(seconds):.2f} "
              f"| {float(seconds) / max(ab, 1e-9):.2f} |")
PY
