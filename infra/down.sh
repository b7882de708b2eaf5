#!/usr/bin/env bash
# Stops what up.sh started (by pid file), keeping all data: the services, then every Kafka node of this checkout
# (the single broker or the three of LEDGER_KAFKA_BROKERS=3). Postgres and Redis, which the machine runs for
# others too, are left running unless up.sh started them itself. infra/.run/kafka.env keeps the Kafka's shape, so
# the next up.sh brings the same one back.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

for name in projector-8082 projector-8081 command-service; do
  stop_pid "$name"
done
stop_kafka "$RUN_DIR/kafka"
if [ -f "$RUN_DIR/redis.started" ]; then
  redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
  rm -f "$RUN_DIR/redis.started"
fi
log "down: stopped the services up.sh started; data kept in infra/.run/ and Postgres"
