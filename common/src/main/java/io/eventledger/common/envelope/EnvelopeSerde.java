package io.eventledger.common.envelope;

import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde of {@link EventEnvelope} for producers and downstream consumers. */
public final class EnvelopeSerde implements Serde<EventEnvelope> {

    @Override
    public Serializer<EventEnvelope> serializer() {
        return (topic, envelope) -> envelope == null ? null : write(envelope);
    }

    @Override
    public Deserializer<EventEnvelope> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    public static byte[] write(EventEnvelope envelope) {
        try {
            return Json.mapper().writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new SerializationException("cannot write envelope " + envelope.eventId(), e);
        }
    }

    /** Throws {@link UndecodableEventException} with the reason when the bytes are not an envelope. */
    public static EventEnvelope read(byte[] bytes) {
        try {
            EventEnvelope envelope = Json.mapper().readValue(bytes, EventEnvelope.class);
            if (envelope == null || envelope.aggregateId() == null || envelope.eventType() == null
                    || envelope.version() < 1 || envelope.data() == null) {
                throw new UndecodableEventException("not an event envelope (missing aggregateId, eventType, version or data)");
            }
            return envelope;
        } catch (IOException e) {
            throw new UndecodableEventException("not an event envelope: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
