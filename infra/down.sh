#!/usr/bin/env bash
# Stops what up.sh started (by pid file), keeping all data: Postgres and Redis, which the machine
# runs for others too, are left running unless up.sh started them itself.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

for name in projector-8082 projector-8081 command-service kafka; do
  stop_pid "$name"
done
if [ -f "$RUN_DIR/redis.started" ]; then
  redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
  rm -f "$RUN_DIR/redis.started"
fi
log "down: stopped the services up.sh started; data kept in infra/.run/ and Postgres"
