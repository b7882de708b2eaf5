package io.eventledger.command.store;

import io.eventledger.common.event.LedgerEvent;
import java.util.List;
import java.util.UUID;

/**
 * A stream as stored, its events in version order and in their current schema. An empty stream has
 * version 0, no type and the genesis head hash, so a first append needs no special case.
 */
public record LoadedStream(UUID streamId, String streamType, List<LedgerEvent> events, int version,
                           String headHash) {

    public LoadedStream {
        events = List.copyOf(events);
    }

    public static LoadedStream empty(UUID streamId) {
        return new LoadedStream(streamId, null, List.of(), 0, HashChain.genesisHex());
    }

    public boolean isEmpty() {
        return version == 0;
    }
}
