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
  for name in $PROJECTORS $SERVICES; do
    pid_alive "$CHAOS/$name" && kill -9 "$(cat "$RUN_DIR/$CHAOS/$name.pid")" 2>/dev/null
    rm -f "$RUN_DIR/$CHAOS/$name.pid"
  done
  # by command line, not by pid file alone: a pid left from an earlier run may belong to another process now
  for name in "$DIR/kafka" "$DIR/kafka-1" "$DIR/kafka-2" "$DIR/kafka-3"; do
    if kafka_node_alive "$name"; then kill -9 "$(cat "$name.pid")" 2>/dev/null || true; fi
  done
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

service_named() {
  local name
  for name in $SERVICES; do
    [ "$(cat "$RUN_DIR/$CHAOS/$name.pid" 2>/dev/null)" = "$1" ] && { echo "$name"; return 0; }
  done
  return 1
}

api_port() { case "$1" in command-service-1) echo "$API1_PORT" ;; command-service-2) echo "$API2_PORT" ;; esac; }

# --- the faults: each sets RECOVERY to what it measured, and AFTER to what to undo after the checks ---

# The instance whose relay publishes dies: its relay's lock goes with its session, the other instance's relay
# takes over, and the load generator's requests to the dead one are sent again to the other.
kill_publishing_service() {
  local pid started
  pid=$(active_relay) || { log "no relay is active"; return 1; }
  KILLED=$(service_named "$pid") || { log "the active relay (pid $pid) is not one of ours"; return 1; }
  log "kill -9 $KILLED (pid $pid), whose relay publishes"
  started=$(now_ms)
  kill -9 "$pid"
  wait_for "the other instance's relay to take over" 60 another_relay_active "$pid" || return 1
  RECOVERY="other instance's relay active in $(( $(now_ms) - started )) ms; $KILLED restarted after the checks"
  AFTER=restart_killed_service
}

restart_killed_service() {
  rm -f "$RUN_DIR/$CHAOS/$KILLED.pid"
  start_service "$CHAOS/$KILLED" "$(api_port "$KILLED")" "$(service_jar command-service)" serve
}

# The node that leads most partitions of the event topics, excluding the nodes named in $1 (space separated).
leading_broker() {
  local topic
  for topic in "${LEDGER_TOPIC_PREFIX}account-events" "${LEDGER_TOPIC_PREFIX}transfer-events"; do
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$LEDGER_KAFKA_BOOTSTRAP" --describe \
      --topic "$topic" 2>/dev/null | grep -o 'Leader: [0-9]*' | cut -d' ' -f2
  done | grep -vxF -e "${1:-none}" | sort | uniq -c | sort -rn | head -1 | awk '{print $2 " " $1}'
}

broker_pid_file() { if [ "$BROKERS" = 1 ]; then echo "$DIR/kafka.pid"; else echo "$DIR/kafka-$1.pid"; fi; }

# kill_broker NODE WHY: kill -9 the node, DOWN seconds of outage, start it again and wait for the cluster.
kill_broker() {
  local node=$1 why=$2 pid started
  pid=$(cat "$(broker_pid_file "$node")")
  log "kill -9 broker $node (pid $pid, $why); it starts again after ${DOWN}s"
  kill -9 "$pid"
  wait_for "the broker to die" 30 bash -c "! kill -0 $pid 2>/dev/null" || return 1
  sleep "$DOWN"   # the outage itself
  started=$(now_ms)
  ensure_kafka_cluster "$BROKERS" "$DIR/kafka" "$KAFKA_PORT"
  RECOVERY="broker $node ($why) down ${DOWN}s, $([ "$BROKERS" = 1 ] && echo answering || echo "cluster ready") $(( $(now_ms) - started )) ms after start"
}

kill_leading_broker() {
  local leader; leader=$(leading_broker) || true
  [ -n "$leader" ] || { log "no partition leader found"; return 1; }
  FIRST_BROKER=${leader%% *}
  kill_broker "$FIRST_BROKER" "leader of ${leader#* } of the event topics' partitions"
}

kill_another_broker() {
  local leader; leader=$(leading_broker "$FIRST_BROKER") || true
  [ -n "$leader" ] || { log "no other partition leader found"; return 1; }
  kill_broker "${leader%% *}" "another broker, leader of ${leader#* } partitions"
}

