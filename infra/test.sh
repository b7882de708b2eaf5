#!/usr/bin/env bash
# Runs every test: unit tests (Surefire, *Test) and integration tests (Failsafe, *IT) against real
# Postgres, Redis and Kafka. Starts those servers if needed, never the app processes: the integration
# tests start what they need inside the test JVM, with a fresh database and topic prefix per run.
# Then the shortened fault run (infra/chaos.sh --short, on private servers it starts and kills itself).
# Arguments go to Maven; SKIP_CHAOS=1 leaves the fault run out.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

pick_jdk
ensure_tools
ensure_postgres
ensure_redis
if docker info >/dev/null 2>&1; then
  log "a Docker engine answers: the tests use Testcontainers' KafkaContainer"
  fetch_kafka
else
  ensure_kafka
  use_kafka_settings   # on three brokers, the tests' topics get their replication factor and min ISR too
  export LEDGER_KAFKA_BOOTSTRAP=${LEDGER_KAFKA_BOOTSTRAP:-127.0.0.1:9092}
fi
cd "$ROOT_DIR"
started=$(date +%s)
./mvnw -B verify "$@"
log "all tests passed in $(( $(date +%s) - started )) s"
if [ "${SKIP_CHAOS:-0}" != 1 ]; then
  "$INFRA_DIR/chaos.sh" --short
  log "tests and the fault run passed in $(( $(date +%s) - started )) s"
fi
