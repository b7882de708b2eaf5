package io.eventledger.command.eventstore;

import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.contract.event.LedgerEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stream as stored: its events in version order and in their current schema, with the head the next
 * append must name. A stream loaded after a snapshot holds only the events after {@code fromVersion}. An
 * empty stream has version 0, no type and the genesis head hash, so a first append needs no special case.
 */
public record LoadedStream(
        UUID streamId, String streamType, List<StoredEvent> stored, int fromVersion, int version, String headHash) {

    /** One stored event with the facts an audit view needs besides the event itself. */
    public record StoredEvent(UUID eventId, int version, Instant occurredAt, LedgerEvent event) {}

    public LoadedStream {
        stored = List.copyOf(stored);
    }

    public static LoadedStream empty(UUID streamId) {
        return new LoadedStream(streamId, null, List.of(), 0, 0, HashChain.genesisHex());
    }

    /** The events after {@code fromVersion} (every event when nothing was skipped). */
    public List<LedgerEvent> events() {
        return stored.stream().map(StoredEvent::event).toList();
    }

    public boolean isEmpty() {
        return version == 0;
    }
}
