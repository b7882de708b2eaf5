#!/usr/bin/env bash
# infra/bench/command-cpu.sh LABEL JAR OUT_DIR [jfr]: CPU per command of command-service (docs/bench/command-cpu.md).
# Starts JAR's `serve` (relay on, no projectors) on a fresh database and topic prefix, drives it with
# `ledger bench` (closed loop of 32 clients, or open loop with RATE=R), and samples /proc/PID/stat of the
# service and of its Postgres backends from 22 s after the load began (past the 20 s warm-up) for 30 s,
# counting the commands answered in that window from /metrics. With "jfr", a JFR CPU-time recording covers
# the same window (OUT_DIR/LABEL-*/warm.jfr). Prints one line; PORT (default 28080) if that one is taken.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
pick_jdk
LABEL=$1 JAR=$2 BASE_OUT=$3 JFR=${4:-}
J=$JAVA_HOME/bin/java
CLI=$(service_jar command-service) LOADTEST=$(service_jar ledger-loadtest)
N=$(date +%H%M%S)
DB=cmdcpu_$N PREFIX=cmdcpu$N.
OUT=$BASE_OUT/$LABEL-$N
mkdir -p "$OUT"
psql -h 127.0.0.1 -U postgres -qAt -c "CREATE DATABASE $DB" postgres
export LEDGER_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB LEDGER_TOPIC_PREFIX=$PREFIX LEDGER_HTTP_PORT=${PORT:-28080}
"$J" -jar "$CLI" migrate >"$OUT/migrate.log" 2>&1
"$J" -jar "$CLI" topics >"$OUT/topics.log" 2>&1
TOKEN=$("$J" -jar "$CLI" token create --user bench --roles operator,reader 2>/dev/null | tail -1)
"$J" -Xms128m -Xmx512m -jar "$JAR" serve >"$OUT/serve.log" 2>&1 &
SPID=$!
cleanup() {
  kill "$SPID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qAt -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres >/dev/null
  kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --delete --topic "${PREFIX//./[.]}.*" >/dev/null 2>&1 || true
}
trap cleanup EXIT
wait_for command-service 120 http_ready "$LEDGER_HTTP_PORT"
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
pgcpu() { for p in $(cat "$OUT/pgpids"); do cat "/proc/$p/stat" 2>/dev/null || true; done | awk '{s+=$14+$15} END {print s+0}'; }
cmds() { curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$LEDGER_HTTP_PORT/metrics" \
  | awk '/^ledger_commands_total/ {s+=$NF} END {printf "%d", s}'; }
"$J" -jar "$LOADTEST" bench --url "http://127.0.0.1:$LEDGER_HTTP_PORT" --token "$TOKEN" ${RATE:+--rate $RATE} --clients 32 \
  --duration 40 --warmup 20 --accounts 1000 --zipf 1.0 --mix 50:25:25 --seed 7 --out "$OUT" --name bench >"$OUT/bench.log" 2>&1 &
BPID=$!
# the accounts are opened and funded first (2,000 commands); the warm-up starts after them
until [ "$(cmds)" -gt 2000 ]; do sleep 0.3; kill -0 "$BPID"; done
sleep 22
[ -n "$JFR" ] && "$JAVA_HOME/bin/jcmd" "$SPID" JFR.start name=warm filename="$OUT/warm.jfr" settings=profile \
  jdk.CPUTimeSample#enabled=true jdk.CPUTimeSample#throttle=2ms >/dev/null
psql -h 127.0.0.1 -U postgres -qAt -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'" postgres >"$OUT/pgpids"
n0=$(cmds) c0=$(cpu "$SPID") p0=$(pgcpu) t0=$(date +%s.%N) l0=$(cut -d' ' -f1 /proc/loadavg)
sleep 30
n1=$(cmds) c1=$(cpu "$SPID") p1=$(pgcpu) t1=$(date +%s.%N) l1=$(cut -d' ' -f1 /proc/loadavg)
[ -n "$JFR" ] && "$JAVA_HOME/bin/jcmd" "$SPID" JFR.stop name=warm >/dev/null
wait "$BPID" || true
python3 - "$OUT" "$LABEL" "$n0" "$n1" "$c0" "$c1" "$p0" "$p1" "$t0" "$t1" "$l0" "$l1" <<'PY'
import json, sys, os
out, label, n0, n1, c0, c1, p0, p1, t0, t1, l0, l1 = sys.argv[1:]
r = json.load(open(out + '/bench.json'))
secs = float(t1) - float(t0); cmds = int(n1) - int(n0); hz = os.sysconf('SC_CLK_TCK')
jvm = (int(c1) - int(c0)) / hz; pg = (int(p1) - int(p0)) / hz; lat = r['latency_ms']
print(f"{label}: {r['throughput_per_s']}/s (window {cmds / secs:.0f}/s) p50 {lat['p50']:.1f} p99 {lat['p99']:.1f} ms"
      f" | JVM {100 * jvm / secs:.0f} % of a core, {1e3 * jvm / cmds:.3f} ms/command"
      f" | Postgres backends {1e3 * pg / cmds:.3f} ms/command | load {l0} -> {l1} | {out}")
PY
