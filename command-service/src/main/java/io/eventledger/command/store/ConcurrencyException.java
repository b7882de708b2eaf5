package io.eventledger.command.store;

import java.util.UUID;

/** Another writer appended to the stream since the caller loaded it; nothing of this append was written. */
public final class ConcurrencyException extends RuntimeException {

    public ConcurrencyException(UUID streamId, int expectedVersion) {
        super("stream " + streamId + " moved past version " + expectedVersion + " meanwhile", null, false, false);
    }
}
