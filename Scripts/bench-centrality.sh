#!/usr/bin/env bash
# Times PageRank and exact betweenness on the 1M-tweet synthetic archive's mention graph: ours (release build)
# vs networkx vs python-igraph, side by side, and prints a ratio table.
#   Scripts/bench-centrality.sh [KIND]        (KIND: mention (default), reply, interaction, co-mention)
# Env: CORPUS=path to reuse a corpus (default: generated once into .build/centrality-bench/),
#      NX_PIVOTS (default 100), REPEAT (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
KIND="${1:-mention}"
VENV=.venv-bench
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q networkx==3.6.1 scipy numpy python-igraph
fi
WORK=.build/centrality-bench
mkdir -p "$WORK"
GEN="${GEN_CORPUS:-$(cd .. && pwd)/shared/bench/gen_corpus.py}"
[ -f "$GEN" ] || { echo "gen_corpus.py not found at $GEN: set GEN_CORPUS=path/to/gen_corpus.py" >&2; exit 1; }
CORPUS="${CORPUS:-$WORK/corpus_1m.txt}"
if [ ! -s "$CORPUS" ]; then
    echo "generating $CORPUS ..." >&2
    python3 "$GEN" --tweets 1000000 --authors 5000 --seed 1 -o "$CORPUS.part" && mv "$CORPUS.part" "$CORPUS"
fi
swift build -c release --product replygraph-bench >&2
BIN="$(swift build -c release --show-bin-path)/replygraph-bench"
"$BIN" centrality edges "$KIND" "$CORPUS" > "$WORK/edges-$KIND.tsv"
"$BIN" centrality time "$KIND" "$CORPUS" --repeat "${REPEAT:-3}" --threads 2 > "$WORK/ours-$KIND.json"
# numpy/scipy at full speed for networkx: the machine's OpenBLAS overrides slow a current numpy (this command only).
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$VENV/bin/python" Scripts/bench-centrality.py \
    "$WORK/edges-$KIND.tsv" "$WORK/ours-$KIND.json" --nx-pivots "${NX_PIVOTS:-100}" --repeat "${REPEAT:-3}"
