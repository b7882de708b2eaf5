#!/usr/bin/env bash
# infra/bench.sh [--quick] [--only PART,...]: BENCHMARKS.md's benchmarks in one go, each figure against its limit measured in the same
# run: (a) the Postgres ceiling (pgbench, our transaction shape), (b) command throughput and latency
# (infra/ledger bench against command-service and two projectors started here), (c) the relay against
# Kafka's own ProducerPerformance, (d) projection rate, (e) replay, (f) aggregate load (JMH), (g) query
# latency. Results go to target/bench/<timestamp>/; BENCHMARKS.md's generated block and docs/bench/*.png
# are rewritten from them. Every part is time-boxed; a part that fails or times out is reported as "not
# measured" with the reason and the run goes on. Sized for under 15 minutes on an idle 2-core machine;
# --quick: smaller sizes, for smoke-testing the script (its figures are not comparable). --only runs some parts (pgbench,
# relay, commands, projection, replay, aggregate, queries), e.g. before and after an optimisation, and
# writes its report into the run directory only, leaving BENCHMARKS.md alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

QUICK=0 ONLY="" ARGS="$*" PROJECTOR_PORTS=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ;;
    --only) ONLY=",${2:?--only needs a list of parts},"; shift ;;
    *) die "usage: infra/bench.sh [--quick] [--only pgbench,relay,commands,projection,replay,aggregate,queries]" ;;
  esac
  shift
done
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT="$ROOT_DIR/target/bench/$STAMP"
RUN_ID="bench_${STAMP//-/_}"
DB="eventledger_$RUN_ID"
PREFIX="$RUN_ID."
mkdir -p "$OUT/logs"

if [ "$QUICK" = 1 ]; then
  PG_SECONDS=3 PG_CLIENTS="1 4 16" RELAY_ARGS="300 5" PERF_RECORDS=50000 LOAD_SECONDS=10 WARMUP=2 ACCOUNTS=200
  PROJECTION_EVENTS=50000 REPLAY_EVENTS=200000 QUERY_REQUESTS=3000 WARMUP_SECONDS=5
else
  PG_SECONDS=10 PG_CLIENTS="1 2 4 8 16 32" RELAY_ARGS="1000 15 --backlog 200000" PERF_RECORDS=200000 LOAD_SECONDS=30 WARMUP=5 ACCOUNTS=1000
  PROJECTION_EVENTS=200000 REPLAY_EVENTS=2000000 QUERY_REQUESTS=20000 WARMUP_SECONDS=60
fi

# part NAME SECONDS "RESULT..." COMMAND...: runs one part, time-boxed, its output in logs/NAME.log. For each
# RESULT.json the command did not write, RESULT.reason says why, for the report.
part() {
  local name=$1 seconds=$2 results=$3; shift 3
  local started status=0 result reason
  started=$(date +%s)
  log "($name) up to ${seconds}s: logs/$name.log"
  timeout --kill-after=20 "$seconds" "$@" >"$OUT/logs/$name.log" 2>&1 || status=$?
  local took=$(( $(date +%s) - started ))
  case $status in
    0) reason="finished in ${took} s without writing it (see logs/$name.log)" ;;
    124|137) reason="timed out after ${seconds} s (see logs/$name.log)" ;;
    *) reason="failed with exit $status after ${took} s: $(last_error "$OUT/logs/$name.log") (logs/$name.log)" ;;
  esac
  for result in $results; do
    [ -f "$OUT/$result.json" ] || echo "$reason" > "$OUT/$result.reason"
  done
  log "($name) exit $status after ${took}s"
}

# the last line of a log that looks like an error, else its last line
last_error() {
  { grep -v '^\s*at ' "$1" | grep -iE 'error|exception|fail|unmatched' || tail -1 "$1"; } | tail -1 | cut -c1-160 || true
}

# selected PART RESULTS: whether to run PART; if not, its results say so.
selected() {
  [ -z "$ONLY" ] || [[ "$ONLY" == *",$1,"* ]] && return 0
  local result
  for result in $2; do echo "not selected (--only ${ONLY:1:-1})" > "$OUT/$result.reason"; done
  return 1
}

# not_built RESULTS WHAT: marks the results of a part whose code is not in this checkout.
not_built() {
  local result
  for result in $1; do echo "not in this checkout yet: $2" > "$OUT/$result.reason"; done
  log "skipping $1: $2 is not in this checkout"
}

built_class() { [ -f "$ROOT_DIR/benchmarks/target/classes/${1//.//}.class" ]; }

free_port() {
  local port
  for port in $(shuf -i 20000-40000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  die "no free port found"
}

psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d postgres -qAt "$@"; }

