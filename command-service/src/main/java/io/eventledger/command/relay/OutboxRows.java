package io.eventledger.command.relay;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads and removes {@code ledger.outbox} rows on the relay's lock-holding connection. */
final class OutboxRows {

    private static final String SELECT = "SELECT id, aggregatetype, aggregateid, type, payload::text, headers::text"
            + " FROM ledger.outbox ORDER BY id LIMIT ?";
    private static final String DELETE = "DELETE FROM ledger.outbox WHERE id = ANY(?)";

    /** One row as the relay sends it: the payload is the envelope's JSON, headers a JSON object. */
    record Row(long id, String aggregateType, String aggregateId, String type, byte[] payload, String headers) {}

    private OutboxRows() {
    }

    /** Only committed rows are visible, so a row of a transaction still running simply shows up later. */
    static List<Row> oldest(Connection c, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5).getBytes(StandardCharsets.UTF_8), rs.getString(6)));
                }
            }
        }
        return rows;
    }

    static void delete(Connection c, List<Row> rows) throws SQLException {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.executeUpdate();
        }
    }
}
