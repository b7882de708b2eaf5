package io.eventledger.command.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.TestLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/** What the relay order tests compare: the topic's records and each account's stored event id per version. */
final class StoredVersions {

    private static final String EVENTS =
            "SELECT stream_id, version, event_id FROM ledger.events WHERE stream_id = ANY(?)";

    private StoredVersions() {}

    static Map<UUID, Map<Integer, UUID>> of(List<UUID> accounts) throws SQLException {
        Map<UUID, Map<Integer, UUID>> events = new HashMap<>();
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(EVENTS)) {
            ps.setArray(1, c.createArrayOf("uuid", accounts.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
                            .put(rs.getInt(2), rs.getObject(3, UUID.class));
                }
            }
        }
        return events;
    }

    /** This run's account-event topic, read from the beginning: the records of these accounts. */
    static List<TopicDump.Published> published(List<UUID> accounts) {
        return TopicDump.read(
                TestLedger.servers().connections().kafkaBootstrap(),
                TestLedger.servers().connections().topics().accountEvents(),
                Set.copyOf(accounts));
    }

    /**
     * Every record on the topic is the stored event of its version, and after dropping repeats each account
     * reads exactly its stored versions 1..n in order. Returns what the dedupe kept and dropped.
     */
    static TopicDump.Deduped assertInOrder(
            List<UUID> accounts, List<TopicDump.Published> published, Map<UUID, Map<Integer, UUID>> stored) {
        assertThat(published)
                .allSatisfy(r -> assertThat(stored.get(r.aggregateId()).get(r.version()))
                        .as("the stored event of %s v%d", r.aggregateId(), r.version())
                        .isEqualTo(r.eventId()));
        TopicDump.Deduped deduped = TopicDump.dedupe(published);
        for (UUID account : accounts) {
            assertThat(deduped.applied().get(account))
                    .as("versions of %s", account)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, stored.get(account).size())
                                    .boxed()
                                    .toList());
        }
        return deduped;
    }

    /** The results of the load's tasks, in order, once each has finished. */
    static <T> List<T> all(List<Future<T>> futures) throws InterruptedException, ExecutionException {
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
