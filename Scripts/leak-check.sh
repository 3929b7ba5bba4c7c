#!/usr/bin/env bash
# Leak check for the in-process Graphviz bridge (GraphvizRender).
#
# 1. Runs the test "500 renders in one process keep resident memory flat after warm-up" (Tests/GraphvizRenderTests/
#    LeakTests.swift): it reads /proc/self/statm before and after 450 renders in svg, png, pdf and json, with a
#    malformed input every 25th render.
# 2. Runs that same test under `valgrind --leak-check=full` twice, with RENDERS_SMALL and RENDERS_LARGE renders
#    (LEAK_CHECK_RENDERS), and fails when "definitely lost" grows with the number of renders.
#
# valgrind 3.19 (Debian 12) dies with an internal SIGSEGV in any Swift program that calls dispatch_main, as the test
# bundle's async entry point does: libdispatch passes a read-only signal mask to sigsuspend and valgrind writes to
# it. A two-line LD_PRELOAD shim, compiled here, hands sigsuspend a writable copy.
#
# Usage: Scripts/leak-check.sh [--clusters]
#   --clusters  also runs a swiftc-built driver on diagrams with clusters and HTML-like labels, which leak inside
#               Graphviz 2.42/2.43 itself (dot's virtual edges, parseHTML); reported, never a failure. Then renders
#               such a diagram 600 times the way batch draws thread diagrams (`replygraph render-dot --soak`,
#               through the reusable worker process replaced every 200 renders) and in one process, and reports
#               both processes' resident memory; fails if the caller's grows by 4 MiB or more through the worker
#               (the test RenderWorkerTests checks the same).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'leak-check: %s\n' "$*" >&2; }
RENDERS_SMALL=${RENDERS_SMALL:-20}
RENDERS_LARGE=${RENDERS_LARGE:-60}
FILTER='GraphvizRenderTests.LeakTests'

