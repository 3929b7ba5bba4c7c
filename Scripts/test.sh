#!/usr/bin/env bash
# The test command (README's "The tests", and exactly what .ci/run runs):
#   1. Scripts/setup.sh: the Swift toolchain, Graphviz's C library and headers (libgraphviz-dev) and zlib's headers,
#      installed with apt-get when missing;
#   2. `swift format lint --strict` over Sources and Tests with the committed .swift-format: any finding fails;
#      then Scripts/api-check.py: every public declaration documented, pointer code only in the named storage files
#      (skipped, and said so, where there is no python3);
#   3. `swift test` for the package;
#   4. `swift test` in Tests/ConsumerPackage, a separate package that uses the library by path through its public
#      API only (the README's library example).
# Every step runs even when an earlier one fails, so one run shows every failure; the exit code is 1 when any
# step failed (0 only when all passed). Extra arguments go to both `swift test` runs (e.g. --parallel).
set -uo pipefail
cd "$(dirname "$0")/.."

bash Scripts/setup.sh || exit 1

failed=()
step() {
    local name=$1
    shift
    printf '\n== %s: %s\n' "$name" "$*" >&2
    "$@" || failed+=("$name")
}

step lint swift format lint --strict --configuration .swift-format --recursive --parallel Sources Tests
if command -v python3 >/dev/null; then
    step api-check python3 Scripts/api-check.py
else
    printf '\n== api-check: skipped (no python3)\n' >&2
fi
step test swift test "$@"
step consumer-package swift test --package-path Tests/ConsumerPackage "$@"

if [ "${#failed[@]}" -gt 0 ]; then
    printf '\ntest.sh: failed: %s\n' "${failed[*]}" >&2
    exit 1
fi
printf '\ntest.sh: lint, API check, package tests and consumer package tests passed\n' >&2
