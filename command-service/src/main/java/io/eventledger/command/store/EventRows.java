package io.eventledger.command.store;

import io.eventledger.common.envelope.EventEnvelope;
import io.eventledger.common.envelope.EventMetadata;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.util.PSQLException;

/** The SQL of {@code ledger.events}, kept apart from the store's transaction and chaining logic. */
final class EventRows {

    private static final String INSERT = "INSERT INTO ledger.events (event_id, stream_type, stream_id, version,"
            + " event_type, schema_version, data, metadata, occurred_at, prev_hash, hash) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)";
    // from the given version on, so even an empty tail still shows the head (version and hash)
    private static final String SELECT = "SELECT stream_type, version, event_type, schema_version, data, hash,"
            + " event_id, occurred_at FROM ledger.events WHERE stream_id = ? AND version >= ? ORDER BY version";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String VERSION_CONSTRAINT = "events_stream_version";

    /** An event about to be written, with its place in the chain. */
    record Chained(ChainEntry entry, EventMetadata metadata, byte[] prevHash, byte[] hash) {}

    /** An event as read back, before decoding: data as stored JSON text, the hash as stored bytes. */
    record StoredRow(String streamType, int version, String eventType, int schemaVersion, String data,
                     byte[] hash, UUID eventId, Instant occurredAt) {}

    private EventRows() {
    }

    /** One multi-row INSERT; the database assigns position and recorded_at, which the envelopes need. */
    static List<EventEnvelope> insert(Connection c, List<Chained> events) throws SQLException {
        String sql = INSERT + String.join(", ", Collections.nCopies(events.size(), ROW))
                + " RETURNING version, position, recorded_at";
        // RETURNING's row order is not promised, so rows are matched to events by version
        Map<Integer, EventEnvelope> byVersion = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int index = 0;
            for (Chained event : events) {
                index = bind(ps, index, event);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byVersion.put(rs.getInt(1), envelope(find(events, rs.getInt(1)), rs.getLong(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return events.stream().map(e -> byVersion.get(e.entry().version())).toList();
    }

    /** The rows of a stream from {@code fromVersion} on (0 or 1 for all), in version order. */
    static List<StoredRow> select(Connection c, UUID streamId, int fromVersion) throws SQLException {
        List<StoredRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setObject(1, streamId);
            ps.setInt(2, fromVersion);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getBytes(6), rs.getObject(7, UUID.class),
                            rs.getObject(8, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return rows;
    }

    static boolean isVersionConflict(Exception e) {
        return e instanceof PSQLException p && UNIQUE_VIOLATION.equals(p.getSQLState())
                && p.getServerErrorMessage() != null
                && VERSION_CONSTRAINT.equals(p.getServerErrorMessage().getConstraint());
    }

    private static int bind(PreparedStatement ps, int offset, Chained event) throws SQLException {
        ChainEntry e = event.entry();
        int i = offset;
        ps.setObject(++i, e.eventId());
        ps.setString(++i, e.streamType());
        ps.setObject(++i, e.streamId());
        ps.setInt(++i, e.version());
        ps.setString(++i, e.eventType());
        ps.setInt(++i, e.schemaVersion());
        ps.setString(++i, e.data().toString());
        ps.setString(++i, e.metadata().toString());
        ps.setObject(++i, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        ps.setBytes(++i, event.prevHash());
        ps.setBytes(++i, event.hash());
        return i;
    }

    private static Chained find(List<Chained> events, int version) {
        return events.stream().filter(e -> e.entry().version() == version).findFirst()
                .orElseThrow(() -> new IllegalStateException("the insert returned an unknown version " + version));
    }

    private static EventEnvelope envelope(Chained event, long position, Instant recordedAt) {
        ChainEntry e = event.entry();
        return new EventEnvelope(e.eventId(), e.streamType(), e.streamId(), e.version(), position, e.eventType(),
                e.schemaVersion(), e.occurredAt(), recordedAt, e.data(), event.metadata(),
                HashChain.hex(event.hash()), HashChain.hex(event.prevHash()));
    }
}
