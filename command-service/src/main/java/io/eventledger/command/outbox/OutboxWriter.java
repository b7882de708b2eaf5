package io.eventledger.command.outbox;

import io.eventledger.contract.envelope.EventEnvelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Inserts one {@code ledger.outbox} row per event on the caller's connection, so the rows commit or roll
 * back with the events. The row is what the relay sends: an {@link OutboxMessage}.
 */
public final class OutboxWriter {

    private static final String INSERT =
            "INSERT INTO ledger.outbox (aggregatetype, aggregateid, type, payload, headers) VALUES ";
    private static final String ROW = "(?, ?, ?, ?::jsonb, ?::jsonb)";

    public void write(Connection c, List<EventEnvelope> envelopes) throws SQLException {
        if (envelopes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql(envelopes.size()))) {
            bind(ps, 0, envelopes);
            ps.executeUpdate();
        }
    }

    /** The INSERT of {@code rows} rows, for a caller that sends it along with other statements. */
    public String sql(int rows) {
        return INSERT + String.join(", ", Collections.nCopies(rows, ROW));
    }

    /** Binds the rows of {@link #sql} after parameter {@code offset}; returns the last index bound. */
    public int bind(PreparedStatement ps, int offset, List<EventEnvelope> envelopes) throws SQLException {
        int i = offset;
        for (EventEnvelope envelope : envelopes) {
            OutboxMessage m = OutboxMessage.of(envelope);
            ps.setString(++i, m.aggregateType());
            ps.setString(++i, m.aggregateId());
            ps.setString(++i, m.type());
            ps.setString(++i, m.payload());
            ps.setString(++i, m.headers());
        }
        return i;
    }
}
