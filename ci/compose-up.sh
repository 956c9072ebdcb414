#!/usr/bin/env bash
# Starts the engines of docker-compose.yml (all, or the services named) and waits until Docker
# reports each one healthy, then prints the DSN variables to export. For users who have Docker;
# Crucible's own CI machines have none (they use ci/start-engines.sh and apt's servers).
#   bash ci/compose-up.sh                    # postgres mariadb mysql db2
#   bash ci/compose-up.sh postgres mariadb   # just these
# Waits up to $COMPOSE_TIMEOUT seconds (default 600: DB2 takes minutes on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v docker >/dev/null || { echo "compose-up.sh: docker is not installed" >&2; exit 2; }

services=("$@")
[ ${#services[@]} -gt 0 ] || services=(postgres mariadb mysql db2)
timeout="${COMPOSE_TIMEOUT:-600}"

docker compose up -d "${services[@]}"

deadline=$((SECONDS + timeout))
for service in "${services[@]}"; do
  container="$(docker compose ps -q "$service")"
  [ -n "$container" ] || { echo "compose-up.sh: $service did not start" >&2; exit 1; }
  while true; do
    status="$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$container")"
    case "$status" in
      healthy) echo "compose-up.sh: $service is healthy"; break ;;
      unhealthy|exited|dead)
        echo "compose-up.sh: $service is $status; its last log lines:" >&2
        docker compose logs --tail 30 "$service" >&2
        exit 1 ;;
    esac
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "compose-up.sh: $service not healthy after ${timeout}s (status: $status)" >&2
      exit 1
    fi
    sleep 2
  done
done

cat <<'VARS'
# Crucible's DSNs for these containers:
export CRUCIBLE_POSTGRES_URL=postgresql://crucible:crucible@127.0.0.1:5432/postgres
export CRUCIBLE_MARIADB_URL=mariadb://crucible:crucible@127.0.0.1:3306/
export CRUCIBLE_MYSQL_URL=mysql://crucible:crucible@127.0.0.1:3307/
export CRUCIBLE_DB2_URL=db2://db2inst1:crucible@127.0.0.1:50000/crucible
VARS
