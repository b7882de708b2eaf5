package io.eventledger.command.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shard relay's meters. Lag runs from the event's recorded_at (the database's clock) to the broker's
 * ack (the relay's clock), so it is only as exact as the two clocks agree. In Prometheus:
 * {@code ledger_relay_lag_seconds}, {@code ledger_relay_published_total}, {@code ledger_relay_outbox_depth},
 * {@code ledger_relay_failovers_total}, {@code ledger_relay_active}, each tagged with the shard.
 */
public final class RelayMetrics {

    private final Timer lag;
    private final Counter published;
    private final Counter failovers;
    // gauges hold their state weakly, so these fields keep it alive
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong active = new AtomicLong();

    public RelayMetrics(MeterRegistry registry, Shard shard) {
        Tags tags = Tags.of("shard", Integer.toString(shard.index()));
        lag = Timer.builder("ledger.relay.lag")
                .description("event recorded_at to broker ack")
                .tags(tags)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        published = Counter.builder("ledger.relay.published")
                .description("records the broker acknowledged")
                .tags(tags)
                .register(registry);
        failovers = Counter.builder("ledger.relay.failovers")
                .description("times this relay became active after standing by")
                .tags(tags)
                .register(registry);
        Gauge.builder("ledger.relay.outbox.depth", depth, AtomicLong::get)
                .description("rows of the shard waiting in ledger.outbox, counted every second")
                .tags(tags)
                .register(registry);
        Gauge.builder("ledger.relay.active", active, AtomicLong::get)
                .description("1 while this process publishes the shard, 0 while it stands by")
                .tags(tags)
                .register(registry);
    }

    void acked(OutboxRows.Row row) {
        lag.record(Duration.between(row.recordedAt(), Instant.now()));
        published.increment();
    }

    void depth(long rows) {
        depth.set(rows);
    }

    void active(boolean isActive, boolean afterStandingBy) {
        active.set(isActive ? 1 : 0);
        if (isActive && afterStandingBy) {
            failovers.increment();
        }
    }
}
