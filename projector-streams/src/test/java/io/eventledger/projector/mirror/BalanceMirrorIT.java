package io.eventledger.projector.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.common.testing.TestServers;
import io.eventledger.common.topic.TopicSetup;
import io.eventledger.common.topic.Topics;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.BalanceSerde;
import io.lettuce.core.RedisClient;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The mirror against real Kafka, Postgres and Redis: a sink that fails twice delays the batch but
 * loses nothing, offsets are committed only once both sinks took it, and an older version that arrives
 * after a newer one changes neither Postgres nor Redis.
 */
class BalanceMirrorIT {

    private static final TestServers SERVERS = TestServers.get();
    // own topics and consumer group, so the projector's own mirror in other ITs never races this one
    private static final Topics TOPICS = new Topics(SERVERS.connections().topics().prefix() + "mirror-it.");
    private static final String BOOTSTRAP = SERVERS.env().get("LEDGER_KAFKA_BOOTSTRAP");
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger(2);
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static RedisClient redis;
    private static BalanceMirror mirror;

    @BeforeAll
    static void start() {
        new TopicSetup(BOOTSTRAP).ensure(TOPICS);
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(SERVERS.env().get("LEDGER_DB_URL"));
        db.setUser(SERVERS.env().get("LEDGER_DB_USER"));
        ReadSchema.migrate(db);
        redis = RedisClient.create(SERVERS.env().get("LEDGER_REDIS_URL"));
        BalanceSink postgres = new PostgresBalances(db);
        mirror = new BalanceMirror(new KafkaConsumer<>(BalanceMirror.consumerConfig(BOOTSTRAP, TOPICS),
                new StringDeserializer(), new ByteArrayDeserializer()), TOPICS.balances(),
                List.of(failingTwice(postgres), new RedisBalances(redis)), new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
        Thread.ofPlatform().name("mirror-it").start(mirror);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        mirror.close();
        redis.shutdown();
    }

    @Test
    void failuresAreRetriedAndAnOlderVersionNeverOverwritesANewerOne() throws Exception {
        UUID account = UUID.randomUUID();
        publish(balance(account, 1, "0.00"), balance(account, 3, "75.25"), balance(account, 2, "100.00"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(postgresRow(account)).isEqualTo("75.25 v3"));
        try (var connection = redis.connect()) {
            assertThat(connection.sync().hgetall(RedisBalances.KEY_PREFIX + account))
                    .containsEntry("balance", "75.25").containsEntry("version", "3").containsEntry("ownerId", "owner");
        }
        assertThat(ATTEMPTS.get()).as("two failed attempts, then the batch went through").isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committedOffsets()).isEqualTo(3));
    }

    private static BalanceSink failingTwice(BalanceSink delegate) {
        return new BalanceSink() {
            @Override
            public void write(List<Balance> balances) throws Exception {
                ATTEMPTS.incrementAndGet();
                if (FAILURES_LEFT.getAndDecrement() > 0) {
                    throw new java.sql.SQLTransientConnectionException("simulated outage");
                }
                delegate.write(balances);
            }

            @Override
            public String name() {
                return "failing twice, then " + delegate.name();
            }
        };
    }

    private static Balance balance(UUID account, int version, String amount) {
        return new Balance(account, "owner", "EUR", new BigDecimal(amount), Balance.Status.OPEN, version,
                UUID.randomUUID(), "hash-" + version, Instant.parse("2025-03-01T10:00:00Z").plusSeconds(version));
    }

    private static void publish(Balance... balances) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Balance balance : balances) {
                producer.send(new ProducerRecord<>(TOPICS.balances(), balance.accountId().toString(), BalanceSerde.write(balance)));
            }
        }
    }

    private static String postgresRow(UUID account) throws Exception {
        try (Connection db = SERVERS.openDb(); ResultSet rs = db.createStatement().executeQuery(
                "SELECT balance, version FROM ledger_read.account_balances WHERE account_id = '" + account + "'")) {
            return rs.next() ? rs.getBigDecimal(1).toPlainString() + " v" + rs.getInt(2) : "absent";
        }
    }

    private static long committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            return admin.listConsumerGroupOffsets(TOPICS.prefix() + "balance-mirror").partitionsToOffsetAndMetadata()
                    .get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
