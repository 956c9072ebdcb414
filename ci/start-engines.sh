#!/usr/bin/env bash
# Starts PostgreSQL 15 and MariaDB 10.11 on loopback and creates the `crucible`/`crucible`
# superuser on both. Idempotent: servers that already run are left running, users that exist
# are kept. Waits until both answer a query over TCP, or fails.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "start-engines.sh: run as root" >&2; exit 2; }

wait_for() {  # name, command...
  local name=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "start-engines.sh: $name did not answer within 60 s" >&2; return 1
}

# --- PostgreSQL 15 ---------------------------------------------------------------------------
if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 *main'; then
  pg_createcluster 15 main >/dev/null
fi
if ! pg_lsclusters -h | awk '$1==15 && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster 15 main start
fi
wait_for postgres su postgres -c "psql -qtAc 'select 1'"
su postgres -c "psql -qtA" <<'SQL' >/dev/null
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'crucible') THEN
    CREATE ROLE crucible LOGIN SUPERUSER PASSWORD 'crucible';
  END IF;
END $$;
SQL
wait_for "postgres (tcp)" env PGPASSWORD=crucible psql -h 127.0.0.1 -U crucible -d postgres -qtAc 'select 1'

# --- MariaDB 10.11 ---------------------------------------------------------------------------
if ! mariadb-admin ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  (service mariadb start || /etc/init.d/mariadb start) >/dev/null 2>&1 || true
  if ! mariadb-admin ping >/dev/null 2>&1; then
    (setsid mysqld_safe --bind-address=127.0.0.1 >/dev/null 2>&1 &)
  fi
fi
wait_for mariadb mariadb-admin ping
mariadb <<'SQL'
CREATE USER IF NOT EXISTS 'crucible'@'127.0.0.1' IDENTIFIED BY 'crucible';
CREATE USER IF NOT EXISTS 'crucible'@'localhost' IDENTIFIED BY 'crucible';
GRANT ALL PRIVILEGES ON *.* TO 'crucible'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'crucible'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
wait_for "mariadb (tcp)" mariadb -h 127.0.0.1 -P 3306 -u crucible -pcrucible -e 'select 1'
echo "start-engines.sh: postgres $(su postgres -c "psql -qtAc 'show server_version'") and mariadb $(mariadb -N -e 'select version()') are up on 127.0.0.1"