say "resident-memory test (500 renders)"
swift build --build-tests >/dev/null
BIN_DIR=$(swift build --show-bin-path)
BUNDLE=$(ls -d "$BIN_DIR"/*.xctest | head -n 1)
if ! "$BUNDLE" --testing-library swift-testing --filter "$FILTER" >"${TMPDIR:-/tmp}/leak-check-rss.log" 2>&1; then
  cat "${TMPDIR:-/tmp}/leak-check-rss.log" >&2
  say "resident-memory test failed"
  exit 1
fi
grep -E '✔ Test "500' "${TMPDIR:-/tmp}/leak-check-rss.log" >&2 || true

if ! command -v valgrind >/dev/null 2>&1; then
  say "valgrind is not installed (apt-get install valgrind): skipping the valgrind runs"
  exit 0
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/sigsuspend_copy.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
/* valgrind 3.19 writes into the mask given to sigsuspend; libdispatch's is read-only. */
int sigsuspend(const sigset_t *mask) {
    static int (*real)(const sigset_t *);
    if (!real) real = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    sigset_t copy = *mask;
    return real(&copy);
}
C
CC=$(command -v cc || command -v clang)
"$CC" -shared -fPIC -O2 -o "$WORK/sigsuspend_copy.so" "$WORK/sigsuspend_copy.c" -ldl

lost() {  # runs the leak test with $1 renders under valgrind; prints the "definitely lost" bytes
  LD_PRELOAD="$WORK/sigsuspend_copy.so" LEAK_CHECK_RENDERS="$1" SWIFT_BACKTRACE=enable=no \
    valgrind --leak-check=full --num-callers=40 --log-file="$WORK/valgrind-$1.txt" \
    "$BUNDLE" --testing-library swift-testing --filter "$FILTER" >"$WORK/test-$1.txt" 2>&1 \
    || { cat "$WORK/test-$1.txt" "$WORK/valgrind-$1.txt" >&2; say "the test failed under valgrind"; exit 1; }
  sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$WORK/valgrind-$1.txt" | tr -d , | tail -n 1
}
say "valgrind on the test bundle, $RENDERS_SMALL and $RENDERS_LARGE renders (a few minutes)"
small=$(lost "$RENDERS_SMALL")
large=$(lost "$RENDERS_LARGE")
say "definitely lost: ${small:-0} bytes after $RENDERS_SMALL renders, ${large:-0} bytes after $RENDERS_LARGE"
grep -E 'definitely lost:|indirectly lost:|possibly lost:|still reachable:' "$WORK/valgrind-$RENDERS_LARGE.txt" >&2
if [ -n "${KEEP_VALGRIND_LOG:-}" ]; then cp "$WORK/valgrind-$RENDERS_LARGE.txt" "$KEEP_VALGRIND_LOG"; fi
status=0
if [ "${large:-0}" -gt "${small:-0}" ]; then
  say "definitely-lost bytes grow with the number of renders: a leak per render"
  status=1
fi

if [ "${1:-}" = "--clusters" ]; then
  cat >"$WORK/main.swift" <<'SWIFT'
// Renders N diagrams with clusters and HTML-like labels in svg, png, pdf and json.
let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 20 : 20
let formats: [OutputFormat] = [.svg, .png, .pdf, .json]
for k in 0..<count {
    var lines = ["digraph leak\(k) { rankdir=LR; node [shape=box];"]
    for c in 0..<4 {
        lines.append("subgraph cluster_\(c) { label=\"group \(c)\";")
        for n in 0..<10 { lines.append("n\(c)_\(n) [label=<<b>\(c).\(n)</b><br/>render \(k)>];") }
        lines.append("}")
    }
    for c in 0..<4 { for n in 0..<9 { lines.append("n\(c)_\(n) -> n\(c)_\(n + 1);") } }
    lines.append("n0_0 -> n1_0 -> n2_0 -> n3_0; }")
    do { _ = try GraphvizRenderer(format: formats[k % formats.count]).render(lines.joined(separator: "\n")) }
    catch { print("unexpected: \(error)") }
}
SWIFT
  swiftc -g -module-name LeakDriver Sources/GraphvizRender/*.swift "$WORK/main.swift" -I Sources/CGraphviz \
    -o "$WORK/driver" >/dev/null
  for n in "$RENDERS_SMALL" "$RENDERS_LARGE"; do
    valgrind --leak-check=full --log-file="$WORK/clusters-$n.txt" "$WORK/driver" "$n" >/dev/null
    say "clusters and HTML labels, $n renders: $(grep -o 'definitely lost: [0-9,]* bytes' "$WORK/clusters-$n.txt") (inside Graphviz)"
  done
  python3 - "$WORK/clustered.dot" <<'PY'
import sys
lines = ["digraph leak { rankdir=LR; node [shape=box];"]
for c in range(4):
    lines.append('subgraph cluster_%d { label="group %d";' % (c, c))
    lines += ['n%d_%d [label=<<b>%d.%d</b><br/>a tweet>];' % (c, n, c, n) for n in range(10)]
    lines.append("}")
lines += ["n%d_%d -> n%d_%d;" % (c, n, c, n + 1) for c in range(4) for n in range(9)]
open(sys.argv[1], "w").write("\n".join(lines + ["n0_0 -> n1_0 -> n2_0 -> n3_0; }"]))
PY
  for mode in worker in-process; do
    flag=(); [ "$mode" = in-process ] && flag=(--in-process)
    report=$("$BIN_DIR/replygraph" render-dot --input "$WORK/clustered.dot" --soak 600 "${flag[@]}")
    growth=$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print((r["rss_end"]-r["rss_after_warm_up"])>>10, r["worker_rss_peak"]>>10, r["workers"])' "$report")
    read -r kib peak workers <<<"$growth"
    if [ "$mode" = worker ]; then
      say "600 clustered renders through the worker: the caller grew by $kib KiB; $workers worker processes, the largest $peak KiB resident"
      [ "$kib" -lt 4096 ] || { say "the caller's memory grew through the worker"; status=1; }
    else
      say "the same 600 renders in one process: it grew by $kib KiB (Graphviz's own leak)"
    fi
  done
fi
[ "$status" -eq 0 ] && say "ok"
exit "$status"