cleanup() {
  set +e
  stop_pid bench-command-service; stop_pid bench-projector-a; stop_pid bench-projector-b
  if [ "${LEDGER_BENCH_KEEP:-}" != true ]; then
    psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS ${DB}_pgbench WITH (FORCE)"
    # the run's topics and the projectors' internal ones ("<prefix>projector-...-changelog")
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --delete \
      --topic "${RUN_ID}[.-].*" >/dev/null 2>&1
  fi
  local port
  for port in $PROJECTOR_PORTS; do rm -rf "$RUN_DIR/state-$port"; done
}
trap cleanup EXIT

machine_info() {
  jq -n --arg date "$(date -u '+%Y-%m-%d %H:%M UTC')" --arg command "infra/bench.sh${1:+ $1}" \
    --arg run_dir "${OUT#"$ROOT_DIR"/}" --arg cpus "$(nproc)" \
    --arg cpu_model "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" \
    --arg ram "$(free -g | awk '/^Mem:/ {print $2 " GiB"}')" \
    --arg os "$(. /etc/os-release && echo "$PRETTY_NAME")" \
    --arg jdk "$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)" \
    --arg postgres "$(psql_admin -c 'SHOW server_version')" \
    --arg kafka "$(ls "$KAFKA_LIBS" | sed -n 's/^kafka-clients-\(.*\)\.jar$/\1/p')" \
    --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
    '{date: $date, command: $command, run_dir: $run_dir, load_start: $load,
      machine: {cpus: $cpus, cpu_model: $cpu_model, ram: $ram, os: $os, jdk: $jdk, postgres: $postgres, kafka: $kafka}}'
}

build() {
  ensure_servers
  build_project
  log "compiling the benchmarks module and writing its classpath"
  # in one reactor with the modules it uses, so the classpath holds this checkout's classes and the services'
  # test fixtures (target/classes, target/test-classes), not whatever ~/.m2 has
  (cd "$ROOT_DIR" && ./mvnw -B -q -pl benchmarks -am test-compile \
     dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=runtime) >"$OUT/logs/build.log" 2>&1 \
    || { tail -30 "$OUT/logs/build.log" >&2; die "build failed (logs/build.log)"; }
  # ignoreLock: JMH refuses to start while another JMH run (anyone's) holds /tmp/jmh.lock
  BENCH_JAVA=("$JAVA_HOME/bin/java" -Xmx2g -Djmh.ignoreLock=true
    -cp "$ROOT_DIR/benchmarks/target/classes:$(cat "$ROOT_DIR/benchmarks/target/bench.cp")")
}

# (a) a fresh database with the real schema (Flyway, through infra/ledger migrate), then pgbench.
ceiling() {
  psql_admin -c "CREATE DATABASE ${DB}_pgbench"
  LEDGER_DB_URL="jdbc:postgresql://127.0.0.1:5432/${DB}_pgbench" "$INFRA_DIR/ledger" migrate >"$OUT/logs/migrate.log" 2>&1
  # shellcheck disable=SC2086
  part pgbench $(( PG_SECONDS * 6 * 2 + 60 )) pgbench \
    bash -c "'$INFRA_DIR/bench/pgbench.sh' '${DB}_pgbench' $PG_SECONDS $PG_CLIENTS > '$OUT/pgbench.json.tmp' && mv '$OUT/pgbench.json.tmp' '$OUT/pgbench.json'"
}

# (c) the relay draining a backlog (RelayThroughputBench, its own fresh database), then ProducerPerformance.
relay() {
  # shellcheck disable=SC2086
  part relay 300 relay "${BENCH_JAVA[@]}" io.eventledger.benchmarks.relay.RelayThroughputBench $RELAY_ARGS --out "$OUT"
  part producer-perf 180 producer-perf bash -c \
    "'$INFRA_DIR/bench/producer-perf.sh' '$OUT' '${PREFIX}producer-perf' $PERF_RECORDS > '$OUT/producer-perf.json.tmp' && mv '$OUT/producer-perf.json.tmp' '$OUT/producer-perf.json'"
}

