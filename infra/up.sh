#!/usr/bin/env bash
# Brings up the whole pipeline on this machine: Postgres, Redis, Kafka, the topics, the database, a build of the
# project, command-service on :8080 and two projector instances on :8081/:8082.
# Kafka is one broker on :9092, or with LEDGER_KAFKA_BROKERS=3 three on :9092/:9094/:9096 (replication factor 3,
# min ISR 2); the shape is recorded in infra/.run/kafka.env and kept until asked otherwise (after infra/down.sh).
# Idempotent: whatever already runs is left alone; a service whose jar was rebuilt is restarted.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_servers
use_kafka_settings
ensure_database
build_project
"$INFRA_DIR/ledger" topics >/dev/null
start_service command-service 8080 "$(service_jar command-service)" serve
start_service projector-8081 8081 "$(service_jar projector-streams)" serve
start_service projector-8082 8082 "$(service_jar projector-streams)" serve
log "up: command-service http://127.0.0.1:8080, projector http://127.0.0.1:8081 and :8082, Kafka ${LEDGER_KAFKA_BOOTSTRAP:-127.0.0.1:9092} (logs in infra/.run/)"
