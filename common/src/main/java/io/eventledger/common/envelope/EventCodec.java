package io.eventledger.common.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventledger.common.event.LedgerEvent;
import io.eventledger.common.upcast.Upcasters;

/**
 * Event data to and from JSON. Every read goes through the upcasters first, so the event store's
 * load path and every Kafka reader see the current shape of old events.
 */
public final class EventCodec {

    private final ObjectMapper mapper = Json.mapper();
    private final Upcasters upcasters;

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
        EventTypes.EventType type = EventTypes.byName(eventType)
                .orElseThrow(() -> new UndecodableEventException("unknown event type " + eventType));
        try {
            JsonNode current = upcasters.upcast(eventType, schemaVersion, type.schemaVersion(), data);
            LedgerEvent event = mapper.treeToValue(current, type.type());
            if (event == null) {
                throw new UndecodableEventException(eventType + " has no data");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new UndecodableEventException(eventType + " v" + schemaVersion + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new UndecodableEventException(eventType + " v" + schemaVersion + ": " + e.getMessage());
        }
    }

    public LedgerEvent decode(EventEnvelope envelope) {
        return fromData(envelope.eventType(), envelope.schemaVersion(), envelope.data());
    }
}
