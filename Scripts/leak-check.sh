#!/usr/bin/env bash
# Leak check for the in-process Graphviz bridge (GraphvizRender).
#
# 1. Runs the test "500 renders in one process keep resident memory flat after warm-up" (Tests/GraphvizRenderTests/
#    LeakTests.swift), which reads /proc/self/statm before and after 450 renders in svg, png, pdf and json, with a
#    malformed input every 25th render.
# 2. Runs valgrind --leak-check=full on a small driver compiled from Sources/GraphvizRender with swiftc, twice
#    (RENDERS_SMALL and RENDERS_LARGE renders), and fails when "definitely lost" grows with the number of renders.
#    Why a driver and not the test binary: valgrind 3.19 (Debian 12) dies with an internal SIGSEGV on any Swift
#    program that calls dispatch_main, which the async entry point of the test bundle does, before a test runs.
#
# Usage: Scripts/leak-check.sh [--clusters]   (--clusters: diagrams with clusters and HTML-like labels, which
#        leak inside Graphviz 2.42/2.43 itself; reported, never a failure)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'leak-check: %s\n' "$*" >&2; }
MODE=plain
[ "${1:-}" = "--clusters" ] && MODE=clusters
RENDERS_SMALL=${RENDERS_SMALL:-20}
RENDERS_LARGE=${RENDERS_LARGE:-80}

say "resident-memory test (500 renders)"
swift build --build-tests >/dev/null
swift test --skip-build --filter 'GraphvizRenderTests.LeakTests' 2>&1 | grep -E '✔|✘|passed|failed' || true
swift test --skip-build --filter 'GraphvizRenderTests.LeakTests' >/dev/null 2>&1 || { say "resident-memory test failed"; exit 1; }

if ! command -v valgrind >/dev/null 2>&1; then
  say "valgrind is not installed (apt-get install valgrind): skipping the valgrind run"
  exit 0
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/main.swift" <<'SWIFT'
// Renders N diagrams in svg, png, pdf and json (every 25th input malformed) and exits.
let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 20 : 20
let clusters = arguments.count > 2 && arguments[2] == "clusters"
let formats: [OutputFormat] = [.svg, .png, .pdf, .json]
func diagram(_ k: Int) -> String {
    var lines = ["digraph leak\(k) { rankdir=LR; node [shape=box];"]
    for c in 0..<4 {
        lines.append("subgraph \(clusters ? "cluster" : "group")_\(c) { label=\"group \(c)\";")
        for n in 0..<10 {
            let label = clusters ? "<<b>\(c).\(n)</b><br/>render \(k)>" : "\"\(c).\(n)\\nrender \(k)\""
            lines.append("n\(c)_\(n) [label=\(label), tooltip=\"node \(n)\", URL=\"https://example.org/\(c)/\(n)\"];")
        }
        lines.append("}")
    }
    for c in 0..<4 { for n in 0..<9 { lines.append("n\(c)_\(n) -> n\(c)_\(n + 1) [label=\"e\(n)\"];") } }
    lines.append("n0_0 -> n1_0 -> n2_0 -> n3_0; }")
    return lines.joined(separator: "\n")
}
var failures = 0
for k in 0..<count {
    if k % 25 == 24 {
        do { _ = try GraphvizRenderer().render("digraph { x\(k) -> ; ] }") } catch { failures += 1 }
        continue
    }
    do { _ = try GraphvizRenderer(format: formats[k % formats.count]).render(diagram(k)) } catch { print("unexpected: \(error)") }
}
print("rendered \(count), \(failures) malformed inputs rejected")
SWIFT
say "compiling the valgrind driver"
swiftc -g -module-name LeakDriver Sources/GraphvizRender/*.swift "$WORK/main.swift" -I Sources/CGraphviz \
  -o "$WORK/driver" >/dev/null

lost() {  # prints "definitely lost" bytes for N renders
  SWIFT_BACKTRACE=enable=no valgrind --leak-check=full --num-callers=30 --log-file="$WORK/valgrind-$1.txt" \
    "$WORK/driver" "$1" "$MODE" >/dev/null
  sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$WORK/valgrind-$1.txt" | tr -d ,
}
small=$(lost "$RENDERS_SMALL")
large=$(lost "$RENDERS_LARGE")
say "valgrind ($MODE diagrams): definitely lost ${small:-0} bytes after $RENDERS_SMALL renders, ${large:-0} bytes after $RENDERS_LARGE"
grep -E 'definitely lost:|indirectly lost:|possibly lost:|still reachable:' "$WORK/valgrind-$RENDERS_LARGE.txt" >&2
if [ -n "${KEEP_VALGRIND_LOG:-}" ]; then cp "$WORK/valgrind-$RENDERS_LARGE.txt" "$KEEP_VALGRIND_LOG"; fi
if [ "$MODE" = plain ] && [ "${large:-0}" -gt "${small:-0}" ]; then
  say "definitely-lost bytes grow with the number of renders: a leak per render"
  exit 1
fi
say "ok"