# One of three projectors dies without leaving its group. Every account is asked of the other two, sweep after
# sweep, from the kill until every answer is fresh again: how many were not answered at all (a 503), how many a
# standby's copy answered (marked stale), and when the last stale answer was seen.
kill_projector() {
  local pid started fresh= sweeps=0 unanswered=0 stale_total=0 last_stale=0 t total ok stale
  pid=$(cat "$RUN_DIR/$CHAOS/projector-1.pid")
  log "kill -9 projector-1 (pid $pid); projector-2 and -3 must answer for its partitions"
  started=$(now_ms)
  kill -9 "$pid"
  while [ $(( $(now_ms) - started )) -lt 120000 ]; do
    read -r total ok stale <<<"$(keys_answered)"
    t=$(( $(now_ms) - started )) sweeps=$(( sweeps + 1 ))
    echo "$t $total $ok $stale" >> "$DIR/projector-kill-sweeps.txt"
    unanswered=$(( unanswered + total - ok )) stale_total=$(( stale_total + stale ))
    [ "$stale" = 0 ] || last_stale=$t
    [ "$ok" = "$total" ] && [ "$stale" = 0 ] && { fresh=$t; break; }
  done
  RECOVERY="$sweeps sweeps of every key: $unanswered unanswered, $stale_total stale; last stale at ${last_stale} ms, all fresh at ${fresh:-?} ms"
  AFTER=restart_projector
  [ -n "$fresh" ]
}

# "TOTAL OK STALE": every account's balance asked of projector-2 and of projector-3, a few at a time, on kept-alive
# connections.
keys_answered() {
  local ids port
  ids=$(chaos_sql "SELECT DISTINCT stream_id FROM ledger.events WHERE stream_type = 'account'")
  for port in $P2_PORT $P3_PORT; do
    # shellcheck disable=SC2046 # one URL per word
    curl -s -Z --parallel-max 4 -m 20 -w '\n' -H "Authorization: Bearer $TOKEN" \
      $(sed "s#^#http://127.0.0.1:$port/balances/#" <<<"$ids")
  done | jq -rs --argjson total "$(( 2 * $(wc -l <<<"$ids") ))" \
    '"\($total) \([.[] | select(.balance != null)] | length) \([.[] | select(.stale == true)] | length)"'
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
  wait_for "command-service-1 to be ready again" 60 http_ready "$API1_PORT" || return 1
  wait_for "command-service-2 to be ready again" 60 http_ready "$API2_PORT" || return 1
  RECOVERY="down ${DOWN}s, service ready $(( $(now_ms) - started )) ms after start, no restart"
}

# --- the load and the probes ---

# Run in the background only: it becomes the bench JVM, so its pid is the one to stop.
bench() {
  exec "$INFRA_DIR/ledger" bench --url "http://127.0.0.1:$API1_PORT,http://127.0.0.1:$API2_PORT" --token "$TOKEN" --rate "$RATE" \
    --warmup 2 --duration "$PHASE" --accounts "$ACCOUNTS" --mix 50:25:25 --retry --ack-log "$DIR/bench/$1-acks.csv" \
    --kafka-bootstrap "$LEDGER_KAFKA_BOOTSTRAP" --topic-prefix "$LEDGER_TOPIC_PREFIX" --out "$DIR/bench" --name "$1" \
    >"$DIR/bench/$1.log" 2>&1
}

# Five deposits a second on one account, each under a fresh key, recording every answer's status and
# Retry-After: the bench reports final outcomes only, the probes see each 503 as it happens.
probe_loop() {
  local phase=$1 id answer code retry n=0 port
  while [ ! -f "$DIR/probe.stop" ]; do
    id=$(cat /proc/sys/kernel/random/uuid)
    n=$(( n + 1 ))
    # the two instances in turn; one that cannot be reached is skipped, as a load balancer would
    for port in $( ((n % 2)) && echo "$API1_PORT $API2_PORT" || echo "$API2_PORT $API1_PORT"); do
      answer=$(probe_deposit "$id" "$port")
      code=${answer: -3}
      [ "$code" = 000 ] || break
    done
    retry=$(printf '%s' "$answer" | tr -d '\r' | sed -n 's/^[Rr]etry-[Aa]fter: *//p' | head -1)
    echo "$code ${retry:-none}" >> "$DIR/bench/$phase-probes.txt"
    case "$code" in 2??) echo "$id,deposit,$code,$PROBE_ACCOUNT," >> "$DIR/bench/$phase-probe-acks.csv" ;; esac
    sleep 0.2
  done
}

probe_deposit() {
  curl -s -o /dev/null -D - -m 10 -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -H "X-Correlation-Id: $1" -H "Idempotency-Key: $1" \
    -d '{"amount":"1.00","reference":"probe"}' "http://127.0.0.1:$2/accounts/$PROBE_ACCOUNT/deposits" || true
}

# The bench opens and funds its accounts first (one ack line each), then the load starts.
load_started() { [ "$(cat "$DIR/bench/$1-acks.csv" 2>/dev/null | wc -l)" -gt "$ACCOUNTS" ]; }

# 500s the service answered: each is logged as an unhandled error.
server_500s() { cat "$RUN_DIR/$CHAOS"/command-service-*.log 2>/dev/null | grep -c "unhandled error" || true; }

outbox_empty() { [ "$(chaos_sql "SELECT count(*) FROM ledger.outbox" 2>/dev/null)" = 0 ]; }

reconciled() {
  "$INFRA_DIR/projector" reconcile --projector "http://127.0.0.1:$P2_PORT" --settle-seconds 30 >"$DIR/$1-reconcile.txt" 2>&1
}
