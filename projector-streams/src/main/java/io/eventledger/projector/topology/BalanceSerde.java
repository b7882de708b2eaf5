package io.eventledger.projector.topology;

import io.eventledger.common.envelope.Json;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link Balance} as JSON through the project's one mapper: the amount is a string, never a double. */
public final class BalanceSerde implements Serde<Balance> {

    @Override
    public Serializer<Balance> serializer() {
        return (topic, balance) -> balance == null ? null : write(balance);
    }

    @Override
    public Deserializer<Balance> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    public static byte[] write(Balance balance) {
        try {
            return Json.mapper().writeValueAsBytes(balance);
        } catch (IOException e) {
            throw new SerializationException("cannot write balance of " + balance.accountId(), e);
        }
    }

    public static Balance read(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, Balance.class);
        } catch (IOException e) {
            throw new SerializationException("not a balance: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
