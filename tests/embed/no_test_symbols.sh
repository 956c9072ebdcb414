#!/bin/sh
# Fails when an installed library needs a symbol of RapidCheck or Google Benchmark: those are
# for Crucible's own tests and benchmarks, and a consumer of crucible::harness has neither.
# Usage: no_test_symbols.sh LIBRARY...
status=0
for library in "$@"; do
  found=$(nm -C --undefined-only "$library" | grep -E ' (rc|benchmark)::' | head -3)
  if [ -n "$found" ]; then
    echo "$library needs test-only symbols:"
    echo "$found"
    status=1
  fi
done
exit $status
