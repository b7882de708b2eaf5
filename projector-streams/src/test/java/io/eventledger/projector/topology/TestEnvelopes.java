package io.eventledger.projector.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.EnvelopeSerde;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Builds account envelopes as the relay publishes them, for driver tests and integration tests. */
public final class TestEnvelopes {

    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final EventCodec CODEC = EventCodec.standard();

    private TestEnvelopes() {}

    public static EventEnvelope of(UUID accountId, int version, AccountEvent event) {
        return at(accountId, version, event, T0.plusSeconds(version));
    }

    /** An envelope whose event occurred at {@code occurredAt}. */
    public static EventEnvelope at(UUID accountId, int version, AccountEvent event, Instant occurredAt) {
        EventTypes.EventType type = EventTypes.of(event);
        return raw(accountId, version, type.name(), type.schemaVersion(), CODEC.toData(event), occurredAt);
    }

    /** An envelope with data as given, e.g. an old schema version's shape. */
    public static EventEnvelope raw(
            UUID accountId, int version, String eventType, int schemaVersion, JsonNode data, Instant occurredAt) {
        return new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.ACCOUNT,
                accountId,
                version,
                version,
                eventType,
                schemaVersion,
                occurredAt,
                occurredAt,
                data,
                new EventMetadata("tester", List.of("operator"), "corr-1", null, null, null, null),
                hash(accountId, version),
                hash(accountId, version - 1));
    }

    public static byte[] bytes(UUID accountId, int version, AccountEvent event) {
        return EnvelopeSerde.write(of(accountId, version, event));
    }

    public static byte[] bytes(EventEnvelope envelope) {
        return EnvelopeSerde.write(envelope);
    }

    /** A stand-in for the chain hash: distinct per account and version, which is all a read model needs. */
    public static String hash(UUID accountId, int version) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) version;
        bytes[1] = (byte) accountId.hashCode();
        return HexFormat.of().formatHex(bytes);
    }
}
