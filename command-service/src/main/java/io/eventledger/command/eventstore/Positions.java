package io.eventledger.command.eventstore;

import java.time.Instant;
import java.util.List;

/**
 * Positions taken from the events' identity before the events are written, in the order the database gave
 * them, and the transaction's {@code now()}, which is every row's {@code recorded_at}.
 */
public record Positions(Instant now, List<Long> positions) {

    public Positions {
        positions = List.copyOf(positions);
    }
}
