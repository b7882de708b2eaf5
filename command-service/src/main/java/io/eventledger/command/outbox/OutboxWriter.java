package io.eventledger.command.outbox;

import io.eventledger.common.envelope.EventEnvelope;
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

    private static final String INSERT = "INSERT INTO ledger.outbox (aggregatetype, aggregateid, type, payload, headers) VALUES ";
    private static final String ROW = "(?, ?, ?, ?::jsonb, ?::jsonb)";

    public void write(Connection c, List<EventEnvelope> envelopes) throws SQLException {
        if (envelopes.isEmpty()) {
            return;
        }
        String sql = INSERT + String.join(", ", Collections.nCopies(envelopes.size(), ROW));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            for (EventEnvelope envelope : envelopes) {
                OutboxMessage m = OutboxMessage.of(envelope);
                ps.setString(++i, m.aggregateType());
                ps.setString(++i, m.aggregateId());
                ps.setString(++i, m.type());
                ps.setString(++i, m.payload());
                ps.setString(++i, m.headers());
            }
            ps.executeUpdate();
        }
    }
}
