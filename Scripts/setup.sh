#!/usr/bin/env bash
# Idempotent set-up for ReplyGraph on Debian/Ubuntu: makes sure the Swift toolchain is present and installs
# Graphviz's C library and headers (libgraphviz-dev) plus pkg-config when `pkg-config --exists libgvc` fails.
set -euo pipefail

say() { printf 'setup: %s\n' "$*" >&2; }

if ! command -v swift >/dev/null 2>&1; then
  say "the Swift toolchain (swift) is not on PATH; install Swift 6.0 or later from swift.org first"
  exit 1
fi

if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libgvc; then
  exit 0
fi

say "libgvc (Graphviz) or pkg-config is missing: installing libgraphviz-dev and pkg-config with apt-get"
if ! command -v apt-get >/dev/null 2>&1; then
  say "apt-get is not available: install Graphviz's development files yourself (brew install graphviz, dnf install graphviz-devel, ...)"
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  say "not root and no password-less sudo: run 'sudo apt-get install -y libgraphviz-dev pkg-config' and retry"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >/dev/null
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends libgraphviz-dev pkg-config >/dev/null
if ! pkg-config --exists libgvc; then
  say "installed libgraphviz-dev but pkg-config still cannot find libgvc"
  exit 1
fi
say "Graphviz $(pkg-config --modversion libgvc) is ready"
