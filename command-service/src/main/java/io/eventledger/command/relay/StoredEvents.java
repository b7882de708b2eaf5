package io.eventledger.command.relay;

import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Reads {@code ledger.events} for republish, gap-safe: only events of transactions below a horizon
 * every one of which has ended ({@code tx_id < pg_snapshot_xmin(pg_current_snapshot())}), a set that can no
 * longer grow, paged by position. Position, not {@code (tx_id, position)}, is the order: a stream's next
 * version is inserted only after its previous version committed, so positions follow versions, while a
 * transaction may take its xid earlier (its idempotency key, a retry, another stream of a transfer) and
 * sort a later version first.
 */
final class StoredEvents {

    private static final String SELECT = "SELECT position, event_id, stream_type, stream_id, version, event_type,"
            + " schema_version, data::text, metadata::text, occurred_at, recorded_at, hash, prev_hash"
            + " FROM ledger.events WHERE tx_id < ?::xid8 AND position > ? AND position <= ?";
    private static final String OF_STREAM = " AND stream_id = ?";
    private static final String PAGE = " ORDER BY position LIMIT ?";
    private static final Duration HORIZON_POLL = Duration.ofMillis(50);
    private static final HexFormat HEX = HexFormat.of();

    private StoredEvents() {}

    /**
     * The next xid at the time of the call, once every transaction below it has ended: the horizon then
     * covers everything committed before the republish started. Fails after {@code maxWait}.
     */
    static String horizon(Connection c, Duration maxWait) throws SQLException, InterruptedException {
        String next = text(c, "SELECT pg_snapshot_xmax(pg_current_snapshot())::text", null);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!"t".equals(text(c, "SELECT pg_snapshot_xmin(pg_current_snapshot()) >= ?::xid8", next))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("transactions older than the republish still run after " + maxWait
                        + "; try again when they have ended");
            }
            Thread.sleep(HORIZON_POLL);
        }
        return next;
    }

    /** Up to {@code limit} events of the range after position {@code after}, by position. */
    static List<EventEnvelope> page(Connection c, Republisher.Range range, String horizon, long after, int limit)
            throws SQLException {
        String sql = SELECT + (range.streamId() == null ? "" : OF_STREAM) + PAGE;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setString(++i, horizon);
            ps.setLong(++i, Math.max(after, range.fromPosition() - 1));
            ps.setLong(++i, range.toPosition());
            if (range.streamId() != null) {
                ps.setObject(++i, range.streamId());
            }
            ps.setInt(++i, limit);
            List<EventEnvelope> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(envelope(rs));
                }
            }
            return events;
        }
    }

    private static String text(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static EventEnvelope envelope(ResultSet rs) throws SQLException {
        try {
            return new EventEnvelope(
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    rs.getObject(4, UUID.class),
                    rs.getInt(5),
                    rs.getLong(1),
                    rs.getString(6),
                    rs.getInt(7),
                    rs.getObject(10, OffsetDateTime.class).toInstant(),
                    rs.getObject(11, OffsetDateTime.class).toInstant(),
                    Json.mapper().readTree(rs.getString(8)),
                    Json.mapper().readValue(rs.getString(9), EventMetadata.class),
                    HEX.formatHex(rs.getBytes(12)),
                    HEX.formatHex(rs.getBytes(13)));
        } catch (IOException e) {
            throw new UncheckedIOException("the event at position " + rs.getLong(1) + " is not JSON", e);
        }
    }
}
