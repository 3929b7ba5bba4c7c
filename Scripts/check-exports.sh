#!/usr/bin/env bash
# Writes every export format for three graphs (hostile texts, the bundled sample archive, a mention graph) from the
# test suite "Exports for the networkx check", then loads them with Scripts/check-exports.py (networkx for GraphML,
# GEXF and node-link JSON; the csv module for Neo4j and GraphFrames CSV). Needs python3; without networkx only the
# CSV checks run. Usage: Scripts/check-exports.sh [DIR]   (DIR keeps the files; a temporary directory otherwise)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v python3 >/dev/null 2>&1; then
  echo "check-exports: python3 is not installed; nothing checked" >&2
  exit 0
fi
DIR=${1:-$(mktemp -d)}
[ -z "${1:-}" ] && trap 'rm -rf "$DIR"' EXIT
mkdir -p "$DIR"
EXPORT_CHECK_DIR="$(cd "$DIR" && pwd)" swift test --filter 'GraphExportTests.ExportCheckFiles' >/dev/null
python3 Scripts/check-exports.py "$DIR"
