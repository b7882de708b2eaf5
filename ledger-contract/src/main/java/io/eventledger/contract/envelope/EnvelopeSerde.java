package io.eventledger.contract.envelope;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde of {@link EventEnvelope} for producers and downstream consumers. */
public final class EnvelopeSerde implements Serde<EventEnvelope> {

    // bound to the type once: the mapper would look the (de)serializer up again for every record
    private static final ObjectReader READER = Json.mapper().readerFor(EventEnvelope.class);
    private static final ObjectWriter WRITER = Json.mapper().writerFor(EventEnvelope.class);

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
            return WRITER.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new SerializationException("cannot write envelope " + envelope.eventId(), e);
        }
    }

    /** Throws {@link UndecodableEventException} with the reason when the bytes are not an envelope. */
    public static EventEnvelope read(byte[] bytes) {
        try {
            EventEnvelope envelope = READER.readValue(bytes);
            if (envelope == null
                    || envelope.aggregateId() == null
                    || envelope.eventType() == null
                    || envelope.version() < 1
                    || envelope.data() == null) {
                throw new UndecodableEventException(
                        "not an event envelope (missing aggregateId, eventType, version or data)");
            }
            return envelope;
        } catch (IOException e) {
            throw new UndecodableEventException("not an event envelope: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
