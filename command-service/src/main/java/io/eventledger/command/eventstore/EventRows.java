package io.eventledger.command.eventstore;

import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.contract.envelope.EventEnvelope;
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
import java.util.function.Consumer;
import org.postgresql.util.PSQLException;

/** The SQL of {@code ledger.events}, kept apart from the store's transaction and chaining logic. */
final class EventRows {

    // a batch numbers its events before it writes them (an envelope carries its position), so it sets the identity
    private static final String INSERT_NUMBERED = "INSERT INTO ledger.events (position, event_id, stream_type,"
            + " stream_id, version, event_type, schema_version, data, metadata, occurred_at, prev_hash, hash)"
            + " OVERRIDING SYSTEM VALUE VALUES ";
    private static final String NUMBERED_ROW = "(?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)";
    // recorded_at defaults to now(), the start of the transaction, which is what the envelopes already carry
    private static final String NUMBERS = "SELECT now(), nextval(pg_get_serial_sequence('ledger.events', 'position'))"
            + " FROM generate_series(1, ?)";
    // from the given version on, so even an empty tail still shows the head (version and hash)
    private static final String SELECT = "SELECT stream_type, version, event_type, schema_version, data, hash,"
            + " event_id, occurred_at FROM ledger.events WHERE stream_id = ? AND version >= ? ORDER BY version";
    private static final String SELECT_FIRST = "SELECT stream_type, version, event_type, schema_version, data, hash,"
            + " event_id, occurred_at FROM ledger.events WHERE stream_id = ? AND version = 1";
    // LATERAL, so each stream is read through the (stream_id, version) index; a plain join plans a scan of the table
    private static final String SELECT_MANY = "SELECT s.id, e.stream_type, e.version, e.event_type, e.schema_version,"
            + " e.data, e.hash, e.event_id, e.occurred_at FROM unnest(?::uuid[], ?::int[]) AS s (id, v)"
            + " CROSS JOIN LATERAL (SELECT * FROM ledger.events x WHERE x.stream_id = s.id AND x.version >= s.v"
            + " ORDER BY x.version) e";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String VERSION_CONSTRAINT = "events_stream_version";

    /** An event as read back, before decoding: data as the stored JSON text's UTF-8 bytes, the hash as stored. */
    record StoredRow(
            String streamType,
            int version,
            String eventType,
            int schemaVersion,
            byte[] data,
            byte[] hash,
            UUID eventId,
            Instant occurredAt) {}

    private EventRows() {}

    /** Events numbered beforehand ({@link #numbers}), in one multi-row INSERT; positions pair with events. */
    static RoundTrip.Part insert(List<ChainedEvent> events, List<Long> positions) {
        String sql = INSERT_NUMBERED + String.join(", ", Collections.nCopies(events.size(), NUMBERED_ROW));
        return RoundTrip.Part.update(sql, (ps, offset) -> {
            int index = offset;
            for (int i = 0; i < events.size(); i++) {
                ps.setLong(++index, positions.get(i));
                index = bind(ps, index, events.get(i));
            }
            return index;
        });
    }

    /** {@code count} positions from the events' identity, and the transaction's now() (every row's recorded_at). */
    static Positions numbers(Connection c, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NUMBERS)) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                return numbers(rs, count);
            }
        }
    }

    /** As {@link #numbers(Connection, int)}, as part of a round trip that hands them to {@code taken}. */
    static RoundTrip.Part numbers(int count, Consumer<Positions> taken) {
        return RoundTrip.Part.query(
                NUMBERS,
                (ps, offset) -> {
                    ps.setInt(offset + 1, count);
                    return offset + 1;
                },
                rs -> taken.accept(numbers(rs, count)));
    }

    private static Positions numbers(ResultSet rs, int count) throws SQLException {
        List<Long> positions = new ArrayList<>(count);
        Instant now = null;
        while (rs.next()) {
            now = rs.getObject(1, OffsetDateTime.class).toInstant();
            positions.add(rs.getLong(2));
        }
        return new Positions(now, positions);
    }

    /** The rows of a stream from {@code fromVersion} on (0 or 1 for all), in version order. */
    static List<StoredRow> select(Connection c, UUID streamId, int fromVersion) throws SQLException {
        List<StoredRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setObject(1, streamId);
            ps.setInt(2, fromVersion);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs, 0));
                }
            }
        }
        return rows;
    }

    /** The first row of a stream (version 1), or none. */
    static List<StoredRow> selectFirst(Connection c, UUID streamId) throws SQLException {
        List<StoredRow> rows = new ArrayList<>(1);
        try (PreparedStatement ps = c.prepareStatement(SELECT_FIRST)) {
            ps.setObject(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs, 0));
                }
            }
        }
        return rows;
    }

    /** As {@link #select}, for many streams in one round trip: each stream's rows from its own version on. */
    static Map<UUID, List<StoredRow>> selectMany(Connection c, Map<UUID, Integer> fromVersions) throws SQLException {
        Map<UUID, List<StoredRow>> rows = new HashMap<>();
        List<UUID> ids = List.copyOf(fromVersions.keySet());
        try (PreparedStatement ps = c.prepareStatement(SELECT_MANY)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.setArray(
                    2,
                    c.createArrayOf("int4", ids.stream().map(fromVersions::get).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(row(rs, 1));
                }
            }
        }
        return rows;
    }

    private static StoredRow row(ResultSet rs, int offset) throws SQLException {
        int i = offset;
        // jsonb comes as text; getBytes hands over the driver's UTF-8 bytes without decoding them
        return new StoredRow(
                rs.getString(++i),
                rs.getInt(++i),
                rs.getString(++i),
                rs.getInt(++i),
                rs.getBytes(++i),
                rs.getBytes(++i),
                rs.getObject(++i, UUID.class),
                rs.getObject(++i, OffsetDateTime.class).toInstant());
    }

    static boolean isVersionConflict(Exception e) {
        return e instanceof PSQLException p
                && UNIQUE_VIOLATION.equals(p.getSQLState())
                && p.getServerErrorMessage() != null
                && VERSION_CONSTRAINT.equals(p.getServerErrorMessage().getConstraint());
    }

    /** Which stream's version was taken: the violation's detail names the key, "(stream_id, version)=(…)". */
    static AppendRequest conflictingStream(SQLException e, List<AppendRequest> requests) {
        String detail = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? String.valueOf(p.getServerErrorMessage().getDetail())
                : "";
        return requests.stream()
                .filter(r -> detail.contains(r.streamId().toString()))
                .findFirst()
                .orElse(requests.getFirst());
    }

    private static int bind(PreparedStatement ps, int offset, ChainedEvent event) throws SQLException {
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

    static EventEnvelope envelope(ChainedEvent event, long position, Instant recordedAt) {
        ChainEntry e = event.entry();
        return new EventEnvelope(
                e.eventId(),
                e.streamType(),
                e.streamId(),
                e.version(),
                position,
                e.eventType(),
                e.schemaVersion(),
                e.occurredAt(),
                recordedAt,
                e.data(),
                event.metadata(),
                HashChain.hex(event.hash()),
                HashChain.hex(event.prevHash()));
    }
}
