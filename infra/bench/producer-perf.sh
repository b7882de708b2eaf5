#!/usr/bin/env bash
# producer-perf.sh RUN_DIR TOPIC RECORDS > producer-perf.json: Kafka's own ProducerPerformance (from the
# kafka-tools jar in infra/target/kafka-libs) sending the relay's record (relay-records.txt: its envelope and
# headers' text, so the same size and compressibility) with the relay's producer settings
# (relay-producer.properties), both left by RelayThroughputBench --out. Creates TOPIC with 6 partitions,
# like the event topics.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
dir=$1 topic=$2 records=$3
[ -f "$dir/relay-records.txt" ] && [ -f "$dir/relay-producer.properties" ] \
  || die "the relay part left no relay-records.txt / relay-producer.properties to match"
pick_jdk
kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --create --if-not-exists \
  --topic "$topic" --partitions 6 --replication-factor 1 >&2
out=$(kafka_java org.apache.kafka.tools.ProducerPerformance --topic "$topic" --num-records "$records" --throughput -1 \
  --payload-file "$dir/relay-records.txt" --producer.config "$dir/relay-producer.properties" \
  --producer-props bootstrap.servers=127.0.0.1:9092 client.id=bench-producer-perf 2>&1 | tee /dev/stderr | tail -1)
# "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, P ms 50th, P ms 95th, P ms 99th, P ms 99.9th."
field() { grep -oE "[0-9.]+ $1" <<<"$out" | head -1 | cut -d' ' -f1; }
sent=$(field 'records sent'); rate=$(field 'records/sec'); mb=$(field 'MB/sec'); avg=$(field 'ms avg')
max=$(field 'ms max'); p50=$(field 'ms 50th'); p95=$(field 'ms 95th'); p99=$(field 'ms 99th'); p999=$(field 'ms 99.9th')
[ "$sent" = "$records" ] || die "unexpected ProducerPerformance summary: $out"
bytes=$(( $(head -1 "$dir/relay-records.txt" | wc -c) - 1 ))
jq -n --argjson n "$sent" --argjson r "$rate" --argjson mb "$mb" --argjson b "$bytes" --argjson avg "$avg" \
  --argjson max "$max" --argjson p50 "$p50" --argjson p95 "$p95" --argjson p99 "$p99" --argjson p999 "$p999" \
  --arg settings "$(grep -v '^#' "$dir/relay-producer.properties" | sort | paste -sd' ')" \
  '{records: $n, records_per_s: $r, mb_per_s: $mb, record_bytes: $b, producer_settings: $settings,
    latency_ms: {avg: $avg, p50: $p50, p95: $p95, p99: $p99, p999: $p999, max: $max}}'
