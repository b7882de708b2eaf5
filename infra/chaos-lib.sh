# The faults, the load, the probes and the checks of infra/chaos.sh (sourced by it, after lib.sh).

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

chaos_sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d eventledger -tAqc "$1"; }

ports_free() {
  local port
  for port in "$@"; do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
      die "port $port is taken by a process this run did not start; stop it or change the port in infra/chaos.sh"
    fi
  done
}

start_private_postgres() {
  ensure_pg_cluster "$PG_BIN" "$DIR/pg" "$PG_PORT"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE eventledger" >/dev/null
}

# where the private cluster's data, log and socket live (outside the checkout when run as root: see pg_cluster_dir)
PG_DIR=$(pg_cluster_dir "$DIR/pg")

pg_control() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" "$@" >/dev/null; }

# Stops, by the pid files this script wrote, only what it started; safe to call twice.
stop_everything() {
  local name pid
  touch "$DIR/probe.stop" 2>/dev/null || true
  for pid in ${BENCH_PID:-} ${PROBE_PID:-}; do kill "$pid" 2>/dev/null || true; done
  for name in projector-1 projector-2 relay-1 relay-2 command-service; do
    pid_alive "$CHAOS/$name" && kill -9 "$(cat "$RUN_DIR/$CHAOS/$name.pid")" 2>/dev/null
    rm -f "$RUN_DIR/$CHAOS/$name.pid"
  done
  pid_alive "$CHAOS/kafka" && kill -9 "$(cat "$DIR/kafka.pid")" 2>/dev/null
  pid_alive "$CHAOS/redis/redis" && kill "$(cat "$DIR/redis/redis.pid")" 2>/dev/null
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then pg_control stop -m immediate || true; fi
  return 0
}

# The JVM pid of the relay holding the outbox lock: its session's application name carries the pid.
active_relay() {
  local pid
  pid=$(chaos_sql "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.classid = $((0x6C656467)) AND l.granted" 2>/dev/null \
        | sed -n 's/^eventledger-outbox-relay-//p' | head -1)
  [ -n "$pid" ] && echo "$pid"
}

another_relay_active() { local pid; pid=$(active_relay) && [ "$pid" != "$1" ]; }

relay_named() {
  local name
  for name in relay-1 relay-2; do
    [ "$(cat "$RUN_DIR/$CHAOS/$name.pid" 2>/dev/null)" = "$1" ] && { echo "$name"; return 0; }
  done
  return 1
}

# --- the faults: each sets RECOVERY to what it measured, and AFTER to what to undo after the checks ---

kill_active_relay() {
  local pid name started
  pid=$(active_relay) || { log "no relay is active"; return 1; }
  name=$(relay_named "$pid") || { log "the active relay (pid $pid) is not one of ours"; return 1; }
  log "kill -9 the active relay $name (pid $pid)"
  started=$(now_ms)
  kill -9 "$pid"
  wait_for "the standby relay to take over" 60 another_relay_active "$pid" || return 1
  RECOVERY="standby active in $(( $(now_ms) - started )) ms"
  launch "$CHAOS/$name" "$(service_jar command-service)" relay   # back, as the new standby
}

kill_broker() {
  local pid started; pid=$(cat "$DIR/kafka.pid")
  log "kill -9 the broker (pid $pid); it starts again after ${DOWN}s"
  kill -9 "$pid"
  wait_for "the broker to die" 30 bash -c "! kill -0 $pid 2>/dev/null" || return 1
  sleep "$DOWN"   # the outage itself
  started=$(now_ms)
  ensure_kafka "$DIR/kafka" "$KAFKA_PORT" "$CONTROLLER_PORT"
  RECOVERY="down ${DOWN}s, answering $(( $(now_ms) - started )) ms after start"
}

kill_projector() {
  local pid; pid=$(cat "$RUN_DIR/$CHAOS/projector-1.pid")
  log "kill -9 projector-1 (pid $pid); projector-2 must take over its partitions"
  kill -9 "$pid"
  RECOVERY="projector-2 alone (restarted after the checks)"
  AFTER=restart_projector
}

