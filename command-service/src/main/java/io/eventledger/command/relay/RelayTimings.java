package io.eventledger.command.relay;

import java.time.Duration;

/**
 * How often the relay looks: for new rows while active, for the lock while standing by, and again after
 * a failure; and how long it waits for the broker's acknowledgements of one batch.
 */
public record RelayTimings(Duration idlePoll, Duration lockRetry, Duration backoff, Duration ackTimeout) {

    public static RelayTimings standard() {
        return new RelayTimings(Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }
}
