package io.eventledger.projector.mirror;

import io.eventledger.contract.topic.Topics;
import io.eventledger.platform.kafka.TopicSetup;
import io.eventledger.platform.testing.TestServers;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.Flow;
import io.eventledger.projector.topology.ReadModelSerde;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

/** What the mirror ITs share: their own topics, read models to publish, and the rows and hashes to check. */
final class MirrorFixture {

    static final TestServers SERVERS = TestServers.get();
    static final String BOOTSTRAP = SERVERS.env().get("LEDGER_KAFKA_BOOTSTRAP");
    static final LocalDate DAY = LocalDate.parse("2025-03-01");

    private MirrorFixture() {}

    /** Topics of their own, so the projector's mirrors in other ITs never race the mirror under test. */
    static Topics topics(String name) {
        Topics topics = new Topics(SERVERS.connections().topics().prefix() + name + ".");
        new TopicSetup(BOOTSTRAP, SERVERS.connections().topicSettings()).ensure(topics);
        return topics;
    }

    static DataSource migratedDb() {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(SERVERS.env().get("LEDGER_DB_URL"));
        db.setUser(SERVERS.env().get("LEDGER_DB_USER"));
        ReadSchema.migrate(db);
        return db;
    }

    /** Starts a mirror of {@code topic} into {@code sink} on its own thread, in consumer group {@code groupId}. */
    static <T> Mirror<T> start(
            String groupId, String topic, ReadModelSerde<T> serde, MirrorSink<T> sink, Duration backoffCap) {
        var consumer = new KafkaConsumer<>(
                Mirror.consumerConfig(BOOTSTRAP, groupId), new StringDeserializer(), new ByteArrayDeserializer());
        Mirror<T> mirror = new Mirror<>(consumer, topic, serde, sink, new Backoff(Duration.ofMillis(50), backoffCap));
        Thread.ofPlatform().name("mirror-it " + sink.name()).start(mirror);
        return mirror;
    }

    static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    static Balance balance(UUID account, int version, String amount) {
        return new Balance(
                account,
                "owner",
                "EUR",
                new BigDecimal(amount),
                Balance.Status.OPEN,
                version,
                UUID.randomUUID(),
                "hash-" + version,
                Instant.parse("2025-03-01T10:00:00Z").plusSeconds(version));
    }

    static DailySummary day(UUID account, int version, String closing) {
        Flow deposits = new Flow(version, new BigDecimal(closing));
        Flow none = new Flow(0, new BigDecimal("0.00"));
        return new DailySummary(
                account, DAY, "EUR", deposits, none, none, none, none, none, new BigDecimal(closing), version, version);
    }

    static String postgresBalance(UUID account) throws Exception {
        return row("SELECT balance, version FROM ledger_read.account_balances WHERE account_id = '" + account + "'");
    }

    static String postgresDay(UUID account) throws Exception {
        return row("SELECT closing_balance, version FROM ledger_read.daily_summaries WHERE account_id = '" + account
                + "' AND day = '" + DAY + "'");
    }

    /** The offsets the group has committed, summed over partitions. */
    static long committed(String groupId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().values().stream()
                    .mapToLong(o -> o == null ? 0 : o.offset())
                    .sum();
        }
    }

    private static String row(String sql) throws Exception {
        try (Connection db = SERVERS.openDb();
                ResultSet rs = db.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getBigDecimal(1).toPlainString() + " v" + rs.getInt(2) : "absent";
        }
    }
}
