package io.eventledger.command.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.contract.envelope.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private static final String CLAIM_ROW = "(?, ?, ?, 0, '{}'::jsonb)";
    private static final String CLAIM_ALL = "INSERT INTO ledger.idempotency_keys (user_id, key, request_hash, status,"
            + " response) VALUES %s ON CONFLICT (user_id, key) DO NOTHING RETURNING user_id, key";
    private static final String RECORD_ALL = "UPDATE ledger.idempotency_keys k SET status = v.status,"
            + " response = v.response::jsonb FROM (VALUES %s) AS v (user_id, key, status, response)"
            + " WHERE k.user_id = v.user_id AND k.key = v.key";
    private static final String RECORD_ROW = "(?::text, ?::text, ?::int, ?::text)";
    private static final String RELEASE_ALL = "DELETE FROM ledger.idempotency_keys WHERE (user_id, key) IN (VALUES %s)";
    private static final String KEY_ROW = "(?::text, ?::text)";
    private static final HexFormat HEX = HexFormat.of();

    /** A claim that went through, with the reply its command got, for {@link #recordAll}. */
    record Answered(IdempotencyClaim claim, Reply reply) {}

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
        try (PreparedStatement ps = c.prepareStatement(RECORD)) {
            ps.setInt(1, reply.status());
            ps.setString(2, stored(reply));
            ps.setString(3, claim.userId());
            ps.setString(4, claim.key());
            ps.executeUpdate();
        }
    }

    /**
     * A group commit's claims in one statement, in the given order: the claims that are now this
     * transaction's. A key already taken, by an earlier request or by a twin earlier in the list, is not
     * among them; as in {@link #claim}, a key a running transaction holds makes this wait for it to end.
     */
    Set<IdempotencyClaim> claimAll(Connection c, List<IdempotencyClaim> claims) throws SQLException {
        Set<IdempotencyClaim> taken = new HashSet<>();
        if (claims.isEmpty()) {
            return taken;
        }
        try (PreparedStatement ps = c.prepareStatement(CLAIM_ALL.formatted(rows(CLAIM_ROW, claims.size())))) {
            int i = 0;
            for (IdempotencyClaim claim : claims) {
                ps.setString(++i, claim.userId());
                ps.setString(++i, claim.key());
                ps.setBytes(++i, HEX.parseHex(claim.requestHash()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String userId = rs.getString(1);
                    String key = rs.getString(2);
                    claims.stream().filter(k -> k.userId().equals(userId) && k.key().equals(key)).findFirst()
                            .ifPresent(taken::add);
                }
            }
        }
        return taken;
    }

    /** Adds the replies of a group commit's claimed keys to its final round trip, in one statement. */
    void recordAll(RoundTrip trip, List<Answered> answered) {
        if (answered.isEmpty()) {
            return;
        }
        trip.add(RoundTrip.Part.update(RECORD_ALL.formatted(rows(RECORD_ROW, answered.size())), (ps, offset) -> {
            int i = offset;
            for (Answered a : answered) {
                ps.setString(++i, a.claim().userId());
                ps.setString(++i, a.claim().key());
                ps.setInt(++i, a.reply().status());
                ps.setString(++i, stored(a.reply()));
            }
            return i;
        }));
    }

    /**
     * Adds to a group commit's final round trip the release of keys it claimed for commands that failed or go
     * again alone, as a rollback would.
     */
    void releaseAll(RoundTrip trip, List<IdempotencyClaim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        trip.add(RoundTrip.Part.update(RELEASE_ALL.formatted(rows(KEY_ROW, claims.size())), (ps, offset) -> {
            int i = offset;
            for (IdempotencyClaim claim : claims) {
                ps.setString(++i, claim.userId());
                ps.setString(++i, claim.key());
            }
            return i;
        }));
    }

    private static String rows(String row, int count) {
        return String.join(", ", Collections.nCopies(count, row));
    }

    /** The body as text, so the replay is byte for byte what the first request got (jsonb reorders keys). */
    private static String stored(Reply reply) {
        ObjectNode response = Json.mapper().createObjectNode();
        response.put("body", reply.body());
        response.set("headers", Json.mapper().valueToTree(reply.headers()));
        return response.toString();
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
