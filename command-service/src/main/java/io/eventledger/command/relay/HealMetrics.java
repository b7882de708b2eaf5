package io.eventledger.command.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The healing of the cluster from the store, in Prometheus: {@code ledger_relay_heal_republished_total}
 * (events sent again), {@code ledger_relay_heal_remaining} (events of the heal in progress not yet sent, 0
 * when none runs) and {@code ledger_relay_topics_short} (published events the topics cannot account for at
 * the last full check, which the relay does not repair on its own).
 */
final class HealMetrics {

    private final Counter republished;
    // gauges hold their state weakly, so these fields keep it alive
    private final AtomicLong remaining = new AtomicLong();
    private final AtomicLong shortOf = new AtomicLong();

    HealMetrics(MeterRegistry registry) {
        republished = Counter.builder("ledger.relay.heal.republished")
                .description("stored events sent again to a new, wiped or recreated topic")
                .register(registry);
        Gauge.builder("ledger.relay.heal.remaining", remaining, AtomicLong::get)
                .description("events of the heal in progress not yet acknowledged")
                .register(registry);
        Gauge.builder("ledger.relay.topics.short", shortOf, AtomicLong::get)
                .description("published events the event topics lack, at the last full check")
                .register(registry);
    }

    void remaining(long events) {
        remaining.set(Math.max(0, events));
    }

    void republished(long events) {
        republished.increment(events);
    }

    void shortOf(long events) {
        shortOf.set(events);
    }
}
