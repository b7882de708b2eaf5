package io.eventledger.command.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.common.envelope.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ledger.idempotency_keys}, written in the command's own transaction. The key row is inserted first,
 * as a placeholder no one else can see; a concurrent twin's insert waits on the primary key until the first
 * transaction ends, then finds its reply. A command that fails rolls its key back, so the client may retry.
 */
public final class IdempotencyKeys {

    private static final String CLAIM = "INSERT INTO ledger.idempotency_keys (user_id, key, request_hash, status,"
            + " response) VALUES (?, ?, ?, 0, '{}'::jsonb) ON CONFLICT (user_id, key) DO NOTHING";
    private static final String FIND = "SELECT request_hash, status, response::text FROM ledger.idempotency_keys"
            + " WHERE user_id = ? AND key = ?";
    private static final String RECORD = "UPDATE ledger.idempotency_keys SET status = ?, response = ?::jsonb"
            + " WHERE user_id = ? AND key = ?";
    private static final HexFormat HEX = HexFormat.of();

    /** Empty: the key is this transaction's, run the command. Else the reply the key's first request got. */
    Optional<Reply> claim(Connection c, IdempotencyClaim claim) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, claim.userId());
            ps.setString(2, claim.key());
            ps.setBytes(3, HEX.parseHex(claim.requestHash()));
            if (ps.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        return Optional.of(earlier(c, claim));
    }

    void record(Connection c, IdempotencyClaim claim, Reply reply) throws SQLException {
        ObjectNode response = Json.mapper().createObjectNode();
        // the body as text, so the replay is byte for byte what the first request got (jsonb reorders keys)
        response.put("body", reply.body());
        response.set("headers", Json.mapper().valueToTree(reply.headers()));
        try (PreparedStatement ps = c.prepareStatement(RECORD)) {
            ps.setInt(1, reply.status());
            ps.setString(2, response.toString());
            ps.setString(3, claim.userId());
            ps.setString(4, claim.key());
            ps.executeUpdate();
        }
    }

    private static Reply earlier(Connection c, IdempotencyClaim claim) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, claim.userId());
            ps.setString(2, claim.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("idempotency key " + claim.key() + " conflicted but is gone");
                }
                if (!HEX.formatHex(rs.getBytes(1)).equals(claim.requestHash())) {
                    throw new IdempotencyKeyReusedException(claim.key());
                }
                return reply(rs.getInt(2), rs.getString(3));
            }
        }
    }

    private static Reply reply(int status, String stored) {
        try {
            JsonNode response = Json.mapper().readTree(stored);
            Map<String, String> headers = new LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            return new Reply(status, response.path("body").asText(), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored idempotent response is not JSON", e);
        }
    }
}
