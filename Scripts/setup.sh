#!/usr/bin/env bash
# Idempotent set-up for ReplyGraph on Debian/Ubuntu: makes sure the Swift toolchain is present and installs
# Graphviz's C library and headers (libgraphviz-dev) plus pkg-config when `pkg-config --exists libgvc` fails, and
# zlib's headers (zlib1g-dev) when `pkg-config --exists zlib` fails.
#
#   bash Scripts/setup.sh                   # what building and testing need
#   bash Scripts/setup.sh graphviz:dot      # also a Debian package (here graphviz) when a command (dot) is missing
#
# The extra PACKAGE:COMMAND pairs serve the benchmark and check scripts (the Graphviz CLI, Chromium).
set -euo pipefail

say() { printf 'setup: %s\n' "$*" >&2; }

if ! command -v swift >/dev/null 2>&1; then
  say "the Swift toolchain (swift) is not on PATH; install Swift 6.0 or later from swift.org first"
  exit 1
fi

# apt_install PACKAGE...: installs with apt-get as root or through password-less sudo; a clear message otherwise.
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "apt-get is not available: install $* yourself (brew install graphviz, dnf install graphviz-devel, ...)"
    exit 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      say "not root and no password-less sudo: run 'sudo apt-get install -y $*' and retry"
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libgvc; }; then
  say "libgvc (Graphviz) or pkg-config is missing: installing libgraphviz-dev and pkg-config with apt-get"
  apt_install libgraphviz-dev pkg-config
  if ! pkg-config --exists libgvc; then
    say "installed libgraphviz-dev but pkg-config still cannot find libgvc"
    exit 1
  fi
  say "Graphviz $(pkg-config --modversion libgvc) is ready"
fi

# zlib's headers: ZIPFoundation (the in-process reader of zipped Twitter/X archives) links the system zlib on Linux.
# libgraphviz-dev usually brings them; a machine without them gets zlib1g-dev.
if ! pkg-config --exists zlib; then
  say "zlib's headers are missing: installing zlib1g-dev with apt-get"
  apt_install zlib1g-dev
  pkg-config --exists zlib || { say "installed zlib1g-dev but pkg-config still cannot find zlib"; exit 1; }
fi

for pair in "$@"; do
  package=${pair%%:*}
  command=${pair#*:}
  if ! command -v "$command" >/dev/null 2>&1; then
    say "$command is missing: installing the $package package with apt-get"
    apt_install "$package"
    command -v "$command" >/dev/null 2>&1 || { say "installed $package but $command is still not on PATH"; exit 1; }
  fi
done
