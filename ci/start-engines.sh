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
# performance_schema with only the metadata-lock instrument on: `crucible bench --load` reads the
# locks a migration holds from it where MySQL 8 keeps them, and the tests check that source (and
# the METADATA_LOCK_INFO plugin, installed below) against this server.
mkdir -p /etc/mysql/mariadb.conf.d
cat > /etc/mysql/mariadb.conf.d/90-crucible.cnf <<'CNF'
[mariadbd]
performance_schema = ON
performance_schema_instrument = '%=OFF'
performance_schema_instrument = 'wait/lock/metadata/sql/mdl=ON'
CNF
if mariadb-admin ping >/dev/null 2>&1 && [ "$(mariadb -N -e 'SELECT @@performance_schema')" != 1 ]; then
  mariadb-admin shutdown  # started before that setting existed: start it again with it
fi
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
# The metadata-lock plugin lets `crucible bench --load` list the locks a migration holds, not only
# the waits (tests/bench_load/load_mariadb_test.cc). It ships with the server package.
if [ -z "$(mariadb -N -e "SELECT 1 FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO'")" ]; then
  mariadb -e "INSTALL SONAME 'metadata_lock_info'"
fi
wait_for "mariadb (tcp)" mariadb -h 127.0.0.1 -P 3306 -u crucible -pcrucible -e 'select 1'
echo "start-engines.sh: postgres $(su postgres -c "psql -qtAc 'show server_version'") and mariadb $(mariadb -N -e 'select version()') are up on 127.0.0.1"
