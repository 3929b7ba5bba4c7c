#!/usr/bin/env bash
# Fits the thread link model on the labelled archives in ../shared/data (four account exports with reply ids, and
# the bundled sample's visible hand labels), prints the leave-one-author-out evaluation (each archive scored by a
# model fitted without it), and rewrites the shipped coefficients in
# Sources/ReplyGraph/Threads/LinkModel+Fitted.swift.
#
#   bash Scripts/fit-thread-model.sh              # evaluate and rewrite the coefficients
#   bash Scripts/fit-thread-model.sh --check      # evaluate only (JSON with --json)
#
# The archives are read from ../shared and never copied into the project.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${REPLYGRAPH_DATA:-../shared/data}"
if [ ! -d "$DATA/reply-archives" ]; then
  echo "fit-thread-model: $DATA/reply-archives not found (set REPLYGRAPH_DATA to the shared data folder)" >&2
  exit 66
fi
bash Scripts/setup.sh
swift build -c release --product replygraph-bench >&2
BENCH="$(swift build -c release --show-bin-path)/replygraph-bench"
if [ "${1:-}" = "--check" ]; then
  shift
  exec "$BENCH" fit-threads "$DATA" "$@"
fi
"$BENCH" fit-threads "$DATA" --write Sources/ReplyGraph/Threads/LinkModel+Fitted.swift "$@"
