package io.eventledger.command.relay;

import java.time.Duration;

/**
 * How often the relay looks: for new rows while active, for the lock while standing by (this bounds the
 * takeover time once the active relay's session is gone), and again after a failure; how long it waits
 * for the broker's acknowledgements of one batch; and how often it counts the outbox for its depth gauge.
 */
public record RelayTimings(
        Duration idlePoll, Duration lockRetry, Duration backoff, Duration ackTimeout, Duration depthEvery) {

    public static RelayTimings standard() {
        return new RelayTimings(
                Duration.ofMillis(20),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofSeconds(1));
    }
}
