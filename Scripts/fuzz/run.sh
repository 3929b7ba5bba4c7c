#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a set time, one after another.
#
#   bash Scripts/fuzz/run.sh                    # every target for 60 s
#   bash Scripts/fuzz/run.sh 600                # every target for 10 minutes (about 75 minutes in all)
#   bash Scripts/fuzz/run.sh 30 twint-text      # one target
#   nice -n 19 bash Scripts/fuzz/run.sh 600     # on a machine others use
#
# Targets (Scripts/fuzz/):
#   escaping        FuzzEscaping.swift        every rule of Sources/GraphExport/Escaping.swift on arbitrary text
#   dot-writer      FuzzDOTWriter.swift       hostile names and labels: the DOT stays well-formed and libgraphviz
#                                             parses exactly the nodes and edges written
#   twint-text      FuzzTwintText.swift       the readers' byte entry point, ArchiveReader.read(bytes:), with the
#   twint-json      FuzzTwintJSON.swift       promises of ReaderChecks.swift (ids sorted and unique, tweets +
#   api-v2          FuzzAPIv2.swift           ignored + skipped = lines, issues at real lines, text valid UTF-8,
#   account-export  FuzzAccountExport.swift   entities inside it, strict fails exactly at the first skip, the same
#                                             archive from a file in one pass and in parts), plus the format's own
#                                             parser forced on every line (exact padding, the reader's tweets) or,
#                                             for tweets.js and module.exports copies, fed in arbitrary chunks
#   detector        FuzzFormatDetector.swift  FormatDetector.detect on any line, and a folder holding the bytes:
#                                             read or skipped, never an error of its own
# The escaping and DOT targets are built with `swiftc -sanitize=fuzzer,address` from their module's own sources.
# The reader targets link Sources/TweetArchive compiled once with -enable-testing into .build/fuzz/ (about two
# minutes, redone when a source is newer): its zip support (ZipFile.swift) imports zlib as the module `CZlib`, which
# SwiftPM gets from ZIPFoundation; here a generated module map names the system zlib.h instead, so nothing of
# ZIPFoundation is needed and zipped archives are compiled in. SampleArchive.swift is left out (it needs SwiftPM's
# resource bundle). The reader targets fuzz bytes, not zips: an input that starts like a zip is not written to a
# file.
#
# Seeds: the test fixtures (Tests/GraphExportTests/Fixtures, Tests/TweetArchiveTests/Fixtures), pieces of the
# bundled sample and a few hostile inputs; the corpus libFuzzer grows stays in .build/fuzz/corpus-TARGET. A crash,
# a broken promise (an abort with "broken promise: ..."), a leak, a timeout or running out of memory (2 GiB) leaves
# crash-*/leak-*/timeout-*/oom-* in .build/fuzz/ and makes the script fail: fix it and add the input as a regression
# test in the module's test target. The timeout (120 s per input) is wall-clock time: under `nice -n 19` on a busy
# machine 10 s bounds fired on inputs that run in 70 and 256 ms (one waited 48 s for a core). Reproduce a finding with
# `.build/fuzz/TARGET FILE`.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${1:-60}
ONLY=${2:-}
OUT=.build/fuzz
mkdir -p "$OUT/modules"
bash Scripts/setup.sh >/dev/null

build() {  # name, sources...
    local name=$1; shift
    echo "building $name" >&2
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name "Fuzz_${name//-/_}" \
        -I Sources/CGraphviz $(pkg-config --cflags-only-I libgvc | sed 's/-I/-Xcc -I/g') \
        "$@" $(pkg-config --libs libgvc) -o "$OUT/$name" 2> >(grep -v 'Cannot export local symbol' >&2)
}

