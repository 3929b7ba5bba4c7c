#!/usr/bin/env bash
# Builds the libFuzzer targets for the DOT writer and the escaping rules, and runs each for a set time.
#
#   bash Scripts/fuzz/run.sh            # every target for 60 s
#   bash Scripts/fuzz/run.sh 600        # every target for 10 minutes
#   bash Scripts/fuzz/run.sh 30 dot-writer
#
# Targets (Scripts/fuzz/):
#   escaping     FuzzEscaping.swift   every rule of Sources/GraphExport/Escaping.swift on arbitrary text
#   dot-writer   FuzzDOTWriter.swift  hostile names and labels: the DOT stays well-formed and libgraphviz parses
#                                     exactly the nodes and edges written
# They are built with `swiftc -sanitize=fuzzer,address` from the module's own sources (no package build), into
# .build/fuzz/. The seed corpus is made from the test fixtures (Tests/GraphExportTests/Fixtures) and a few hostile
# texts; the corpus libFuzzer grows stays in .build/fuzz/corpus-TARGET. A crash leaves crash-* in .build/fuzz/ and
# makes the script fail: add its input as a regression test.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${1:-60}
ONLY=${2:-}
OUT=.build/fuzz
mkdir -p "$OUT"
bash Scripts/setup.sh >/dev/null

build() {  # name, sources...
    local name=$1; shift
    echo "building $name" >&2
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name "Fuzz_${name//-/_}" \
        -I Sources/CGraphviz $(pkg-config --cflags-only-I libgvc | sed 's/-I/-Xcc -I/g') \
        "$@" $(pkg-config --libs libgvc) -o "$OUT/$name"
}

seed() {  # name
    local corpus=$OUT/corpus-$1
    mkdir -p "$corpus"
    for f in Tests/GraphExportTests/Fixtures/*.dot Tests/GraphExportTests/Fixtures/*.csv; do
        head -c 4096 "$f" > "$corpus/seed-$(basename "$f")"
    done
    printf 'say "hi"\\n\\N &amp; <b>\x1b]0;x\x07\xe2\x80\xae\x01=cmd|calc\x01@SUM(1)\x01\r\n\x00' > "$corpus/seed-hostile"
    printf 'node\x01edge\x01graph\x01-1.5\x01subgraph\x01strict' > "$corpus/seed-keywords"
    echo "$corpus"
}

targets=(escaping dot-writer)
status=0
for target in "${targets[@]}"; do
    [ -n "$ONLY" ] && [ "$ONLY" != "$target" ] && continue
    case $target in
        escaping) build escaping Scripts/fuzz/FuzzEscaping.swift Scripts/fuzz/DOTLexer.swift Sources/GraphExport/Escaping.swift ;;
        dot-writer) build dot-writer Scripts/fuzz/FuzzDOTWriter.swift Scripts/fuzz/DOTLexer.swift \
            Sources/GraphExport/Escaping.swift Sources/GraphExport/DOT/*.swift ;;
    esac
    corpus=$(seed "$target")
    echo "running $target for ${SECONDS_PER_TARGET}s" >&2
    # -detect_leaks=1: LeakSanitizer reports leaks at exit as failures; -rss_limit_mb bounds memory per input.
    # pipefail makes the fuzzer's status, not tail's, decide.
    # SWIFT_BACKTRACE off: Swift's backtracer would outlive a crashing target and hold the output pipe open.
    if ! (cd "$OUT" && SWIFT_BACKTRACE=enable=no ./"$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -rss_limit_mb=2048 \
            -timeout=10 -detect_leaks=1 -print_final_stats=1 "corpus-$target" 2>&1 | tail -n 25); then
        status=1
    fi
done
exit $status
