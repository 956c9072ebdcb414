#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang into ./build-fuzz and fuzzes each one for a
# few seconds from a seed corpus of the bundled migrations and scenarios (fuzz/seed_corpus.sh).
# ci/test.sh calls it on every run; any crash, sanitizer finding, broken property or timeout
# fails the run and leaves the input in build-fuzz/findings/<target>/.
#
# Usage: ci/fuzz.sh [TARGET...]   (default: all)
#   FUZZ_SECONDS=N   seconds per target (default 5)
# A long run (what the README reports): FUZZ_SECONDS=1800 ci/fuzz.sh keeps the corpus it grows
# in build-fuzz/corpus/<target>/, so a later run starts where this one stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

all=(splitter dsn file_names plan_files helium_expand lua_dsl)
targets=("${@:-${all[@]}}")
seconds=${FUZZ_SECONDS:-5}

CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCRUCIBLE_FUZZ=ON -DCRUCIBLE_TESTS=OFF \
  -DCRUCIBLE_BENCHMARKS=OFF >/dev/null
ninja -C build-fuzz -j"${CRUCIBLE_JOBS:-2}" "${targets[@]/%/_fuzz}"

seeds=build-fuzz/seeds
rm -rf "$seeds"
bash fuzz/seed_corpus.sh "$seeds" >/dev/null

status=0
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/findings/$t"
  log="build-fuzz/findings/$t/fuzz.log"
  # -timeout: one input may run the Lua budget out, never longer; -rss_limit_mb: a bomb is a
  # finding, not a stuck CI job.
  dict=(); [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  # Inputs that once broke a property run every time (fuzz/regressions/<target>/).
  regressions=(); [ -d "fuzz/regressions/$t" ] && regressions=("fuzz/regressions/$t")
  if "build-fuzz/fuzz/${t}_fuzz" "${dict[@]}" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
      -max_len=8192 -print_final_stats=1 -artifact_prefix="build-fuzz/findings/$t/" \
      "build-fuzz/corpus/$t" "$seeds/$t" "${regressions[@]}" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz.sh: $t: $runs inputs in ${seconds}s, no findings"
  else
    echo "fuzz.sh: $t: FINDING (input and log in build-fuzz/findings/$t/)" >&2
    grep -E "ERROR|property failed|SUMMARY" "$log" | head -5 >&2 || true
    status=1
  fi
done
exit $status
