package io.eventledger.projector;

import io.eventledger.projector.topology.DeadLetters;
import io.eventledger.projector.topology.ProjectionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts what the topology does with each record: {@code ledger_projector_records_total{outcome}} and
 * {@code ledger_projector_dead_letters_total{reason}}. Every counter exists from the start, at zero, so a
 * dashboard can tell "no dead letters" from "not reporting".
 */
final class ProjectionMetrics implements ProjectionListener {

    private final Counter applied;
    private final Counter duplicates;
    private final Counter parked;
    private final Map<DeadLetters.Kind, Counter> deadLetters = new EnumMap<>(DeadLetters.Kind.class);

    ProjectionMetrics(MeterRegistry registry) {
        this.applied = records(registry, "applied");
        this.duplicates = records(registry, "duplicate");
        this.parked = records(registry, "parked");
        for (DeadLetters.Kind kind : DeadLetters.Kind.values()) {
            deadLetters.put(
                    kind,
                    Counter.builder("ledger.projector.dead.letters")
                            .description("records parked in the dead-letter topic, by reason")
                            .tag("reason", kind.tag())
                            .register(registry));
        }
    }

    @Override
    public void applied(String accountId, int version) {
        applied.increment();
    }

    @Override
    public void duplicate() {
        duplicates.increment();
    }

    @Override
    public void parked(DeadLetters.Kind kind) {
        parked.increment();
        deadLetters.get(kind).increment();
    }

    private static Counter records(MeterRegistry registry, String outcome) {
        return Counter.builder("ledger.projector.records")
                .description("account-event records processed, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
