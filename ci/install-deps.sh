#!/usr/bin/env bash
# Installs everything Crucible needs to build and test on Debian 12, from Debian's packages only.
# Idempotent: safe to run on a machine that already has some or all of it.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "install-deps.sh: run as root (apt-get)" >&2; exit 2; }
export DEBIAN_FRONTEND=noninteractive

build_packages=(
  build-essential cmake ninja-build pkg-config ccache
  libsqlite3-dev libpqxx-dev libpq-dev libmysqlcppconn-dev
  unixodbc-dev  # the ODBC engine (harness/engines/odbc/)
  libcli11-dev nlohmann-json3-dev libfmt-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  libluajit-5.1-dev libbrotli-dev libssl-dev libxml2-dev
  python3 python3-yaml
  git  # crucible verify --changed-since, crucible merge-check, and their tests
  python3-alembic  # --format alembic renders a project's revisions with its own Alembic (brings SQLAlchemy)
  dpkg-dev file  # ci/package.sh: CPack's .deb Depends come from dpkg-shlibdeps
  clang libclang-rt-14-dev  # ci/fuzz.sh: libFuzzer ships in clang 14's runtime package
)
server_packages=(postgresql-15 postgresql-client-15 mariadb-server mariadb-client chromium
                 odbc-postgresql odbc-mariadb libsqliteodbc)  # ODBC drivers: tests label odbc

wanted=("${build_packages[@]}")
[ "${1:-}" = "--with-servers" ] && wanted+=("${server_packages[@]}")

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps.sh: installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
