package io.eventledger.loadtest.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads the events the acknowledged commands wrote, by the correlation id every event carries in its metadata,
 * and finds the commands that wrote nothing (lost), or wrote one event type on one stream more than once (a
 * command applied twice), or wrote another shape than their kind does.
 */
final class StoreCheck {

    private static final String BY_CORRELATION = "SELECT metadata->>'correlationId', stream_id, event_type, event_id"
            + " FROM ledger.events WHERE metadata->>'correlationId' = ANY(?)";

    /** Groups of events one command wrote twice, across the whole store, acknowledged or not. */
    private static final String DOUBLED = "SELECT count(*) FROM (SELECT 1 FROM ledger.events"
            + " WHERE metadata->>'correlationId' IS NOT NULL"
            + " GROUP BY metadata->>'correlationId', stream_id, event_type HAVING count(*) > 1) d";

    private final DataSource db;

    StoreCheck(DataSource db) {
        this.db = db;
    }

    record Result(
            Map<String, List<StoredEvent>> written,
            List<String> lost,
            List<String> duplicated,
            List<String> mismatched) {}

    Result check(Map<String, AckedCommand> acked) throws SQLException {
        Map<String, List<StoredEvent>> written = read(acked.keySet());
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        acked.forEach((id, command) -> {
            List<StoredEvent> events = written.getOrDefault(id, List.of());
            if (events.isEmpty()) {
                lost.add(id + " (" + command.kind() + ")");
                return;
            }
            long distinct = events.stream()
                    .map(e -> e.streamId() + "/" + e.eventType())
                    .distinct()
                    .count();
            if (distinct < events.size()) {
                duplicated.add(id + " wrote "
                        + events.stream().map(StoredEvent::eventType).toList());
            }
            ExpectedEvents.mismatch(command.kind(), events).ifPresent(why -> mismatched.add(id + ": " + why));
        });
        return new Result(written, lost, duplicated, mismatched);
    }

    long doubledAnywhere() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(DOUBLED);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every event id in the store: each must reach the topics, acknowledged or not. */
    Set<UUID> allEventIds() throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT event_id FROM ledger.events");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private Map<String, List<StoredEvent>> read(Set<String> correlationIds) throws SQLException {
        Map<String, List<StoredEvent>> written = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(BY_CORRELATION)) {
            ps.setArray(1, c.createArrayOf("text", correlationIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEvent event = new StoredEvent(
                            rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class));
                    written.computeIfAbsent(event.correlationId(), k -> new ArrayList<>())
                            .add(event);
                }
            }
        }
        return written;
    }
}
