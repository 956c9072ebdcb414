#!/usr/bin/env bash
# Fresh Debian 12 to a passing test suite: installs build dependencies and the PostgreSQL 15 and
# MariaDB 10.11 servers, starts them on loopback, builds everything, runs the memory-safety jobs
# and then the whole suite (unit, live-engine and scenario tests). With CI=true a missing server
# fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh --with-servers
bash ci/start-engines.sh
bash ci/build.sh
export CI="${CI:-true}"
# Memory safety: the unit, loader, Lua, Helium and SQLite suites under ASan+UBSan, the crucible
# command under ThreadSanitizer where its threads meet, then a few seconds of fuzzing per target
# (README "Security model").
bash ci/sanitize.sh
bash ci/tsan.sh
bash ci/fuzz.sh
# The .deb: built, installed into a temporary root, and used by tests/consumer/ through
# find_package(crucible) (README "Install").
bash ci/package.sh
# Last, so that its summary is the run's closing line.
ctest --test-dir build --output-on-failure -j2 "$@"
