#!/usr/bin/env bash
# Builds each fuzz target's seed corpus from the bundled migrations/ and scenarios/ (no copies
# committed): fuzz/seed_corpus.sh OUT_DIR writes OUT_DIR/<target>/ for every target.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: fuzz/seed_corpus.sh OUT_DIR}
for t in splitter dsn file_names plan_files helium_expand lua_dsl; do mkdir -p "$out/$t"; done

n=0
seed() {  # seed TARGET PREFIX_BYTE FILE: FILE's bytes after one selector byte (or none)
  n=$((n + 1))
  { [ -n "$2" ] && printf "\\x$2"; cat "$3"; } >"$out/$1/seed_$n"
}

while IFS= read -r -d '' f; do
  for dialect in 00 01 02 03; do seed splitter "$dialect" "$f"; done  # sqlite postgres mysql db2
  # The file name on the first line, the text after it: names, dbmate sections and markers.
  n=$((n + 1)); { basename "$f"; cat "$f"; } >"$out/file_names/seed_$n"
done < <(find migrations scenarios -name '*.sql' -type f -print0)

while IFS= read -r -d '' f; do
  if grep -q 'crucible_dsl\|require("migration")\|require "migration"' "$f"; then
    seed lua_dsl "" "$f"
  else  # a Helium migration: its SQL text with ${MACROS}, once per engine
    for engine in 00 01 03; do seed helium_expand "$engine" "$f"; done
  fi
done < <(find migrations scenarios -name '*.lua' -type f -print0)

# Plans, changelogs and sqitch.conf files of the scenarios, each behind its reader's byte.
while IFS= read -r -d '' f; do
  case "$f" in
    *sqitch.plan) seed plan_files 00 "$f" ;;
    *sqitch.conf) seed plan_files 02 "$f" ;;
    *.sql) grep -qi 'liquibase formatted sql' "$f" && seed plan_files 01 "$f" ;;
  esac
done < <(find scenarios -type f \( -name sqitch.plan -o -name sqitch.conf -o -name '*.sql' \) -print0)

# DSNs as the documentation, the scenarios and the CI scripts write them.
grep -rhoE '(sqlite|postgres(ql)?|mysql|mariadb|db2):[^ `"'"'"')<>]*' README.md docs ci scenarios \
    2>/dev/null | sort -u | while IFS= read -r dsn; do
  n=$((n + 1)); printf '%s' "$dsn" >"$out/dsn/seed_$n"
done
for t in splitter dsn file_names plan_files helium_expand lua_dsl; do
  echo "seed_corpus.sh: $t: $(ls "$out/$t" | wc -l) seeds"
done