# TweetArchive as a static library with its internals visible to `@testable import`, and zlib as `CZlib`.
tweet_archive() {
    local sources
    sources=$(ls Sources/TweetArchive/*.swift Sources/TweetArchive/*/*.swift | grep -v '/SampleArchive.swift$')
    local lib=$OUT/libTweetArchive.a
    if [ -f "$lib" ] && [ -z "$(find Sources/TweetArchive -name '*.swift' -newer "$lib")" ]; then
        return
    fi
    printf 'module CZlib [system] {\n    header "%s/zlib.h"\n    link "z"\n    export *\n}\n' \
        "$(pkg-config --variable=includedir zlib)" > "$OUT/CZlib.modulemap"
    echo "building TweetArchive for fuzzing (about two minutes)" >&2
    # shellcheck disable=SC2086
    swiftc -emit-library -static -enable-testing -emit-module -emit-module-path "$OUT/modules/TweetArchive.swiftmodule" \
        -module-name TweetArchive -package-name ReplyGraph -parse-as-library -sanitize=fuzzer,address -O -g \
        -Xcc -fmodule-map-file="$OUT/CZlib.modulemap" $sources -o "$lib"
}

build_reader() {  # name, target source
    tweet_archive
    echo "building $1" >&2
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name "Fuzz_${1//-/_}" \
        -I "$OUT/modules" -Xcc -fmodule-map-file="$OUT/CZlib.modulemap" \
        "$2" Scripts/fuzz/ReaderChecks.swift Scripts/fuzz/Require.swift "$OUT/libTweetArchive.a" -lz \
        -o "$OUT/$1" 2> >(grep -v 'Cannot export local symbol' >&2)
}

# seed_file CORPUS FILE [BYTES]: the file cut at line ends into pieces of at most BYTES (default 4096).
seed_file() {
    local corpus=$1 file=$2 limit=${3:-4096}
    python3 - "$corpus" "$file" "$limit" <<'PY'
import os, sys
corpus, path, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(path, 'rb').read()
piece, k = b'', 0
def flush(piece, k):
    with open(os.path.join(corpus, 'seed-%s-%d' % (os.path.basename(path), k)), 'wb') as f:
        f.write(piece)
for line in data.splitlines(keepends=True):
    if piece and len(piece) + len(line) > limit:
        flush(piece, k); k += 1; piece = b''
        if k >= 8: break
    piece += line[:limit]
if piece and k < 8: flush(piece, k)
PY
}

