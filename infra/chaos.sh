#!/usr/bin/env bash
# Fault runs under steady load (figures in RELIABILITY.md), in the production shape: starts PRIVATE servers of
# its own so it may kill them — PostgreSQL on :25432, three KRaft brokers on :19092/:19094/:19096 (topics RF 3,
# min ISR 2), Redis on :16379 — never the shared 5432/9092/6379, and on them two command-service instances
# (:18480, :18483, each with its relay: one of them publishes, the other stands by) and three projector
# instances (:18481, :18482, :18484). Then, under a steady `ledger bench` load spread over both instances,
# one fault per phase:
#   a) kill -9 the command-service instance whose relay publishes   b) kill -9 the broker leading most
#   partitions, start it again   c) then kill -9 another broker, start it again   d) kill -9 one of the
#   three projectors   e) stop Redis for a while   f) restart PostgreSQL
# After each: no 500 (a 503 with Retry-After is allowed only while Postgres restarts), the outbox drains,
# `projector reconcile` finds no difference, and `ledger verify-acks` finds every acknowledged command's
# events in the store exactly once and on the topics at least once. CHAOS_BROKERS=1 runs the same on one
# broker (phase c left out; in b every partition is unavailable until the broker is back).
#
# Usage: infra/chaos.sh [--short]     full: 100 commands/s, phases of 60 s; --short (infra/test.sh runs it):
#        50 commands/s, phases of 20 s. CHAOS_RATE and CHAOS_PHASE_SECONDS override either.
# Exits 1 if any check fails. Logs, ack logs and the summary stay in infra/.run/chaos/; the private
# processes are stopped on exit. Idempotent: every run starts from empty servers.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MODE=full
case "${1:-}" in
  --short) MODE=short ;;
  "") ;;
  *) die "usage: infra/chaos.sh [--short]" ;;
esac
if [ "$MODE" = short ]; then
  RATE=${CHAOS_RATE:-50} PHASE=${CHAOS_PHASE_SECONDS:-20} FAULT_AT=5 DOWN=5 REDIS_DOWN=10 ACCOUNTS=40
else
  RATE=${CHAOS_RATE:-100} PHASE=${CHAOS_PHASE_SECONDS:-60} FAULT_AT=20 DOWN=10 REDIS_DOWN=30 ACCOUNTS=100
fi
CONVERGE_SECONDS=240
export KAFKA_START_SECONDS=240   # a broker killed with -9 recovers its logs before it listens
# every port below the kernel's ephemeral range (32768-60999 here), where client sockets get theirs: once,
# something held 55432 (then inside that range) for a moment and the private Postgres could not bind it
BROKERS=${CHAOS_BROKERS:-3}
[ "$BROKERS" = 1 ] || [ "$BROKERS" = 3 ] || die "CHAOS_BROKERS must be 1 or 3, got $BROKERS"
# broker i listens on KAFKA_PORT + 2(i-1), its controller on the port after it
PG_PORT=25432 KAFKA_PORT=19092 REDIS_PORT=16379
API1_PORT=18480 API2_PORT=18483 P1_PORT=18481 P2_PORT=18482 P3_PORT=18484
SERVICES="command-service-1 command-service-2" PROJECTORS="projector-1 projector-2 projector-3"
CHAOS=chaos                      # process names under infra/.run/
DIR="$RUN_DIR/$CHAOS"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
KAFKA_PORTS=$(for ((i = 0; i < BROKERS; i++)); do echo $(( KAFKA_PORT + 2 * i )) $(( KAFKA_PORT + 2 * i + 1 )); done)
export LEDGER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/eventledger" LEDGER_DB_USER=postgres
LEDGER_KAFKA_BOOTSTRAP=$(for ((i = 0; i < BROKERS; i++)); do echo "127.0.0.1:$(( KAFKA_PORT + 2 * i ))"; done | paste -sd,)
export LEDGER_KAFKA_BOOTSTRAP LEDGER_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export LEDGER_TOPIC_PREFIX=ledger.
if [ "$BROKERS" = 3 ]; then
  export LEDGER_TOPIC_REPLICATION_FACTOR=3 LEDGER_TOPIC_MIN_INSYNC_REPLICAS=2 LEDGER_STREAMS_REPLICATION_FACTOR=3
