package io.eventledger.command.testing;

import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.contract.envelope.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A stream's hash chain as an auditor reads it back from ledger.events, jsonb round trip included. */
public final class StoredChain {

    private static final String SQL = "SELECT event_id, stream_type, stream_id, version, event_type, schema_version,"
            + " data::text, metadata::text, occurred_at, prev_hash, hash FROM ledger.events WHERE stream_id = ?"
            + " ORDER BY version";

    /** One stored event: the fields its hash covers, and the two hashes as stored. */
    public record Link(ChainEntry entry, byte[] prevHash, byte[] hash) {}

    private StoredChain() {}

    public static List<Link> of(UUID streamId) throws Exception {
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setObject(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Link> links = new ArrayList<>();
                while (rs.next()) {
                    links.add(new Link(entry(rs), rs.getBytes(10), rs.getBytes(11)));
                }
                return links;
            }
        }
    }

    private static ChainEntry entry(ResultSet rs) throws Exception {
        return new ChainEntry(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getInt(4),
                rs.getString(5),
                rs.getInt(6),
                Json.mapper().readTree(rs.getString(7)),
                Json.mapper().readTree(rs.getString(8)),
                rs.getObject(9, java.time.OffsetDateTime.class).toInstant());
    }
}
