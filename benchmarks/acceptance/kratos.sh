#!/usr/bin/env bash
# Acceptance run on a real project: ory/kratos's SQL migrations (ory/popx layout), exactly as the
# repository holds them, verified by Crucible on SQLite, PostgreSQL and MariaDB and, for scale,
# replayed forward by the engines' own clients (psql, mariadb) into a throw-away database.
#
# The migrations are never committed here: point the script at a kratos checkout or bare git
# directory (e.g. what `fetch github:ory/kratos` mirrors), it copies the folder into a temporary
# directory and removes it afterwards.
#
# Usage: benchmarks/acceptance/kratos.sh KRATOS_GIT_DIR_OR_CHECKOUT [crucible binary] [engines...]
#   engines default to: sqlite postgres mariadb (server DSNs from CRUCIBLE_POSTGRES_URL /
#   CRUCIBLE_MARIADB_URL or the local defaults of ci/start-engines.sh)
# Prints one summary line per engine; the JSON reports stay in $OUT (default: a temp folder).
set -euo pipefail

source_dir=${1:?usage: kratos.sh KRATOS_GIT_DIR_OR_CHECKOUT [crucible] [engines...]}
crucible=${2:-$(dirname "$0")/../../build/runner/crucible}
shift $(( $# >= 2 ? 2 : $# ))
engines=("$@")
[[ ${#engines[@]} -gt 0 ]] || engines=(sqlite postgres mariadb)
postgres_url=${CRUCIBLE_POSTGRES_URL:-postgresql://crucible:crucible@127.0.0.1:5432/postgres}
mariadb_url=${CRUCIBLE_MARIADB_URL:-mariadb://crucible:crucible@127.0.0.1:3306/}
migrations_path=persistence/sql/migrations/sql

work=$(mktemp -d "${TMPDIR:-/tmp}/kratos-acceptance.XXXXXX")
OUT=${OUT:-$work/reports}
mkdir -p "$OUT" "$work/sql"
cleanup() { rm -rf "$work/sql"; }
trap cleanup EXIT

# Copy the folder out of a checkout or a bare repository, file names untouched.
if [[ -d $source_dir/$migrations_path ]]; then
  cp -r "$source_dir/$migrations_path/." "$work/sql/"
else
  git --git-dir="$source_dir" archive HEAD "$migrations_path" | tar -x -C "$work"
  mv "$work/$migrations_path"/* "$work/sql/"
fi
revision=$(git -C "$source_dir" rev-parse --short HEAD 2>/dev/null ||
           git --git-dir="$source_dir" rev-parse --short HEAD)
echo "kratos $revision: $(ls "$work/sql" | wc -l) files in $migrations_path"

dsn_for() {
  case $1 in
    sqlite) echo sqlite ;;
    postgres) echo "postgres=$postgres_url" ;;
    mariadb) echo "mariadb=$mariadb_url" ;;
  esac
}

# The forward file popx would run on an engine for one version: the engine's own, else generic.
forward_files() {
  local engine_token=$1
  ls "$work/sql" | grep -E '\.up\.sql$' | sed -E 's/_.*//' | sort -u -n | while read -r version; do
    local own generic
    own=$(ls "$work/sql" | grep -E "^${version}_.*\.${engine_token}(\.autocommit)?\.up\.sql$" | head -1 || true)
    generic=$(ls "$work/sql" | grep -E "^${version}_[^.]*(\.autocommit)?\.up\.sql$" | head -1 || true)
    [[ -n $own ]] && echo "$work/sql/$own" || { [[ -n $generic ]] && echo "$work/sql/$generic"; } || true
  done
}

# A plain forward replay with the engine's own client, for the wall-time comparison.
replay() {
  local engine=$1 db="kratos_replay_$$" start end errors
  case $engine in
    postgres)
      psql "$postgres_url" -qAtc "CREATE DATABASE $db" >/dev/null
      start=$(date +%s.%N)
      errors=$(forward_files postgres | while read -r f; do
                 psql "${postgres_url%/*}/$db" -q -v ON_ERROR_STOP=1 -f "$f" >/dev/null 2>&1 || echo x
               done | wc -l)
      end=$(date +%s.%N)
      psql "$postgres_url" -qAtc "DROP DATABASE $db" >/dev/null ;;
    mariadb)
      local creds=(--protocol=tcp -h 127.0.0.1 -P 3306 -u crucible -pcrucible)
      mariadb "${creds[@]}" -e "CREATE DATABASE $db"
      start=$(date +%s.%N)
      errors=$(forward_files mysql | while read -r f; do
                 mariadb "${creds[@]}" "$db" <"$f" >/dev/null 2>&1 || echo x
               done | wc -l)
      end=$(date +%s.%N)
      mariadb "${creds[@]}" -e "DROP DATABASE $db" ;;
    *) return 0 ;;
  esac
  printf '  plain %s replay (forward only): %.1f s, %s files failed\n' \
    "$engine" "$(echo "$end - $start" | bc)" "$errors"
}

for engine in "${engines[@]}"; do
  report="$OUT/$engine.json"
  start=$(date +%s.%N)
  set +e
  "$crucible" verify "$work/sql" --engine "$(dsn_for "$engine")" --keep-going \
      --json "$report" >"$OUT/$engine.log" 2>&1
  status=$?
  set -e
  end=$(date +%s.%N)
  if [[ ! -s $report ]]; then
    echo "$engine: crucible exited $status without a report:"; tail -5 "$OUT/$engine.log"; continue
  fi
  jq -r --arg engine "$engine" --arg secs "$(echo "$end - $start" | bc)" '
    [.results[] | select(.engine == $engine)] as $r
    | ($r | group_by(.migration)) as $versions
    | def count(f): $r | map(select(f)) | length;
    "\($engine): \($versions | length) versions: \(count(.check == "forward" and .status == "pass")) applied, "
      + "\(count(.check == "forward" and .status == "skip")) not for this engine, "
      + "\(count(.check == "forward" and .status == "error")) forward errors; "
      + "\($versions | map(select(all(.[]; .status == "pass"))) | length) pass every check "
      + "(\(count(.check == "roundtrip" and .status == "pass" and (.message | test("is empty"))) ) of them round-trip with an empty reverse); "
      + "roundtrip \(count(.check == "roundtrip" and .status == "pass")) pass / \(count(.check == "roundtrip" and .status == "fail")) fail; "
      + "reverse errors \(count(.check == "reverse" and .status == "error")); verify \($secs | tonumber | . * 10 | round / 10) s",
      ($r | map(select(.status == "fail" or .status == "error"))
          | group_by(.check + " " + .status)[]
          | "  \(.[0].check) \(.[0].status): \(length)  e.g. \(.[0].migration): \(.[0].message[0:140])")
  ' "$report"
  replay "$engine"
done
echo "reports: $OUT"
