#!/usr/bin/env bash
# Regenerates Tests/ReplyGraphTests/Fixtures/centrality/*.json: our projections' edge lists (dumped by
# replygraph-bench) plus networkx's values for every metric. Creates its own venv under .venv-bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-bench
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q networkx==3.6.1 scipy numpy python-igraph
fi
PY="$VENV/bin/python"
swift build --product replygraph-bench >&2
BIN="$(swift build --show-bin-path)/replygraph-bench"
OUT=Tests/ReplyGraphTests/Fixtures/centrality
SAMPLE=Sources/TweetArchive/Resources/alexxubyte.twint.txt
CORPUS="$OUT/corpus-10k-seed7.twint.txt"
GEN="${GEN_CORPUS:-$(cd .. && pwd)/shared/bench/gen_corpus.py}"
[ -f "$GEN" ] || { echo "gen_corpus.py not found at $GEN: set GEN_CORPUS=path/to/gen_corpus.py" >&2; exit 1; }
[ -f "$CORPUS" ] || python3 "$GEN" --tweets 10000 --seed 7 -o "$CORPUS"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

projected() {  # NAME KIND ARCHIVE SOURCE [--include-self]
    local name=$1 kind=$2 archive=$3 source=$4
    shift 4
    "$BIN" centrality edges "$kind" "$archive" "$@" > "$TMP/$name.tsv"
    local flags=()
    [ "$#" -gt 0 ] && flags+=(--include-self)
    "$PY" Scripts/make-centrality-fixtures.py --name "$name" --edges "$TMP/$name.tsv" --source "$source" \
        "${flags[@]}" -o "$OUT/$name.json"
}

projected sample-mention mention "$SAMPLE" "bundled sample archive, mention graph"
projected sample-mention-self mention "$SAMPLE" "bundled sample archive, mention graph with self-loops" --include-self
projected sample-interaction interaction "$SAMPLE" "bundled sample archive, interaction graph"
projected corpus10k-mention mention "$CORPUS" "gen_corpus.py --tweets 10000 --seed 7, mention graph"
projected corpus10k-interaction interaction "$CORPUS" "gen_corpus.py --tweets 10000 --seed 7, interaction graph"
projected corpus10k-comention co-mention "$CORPUS" "gen_corpus.py --tweets 10000 --seed 7, co-mention graph"
"$PY" Scripts/make-centrality-fixtures.py --karate undirected -o "$OUT/karate-undirected.json"
"$PY" Scripts/make-centrality-fixtures.py --karate directed -o "$OUT/karate-directed.json"
echo "fixtures written to $OUT" >&2
