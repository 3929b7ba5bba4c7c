#!/usr/bin/env bash
# Builds the DocC documentation of the library modules with swift-docc-plugin, one static site per module, and
# fails when DocC reports a warning (an unresolved ``Symbol`` link, a missing article, a malformed Topics group…).
#
#   bash Scripts/docs.sh                  # TweetArchive, ReplyGraph, GraphExport, GraphvizRender
#   bash Scripts/docs.sh ReplyGraph       # one or more modules
#
# The sites land in .build/docs/<Module>/. To read one, serve the folder and open the module's page:
#
#   python3 -m http.server --directory .build/docs/ReplyGraph 8000   # http://localhost:8000/documentation/replygraph/
#
# or let DocC rebuild it as the catalog changes: swift package --disable-sandbox preview-documentation --target
# ReplyGraph. The catalogs are Sources/<Module>/<Module>.docc/; their Markdown also reads well as it is.
#
# Every warning is printed as `file:line: warning: summary`; the exit code is 1 when there is any (or DocC
# failed), 0 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(TweetArchive ReplyGraph GraphExport GraphvizRender)
out=.build/docs
mkdir -p "$out"

bash Scripts/setup.sh

total=0
failed=()
for target in "${targets[@]}"; do
    echo "== $target" >&2
    diagnostics="$out/$target.diagnostics.json"
    rm -f "$diagnostics"
    if ! swift package --allow-writing-to-directory "$out" generate-documentation --target "$target" \
        --output-path "$out/$target" --transform-for-static-hosting --diagnostics-file "$diagnostics" \
        >"$out/$target.log" 2>&1; then
        cat "$out/$target.log" >&2
        failed+=("$target")
        continue
    fi
    # DocC's own diagnostics only (the symbol-graph build's compiler warnings are not documentation warnings).
    count=$(python3 - "$diagnostics" <<'PY'
import json, sys
from urllib.parse import urlparse, unquote
try:
    diagnostics = json.load(open(sys.argv[1])).get("diagnostics", [])
except FileNotFoundError:
    diagnostics = []
warnings = [d for d in diagnostics if d.get("severity") in ("warning", "error")]
for d in warnings:
    source = unquote(urlparse(d.get("source") or "").path) or "<unknown>"
    line = ((d.get("range") or {}).get("start") or {}).get("line", 0)
    print(f"{source}:{line}: {d['severity']}: {d.get('summary', '')}", file=sys.stderr)
print(len(warnings))
PY
)
    echo "$target: $count warning(s); site in $out/$target" >&2
    total=$((total + count))
    [ "$count" -eq 0 ] || failed+=("$target")
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "docs.sh: $total warning(s); failed: ${failed[*]}" >&2
    exit 1
fi
echo "docs.sh: ${#targets[@]} module(s) documented with no warnings" >&2
