package io.eventledger.command.relay;

import io.eventledger.command.outbox.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads, counts and removes a shard's {@code ledger.outbox} rows on the relay's lock-holding connection. */
final class OutboxRows {

    private static final String OF_SHARD = " FROM ledger.outbox WHERE abs(hashtext(aggregateid)::bigint) % ? = ?";
    private static final String SELECT = "SELECT id, created_at, aggregatetype, aggregateid, type, payload::text,"
            + " headers::text" + OF_SHARD + " AND id <> ALL(?) ORDER BY id LIMIT ?";
    private static final String COUNT = "SELECT count(*)" + OF_SHARD;
    private static final String DELETE = "DELETE FROM ledger.outbox WHERE id = ANY(?)";

    /**
     * One message to send. {@code id} is the outbox row's id (the relay deletes by it) or, when republishing,
     * the event's position; {@code recordedAt} is when the event was recorded, where the relay's lag starts.
     */
    record Row(long id, Instant recordedAt, OutboxMessage message) {}

    private OutboxRows() {}

    /**
     * The shard's oldest rows but those with the {@code excluded} ids (sent, not yet deleted). Only committed
     * rows are visible, so a row of a transaction still running simply shows up later.
     */
    static List<Row> oldest(Connection c, Shard shard, int limit, Long[] excluded) throws SQLException {
        List<Row> rows = new ArrayList<>(limit);
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            bindShard(ps, shard);
            ps.setArray(3, c.createArrayOf("bigint", excluded));
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // created_at and the event's recorded_at are both now() of the writing transaction
                    rows.add(new Row(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant(),
                            new OutboxMessage(
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7))));
                }
            }
        }
        return rows;
    }

    static long depth(Connection c, Shard shard) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNT)) {
            bindShard(ps, shard);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void delete(Connection c, List<Row> rows) throws SQLException {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.executeUpdate();
        }
    }

    /** hashtext is an int4, so it is widened before abs(): abs(-2^31) overflows an int4. */
    private static void bindShard(PreparedStatement ps, Shard shard) throws SQLException {
        ps.setInt(1, shard.count());
        ps.setInt(2, shard.index());
    }
}