# (b) command-service (relay on) and two projectors from the shaded jars, on a fresh database and prefix.
commands() {
  local usage
  usage=$("$JAVA_HOME/bin/java" -jar "$(service_jar ledger-loadtest)" bench --help 2>&1 || true)
  if ! grep -q -- --rate <<<"$usage"; then
    not_built "commands-1000 commands-saturation" "infra/ledger bench"
    return 0
  fi
  local cs pa pb token
  cs=$(free_port) pa=$(free_port) pb=$(free_port)
  PROJECTOR_PORTS="$pa $pb"
  psql_admin -c "CREATE DATABASE $DB"
  export LEDGER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" LEDGER_TOPIC_PREFIX="$PREFIX"
  # subshells: a service that does not start marks (b) as not measured instead of ending the run
  if ! { "$INFRA_DIR/ledger" migrate >>"$OUT/logs/migrate.log" 2>&1 \
         && "$INFRA_DIR/ledger" topics >"$OUT/logs/topics.log" 2>&1 \
         && token=$("$INFRA_DIR/ledger" token create --user bench --roles operator,reader 2>/dev/null | tail -1) \
         && (start_service bench-command-service "$cs" "$(service_jar command-service)" serve) \
         && (start_service bench-projector-a "$pa" "$(service_jar projector-streams)" serve) \
         && (start_service bench-projector-b "$pb" "$(service_jar projector-streams)" serve); } 2>>"$OUT/logs/services.log"; then
    for name in commands-1000 commands-saturation; do
      echo "the services did not start (logs/services.log, infra/.run/bench-*.log)" > "$OUT/$name.reason"
    done
    unset LEDGER_DB_URL LEDGER_TOPIC_PREFIX
    return 0
  fi
  local target=(--url "http://127.0.0.1:$cs" --token "$token" --zipf 1.0 --mix 50:25:25 --seed 7 --out "$OUT")
  local common=("${target[@]}" --duration "$LOAD_SECONDS" --warmup "$WARMUP" --accounts "$ACCOUNTS")
  # the services have just started: a run on cold JVMs measures their JIT compilers as much as the commands,
  # so an unreported closed loop warms them first, for a minute: after a 20 s warm-up, three 30 s saturation
  # runs in a row answered 799, 1,631 and 1,846 commands/s (2.48, 1.18 and 1.03 ms of CPU per command).
  # Each time box covers opening and funding the accounts first, and the answers after the last second
  part commands-warmup $(( WARMUP_SECONDS * 4 + 120 )) commands-warmup "$INFRA_DIR/ledger" bench "${target[@]}" \
    --clients 32 --duration "$WARMUP_SECONDS" --warmup 0 --accounts 200 --name commands-warmup
  part commands-saturation $(( LOAD_SECONDS * 4 + 180 )) commands-saturation "$INFRA_DIR/ledger" bench "${common[@]}" \
    --clients 32 --name commands-saturation
  part commands-1000 $(( LOAD_SECONDS * 4 + 180 )) commands-1000 "$INFRA_DIR/ledger" bench "${common[@]}" \
    --rate 1000 --kafka-bootstrap 127.0.0.1:9092 --topic-prefix "$PREFIX" --projector-url "http://127.0.0.1:$pa" \
    --name commands-1000
  for name in bench-command-service bench-projector-a bench-projector-b; do
    cp "$RUN_DIR/$name.log" "$OUT/logs/" 2>/dev/null || true
    stop_pid "$name"
  done
  unset LEDGER_DB_URL LEDGER_TOPIC_PREFIX
}

# (d) (e) (g) the projector's benchmark mains, (f) command-service's JMH benchmark, all in the benchmarks
# module; each on its own fresh database and topic prefix (TestServers). main_part NAME SECONDS CLASS ARGS...
main_part() {
  local name=$1 seconds=$2 class=$3; shift 3
  if built_class "$class"; then
    part "$name" "$seconds" "$name" "${BENCH_JAVA[@]}" "$class" "$@" --out "$OUT"
  else
    not_built "$name" "$class"
  fi
}

report() {
  jq --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" '. + {load_end: $load}' "$OUT/run.json" > "$OUT/run.json.tmp"
  mv "$OUT/run.json.tmp" "$OUT/run.json"
  local charts="$ROOT_DIR/docs/bench" markdown="$ROOT_DIR/BENCHMARKS.md"
  [ -z "$ONLY" ] || { charts="$OUT/charts" markdown="$OUT/report.md"; }
  "${BENCH_JAVA[@]}" io.eventledger.benchmarks.report.BenchmarksReport --run "$OUT" --charts "$charts" \
    --markdown "$markdown"
  log "report: $markdown, charts in $charts"
}

export LEDGER_KAFKA_BOOTSTRAP=127.0.0.1:9092 LEDGER_TEST_DOCKER=false
started=$(date +%s)
log "benchmark run $RUN_ID: results in $OUT"
build
machine_info "$ARGS" > "$OUT/run.json"
selected pgbench pgbench && ceiling
selected relay "relay producer-perf" && relay
selected commands "commands-1000 commands-saturation" && commands
selected projection projection && main_part projection 300 io.eventledger.benchmarks.projector.ProjectionBenchmark \
  --events "$PROJECTION_EVENTS" --mirrors false
selected replay replay && main_part replay 420 io.eventledger.benchmarks.projector.ReplayBenchmark \
  --events "$REPLAY_EVENTS"
selected aggregate aggregate-load && main_part aggregate-load 300 io.eventledger.benchmarks.command.AggregateLoadBenchmark
selected queries queries && main_part queries 240 io.eventledger.benchmarks.projector.QueryLatencyBenchmark \
  --requests "$QUERY_REQUESTS"
report
log "done in $(( $(date +%s) - started )) s: $OUT"
