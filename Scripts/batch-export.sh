#!/usr/bin/env bash
# Batch export: analyses and renders every archive given (files or folders of archives) into an output folder
# with an index.html gallery. With no archive, it regenerates the repository's Graphs/ gallery from the bundled
# sample archive.
#
#   bash Scripts/batch-export.sh                              # the bundled sample -> Graphs/
#   bash Scripts/batch-export.sh ~/archives/ --out gallery/   # every archive in ~/archives -> gallery/
#   bash Scripts/batch-export.sh a.jsonl b.txt --out out/ --force
#
# Options after the archives are passed to `replygraph batch` (see `replygraph batch --help`); --out defaults to
# Graphs/. The exit code is replygraph's: 0 only when every archive succeeded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
cd - >/dev/null
bash "$ROOT/Scripts/setup.sh"
swift build -c release --product replygraph --package-path "$ROOT" >&2
BIN=$(swift build -c release --show-bin-path --package-path "$ROOT")/replygraph

args=("$@")
has_out=false
for a in "${args[@]+"${args[@]}"}"; do [ "$a" = "--out" ] && has_out=true; done
$has_out || args+=(--out "$ROOT/Graphs")
exec "$BIN" batch "${args[@]}"