else
  export LEDGER_TOPIC_REPLICATION_FACTOR=1 LEDGER_TOPIC_MIN_INSYNC_REPLICAS=1 LEDGER_STREAMS_REPLICATION_FACTOR=1
fi
source "$INFRA_DIR/chaos-lib.sh"

# run_phase NAME FAULT: the load for PHASE seconds with FAULT injected after FAULT_AT, then the checks.
run_phase() {
  local name=$1 fault=$2 failed=0 before loaded ended converged
  log "phase $name: $RATE commands/s for ${PHASE}s, fault after ${FAULT_AT}s"
  RECOVERY=- AFTER=
  before=$(server_500s)
  rm -f "$DIR/probe.stop"
  probe_loop "$name" & PROBE_PID=$!
  bench "$name" & BENCH_PID=$!
  loaded=$(now_ms)
  if wait_for "the load to start" 180 load_started "$name"; then
    loaded=$(now_ms)
    sleep "$FAULT_AT"   # steady load before the fault
    $fault || { log "could not inject the fault of $name"; failed=1; }
  else
    failed=1
  fi
  wait "$BENCH_PID" || { log "ledger bench failed: see $DIR/bench/$name.log"; failed=1; }
  touch "$DIR/probe.stop"; wait "$PROBE_PID" || true
  BENCH_PID= PROBE_PID=
  ended=$(now_ms)
  wait_for "the outbox to drain" "$CONVERGE_SECONDS" outbox_empty || failed=1
  wait_for "reconcile to find no difference" "$CONVERGE_SECONDS" reconciled "$name" \
    || { tail -5 "$DIR/$name-reconcile.txt" >&2; failed=1; }
  converged="$(( ($(now_ms) - ended) / 1000 )) s"
  "$INFRA_DIR/ledger" verify-acks --ack-log "$DIR/bench/$name-acks.csv" --ack-log "$DIR/bench/$name-probe-acks.csv" \
    >"$DIR/$name-verify.txt" 2>&1 || failed=1
  # the load ran for its warm-up and PHASE seconds, however long the fault itself took
  judge "$name" "$(( $(server_500s) - before ))" "$converged" "$(( (ended - loaded) / 1000 < PHASE + 2 ? (ended - loaded) / 1000 : PHASE + 2 ))" || failed=1
  [ -z "$AFTER" ] || $AFTER
  [ "$failed" = 0 ] || { FAILED=1; log "phase $name FAILED (details in $DIR/$name-*)"; }
}

# judge NAME FIVE_HUNDREDS CONVERGED LOAD_SECONDS: adds the phase's row to the summary; fails on a 500, on a 5xx outside
# the Postgres restart, on a 503 without Retry-After, or on anything lost, doubled or missing.
judge() {
  local name=$1 five_hundreds=$2 converged=$3 seconds=$4 report="$DIR/bench/$1.json" probes="$DIR/bench/$1-probes.txt"
  local verify; verify=$(tail -1 "$DIR/$name-verify.txt")
  value() { local v; v=$(sed -n "s/.*\b$1=\([0-9]*\).*/\1/p" <<<"$verify"); echo "${v:-?}"; }
  local final5xx held p503 p503bare p5xx
  final5xx=$(jq -r '.errors_5xx' "$report" 2>/dev/null || echo "?")
  # what the service got through while the fault happened: the bench's own rate counts from intended starts
  held=$(jq -r --argjson s "$seconds" --argjson n "$(( $(wc -l < "$DIR/bench/$name-acks.csv") - ACCOUNTS ))" \
    '"\($n / ([$s, 1] | max) | floor)/s over \($s) s (\(.rate | floor)/s asked; p99 \(.latency_ms.p99 / 100 | floor / 10) s)"' \
    "$report" 2>/dev/null || echo "?")
  p503=$(grep -c '^503 ' "$probes" || true)
  p503bare=$(grep -c '^503 none' "$probes" || true)
  p5xx=$(grep -c '^5' "$probes" || true)
  printf '| %s | %s | %s | %s | %s | %s of %s (%s without) | %s | %s | %s | %s | %s |\n' "$name" "$held" \
    "$(value acked)" "$final5xx" "$five_hundreds" "$p503" "$(wc -l < "$probes")" "$p503bare" "$(value lost)" \
    "$(value doubled_in_store)" "$(value store_missing_on_topic)" "$RECOVERY" \
    "$converged" >> "$DIR/summary.md"
  tail -1 "$DIR/summary.md" >&2
  [ "$five_hundreds" = 0 ] && [ "$p503bare" = 0 ] || return 1
  if [ "$name" != f-postgres-restart ]; then [ "$p5xx" = 0 ] && [ "$final5xx" = 0 ] || return 1; fi
  grep -q '^acked=' <<<"$verify"
}

