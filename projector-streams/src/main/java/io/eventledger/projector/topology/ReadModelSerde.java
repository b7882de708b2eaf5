package io.eventledger.projector.topology;

import io.eventledger.common.envelope.Json;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A read model as JSON through the project's one mapper: amounts are strings, never doubles. One serde
 * per read model, shared by the stores, the output topics, the mirrors and the tests.
 */
public final class ReadModelSerde<T> implements Serde<T> {

    public static final ReadModelSerde<Balance> BALANCE = new ReadModelSerde<>(Balance.class);
    public static final ReadModelSerde<DailySummary> DAILY_SUMMARY = new ReadModelSerde<>(DailySummary.class);

    private final Class<T> type;

    private ReadModelSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    public byte[] write(T value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + ": " + value, e);
        }
    }

    public T read(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, type);
        } catch (IOException e) {
            throw new SerializationException("not a " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
