package io.eventledger.systemtests;

import static io.eventledger.systemtests.Pipeline.SERVERS;
import static io.eventledger.systemtests.Pipeline.accepted;
import static io.eventledger.systemtests.Pipeline.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.CommandService;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.contract.envelope.EnvelopeSerde;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventHeaders;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.LedgerEvent;
import io.eventledger.contract.example.AccountEventsConsumer;
import io.eventledger.contract.testing.EnvelopeSchemas;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import io.eventledger.projector.Projector;
import io.eventledger.projector.ProjectorFixture;
import io.lettuce.core.RedisClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The walking skeleton, all real: one deposit travels HTTP → event store + outbox → relay → Kafka →
 * Kafka Streams → interactive queries on two instances → Postgres and Redis mirrors, and the balance
 * is the same in all five places.
 */
class ThinPathIT {

    private static CommandService commands;
    private static ApiClient api;
    private static Projector first;
    private static Projector second;
    private static String token;

    @BeforeAll
    static void startPipeline() throws Exception {
        commands = Pipeline.startCommandService();
        api = new ApiClient(commands.port());
        token = new TokenStore(dataSource()).create("it-operator", Set.of(Role.OPERATOR, Role.READER));
        first = ProjectorFixture.startProjector();
        second = ProjectorFixture.startProjector();
        await().atMost(Duration.ofSeconds(90)).until(() -> running(first) && running(second));
    }

    @AfterAll
    static void stopPipeline() {
        for (AutoCloseable closeable : new AutoCloseable[] {second, first, commands}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // closing is best effort; the next run uses a fresh database and prefix anyway
            }
        }
    }

    @Test
    void oneDepositIsTheSameBalanceInAllFivePlaces() throws Exception {
        String account = accepted(api.post("/accounts", token, "{\"ownerId\":\"omar\",\"currency\":\"EUR\"}"))
                .get("accountId")
                .asText();
        JsonNode deposit = accepted(api.post(
                "/accounts/" + account + "/deposits", token, "{\"amount\":\"500.00\",\"reference\":\"salary\"}"));
        assertThat(deposit.get("version").asInt()).isEqualTo(2);

        assertEventStore(account);
        assertKafka(account);
        assertStateStoreThroughBothInstances(account);
        assertPostgresMirror(account);
        assertRedisMirror(account);
    }

    private void assertEventStore(String account) throws Exception {
        try (Connection db = SERVERS.openDb();
                ResultSet rs = db.createStatement()
                        .executeQuery(
                                "SELECT version, event_type, data->>'amount', metadata->>'userId' FROM ledger.events WHERE stream_id = '"
                                        + account + "' ORDER BY version")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
            assertThat(rows).containsExactly("1 AccountOpened null it-operator", "2 MoneyDeposited 500.00 it-operator");
        }
        assertThat(ok(api.get("/accounts/" + account, token)).get("balance").asText())
                .isEqualTo("500.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(account) == 0);
    }

    private void assertKafka(String account) {
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(SERVERS.connections().topics().accountEvents()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (account.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return mine.size() >= 2;
            });
        }
        // what downstream teams receive is what the published JSON Schemas promise
        assertThat(mine)
                .allSatisfy(
                        r -> assertThat(EnvelopeSchemas.violations(Json.mapper().readTree(r.value())))
                                .isEmpty());
        List<EventEnvelope> envelopes =
                mine.stream().map(r -> EnvelopeSerde.read(r.value())).toList();
        assertThat(envelopes).extracting(EventEnvelope::version).containsExactly(1, 2);
        assertThat(envelopes.get(1).data().get("amount").asText()).isEqualTo("500.00");
        assertThat(envelopes.get(1).prevHash()).isEqualTo(envelopes.get(0).hash());
        assertThat(EventHeaders.text(mine.get(1).headers(), EventHeaders.EVENT_TYPE))
                .isEqualTo("MoneyDeposited");
        assertThat(EventHeaders.text(mine.get(1).headers(), EventHeaders.AGGREGATE_VERSION))
                .isEqualTo("2");
        assertDownstreamExampleFollows(UUID.fromString(account));
    }

    /** The consumer example of docs/topics.md reads the same stream with the dedupe rule. */
    private void assertDownstreamExampleFollows(UUID account) {
        List<LedgerEvent> applied = new ArrayList<>();
        try (AccountEventsConsumer example = new AccountEventsConsumer(
                SERVERS.env().get("LEDGER_KAFKA_BOOTSTRAP"),
                SERVERS.connections().topics().accountEvents(),
                (envelope, event) -> {
                    if (envelope.aggregateId().equals(account)) {
                        applied.add(event);
                    }
                })) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                example.pollOnce(Duration.ofMillis(200));
                return example.lastApplied(account) == 2;
            });
        }
        assertThat(applied)
                .containsExactly(
                        new AccountEvent.AccountOpened("omar", "EUR"),
                        new AccountEvent.MoneyDeposited(new java.math.BigDecimal("500.00"), "EUR", "salary"));
    }

    private void assertStateStoreThroughBothInstances(String account) {
        Set<String> servedBy = new java.util.HashSet<>();
        for (Projector projector : List.of(first, second)) {
            ApiClient queries = new ApiClient(projector.port());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode balance = ok(queries.get("/balances/" + account, token));
                assertThat(balance.get("balance").asText()).isEqualTo("500.00");
                assertThat(balance.get("version").asInt()).isEqualTo(2);
                servedBy.add(balance.get("servedBy").asText());
            });
        }
        // the key lives on one instance: the other forwarded the query to it
        assertThat(servedBy).hasSize(1);
    }

    private void assertPostgresMirror(String account) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Connection db = SERVERS.openDb();
                    ResultSet rs = db.createStatement()
                            .executeQuery(
                                    "SELECT balance, version FROM ledger_read.account_balances WHERE account_id = '"
                                            + account + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("500.00");
                assertThat(rs.getInt(2)).isEqualTo(2);
            }
        });
    }

    private void assertRedisMirror(String account) {
        RedisClient redis = RedisClient.create(SERVERS.env().get("LEDGER_REDIS_URL"));
        try (var connection = redis.connect()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, String> hash = connection.sync().hgetall("ledger:balance:" + account);
                assertThat(hash).containsEntry("balance", "500.00").containsEntry("version", "2");
            });
        } finally {
            redis.shutdown();
        }
    }

    private static boolean running(Projector projector) {
        return projector.streams().state() == KafkaStreams.State.RUNNING;
    }

    private static int outboxRows(String account) throws Exception {
        try (Connection db = SERVERS.openDb();
                ResultSet rs = db.createStatement()
                        .executeQuery("SELECT count(*) FROM ledger.outbox WHERE aggregateid = '" + account + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SERVERS.env().get("LEDGER_KAFKA_BOOTSTRAP"),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "thin-path-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(SERVERS.env().get("LEDGER_DB_URL"));
        ds.setUser(SERVERS.env().get("LEDGER_DB_USER"));
        return ds;
    }
}
