package io.eventledger.command.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.contract.envelope.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes an account event row by plain SQL, as an older release or a migration would have, linked into the
 * stream's hash chain so the chain still verifies. No outbox row: such events reach Kafka by republish.
 */
public final class SqlEvents {

    private static final String HEAD =
            "SELECT version, hash FROM ledger.events WHERE stream_id = ? ORDER BY version DESC LIMIT 1";
    private static final String INSERT =
            "INSERT INTO ledger.events (event_id, stream_type, stream_id, version, event_type,"
                    + " schema_version, data, metadata, occurred_at, prev_hash, hash) VALUES (?, 'account', ?, ?, ?, ?, ?::jsonb,"
                    + " ?::jsonb, ?, ?, ?)";
    private static final String METADATA =
            "{\"userId\":\"legacy-import\",\"roles\":[\"admin\"],\"correlationId\":\"legacy\"}";

    private SqlEvents() {}

    /** Appends after the stream's head on the caller's connection (and transaction); returns the new version. */
    public static int append(Connection c, UUID stream, String eventType, int schemaVersion, String data)
            throws SQLException {
        int version;
        byte[] prevHash;
        try (PreparedStatement ps = c.prepareStatement(HEAD)) {
            ps.setObject(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getInt(1) + 1;
                prevHash = rs.getBytes(2);
            }
        }
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ChainEntry entry = new ChainEntry(
                UUID.randomUUID(),
                "account",
                stream,
                version,
                eventType,
                schemaVersion,
                json(data),
                json(METADATA),
                occurredAt);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, entry.eventId());
            ps.setObject(2, stream);
            ps.setInt(3, version);
            ps.setString(4, eventType);
            ps.setInt(5, schemaVersion);
            ps.setString(6, data);
            ps.setString(7, METADATA);
            ps.setObject(8, OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC));
            ps.setBytes(9, prevHash);
            ps.setBytes(10, HashChain.link(prevHash, entry));
            ps.executeUpdate();
        }
        return version;
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
