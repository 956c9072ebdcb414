#!/usr/bin/env bash
# Fresh Debian 12 to a first result: installs the build dependencies, builds Crucible, and
# verifies the bundled example migrations on embedded SQLite (no server needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
bash ci/build.sh crucible
exec ./build/runner/crucible verify migrations/sql/app --engine sqlite "$@"
