package io.eventledger.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.eventstore.RoundTrip;
import io.eventledger.contract.envelope.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code ledger.idempotency_keys}, written in the command's own transaction. A batch inserts its keys first,
 * as placeholders no one else can see; a concurrent request with the same key waits on the primary key until
 * that transaction ends, then finds what the command produced. A refused command releases its key, so the
 * client may retry.
 */
public final class IdempotencyKeys {

    /** The status of a row whose command committed; 0 marks a placeholder, visible only to its transaction. */
    private static final int RECORDED = 1;

    private static final String CLAIM_ROW = "(?, ?, ?, 0, '{}'::jsonb)";
    private static final String CLAIM_ALL = "INSERT INTO ledger.idempotency_keys (user_id, key, request_hash, status,"
            + " response) VALUES %s ON CONFLICT (user_id, key) DO NOTHING RETURNING user_id, key";
    private static final String FIND_ALL = "SELECT k.user_id, k.key, k.request_hash, k.response::text"
            + " FROM ledger.idempotency_keys k JOIN unnest(?::text[], ?::text[]) AS v (user_id, key)"
            + " ON k.user_id = v.user_id AND k.key = v.key";
    private static final String RECORD_ALL = "UPDATE ledger.idempotency_keys k SET status = v.status,"
            + " response = v.response::jsonb FROM (VALUES %s) AS v (user_id, key, status, response)"
            + " WHERE k.user_id = v.user_id AND k.key = v.key";
    private static final String RECORD_ROW = "(?::text, ?::text, ?::int, ?::text)";
    private static final String RELEASE_ALL = "DELETE FROM ledger.idempotency_keys WHERE (user_id, key) IN (VALUES %s)";
    private static final String KEY_ROW = "(?::text, ?::text)";
    private static final HexFormat HEX = HexFormat.of();

    /** A claim whose command went through, with what it produced. */
    public record Answered(IdempotencyClaim claim, RecordedOutcome outcome) {}

    /** What an earlier request under a key left: its request hash (hex) and its outcome. */
    public record Earlier(String requestHash, RecordedOutcome outcome) {}

    /**
     * Claims the keys in one statement, in the given order: the claims that are now this transaction's. A key
     * already taken, by an earlier request or by a twin earlier in the list, is not among them; a key a
     * running transaction holds makes this wait for it to end.
     */
    public Set<IdempotencyClaim> claimAll(Connection c, List<IdempotencyClaim> claims) throws SQLException {
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
                    claims.stream()
                            .filter(k -> k.userId().equals(userId) && k.key().equals(key))
                            .findFirst()
                            .ifPresent(taken::add);
                }
            }
        }
        return taken;
    }

    /** What committed earlier requests left under these keys, by (user, key); one statement. */
    public Map<List<String>, Earlier> findAll(Connection c, Collection<IdempotencyClaim> claims) throws SQLException {
        Map<List<String>, Earlier> found = new HashMap<>();
        if (claims.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(FIND_ALL)) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "text",
                            claims.stream().map(IdempotencyClaim::userId).toArray()));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "text", claims.stream().map(IdempotencyClaim::key).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(
                            List.of(rs.getString(1), rs.getString(2)),
                            new Earlier(HEX.formatHex(rs.getBytes(3)), outcome(rs.getString(4))));
                }
            }
        }
        return found;
    }

    /** Adds the outcomes of the batch's claimed keys to its final round trip, in one statement. */
    public void recordAll(RoundTrip trip, List<Answered> answered) {
        if (answered.isEmpty()) {
            return;
        }
        trip.add(RoundTrip.Part.update(RECORD_ALL.formatted(rows(RECORD_ROW, answered.size())), (ps, offset) -> {
            int i = offset;
            for (Answered a : answered) {
                ps.setString(++i, a.claim().userId());
                ps.setString(++i, a.claim().key());
                ps.setInt(++i, RECORDED);
                ps.setString(++i, stored(a.outcome()));
            }
            return i;
        }));
    }

    /** Adds to the batch's final round trip the release of keys whose commands were refused. */
    public void releaseAll(RoundTrip trip, List<IdempotencyClaim> claims) {
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

    private static String stored(RecordedOutcome outcome) {
        return Json.mapper()
                .createObjectNode()
                .put("stream", outcome.streamId().toString())
                .put("version", outcome.version())
                .toString();
    }

    private static RecordedOutcome outcome(String stored) {
        try {
            JsonNode response = Json.mapper().readTree(stored);
            return new RecordedOutcome(
                    UUID.fromString(response.path("stream").asText()),
                    response.path("version").asInt());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("an idempotency key's stored outcome is unreadable: " + stored, e);
        }
    }
}