seed() {  # name
    local corpus=$OUT/corpus-$1
    mkdir -p "$corpus"
    local fixtures=Tests/TweetArchiveTests/Fixtures
    case $1 in
        escaping|dot-writer)
            for f in Tests/GraphExportTests/Fixtures/*.dot Tests/GraphExportTests/Fixtures/*.csv; do
                head -c 4096 "$f" > "$corpus/seed-$(basename "$f")"
            done
            printf 'say "hi"\\n\\N &amp; <b>\x1b]0;x\x07\xe2\x80\xae\x01=cmd|calc\x01@SUM(1)\x01\r\n\x00' > "$corpus/seed-hostile"
            printf 'node\x01edge\x01graph\x01-1.5\x01subgraph\x01strict' > "$corpus/seed-keywords" ;;
        twint-text)
            seed_file "$corpus" Sources/TweetArchive/Resources/alexxubyte.twint.txt
            for f in "$fixtures"/malformed/*.txt Tests/ReplyGraphTests/Fixtures/threads/*.txt; do seed_file "$corpus" "$f"; done
            printf '\xef\xbb\xbf1364000000000000001 2013-03-22 10:00:00 +0100 <a\x1b[31m> @b hi\r\n\n[+] log\n2 2023-02-30 10:00:00 <x> y\n' > "$corpus/seed-hostile" ;;
        twint-json)
            for f in "$fixtures"/twint-json/*.jsonl "$fixtures"/malformed/twint-edge.jsonl; do seed_file "$corpus" "$f"; done ;;
        api-v2)
            for f in "$fixtures"/twarc2/*.jsonl "$fixtures"/malformed/twarc2-edge.jsonl; do seed_file "$corpus" "$f" 8192; done ;;
        account-export)
            for f in "$fixtures"/account-export/*.js "$fixtures"/malformed/tweets-broken.js; do
                seed_file "$corpus" "$f" 8192
                # the tweetback site generator's copy of the same file, and a minified one-line copy
                sed '1s/^window\.YTD\.[a-z_]*\.part[0-9]* =/module.exports =/' "$f" | head -c 8192 > "$corpus/seed-module-exports-$(basename "$f")"
                tr -d '\n' < "$f" | head -c 8192 > "$corpus/seed-minified-$(basename "$f")"
            done ;;
        detector)
            for f in "$fixtures"/account-export/tweet.js "$fixtures"/twint-json/pre-2020-10.jsonl "$fixtures"/twarc2/flat.jsonl \
                     "$fixtures"/malformed/twint-edge.txt; do
                head -c 1024 "$f" > "$corpus/seed-$(basename "$f")"
            done
            printf 'window.YTD.like.part0 = [\n' > "$corpus/seed-like"
            printf '\xef\xbb\xbf  \t\n[+] Finished\n{"username": "a", "data": 1}\n' > "$corpus/seed-bom" ;;
    esac
    echo "$corpus"
}

targets=(escaping dot-writer twint-text twint-json api-v2 account-export detector)
if [ -n "$ONLY" ] && [[ ! " ${targets[*]} " == *" $ONLY "* ]]; then
    echo "unknown target $ONLY; targets: ${targets[*]}" >&2
    exit 64
fi
status=0
for target in "${targets[@]}"; do
    [ -n "$ONLY" ] && [ "$ONLY" != "$target" ] && continue
    case $target in
        escaping) build escaping Scripts/fuzz/FuzzEscaping.swift Scripts/fuzz/DOTLexer.swift Scripts/fuzz/Require.swift \
            Sources/GraphExport/Escaping.swift ;;
        dot-writer) build dot-writer Scripts/fuzz/FuzzDOTWriter.swift Scripts/fuzz/DOTLexer.swift Scripts/fuzz/Require.swift \
            Sources/GraphExport/Escaping.swift Sources/GraphExport/DOT/*.swift ;;
        twint-text) build_reader twint-text Scripts/fuzz/FuzzTwintText.swift ;;
        twint-json) build_reader twint-json Scripts/fuzz/FuzzTwintJSON.swift ;;
        api-v2) build_reader api-v2 Scripts/fuzz/FuzzAPIv2.swift ;;
        account-export) build_reader account-export Scripts/fuzz/FuzzAccountExport.swift ;;
        detector) build_reader detector Scripts/fuzz/FuzzFormatDetector.swift ;;
    esac
    corpus=$(seed "$target")
    # The reader targets write their input to a file: a private folder per target, removed afterwards.
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/replygraph-fuzz-$target.XXXXXX")
    max_len=4096
    case $target in api-v2|account-export) max_len=8192 ;; esac
    echo "running $target for ${SECONDS_PER_TARGET}s" >&2
    # -detect_leaks=1: LeakSanitizer reports leaks at exit as failures; -rss_limit_mb bounds memory per input.
    # pipefail makes the fuzzer's status, not tail's, decide.
    # SWIFT_BACKTRACE off: Swift's backtracer would outlive a crashing target and hold the output pipe open.
    if ! (cd "$OUT" && TMPDIR="$scratch" SWIFT_BACKTRACE=enable=no ./"$target" -max_total_time="$SECONDS_PER_TARGET" \
            -max_len="$max_len" -rss_limit_mb=2048 -timeout=120 -detect_leaks=1 -print_final_stats=1 \
            "corpus-$target" 2>&1 | tail -n 25); then
        status=1
        echo "$target: FAILED (see the crash-*, leak-*, timeout-* or oom-* file in $OUT)" >&2
    fi
    rm -rf "$scratch"
done
exit $status
