package io.eventledger.command.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.common.envelope.EventEnvelope;
import io.eventledger.common.envelope.EventHeaders;
import io.eventledger.common.envelope.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * Inserts one {@code ledger.outbox} row per event on the caller's connection, so the rows commit or roll
 * back with the events. The row is what the relay sends: payload = the envelope, headers = the Kafka headers.
 */
public final class OutboxWriter {

    private static final String INSERT = "INSERT INTO ledger.outbox (aggregatetype, aggregateid, type, payload, headers) VALUES ";
    private static final String ROW = "(?, ?, ?, ?::jsonb, ?::jsonb)";
    private final ObjectMapper mapper = Json.mapper();

    public void write(Connection c, List<EventEnvelope> envelopes) throws SQLException {
        if (envelopes.isEmpty()) {
            return;
        }
        String sql = INSERT + String.join(", ", Collections.nCopies(envelopes.size(), ROW));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            for (EventEnvelope e : envelopes) {
                ps.setString(++i, e.aggregateType());
                ps.setString(++i, e.aggregateId().toString());
                ps.setString(++i, e.eventType());
                ps.setString(++i, json(e));
                ps.setString(++i, headers(e).toString());
            }
            ps.executeUpdate();
        }
    }

    /** The headers as one JSON object of strings; the names are common's, so consumers see one contract. */
    private ObjectNode headers(EventEnvelope envelope) {
        ObjectNode headers = mapper.createObjectNode();
        for (Header header : EventHeaders.of(envelope)) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private String json(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write envelope " + envelope.eventId(), e);
        }
    }
}
