#!/usr/bin/env bash
# pgbench.sh DATABASE SECONDS CLIENTS... > pgbench.json: infra/bench.sh's ceiling. Runs pgbench-tx.sql (one
# event row + one outbox row per transaction, fsync as the server has it) with prepared statements at each
# client count and prints the best tps, its client count and latency, and every count's figures, as JSON.
set -euo pipefail
db=$1 seconds=$2; shift 2
script="$(cd "$(dirname "$0")" && pwd)/pgbench-tx.sql"
by_clients='{}'
for clients in "$@"; do
  threads=$(( clients < $(nproc) ? clients : $(nproc) ))
  out=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -f "$script" -c "$clients" -j "$threads" -T "$seconds" "$db" 2>&1) \
    || { echo "$out" >&2; exit 1; }
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")
  latency=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
  [ -n "$tps" ] && [ -n "$latency" ] || { echo "$out" >&2; exit 1; }
  echo "pgbench: $clients clients: $tps tps, $latency ms average" >&2
  by_clients=$(jq -c --arg c "$clients" --argjson tps "$tps" --argjson lat "$latency" \
    '. + {($c): {tps: $tps, latency_ms: $lat}}' <<<"$by_clients")
done
jq --argjson s "$seconds" '(to_entries | max_by(.value.tps)) as $best
  | {tps: $best.value.tps, clients: ($best.key | tonumber), latency_ms: $best.value.latency_ms,
     seconds_per_step: $s, fsync: "on (server default)", by_clients: .}' <<<"$by_clients"
