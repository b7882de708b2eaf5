package io.eventledger.projector.topology;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A read model as JSON through the project's one mapper: amounts are strings, never doubles. One serde
 * per read model, shared by the stores, the output topics, the mirrors and the tests.
 */
public final class ReadModelSerde<T> implements Serde<T> {

    public static final ReadModelSerde<Balance> BALANCE = new ReadModelSerde<>(Balance.class, Balance::version);
    public static final ReadModelSerde<DailySummary> DAILY_SUMMARY =
            new ReadModelSerde<>(DailySummary.class, DailySummary::version);

    private final Class<T> type;
    private final ToIntFunction<T> version;
    // bound to the type once: the mapper would look the (de)serializer up again on every call
    private final ObjectWriter writer;
    private final ObjectReader reader;
    // the processor writes each new value for its output topic and then puts the same instance into its
    // store: the second write hands back the bytes of the first instead of encoding again (per thread,
    // since stream threads share this serde; values are immutable records, so the bytes stay right)
    private final ThreadLocal<Written<T>> lastWritten = new ThreadLocal<>();

    private record Written<T>(T value, byte[] bytes) {}

    private ReadModelSerde(Class<T> type, ToIntFunction<T> version) {
        this.type = type;
        this.version = version;
        this.writer = Json.mapper().writerFor(type);
        this.reader = Json.mapper().readerFor(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    /** The account version a value reflects: which of two copies is newer. */
    public int version(T value) {
        return version.applyAsInt(value);
    }

    public byte[] write(T value) {
        Written<T> last = lastWritten.get();
        if (last != null && last.value() == value) {
            return last.bytes();
        }
        try {
            byte[] bytes = writer.writeValueAsBytes(value);
            lastWritten.set(new Written<>(value, bytes));
            return bytes;
        } catch (IOException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + ": " + value, e);
        }
    }

    public T read(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw new SerializationException(
                    "not a " + type.getSimpleName() + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }
}
