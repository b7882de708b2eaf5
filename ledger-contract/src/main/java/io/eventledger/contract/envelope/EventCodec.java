package io.eventledger.contract.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.eventledger.contract.event.LedgerEvent;
import io.eventledger.contract.upcast.Upcasters;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Event data to and from JSON. Every read goes through the upcasters first, so the event store's
 * load path and every Kafka reader see the current shape of old events.
 */
public final class EventCodec {

    private final ObjectMapper mapper = Json.mapper();
    private final Upcasters upcasters;
    // one reader per type, resolved once: looking the deserializer up per event showed in the load profile
    private final Map<String, ObjectReader> readers = EventTypes.all().stream()
            .collect(Collectors.toUnmodifiableMap(EventTypes.EventType::name, t -> mapper.readerFor(t.type())));

    public EventCodec(Upcasters upcasters) {
        this.upcasters = upcasters;
    }

    public static EventCodec standard() {
        return new EventCodec(Upcasters.standard());
    }

    public JsonNode toData(LedgerEvent event) {
        return mapper.valueToTree(event);
    }

    /** Decodes stored or published data of any known schema version; fails with a reason otherwise. */
    public LedgerEvent fromData(String eventType, int schemaVersion, JsonNode data) {
        return decoded(eventType, schemaVersion, type -> upcastAndRead(type, schemaVersion, data));
    }

    /**
     * Decodes stored JSON text given as its UTF-8 bytes, as the event store reads it (the driver's bytes,
     * with no String made per event). Data already in the current schema is read straight into the event;
     * older data goes through the tree and the upcasters as in {@link #fromData}. Same result and same
     * failures as {@code fromData(type, version, readTree(json))}, without building a tree per event (a
     * 10,000-event fold spent a third of its time there).
     */
    public LedgerEvent fromJson(String eventType, int schemaVersion, byte[] json) {
        return decoded(
                eventType,
                schemaVersion,
                type -> schemaVersion == type.schemaVersion()
                        ? readers.get(eventType).readValue(json)
                        : upcastAndRead(type, schemaVersion, mapper.readTree(json)));
    }

    /** One way of turning data into an event; {@link #decoded} maps its failures. */
    @FunctionalInterface
    private interface Decoding {
        LedgerEvent read(EventTypes.EventType type) throws IOException;
    }

    private LedgerEvent decoded(String eventType, int schemaVersion, Decoding decoding) {
        EventTypes.EventType type = EventTypes.byName(eventType)
                .orElseThrow(() -> new UndecodableEventException("unknown event type " + eventType));
        try {
            LedgerEvent event = decoding.read(type);
            if (event == null) {
                throw new UndecodableEventException(eventType + " has no data");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new UndecodableEventException(eventType + " v" + schemaVersion + ": " + e.getOriginalMessage());
        } catch (IOException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            // IOException: none comes from a byte array, but a read that could throw one must still say why
            throw new UndecodableEventException(eventType + " v" + schemaVersion + ": " + e.getMessage());
        }
    }

    private LedgerEvent upcastAndRead(EventTypes.EventType type, int schemaVersion, JsonNode data)
            throws JsonProcessingException {
        JsonNode current = upcasters.upcast(type.name(), schemaVersion, type.schemaVersion(), data);
        return mapper.treeToValue(current, type.type());
    }

    public LedgerEvent decode(EventEnvelope envelope) {
        return fromData(envelope.eventType(), envelope.schemaVersion(), envelope.data());
    }
}
