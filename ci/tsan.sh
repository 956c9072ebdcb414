#!/usr/bin/env bash
# Builds the crucible command with ThreadSanitizer into ./build-tsan and runs it where its threads
# meet: three engines verified at once (a thread each; `merge-check` alike), the data check beside
# each linear pass, MariaDB's second snapshot connection and its worker thread, the statement
# watchdog cancelling a running statement on each server, random walks, and `crucible bench
# --load`'s client sessions.
# Any race report fails the run (ci/test.sh calls this on every run, after ci/start-engines.sh).
# Only Crucible's own code is instrumented (libpq, the MySQL connector, SQLite and LuaJIT are the
# system libraries). Not covered: signals — under TSan a SIGTERM does not reach the thread that
# waits for it (the runtime holds signals back), so interrupts are left to tests/cli.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCRUCIBLE_SANITIZE=thread \
  -DCRUCIBLE_BENCHMARKS=OFF >/dev/null
ninja -C build-tsan -j"${CRUCIBLE_JOBS:-2}" runner/crucible
crucible="$PWD/build-tsan/runner/crucible"

# A report ends the process with exit code 66 (a failing or erroring migration exits 1).
export TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1"
work=$(mktemp -d "${TMPDIR:-/tmp}/crucible-tsan.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A statement that outlives --statement-timeout on each server: the watchdog cancels it from its
# own thread while the migration's thread waits on it.
for engine in postgres mariadb; do
  mkdir -p "$work/sleep-$engine"
  echo "CREATE TABLE t (id INT PRIMARY KEY);" > "$work/sleep-$engine/0001_t.up.sql"
  echo "DROP TABLE t;" > "$work/sleep-$engine/0001_t.down.sql"
  [[ $engine == postgres ]] && sleep="SELECT pg_sleep(5);" || sleep="SELECT SLEEP(5);"
  echo "$sleep" > "$work/sleep-$engine/0002_sleep.up.sql"
  echo "SELECT 1;" > "$work/sleep-$engine/0002_sleep.down.sql"
done

status=0
run() {  # run NAME EXIT TEXT ARGS...: the exit code and a line the output must show, no race
  local name=$1 expected=$2 text=$3 code=0
  shift 3
  echo "tsan.sh: $name"
  "$crucible" "$@" >"$work/out.txt" 2>"$work/err.txt" || code=$?
  if [[ $code != "$expected" ]] || ! grep -q -- "$text" "$work/out.txt"; then
    echo "tsan.sh: $name FAILED (exit $code, expected $expected and \"$text\")" >&2
    grep -A30 'WARNING: ThreadSanitizer' "$work/err.txt" >&2 ||
      tail -20 "$work/out.txt" "$work/err.txt" >&2
    status=1
  fi
}

cancelled="cancelled by Crucible"
run "three engines at once, data check beside" 0 " 0 failed, 0 errors" \
  verify migrations/sql/app -e sqlite -e postgres -e mariadb --walks 3 --seed 11
run "Lua DSL and Helium, walks" 0 " 0 failed, 0 errors" \
  verify migrations/helium/ledger -e sqlite -e postgres -e mariadb --walks 3 --seed 11
run "a statement cancelled by the watchdog (PostgreSQL)" 1 "$cancelled after 1 s" \
  verify "$work/sleep-postgres" -e postgres --statement-timeout 1s --keep-going
run "a statement cancelled by the watchdog (MariaDB)" 1 "$cancelled after 1 s" \
  verify "$work/sleep-mariadb" -e mariadb --statement-timeout 1s --keep-going
run "a migration past --migration-timeout" 1 "$cancelled: the migration ran past its 2 s" \
  verify "$work/sleep-mariadb" -e mariadb --migration-timeout 2s --keep-going
# The README's merge-check example: 0001-0009 at the merge base, main adds 0010-0011, the branch
# 0012-0013 (SQLite's commute of 0012 fails: the error the example shows); engines in parallel.
repo="$work/repo"
git init -q -b main "$repo"
commit() { git -C "$repo" add -A && git -C "$repo" -c user.name=ci -c user.email=ci@localhost \
             commit -qm "$1"; }
mkdir -p "$repo/db"
cp migrations/sql/app/000[1-9]_* "$repo/db/" && commit base
git -C "$repo" checkout -qb feature
cp migrations/sql/app/001[23]_* "$repo/db/" && commit feature
git -C "$repo" checkout -q main
cp migrations/sql/app/001[01]_* "$repo/db/" && commit main
git -C "$repo" checkout -q feature
run "merge-check, engines in parallel" 1 "ERROR sqlite / 0013 add_order_shipped_at / commute" \
  merge-check "$repo/db" --base main -e sqlite -e postgres -e mariadb
run "bench under load" 0 "2 runs, 0 errors" \
  bench migrations/sql/app -e postgres -e mariadb --rows 1000 --load 3 --migration 0008
# A race report ends a run at once, like a crash: its scratch databases are left behind.
[[ $status == 0 ]] || "$crucible" cleanup -e postgres -e mariadb --drop >&2 || true
exit $status
