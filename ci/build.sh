#!/usr/bin/env bash
# Configures and builds Crucible into ./build (Release-like, with debug info).
# Usage: ci/build.sh [ninja targets...]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build "$@"
