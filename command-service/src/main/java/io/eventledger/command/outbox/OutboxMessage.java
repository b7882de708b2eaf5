package io.eventledger.command.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventHeaders;
import io.eventledger.contract.envelope.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;

/**
 * One event as the relay sends it: the topic follows {@code aggregateType}, the key is {@code aggregateId},
 * the value is {@code payload} (the envelope's JSON) and {@code headers} is a JSON object of the Kafka
 * headers. An outbox row stores exactly this, and republish builds it the same way from the event store,
 * so both send the same key, envelope and headers.
 */
public record OutboxMessage(String aggregateType, String aggregateId, String type, String payload, String headers) {

    private static final ObjectMapper MAPPER = Json.mapper();

    public static OutboxMessage of(EventEnvelope envelope) {
        return new OutboxMessage(
                envelope.aggregateType(),
                envelope.aggregateId().toString(),
                envelope.eventType(),
                json(envelope),
                headers(envelope).toString());
    }

    /** The headers as one JSON object of strings; the names are ledger-contract's, so consumers see one contract. */
    private static ObjectNode headers(EventEnvelope envelope) {
        ObjectNode headers = MAPPER.createObjectNode();
        for (Header header : EventHeaders.of(envelope)) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String json(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write envelope " + envelope.eventId(), e);
        }
    }
}
