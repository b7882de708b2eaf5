#!/usr/bin/env bash
# The main job: brings the pipeline up, plays the seeds' story (why is Omar's balance 237.50?), shows
# the four-eyes rule and the audit trail, then that balance as seen in every place it lives, the daily
# summary, a replay and a reconcile. Exits non-zero if any place disagrees.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

"$INFRA_DIR/up.sh"
pick_jdk

CMD=http://127.0.0.1:8080
TOKEN=$("$INFRA_DIR/ledger" token create --user demo-operator --roles operator,reader,auditor 2>/dev/null | tail -1)
APPROVER=$("$INFRA_DIR/ledger" token create --user demo-approver --roles approver,reader 2>/dev/null | tail -1)
# holds both roles, to show that even an approver may not approve their own transfer
MAKER=$("$INFRA_DIR/ledger" token create --user demo-maker --roles operator,approver,reader 2>/dev/null | tail -1)
[ -n "$TOKEN" ] && [ -n "$APPROVER" ] && [ -n "$MAKER" ] || die "could not create the demo tokens"

# api METHOD URL [JSON]: prints the body; fails on a non-2xx answer. AS=<token> acts as another user.
api() {
  local out status
  out=$(curl -sS -X "$1" "$2" -H "Authorization: Bearer ${AS:-$TOKEN}" -H 'Content-Type: application/json' \
        -H "X-Correlation-Id: demo-$$-${STEP:-0}" ${3:+-d "$3"} -w '\n%{http_code}')
  status=${out##*$'\n'}
  [[ "$status" == 2* ]] || die "$1 $2 answered $status: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}

# status_of METHOD URL JSON [token]: only the HTTP status, for the answers that are meant to be refusals.
status_of() {
  curl -sS -o /dev/null -w '%{http_code}' -X "$1" "$2" -H "Authorization: Bearer ${4:-$TOKEN}" \
    -H 'Content-Type: application/json' -d "$3"
}

open_account() { api POST "$CMD/accounts" "{\"ownerId\":\"$1\",\"currency\":\"EUR\"}" | jq -r .accountId; }

section() { printf '\n\033[1;36m== %s\033[0m\n' "$*"; }

section "Scenario: why is Omar's balance 237.50?"
ACCOUNT=$(open_account omar)
LINA=$(open_account lina)
echo "opened EUR accounts: omar $ACCOUNT, lina $LINA"
STEP=1 api POST "$CMD/accounts/$ACCOUNT/deposits" '{"amount":"500.00","reference":"salary"}' >/dev/null
echo "deposit 500.00 into omar's account"
TRANSFER=$(STEP=2 api POST "$CMD/transfers" "{\"fromAccountId\":\"$ACCOUNT\",\"toAccountId\":\"$LINA\",\"amount\":\"200.00\",\"currency\":\"EUR\"}")
echo "transfer 200.00 omar -> lina: $(jq -r .status <<<"$TRANSFER") at once (below the approval threshold)"
STEP=3 api POST "$CMD/accounts/$ACCOUNT/fees" '{"amount":"12.50","reason":"monthly account fee"}' >/dev/null
echo "fee 12.50"
LAST=$(STEP=4 api POST "$CMD/accounts/$ACCOUNT/refunds" '{"amount":"50.00","reason":"chargeback to a customer"}')
VERSION=$(jq -r .version <<<"$LAST")
EXPECTED=$(jq -r .balance <<<"$LAST")
echo "refund 50.00 -> omar's account is at version $VERSION, balance $EXPECTED"

section "The statement explains it (GET /accounts/{id}/statement, role auditor)"
api GET "$CMD/accounts/$ACCOUNT/statement" | jq -r '
  "  opening \(.openingBalance)",
  (.lines[] | "  \(.occurredAt[0:19]) v\(.version) \(.type | . + " " * (16 - length)) \(.amount | " " * (9 - length) + .) -> \(.balance | " " * (7 - length) + .)  by \(.actor) (\(.correlationId))"),
  "  closing \(.closingBalance)"'

section "Four eyes: a large transfer waits for a second user with role approver"
ACME=$(open_account acme)
STEP=5 api POST "$CMD/accounts/$ACME/deposits" '{"amount":"25000.00","reference":"capital"}' >/dev/null
LARGE=$(STEP=6 AS=$MAKER api POST "$CMD/transfers" "{\"fromAccountId\":\"$ACME\",\"toAccountId\":\"$LINA\",\"amount\":\"12000.00\",\"currency\":\"EUR\"}")
LARGE_ID=$(jq -r .transferId <<<"$LARGE")
echo "transfer 12000.00 acme -> lina: $(jq -r .status <<<"$LARGE") (at or above LEDGER_APPROVAL_THRESHOLD)"
echo "demo-maker initiated it and holds role approver too, but may not approve it: HTTP $(status_of POST "$CMD/transfers/$LARGE_ID/approve" '{}' "$MAKER") (four eyes)"
echo "an operator without role approver may not either: HTTP $(status_of POST "$CMD/transfers/$LARGE_ID/approve" '{}')"
STEP=7 AS=$APPROVER api POST "$CMD/transfers/$LARGE_ID/approve" '{}' >/dev/null
api GET "$CMD/transfers/$LARGE_ID" | jq -r '"  status \(.status): " + ([to_entries[] | select(.key | test("(By|At)$")) | "\(.key)=\(.value)"] | join(" "))'

section "Audit trail of lina's account (GET /accounts/{id}/events) and the hash chains (GET /audit/verify)"
api GET "$CMD/accounts/$LINA/events" | jq -r '.events // .items | .[] | "  v\(.version) \(.eventType) \(.data.amount // "") by \(.metadata.userId) [\(.metadata.roles | join(","))] at \(.occurredAt[0:19]) correlation \(.metadata.correlationId) causation \(.metadata.causationId[0:8])"'
api GET "$CMD/audit/verify" | jq -c '{ok, verifiedStreams, verifiedEvents, firstBrokenLink}' | sed 's/^/  /'

declare -A SEEN

section "1. Event store (Postgres ledger.events, append-only, hash-chained)"
psql -h 127.0.0.1 -U postgres -d eventledger -P pager=off -c \
  "SELECT version, event_type, data->>'amount' AS amount, metadata->>'userId' AS user_id,
          metadata->>'correlationId' AS correlation_id, encode(hash, 'hex') AS hash
     FROM ledger.events WHERE stream_id = '$ACCOUNT' ORDER BY version"
SEEN[event-store]=$(api GET "$CMD/accounts/$ACCOUNT" | jq -r .balance)
echo "balance folded from the store by command-service: ${SEEN[event-store]}"

section "2. Kafka topic ledger.account-events (key = account id, headers, envelope)"
kafka_records() {
  kafka_java org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:9092 \
    --topic ledger.account-events --from-beginning --timeout-ms 5000 \
    --property print.key=true --property key.separator=' ' 2>/dev/null \
    | grep "^$ACCOUNT " || true
}
RECORDS=""
for attempt in 1 2 3 4 5 6; do
  RECORDS=$(kafka_records)
  [ "$(cut -d' ' -f2- <<<"$RECORDS" | jq -s 'map(.version) | max // 0')" -ge "$VERSION" ] && break
done
cut -d' ' -f2- <<<"$RECORDS" | jq -r --arg key "$ACCOUNT" '"  key=\($key) version=\(.version) \(.eventType) \(.data.amount // "") position=\(.position)"'
# at-least-once delivery may repeat a record: readers keep one per version
SEEN[kafka]=$(cut -d' ' -f2- <<<"$RECORDS" | jq -rs 'map(.version) | unique | if length > 0 and . == [range(1; max + 1)] then "versions 1..\(max)" else "versions \(.)" end')
echo "distinct versions on the topic: ${SEEN[kafka]}"

section "3. Kafka Streams balances-store, through both projector instances"
for port in 8081 8082; do
  body=$(api GET "http://127.0.0.1:$port/balances/$ACCOUNT?minVersion=$VERSION&waitMs=20000")
  echo "  :$port answered balance $(jq -r .balance <<<"$body") version $(jq -r .version <<<"$body") (read by $(jq -r .servedBy <<<"$body"))"
  SEEN[state-store-$port]=$(jq -r .balance <<<"$body")
done

section "4. Postgres mirror ledger_read.account_balances"
mirror_pg() { psql -h 127.0.0.1 -U postgres -d eventledger -tAc \
  "SELECT balance FROM ledger_read.account_balances WHERE account_id='$ACCOUNT' AND version >= $VERSION"; }
wait_for "the Postgres mirror" 30 bash -c "[ -n \"\$(psql -h 127.0.0.1 -U postgres -d eventledger -tAc \"SELECT 1 FROM ledger_read.account_balances WHERE account_id='$ACCOUNT' AND version >= $VERSION\")\" ]" || true
psql -h 127.0.0.1 -U postgres -d eventledger -P pager=off -c \
  "SELECT account_id, balance, version, status FROM ledger_read.account_balances WHERE account_id='$ACCOUNT'"
SEEN[postgres-mirror]=$(mirror_pg)

section "5. Redis mirror ledger:balance:$ACCOUNT"
wait_for "the Redis mirror" 30 bash -c "[ \"\$(redis-cli -h 127.0.0.1 HGET ledger:balance:$ACCOUNT version)\" -ge $VERSION ] 2>/dev/null" || true
redis-cli -h 127.0.0.1 HGETALL "ledger:balance:$ACCOUNT" | paste - - | sed 's/^/  /'
SEEN[redis-mirror]=$(redis-cli -h 127.0.0.1 HGET "ledger:balance:$ACCOUNT" balance)

# days in the projector's zone; from yesterday, in case the deposit was made just before midnight
TODAY=$(TZ="${LEDGER_SUMMARY_ZONE:-UTC}" date +%F)
YESTERDAY=$(TZ="${LEDGER_SUMMARY_ZONE:-UTC}" date -d yesterday +%F)
section "6. Daily summary up to $TODAY (daily-summaries-store) and the totals over all accounts, on :8081"
DAILY=$(api GET "http://127.0.0.1:8081/balances/$ACCOUNT/daily?from=$YESTERDAY&to=$TODAY&minVersion=$VERSION&waitMs=10000")
jq -c '.days[] | del(.accountId)' <<<"$DAILY" | sed 's/^/  /'
SEEN[daily-summary]=$(jq -r '.days[-1].closingBalance // "missing"' <<<"$DAILY")
api GET "http://127.0.0.1:8081/summary?waitMs=10000" \
  | jq -c '{accounts, servedBy, partitions} , (.currencies | to_entries[] | {currency: .key, accounts: .value.accounts, balance: .value.balance, deposits: .value.deposits})' \
  | sed 's/^/  /'

section "7. Replay: stop the projectors, rebuild every read model from the events, start them again"
stop_pid projector-8082
stop_pid projector-8081
"$INFRA_DIR/projector" replay --state-dir "$RUN_DIR/state-8081" --state-dir "$RUN_DIR/state-8082" 2>"$RUN_DIR/replay.log" \
  || { tail -20 "$RUN_DIR/replay.log" >&2; die "the replay failed (log: infra/.run/replay.log)"; }
"$INFRA_DIR/up.sh"
SEEN[after-replay]=$(api GET "http://127.0.0.1:8082/balances/$ACCOUNT?minVersion=$VERSION&waitMs=10000" | jq -r .balance)
echo "after the replay :8082 answers balance ${SEEN[after-replay]}"

section "8. Reconcile: every account folded from the event store against the state store, Postgres and Redis"
if "$INFRA_DIR/projector" reconcile --projector http://127.0.0.1:8081 --token "$TOKEN" 2>>"$RUN_DIR/reconcile.log"; then
  SEEN[reconcile]=clean
else
  SEEN[reconcile]=differences
fi

section "Verdict: omar's balance $EXPECTED at version $VERSION everywhere"
status=0
for place in event-store kafka state-store-8081 state-store-8082 postgres-mirror redis-mirror daily-summary after-replay reconcile; do
  value=${SEEN[$place]:-missing}
  want=$EXPECTED; [ "$place" = kafka ] && want="versions 1..$VERSION"; [ "$place" = reconcile ] && want=clean
  if [ "$value" = "$want" ]; then mark="ok"; else mark="DISAGREES (expected $want)"; status=1; fi
  printf '  %-18s %-16s %s\n' "$place" "$value" "$mark"
done
[ "$status" = 0 ] && log "every place agrees: $EXPECTED" || log "some place disagrees"
exit "$status"
