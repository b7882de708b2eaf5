package io.eventledger.command.relay;

import io.eventledger.command.testing.TestLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** What the relay order tests compare a topic with: each account's stored event id per version. */
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

    /** The results of the load's tasks, in order, once each has finished. */
    static <T> List<T> all(List<Future<T>> futures) throws InterruptedException, ExecutionException {
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
