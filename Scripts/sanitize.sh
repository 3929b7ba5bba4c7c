#!/usr/bin/env bash
# Runs the whole test suite under ThreadSanitizer and/or AddressSanitizer.
#
#   bash Scripts/sanitize.sh              # both, one after the other
#   bash Scripts/sanitize.sh thread       # swift test --sanitize=thread  --scratch-path .build-tsan
#   bash Scripts/sanitize.sh address      # swift test --sanitize=address --scratch-path .build-asan
#   nice -n 19 bash Scripts/sanitize.sh   # on a machine others use (the test bundle is reniced to match)
#
# Each sanitizer builds everything (the library, the CLI the tests run, the tests) in its own scratch folder, so
# the normal .build stays as it is; a first build takes several minutes and the run is a few times slower than a
# normal `swift test`. Extra arguments after the sanitizer go to `swift test` (e.g. `--filter LeakTests`). The
# output of each run is kept in its scratch folder (.build-tsan/sanitize.log, .build-asan/sanitize.log).
#
# The environment it sets, and why:
#   REPLYGRAPH_SANITIZER=thread|address
#       Tests that measure resident memory (GraphvizRenderTests.LeakTests, ReplyGraphCLITests.RenderWorkerTests)
#       check it and are skipped under AddressSanitizer, saying so: freed memory waits in ASan's quarantine, so
#       resident memory grows with every allocation whatever the program does. Under ThreadSanitizer,
#       OutputSafetyTests' CSV-pair test is skipped: it runs the CLI under a 16 KiB file-size limit (`ulimit -f 16`),
#       in which the TSan runtime itself dies at start-up (SIGBUS). Everything else runs.
#   ASAN_OPTIONS=detect_leaks=0
#       LeakSanitizer would fail the run at exit on memory that is not ours to free: Graphviz 2.42/2.43 leaks inside
#       libgvc and the dot plugin on clusters and HTML-like labels (see Scripts/leak-check.sh --clusters), and the
#       Swift runtime and Foundation keep one-time caches. Leaks are checked where they can be attributed: per input
#       by the fuzz targets (Scripts/fuzz/run.sh, LeakSanitizer on), and per render by Scripts/leak-check.sh.
#   TSAN_OPTIONS=halt_on_error=1
#       The first race ends the run with its report, instead of the report scrolling by among passing tests.
#   SWIFT_BACKTRACE=enable=no
#       The sanitizer's report is the one to read; Swift's backtracer would add a second, slower one.
# ThreadGeneralisationTests (which reads ../shared/data and takes about 4 minutes normally) runs under both.
set -euo pipefail
cd "$(dirname "$0")/.."
WHICH=${1:-all}
[ $# -gt 0 ] && shift
case $WHICH in thread|address|all) ;; *) echo "usage: $0 [thread|address|all] [swift test arguments]" >&2; exit 64 ;; esac
bash Scripts/setup.sh >/dev/null

status=0
run() {  # sanitizer, scratch folder, swift test arguments...
    local sanitizer=$1 scratch=$2
    shift 2
    local log=$scratch/sanitize.log
    mkdir -p "$scratch"
    local started=$SECONDS
    echo "sanitize: swift test --sanitize=$sanitizer --scratch-path $scratch (log: $log)" >&2
    env REPLYGRAPH_SANITIZER="$sanitizer" ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
        TSAN_OPTIONS="halt_on_error=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}" SWIFT_BACKTRACE=enable=no \
        swift test --sanitize="$sanitizer" --scratch-path "$scratch" "$@" >"$log" 2>&1 &
    local pid=$!
    # `swift test` starts the test bundle at niceness 0 whatever its own: under `nice`, give it this script's.
    local niceness
    niceness=$(nice)
    if [ "$niceness" -gt 0 ]; then
        ( while kill -0 "$pid" 2>/dev/null; do
              for bundle in $(pgrep -f "$PWD/$scratch/.*\.xctest" || true); do renice -n "$niceness" -p "$bundle" >/dev/null 2>&1 || true; done
              sleep 5
          done ) &
    fi
    if wait "$pid"; then
        echo "sanitize: $sanitizer: passed in $((SECONDS - started)) s; $(grep -E 'Test run with [0-9]+ tests' "$log" | tail -n 1)" >&2
    else
        status=1
        grep -E 'WARNING: ThreadSanitizer|ERROR: AddressSanitizer|SUMMARY:|✘|error:' "$log" | head -n 40 >&2 || true
        echo "sanitize: $sanitizer: FAILED after $((SECONDS - started)) s (the whole output is in $log)" >&2
    fi
}

if [ "$WHICH" = thread ] || [ "$WHICH" = all ]; then run thread .build-tsan "$@"; fi
if [ "$WHICH" = address ] || [ "$WHICH" = all ]; then run address .build-asan "$@"; fi
exit $status