restart_projector() {
  rm -f "$RUN_DIR/$CHAOS/projector-1.pid"
  start_service "$CHAOS/projector-1" "$P1_PORT" "$(service_jar projector-streams)" serve
}

# Redis runs with an append-only file, as it would in production, so a stop loses nothing; one without
# persistence comes back empty, and its mirrors then need `projector replay` (see RELIABILITY.md).
REDIS_PERSISTENCE="--appendonly yes --appendfsync everysec"

stop_redis() {
  log "stopping Redis for ${REDIS_DOWN}s"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  wait_for "Redis to stop" 30 bash -c "! redis-cli -h 127.0.0.1 -p $REDIS_PORT ping >/dev/null 2>&1" || return 1
  sleep "$REDIS_DOWN"   # the outage itself
  ensure_redis "$REDIS_PORT" "$DIR/redis" "$REDIS_PERSISTENCE"
  RECOVERY="down ${REDIS_DOWN}s"
}

restart_postgres() {
  local started
  log "restarting PostgreSQL (stop -m fast, ${DOWN}s down, start)"
  pg_control stop -m fast -w || return 1
  sleep "$DOWN"   # the outage itself
  started=$(now_ms)
  pg_control start -w -t 60 -o \
    "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DIR -c fsync=on -c max_connections=200" || return 1
  wait_for "command-service to be ready again" 60 http_ready "$API_PORT" || return 1
  RECOVERY="down ${DOWN}s, service ready $(( $(now_ms) - started )) ms after start, no restart"
}

# --- the load and the probes ---

# Run in the background only: it becomes the bench JVM, so its pid is the one to stop.
bench() {
  exec "$INFRA_DIR/ledger" bench --url "http://127.0.0.1:$API_PORT" --token "$TOKEN" --rate "$RATE" \
    --warmup 2 --duration "$PHASE" --accounts "$ACCOUNTS" --mix 50:25:25 --retry --ack-log "$DIR/bench/$1-acks.csv" \
    --kafka-bootstrap "$LEDGER_KAFKA_BOOTSTRAP" --topic-prefix "$LEDGER_TOPIC_PREFIX" --out "$DIR/bench" --name "$1" \
    >"$DIR/bench/$1.log" 2>&1
}

# Five deposits a second on one account, each under a fresh key, recording every answer's status and
# Retry-After: the bench reports final outcomes only, the probes see each 503 as it happens.
probe_loop() {
  local phase=$1 id answer code retry
  while [ ! -f "$DIR/probe.stop" ]; do
    id=$(cat /proc/sys/kernel/random/uuid)
    answer=$(curl -s -o /dev/null -D - -m 10 -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' -H "X-Correlation-Id: $id" -H "Idempotency-Key: $id" \
      -d '{"amount":"1.00","reference":"probe"}' "http://127.0.0.1:$API_PORT/accounts/$PROBE_ACCOUNT/deposits" || true)
    code=${answer: -3}
    retry=$(printf '%s' "$answer" | tr -d '\r' | sed -n 's/^[Rr]etry-[Aa]fter: *//p' | head -1)
    echo "$code ${retry:-none}" >> "$DIR/bench/$phase-probes.txt"
    case "$code" in 2??) echo "$id,deposit,$code,$PROBE_ACCOUNT," >> "$DIR/bench/$phase-probe-acks.csv" ;; esac
    sleep 0.2
  done
}

# The bench opens and funds its accounts first (one ack line each), then the load starts.
load_started() { [ "$(cat "$DIR/bench/$1-acks.csv" 2>/dev/null | wc -l)" -gt "$ACCOUNTS" ]; }

# 500s the service answered: each is logged as an unhandled error.
server_500s() { grep -c "unhandled error" "$RUN_DIR/$CHAOS/command-service.log" || true; }

outbox_empty() { [ "$(chaos_sql "SELECT count(*) FROM ledger.outbox" 2>/dev/null)" = 0 ]; }

reconciled() {
  "$INFRA_DIR/projector" reconcile --projector "http://127.0.0.1:$P2_PORT" --settle-seconds 30 >"$DIR/$1-reconcile.txt" 2>&1
}
