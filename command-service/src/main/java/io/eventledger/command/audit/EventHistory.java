package io.eventledger.command.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.LedgerEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Read-only queries over {@code ledger.events} for auditors: a stream's history with filters and paging,
 * and a scan in version order for folding past states. Data comes back through the codec, so old
 * schema versions read in their current shape.
 */
public final class EventHistory {

    private static final String SELECT = "SELECT event_id, version, position, event_type, schema_version, occurred_at,"
            + " recorded_at, data::text, metadata::text, hash, prev_hash FROM ledger.events WHERE stream_id = ?";
    private static final String STREAM_TYPE =
            "SELECT stream_type FROM ledger.events WHERE stream_id = ?" + " ORDER BY version LIMIT 1";
    private static final int SCAN_FETCH = 500;

    /** One stored event; {@code data} and {@code schemaVersion} are upcast, {@code storedSchemaVersion} is as written. */
    public record Entry(
            UUID eventId,
            int version,
            long position,
            String eventType,
            int schemaVersion,
            int storedSchemaVersion,
            Instant occurredAt,
            Instant recordedAt,
            LedgerEvent event,
            JsonNode data,
            JsonNode metadata,
            String hash,
            String prevHash) {}

    /** Null bounds are open; {@code from} is inclusive and {@code to} exclusive, so windows tile. */
    public record Filter(
            Integer fromVersion, Integer toVersion, Set<String> types, Instant from, Instant to, int limit) {}

    /** One page in version order; {@code nextFromVersion} is null on the last page. */
    public record Page(List<Entry> events, Integer nextFromVersion) {}

    private final DataSource dataSource;
    private final EventCodec codec;

    public EventHistory(DataSource dataSource, EventCodec codec) {
        this.dataSource = dataSource;
        this.codec = codec;
    }

    /** The type of the stream, or empty if no event of it is stored. */
    public Optional<String> streamType(UUID streamId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(STREAM_TYPE)) {
            ps.setObject(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public Page page(UUID streamId, Filter filter) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(streamId));
        StringBuilder sql = new StringBuilder(SELECT);
        where(sql, args, " AND version >= ?", filter.fromVersion());
        where(sql, args, " AND version <= ?", filter.toVersion());
        where(
                sql,
                args,
                " AND event_type = ANY (?)",
                filter.types() == null ? null : filter.types().toArray(String[]::new));
        where(sql, args, " AND occurred_at >= ?", utc(filter.from()));
        where(sql, args, " AND occurred_at < ?", utc(filter.to()));
        // one row beyond the page says whether there is a next one, and where it starts
        sql.append(" ORDER BY version LIMIT ?");
        args.add(filter.limit() + 1);
        List<Entry> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = bind(c, sql.toString(), args);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(entry(rs));
            }
        }
        if (rows.size() <= filter.limit()) {
            return new Page(rows, null);
        }
        return new Page(
                List.copyOf(rows.subList(0, filter.limit())), rows.getLast().version());
    }

    /**
     * Hands the stream's events up to {@code maxVersion} to the visitor in version order until it returns
     * false. Rows are fetched in slices, so a long stream is never held in memory at once.
     */
    public void scan(UUID streamId, int maxVersion, Predicate<Entry> visitor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // pgjdbc only streams with a fetch size inside a transaction
            try (PreparedStatement ps =
                    bind(c, SELECT + " AND version <= ? ORDER BY version", List.of(streamId, maxVersion))) {
                ps.setFetchSize(SCAN_FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean more = true;
                    while (more && rs.next()) {
                        more = visitor.test(entry(rs));
                    }
                }
            } finally {
                c.rollback(); // read only: nothing to keep
            }
        }
    }

    private Entry entry(ResultSet rs) throws SQLException {
        String type = rs.getString(4);
        int storedSchema = rs.getInt(5);
        LedgerEvent event = codec.fromData(type, storedSchema, parse(rs.getString(8)));
        return new Entry(
                rs.getObject(1, UUID.class),
                rs.getInt(2),
                rs.getLong(3),
                type,
                EventTypes.of(event).schemaVersion(),
                storedSchema,
                rs.getObject(6, OffsetDateTime.class).toInstant(),
                rs.getObject(7, OffsetDateTime.class).toInstant(),
                event,
                codec.toData(event),
                parse(rs.getString(9)),
                HashChain.hex(rs.getBytes(10)),
                HashChain.hex(rs.getBytes(11)));
    }

    private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    private static PreparedStatement bind(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            ps.setObject(i + 1, arg instanceof String[] names ? c.createArrayOf("text", names) : arg);
        }
        return ps;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
