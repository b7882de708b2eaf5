package io.eventledger.command.eventstore;

import java.util.UUID;

/** Another writer appended to the stream since the caller loaded it; nothing of this append was written. */
public final class ConcurrencyException extends RuntimeException {

    public ConcurrencyException(UUID streamId, int expectedVersion) {
        this("stream " + streamId + " moved past version " + expectedVersion + " meanwhile");
    }

    public ConcurrencyException(String message) {
        super(message, null, false, false);
    }
}
