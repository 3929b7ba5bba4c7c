#!/usr/bin/env bash
# Rendering benchmark, release build, next to the Graphviz command-line tools doing the same work in the same run:
#   1. `replygraph batch` on the bundled sample (every thread diagram, the mention network, the timeline, and the
#      JSON/GraphML/GEXF exports), the whole command; the reference is `dot` run once per thread diagram.
#   2. One thread diagram: `replygraph-bench render` writes each drawn thread's DOT (ThreadView, as batch builds
#      it) to a folder and renders them all in process (GraphvizRenderer, dot engine, SVG); the reference is
#      `dot -Tsvg FILE -o OUT` over the same files, one process per file.
#   3. sfdp on a 5,000-node mention graph (MentionsView of a synthetic corpus, the top 5,000 users by weighted
#      degree), in process and with `sfdp -Tsvg` on the same file.
# Times are medians of RUNS runs (default 3); ratios are CLI time / our time, so above 1 means in-process is faster.
#
#   bash Scripts/bench-render.sh          (the corpus and DOT files are cached under .build-bench/)
#   RUNS=5 SFDP_SPLINES=true GEN_CORPUS=path/to/gen_corpus.py bash Scripts/bench-render.sh
#
# SFDP_SPLINES (default curved, the mentions view's own setting) sets the 5,000-node file's splines; `true` makes
# sfdp route splines around every node, which runs for well over ten minutes at that size. Both sides render the
# same file either way.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh graphviz:dot graphviz:sfdp   # also the Graphviz command-line tools, the reference

say() { printf 'bench-render: %s\n' "$*" >&2; }

RUNS=${RUNS:-3}
TWEETS=200000        # with 6,000 authors, seed 1: 5,412 users in the mention graph, 8,942 edges
AUTHORS=6000
TOP=5000
SPLINES=${SFDP_SPLINES:-curved}   # the mentions view's own setting
WORK=.build-bench/render
mkdir -p "$WORK"
CORPUS=".build-bench/corpus_${TWEETS}_a${AUTHORS}.txt"
GEN=${GEN_CORPUS:-../shared/bench/gen_corpus.py}
if [ ! -s "$CORPUS" ]; then
  say "generating $CORPUS with $GEN --tweets $TWEETS --authors $AUTHORS --seed 1"
  python3 "$GEN" --tweets "$TWEETS" --authors "$AUTHORS" --seed 1 -o "$CORPUS"
fi
swift build -c release --product replygraph >&2
swift build -c release --product replygraph-bench >&2
BINDIR=$(swift build -c release --show-bin-path)
BIN=$BINDIR/replygraph
BENCH=$BINDIR/replygraph-bench

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# 1. batch export of the bundled sample, the whole command.
say "batch export of the bundled sample, $RUNS runs"
times=()
for _ in $(seq "$RUNS"); do
  t0=$(now)
  "$BIN" batch --out "$WORK/batch" --force > /dev/null 2>&1
  t1=$(now)
  times+=("$(elapsed "$t0" "$t1")")
done
BATCH=$(printf '%s\n' "${times[@]}" | median)
BATCH_THREADS=$(find "$WORK/batch/alexxubyte/threads" -name '*.svg' | wc -l)

