package io.eventledger.command.eventstore.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.contract.envelope.Json;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of one event that its hash covers. {@code occurredAt} must already be at
 * microsecond precision, the most a timestamptz keeps, or a re-read event would hash differently.
 */
public record ChainEntry(
        UUID eventId,
        String streamType,
        UUID streamId,
        int version,
        String eventType,
        int schemaVersion,
        JsonNode data,
        JsonNode metadata,
        Instant occurredAt) {

    /** The JSON document that is canonicalised and hashed. */
    public ObjectNode document() {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("eventId", eventId.toString());
        doc.put("streamType", streamType);
        doc.put("streamId", streamId.toString());
        doc.put("version", version);
        doc.put("eventType", eventType);
        doc.put("schemaVersion", schemaVersion);
        doc.set("data", data);
        doc.set("metadata", metadata);
        doc.put("occurredAt", occurredAt.toString());
        return doc;
    }
}
