package io.eventledger.command.eventstore;

import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.event.LedgerEvent;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * New events for one stream, stated against the head the caller decided on: its version (the
 * optimistic-concurrency check) and its hash (the first new event's prev_hash, lower-case hex).
 */
public record AppendRequest(
        String streamType, UUID streamId, int expectedVersion, String expectedHeadHash, List<NewEvent> events) {

    /**
     * One event to write. Its id is chosen before the write, so a later event of the same command can name
     * it as its cause; its metadata is its own for the same reason.
     */
    public record NewEvent(UUID eventId, LedgerEvent event, EventMetadata metadata) {

        public NewEvent {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(metadata, "metadata");
        }

        public static NewEvent of(LedgerEvent event, EventMetadata metadata) {
            return new NewEvent(UUID.randomUUID(), event, metadata);
        }
    }

    public AppendRequest {
        Objects.requireNonNull(streamType, "streamType");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(expectedHeadHash, "expectedHeadHash");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one event");
        }
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be 0 or more, got " + expectedVersion);
        }
    }

    /** Events that all carry the same metadata, the usual case of one command on one stream. */
    public AppendRequest(
            String streamType,
            UUID streamId,
            int expectedVersion,
            String expectedHeadHash,
            List<? extends LedgerEvent> events,
            EventMetadata metadata) {
        this(streamType, streamId, expectedVersion, expectedHeadHash, newEvents(events, metadata));
    }

    /** The request to start a new stream. */
    public static AppendRequest first(
            String streamType, UUID streamId, List<? extends LedgerEvent> events, EventMetadata metadata) {
        return new AppendRequest(streamType, streamId, 0, HashChain.genesisHex(), events, metadata);
    }

    private static List<NewEvent> newEvents(List<? extends LedgerEvent> events, EventMetadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        return events.stream().map(e -> NewEvent.of(e, metadata)).toList();
    }
}
