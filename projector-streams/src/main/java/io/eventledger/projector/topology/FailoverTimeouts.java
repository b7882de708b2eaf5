package io.eventledger.projector.topology;

import java.time.Duration;

/**
 * What bounds how soon the other instances take over from one that died without leaving the group
 * ({@link StreamsSettings} says how): {@code session} is how long the broker waits for a heartbeat before
 * it declares an instance dead; {@code transaction} how long a dead instance's open transaction can hold up
 * the reading of its changelog and output partitions before the broker aborts it.
 */
public record FailoverTimeouts(Duration session, Duration transaction) {

    public FailoverTimeouts {
        if (heartbeatOf(session).toMillis() < 1 || transaction.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "the session timeout must be at least 4 ms and the transaction timeout positive, got " + session
                            + " and " + transaction);
        }
    }

    /** A quarter of the session timeout: a live instance misses three heartbeats before it is declared dead. */
    public Duration heartbeat() {
        return heartbeatOf(session);
    }

    private static Duration heartbeatOf(Duration session) {
        return session.dividedBy(4);
    }
}