# 2. thread diagrams: the same DOT files in process and with one `dot` process per file.
rm -rf "$WORK/threads" "$WORK/threads-cli"
mkdir -p "$WORK/threads-cli"
THREADS_JSON=$("$BENCH" render threads "$WORK/threads")
N_THREADS=$(field "$THREADS_JSON" files)
say "$N_THREADS thread diagrams in process, $RUNS passes"
OURS_JSON=$("$BENCH" render time dot "$WORK"/threads/*.dot --repeat "$RUNS")
OURS_THREADS=$(field "$OURS_JSON" median_seconds)
say "$N_THREADS thread diagrams with dot, one process per file, $RUNS passes"
times=()
for _ in $(seq "$RUNS"); do
  t0=$(now)
  for f in "$WORK"/threads/*.dot; do
    dot -Tsvg "$f" -o "$WORK/threads-cli/$(basename "$f" .dot).svg"
  done
  t1=$(now)
  times+=("$(elapsed "$t0" "$t1")")
done
CLI_THREADS=$(printf '%s\n' "${times[@]}" | median)
OURS_SVG_BYTES=$(cat "$WORK"/threads/*.svg | wc -c)
CLI_SVG_BYTES=$(cat "$WORK"/threads-cli/*.svg | wc -c)

# 3. sfdp on the 5,000-node mention graph.
MENTIONS_DOT="$WORK/mentions_${TOP}_splines-${SPLINES}.dot"
MENTIONS_JSON=$("$BENCH" render mentions "$MENTIONS_DOT" "$CORPUS" --top "$TOP" --splines "$SPLINES")
M_NODES=$(field "$MENTIONS_JSON" nodes)
M_EDGES=$(field "$MENTIONS_JSON" edges)
M_ALL=$(field "$MENTIONS_JSON" graph_nodes)
if [ "$M_NODES" -lt "$TOP" ]; then
  say "the mention graph has only $M_NODES users (wanted $TOP): raise TWEETS or AUTHORS in this script"
  exit 1
fi
say "sfdp on $M_NODES nodes, $M_EDGES edges in process, $RUNS runs"
SFDP_JSON=$("$BENCH" render time sfdp "$MENTIONS_DOT" --repeat "$RUNS")
OURS_SFDP=$(field "$SFDP_JSON" median_seconds)
say "sfdp on $M_NODES nodes with the sfdp command, $RUNS runs"
times=()
for _ in $(seq "$RUNS"); do
  t0=$(now)
  sfdp -Tsvg "$MENTIONS_DOT" -o "$WORK/mentions-cli.svg"
  t1=$(now)
  times+=("$(elapsed "$t0" "$t1")")
done
CLI_SFDP=$(printf '%s\n' "${times[@]}" | median)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# The report.
LIB_VERSION=$(field "$SFDP_JSON" graphviz)
CLI_VERSION=$(dot -V 2>&1 | sed 's/^dot - //')
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo
echo "machine: $(nproc) cores, $CPU; load average $LOAD_START at start, $LOAD_END at end (1/5/15 min)"
echo "Graphviz: libgvc $LIB_VERSION in process; command line: $CLI_VERSION"
echo "medians of $RUNS runs; ratio = CLI / ours (above 1: in-process is faster)"
echo "thread SVG bytes: ours $OURS_SVG_BYTES, dot CLI $CLI_SVG_BYTES"
echo "in process: $OURS_JSON"
echo "in process: $SFDP_JSON"
awk -v runs="$RUNS" \
    -v batch="$BATCH" -v bthreads="$BATCH_THREADS" -v n="$N_THREADS" \
    -v ours_t="$OURS_THREADS" -v cli_t="$CLI_THREADS" \
    -v ours_s="$OURS_SFDP" -v cli_s="$CLI_SFDP" \
    -v nodes="$M_NODES" -v edges="$M_EDGES" -v all="$M_ALL" -v splines="$SPLINES" '
  BEGIN {
    p[1] = sprintf("batch export of the sample (%d thread SVGs + mentions + timeline + JSON/GraphML/GEXF), s", bthreads)
    o[1] = batch; c[1] = cli_t; u[1] = "%.2f"
    p[2] = sprintf("thread diagram, dot engine, ms per diagram (%d diagrams)", n)
    o[2] = ours_t * 1000 / n; c[2] = cli_t * 1000 / n; u[2] = "%.1f"
    p[3] = sprintf("sfdp, %d-node mention graph (%d edges, splines=%s), s", nodes, edges, splines)
    o[3] = ours_s; c[3] = cli_s; u[3] = "%.2f"
    printf "\n%-92s %10s %10s %7s\n", "phase", "ours", "CLI", "ratio"
    for (i = 1; i <= 3; i++)
      printf "%-92s %10s %10s %6.2fx\n", p[i], sprintf(u[i], o[i]), sprintf(u[i], c[i]), c[i] / o[i]
    printf "(batch: the CLI column is `dot` rendering only the %d thread diagrams, one process per file; batch also\n", n
    printf " parses, analyses, exports and draws the mention network and timeline. sfdp: top %d of %d users.)\n", nodes, all
    printf "\n| phase | ours | CLI (`dot`/`sfdp` per file) | CLI / ours |\n|---|---:|---:|---:|\n"
    q[1] = sprintf("`replygraph batch` on the bundled sample (%d thread SVGs + mentions + timeline + exports) vs `dot` on its %d thread diagrams only", bthreads, n)
    q[2] = sprintf("one thread diagram (`dot` engine, SVG; mean of %d)", n)
    q[3] = sprintf("`sfdp` on a %d-node, %d-edge mention graph (splines=%s)", nodes, edges, splines)
    s[1] = " s"; s[2] = " ms"; s[3] = " s"
    for (i = 1; i <= 3; i++)
      printf "| %s | %s%s | %s%s | %.2f× |\n", q[i], sprintf(u[i], o[i]), s[i], sprintf(u[i], c[i]), s[i], c[i] / o[i]
  }'
echo
echo "Medians of $RUNS runs on $(nproc) cores ($CPU), load average $LOAD_START to $LOAD_END; Graphviz $LIB_VERSION (library) and $CLI_VERSION (command line)."
