package io.eventledger.command.relay;

import java.time.Duration;

/**
 * How often the relay looks: for new rows while active, for the lock while standing by (this bounds the
 * takeover time once the active relay's session is gone), and again after a failure; how long it waits
 * for the broker's acknowledgements of one batch; and how often it counts the outbox for its depth gauge; and at least how often it checks that the cluster
 * and topics are still the ones it published to ({@link KafkaHealer}: two metadata requests).
 */
public record RelayTimings(
        Duration idlePoll,
        Duration lockRetry,
        Duration backoff,
        Duration ackTimeout,
        Duration depthEvery,
        Duration targetCheck) {

    public static RelayTimings standard() {
        return new RelayTimings(
                Duration.ofMillis(20),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5));
    }
}
