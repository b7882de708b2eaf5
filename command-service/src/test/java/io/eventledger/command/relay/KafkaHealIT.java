package io.eventledger.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.topic.Topics;
import io.eventledger.platform.config.Connections;
import io.eventledger.platform.kafka.TopicSetup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka healed from the store: topics deleted by hand, and a cluster that is not the one published to, are
 * refilled from the event store, in order, before the outbox goes on; topics that merely hold fewer records
 * than the store published are reported, not refilled. Each test publishes under a prefix of its own.
 */
class KafkaHealIT {

    // a heal sends every event of the run's database again, all tests' events: 120,000 of them late in a suite
    private static final Duration HEALED = Duration.ofSeconds(180);
    private static final Duration READ_EVERY = Duration.ofSeconds(1);
    private final Connections base = TestLedger.servers().connections();
    private final Connections connections = new Connections(
            base.dbUrl(),
            base.dbUser(),
            base.dbPassword(),
            base.kafkaBootstrap(),
            base.redisUrl(),
            new Topics("heal-" + UUID.randomUUID() + "."),
            base.topicSettings());
    private final Topics topics = connections.topics();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private Admin admin;
    private TestRelays relays;

    @BeforeEach
    void topicsAndARelay() {
        new TopicSetup(connections.kafkaBootstrap(), connections.topicSettings()).ensure(topics);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connections.kafkaBootstrap()));
        relays = new TestRelays(connections);
    }

    @AfterEach
    void close() throws Exception {
        relays.close();
        admin.close();
    }

    @Test
    void topicsDeletedByHandAreRefilledFromTheStoreBeforeAnyNewEvent() throws Exception {
        UUID account = UUID.randomUUID();
        List<EventEnvelope> opened = relays.openAndDeposit(account);
        try (OutboxRelay relay = relays.relay(TestRelays.ONLY, meters, Map.of()).start()) {
            await().atMost(HEALED).until(() -> versionsOnTopic(account).equals(List.of(1, 2)));
            String before = topicId();

            admin.deleteTopics(List.of(topics.accountEvents(), topics.transferEvents()))
                    .all()
                    .get();

            await().atMost(HEALED).until(() -> republished() >= 2 && !before.equals(topicIdOrNone()));
            relays.deposit(account, opened.getLast());
            await().atMost(HEALED).until(() -> TestRelays.pending(List.of(account)) == 0);
            List<Integer> versions = await().atMost(HEALED)
                    .pollInterval(READ_EVERY)
                    .until(() -> versionsOnTopic(account), read -> read.contains(3));
            // the stored versions first, then the new one: a reader never meets a gap (each deletion the relay
            // notices on its own heals, so the stored ones may come twice)
            assertThat(versions).startsWith(1, 2).endsWith(3);
            assertNoGap(versions);
            assertThat(recorded("topic_ids->>'" + topics.accountEvents() + "'")).isEqualTo(topicId());
            assertThat(Long.parseLong(recorded("healed_events"))).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aClusterOtherThanTheOnePublishedToGetsEveryStoredEventAgain() throws Exception {
        UUID account = UUID.randomUUID();
        relays.openAndDeposit(account);
        try (OutboxRelay relay = relays.relay(TestRelays.ONLY, meters, Map.of()).start()) {
            await().atMost(HEALED).until(() -> versionsOnTopic(account).equals(List.of(1, 2)));
            await().atMost(HEALED).until(() -> recorded("cluster_id") != null);

            // as after a second checkout with its own broker: the store remembers another cluster
            update("UPDATE ledger.kafka_target SET cluster_id = 'another-cluster' WHERE topic_prefix = ?");

            List<Integer> versions = await().atMost(HEALED)
                    .pollInterval(READ_EVERY)
                    .until(() -> versionsOnTopic(account), read -> read.size() >= 4);
            assertThat(versions.subList(0, 4)).containsExactly(1, 2, 1, 2);
            assertThat(recorded("cluster_id"))
                    .isEqualTo(admin.describeCluster().clusterId().get());
            assertThat(republished()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void topicsShortOfWhatWasPublishedAreReportedNotRefilled() throws Exception {
        UUID account = UUID.randomUUID();
        relays.openAndDeposit(account);
        // written but never sent, as a bulk import without the outbox would leave it
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM ledger.outbox WHERE aggregateid = ?")) {
            ps.setString(1, account.toString());
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }
        // this prefix's topics are new and empty: every event the store no longer holds in its outbox counts
        long published = TestLedger.count(
                "SELECT count(*) - (SELECT count(*) FROM ledger.outbox)" + " FROM ledger.events WHERE position > ?",
                0L);
        try (OutboxRelay relay = relays.relay(TestRelays.ONLY, meters, Map.of()).start()) {
            await().atMost(HEALED).until(() -> recorded("cluster_id") != null);
            assertThat(meters.get("ledger.relay.topics.short").gauge().value()).isEqualTo(published);
            assertThat(republished()).isZero();
            assertThat(versionsOnTopic(account)).isEmpty();
        }
    }

    /** What a reader meets in order: never a version more than one above the highest it has seen. */
    private static void assertNoGap(List<Integer> versions) {
        int highest = 0;
        for (int version : versions) {
            assertThat(version).as("version after %s in %s", highest, versions).isLessThanOrEqualTo(highest + 1);
            highest = Math.max(highest, version);
        }
    }

    private List<Integer> versionsOnTopic(UUID account) {
        return TopicDump.read(connections.kafkaBootstrap(), topics.accountEvents(), Set.of(account)).stream()
                .map(TopicDump.Published::version)
                .toList();
    }

    private double republished() {
        return meters.get("ledger.relay.heal.republished").counter().count();
    }

    private String topicId() throws Exception {
        return admin.describeTopics(List.of(topics.accountEvents()))
                .allTopicNames()
                .get()
                .get(topics.accountEvents())
                .topicId()
                .toString();
    }

    private String topicIdOrNone() {
        try {
            return topicId();
        } catch (Exception e) {
            return "none";
        }
    }

    private String recorded(String column) throws Exception {
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + column + " FROM ledger.kafka_target WHERE topic_prefix = ?")) {
            ps.setString(1, topics.prefix());
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void update(String sql) throws Exception {
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, topics.prefix());
            ps.executeUpdate();
        }
    }
}
