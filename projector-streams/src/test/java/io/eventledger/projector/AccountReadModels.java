package io.eventledger.projector;

import static io.eventledger.projector.ProjectorFixture.SERVERS;
import static io.eventledger.projector.ProjectorFixture.freshJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every read model of some accounts that each have four events on 2025-03-01..03, as text to compare: the
 * state stores through HTTP, the Postgres rows and the Redis hashes; and how many balances were published.
 */
final class AccountReadModels {

    private final List<UUID> accounts;
    private final String token;
    private final RedisClient redis;

    AccountReadModels(List<UUID> accounts, String token, RedisClient redis) {
        this.accounts = List.copyOf(accounts);
        this.token = token;
        this.redis = redis;
    }

    /** Every read model of every account as text: HTTP answers at v4, then Postgres rows, then Redis hashes. */
    List<String> all(int port) throws Exception {
        List<String> models = new ArrayList<>();
        for (UUID account : accounts) {
            ObjectNode balance =
                    (ObjectNode) freshJson(port, "/balances/" + account + "?minVersion=4&waitMs=10000", token);
            ObjectNode daily = (ObjectNode)
                    freshJson(port, "/balances/" + account + "/daily?from=2025-03-01&to=2025-03-03", token);
            balance.remove("servedBy");
            daily.remove("servedBy");
            models.add(balance + " " + daily);
        }
        models.addAll(
                rows("SELECT account_id, owner_id, currency, balance, status, version, last_event_id, hash, updated_at"
                        + " FROM ledger_read.account_balances WHERE account_id IN (" + ids()
                        + ") ORDER BY account_id"));
        models.addAll(rows("SELECT account_id, day, currency, deposits_count, deposits_total, withdrawals_count,"
                + " withdrawals_total, fees_count, fees_total, refunds_count, refunds_total, transfers_in_count,"
                + " transfers_in_total, transfers_out_count, transfers_out_total, closing_balance, event_count, version"
                + " FROM ledger_read.daily_summaries WHERE account_id IN (" + ids() + ") ORDER BY account_id, day"));
        try (var connection = redis.connect()) {
            for (String key : redisKeys()) {
                models.add(new TreeMap<>(connection.sync().hgetall(key)).toString());
            }
        }
        return models;
    }

    /** Both mirrors hold every account at v4 and all four events of each account in its days. */
    boolean mirrorsComplete() throws Exception {
        String counts =
                rows("SELECT (SELECT count(*) FROM ledger_read.account_balances WHERE version = 4 AND account_id IN ("
                                + ids()
                                + ")), (SELECT sum(event_count) FROM ledger_read.daily_summaries WHERE account_id IN ("
                                + ids() + "))")
                        .get(0);
        long redisEvents = 0;
        try (var connection = redis.connect()) {
            for (String key : redisKeys()) {
                Map<String, String> hash = connection.sync().hgetall(key);
                redisEvents += key.contains(":balance:")
                        ? ("4".equals(hash.get("version")) ? 4 : 0)
                        : Long.parseLong(hash.getOrDefault("eventCount", "0"));
            }
        }
        int n = accounts.size();
        return counts.equals(n + "|" + 4 * n + "|") && redisEvents == 8L * n;
    }

    private List<String> redisKeys() {
        return accounts.stream()
                .flatMap(account -> Stream.of(
                        "ledger:balance:" + account,
                        "ledger:daily:" + account + ":2025-03-01",
                        "ledger:daily:" + account + ":2025-03-02",
                        "ledger:daily:" + account + ":2025-03-03"))
                .toList();
    }

    private static List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = SERVERS.openDb();
                ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.append(rs.getString(c)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** How many records of these accounts the balances topic holds. */
    int balanceRecords() {
        Set<String> keys = accounts.stream().map(UUID::toString).collect(Collectors.toSet());
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SERVERS.env().get("LEDGER_KAFKA_BOOTSTRAP"),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            var partitions = consumer
                    .partitionsFor(SERVERS.connections().topics().balances())
                    .stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            int count = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    count += keys.contains(record.key()) ? 1 : 0;
                }
            }
            return count;
        }
    }

    private String ids() {
        return String.join(",", accounts.stream().map(a -> "'" + a + "'").toList());
    }
}
