package io.eventledger.command.execution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write side's command meters. In Prometheus: {@code ledger_commands_total{type, outcome}} (counted by
 * the HTTP stage once the answer's status is known), {@code ledger_command_conflicts_total{type}} (an
 * attempt lost the race for a stream's next version), {@code ledger_command_retries_total{type}} (the
 * command was decided again on fresh state) and the histogram {@code ledger_append_seconds{streams}}: a
 * command's batch transaction that appended, from begin to commit, by how many streams it wrote; and the
 * histogram {@code ledger_group_commit_commands}: how many commands shared a commit.
 */
public final class CommandMetrics {

    private final MeterRegistry registry;
    // a builder's register() looks the meter up by name and tags on every call; these are looked up once
    private final Map<String, Counter> answered = new ConcurrentHashMap<>();
    private final Map<String, Timer> appended = new ConcurrentHashMap<>();
    // registered on first use
    private volatile DistributionSummary batched;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A command was answered; {@code outcome} is one of the HTTP stage's few fixed outcomes. */
    public void answered(String type, String outcome) {
        answered.computeIfAbsent(
                        type + '\n' + outcome,
                        key -> Counter.builder("ledger.commands")
                                .description("commands answered, by type and outcome")
                                .tags("type", type, "outcome", outcome)
                                .register(registry))
                .increment();
    }

    void conflicted(String type) {
        Counter.builder("ledger.command.conflicts")
                .description("attempts that lost the race for a stream's version")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    void retried(String type) {
        Counter.builder("ledger.command.retries")
                .description("commands decided again on fresh state")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    void batched(int commands) {
        DistributionSummary summary = batched;
        if (summary == null) {
            // two first batches at once both register; the registry hands both the same summary
            summary = DistributionSummary.builder("ledger.group.commit.commands")
                    .description("commands decided together in one group commit transaction")
                    .publishPercentileHistogram()
                    .register(registry);
            batched = summary;
        }
        summary.record(commands);
    }

    void appended(int streams, Duration transaction) {
        appended.computeIfAbsent(
                        Integer.toString(streams),
                        tag -> Timer.builder("ledger.append")
                                .description("a command's append transaction, begin to commit")
                                .tag("streams", tag)
                                .publishPercentileHistogram()
                                .register(registry))
                .record(transaction);
    }
}