trap stop_everything EXIT
RUN_STARTED=$(date +%s)
pick_jdk
ensure_tools
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)"
command -v redis-server >/dev/null || apt_install redis-server
build_project
stop_everything
reset_pg_cluster "$DIR/pg"
rm -rf "$DIR"
mkdir -p "$DIR/bench"
# shellcheck disable=SC2086 # the port lists are words
ports_free $PG_PORT $KAFKA_PORTS $REDIS_PORT $API1_PORT $API2_PORT $P1_PORT $P2_PORT $P3_PORT
log "fault run ($MODE, $BROKERS broker(s)): $RATE commands/s, phases of ${PHASE}s; logs in $DIR"

start_private_postgres
ensure_kafka_cluster "$BROKERS" "$DIR/kafka" $KAFKA_PORT
ensure_redis $REDIS_PORT "$DIR/redis" "$REDIS_PERSISTENCE"
"$INFRA_DIR/ledger" topics >/dev/null
start_service $CHAOS/command-service-1 $API1_PORT "$(service_jar command-service)" serve
start_service $CHAOS/command-service-2 $API2_PORT "$(service_jar command-service)" serve
start_service $CHAOS/projector-1 $P1_PORT "$(service_jar projector-streams)" serve
start_service $CHAOS/projector-2 $P2_PORT "$(service_jar projector-streams)" serve
start_service $CHAOS/projector-3 $P3_PORT "$(service_jar projector-streams)" serve
wait_for "an active relay" 60 active_relay >/dev/null || die "no relay took the outbox lock"
TOKEN=$("$INFRA_DIR/ledger" token create --user chaos --roles operator,reader,auditor | tail -1)
export LEDGER_TOKEN=$TOKEN
PROBE_ACCOUNT=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"ownerId":"chaos-probe","currency":"EUR"}' "http://127.0.0.1:$API1_PORT/accounts" | jq -r .accountId)
log "up: private servers, 2 command-service and 3 projector instances; the relay of $(service_named "$(active_relay)") publishes"

printf '| fault | load held | acked | final 5xx | 500s | probes (503 with Retry-After) | lost | doubled | missing on topic | recovery | converged |\n' > "$DIR/summary.md"
printf '|---|---|---|---|---|---|---|---|---|---|---|\n' >> "$DIR/summary.md"
FAILED=0
run_phase a-service-kill kill_publishing_service
run_phase b-broker-kill kill_leading_broker
[ "$BROKERS" = 1 ] || run_phase c-second-broker-kill kill_another_broker
run_phase d-projector-kill kill_projector
run_phase e-redis-stop stop_redis
run_phase f-postgres-restart restart_postgres

printf '\n' >&2
cat "$DIR/summary.md" >&2
log "load average: $(cut -d' ' -f1-3 /proc/loadavg); logs, ack logs and bench reports in $DIR"
[ "$FAILED" = 0 ] || die "fault run failed after $(( $(date +%s) - RUN_STARTED )) s: see the phases marked FAILED above"
log "fault run passed in $(( $(date +%s) - RUN_STARTED )) s: nothing lost, nothing applied twice, every read model converged"
