package io.eventledger.command.store;

import io.eventledger.common.envelope.EventMetadata;
import io.eventledger.common.event.LedgerEvent;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * New events for one stream, stated against the head the caller decided on: its version (the
 * optimistic-concurrency check) and its hash (the first new event's prev_hash, lower-case hex).
 */
public record AppendRequest(String streamType, UUID streamId, int expectedVersion, String expectedHeadHash,
                            List<? extends LedgerEvent> events, EventMetadata metadata) {

    public AppendRequest {
        Objects.requireNonNull(streamType, "streamType");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(expectedHeadHash, "expectedHeadHash");
        Objects.requireNonNull(metadata, "metadata");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one event");
        }
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be 0 or more, got " + expectedVersion);
        }
    }

    /** The request to start a new stream. */
    public static AppendRequest first(String streamType, UUID streamId, List<? extends LedgerEvent> events,
                                      EventMetadata metadata) {
        return new AppendRequest(streamType, streamId, 0, HashChain.genesisHex(), events, metadata);
    }
}
