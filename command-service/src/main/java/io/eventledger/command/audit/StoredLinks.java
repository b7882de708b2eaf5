package io.eventledger.command.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.contract.envelope.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads {@code ledger.events} for the verifier a batch at a time, by keyset on the unique index
 * (stream_id, version): each batch is a short query, so a long verification holds no transaction open and
 * never has the whole table in memory.
 */
final class StoredLinks {

    /** One stored event: the fields its hash covers and the two hashes as stored. */
    record Link(ChainEntry entry, byte[] prevHash, byte[] hash) {}

    private static final String COLUMNS = "SELECT event_id, stream_type, stream_id, version, event_type,"
            + " schema_version, data::text, metadata::text, occurred_at, prev_hash, hash FROM ledger.events ";
    private static final String ALL_AFTER =
            COLUMNS + "WHERE (stream_id, version) > (?, ?) ORDER BY stream_id, version LIMIT ?";
    private static final String STREAM_AFTER = COLUMNS + "WHERE stream_id = ? AND version > ? ORDER BY version LIMIT ?";
    /** Sorts before every stream id, so the first batch of the whole table starts here. */
    static final UUID LOWEST = new UUID(0, 0);

    private final DataSource dataSource;

    StoredLinks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The next links of the whole table after (streamId, version), in (stream_id, version) order. */
    List<Link> after(UUID streamId, int version, int limit) throws SQLException {
        return query(ALL_AFTER, streamId, version, limit);
    }

    /** The next links of one stream after a version. */
    List<Link> afterInStream(UUID streamId, int version, int limit) throws SQLException {
        return query(STREAM_AFTER, streamId, version, limit);
    }

    private List<Link> query(String sql, UUID streamId, int version, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, streamId);
            ps.setInt(2, version);
            ps.setInt(3, limit);
            List<Link> links = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    links.add(new Link(entry(rs), rs.getBytes(10), rs.getBytes(11)));
                }
            }
            return links;
        }
    }

    /** The entry exactly as the store hashed it: jsonb re-parsed, occurred_at at its stored microseconds. */
    private static ChainEntry entry(ResultSet rs) throws SQLException {
        return new ChainEntry(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getInt(4),
                rs.getString(5),
                rs.getInt(6),
                parse(rs.getString(7)),
                parse(rs.getString(8)),
                rs.getObject(9, OffsetDateTime.class).toInstant());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored jsonb value is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
