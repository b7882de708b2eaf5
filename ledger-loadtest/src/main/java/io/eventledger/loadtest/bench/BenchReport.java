package io.eventledger.loadtest.bench;

import java.util.List;

/**
 * The outcome of one run, as {@code NAME.json} holds it. Counts are of measured commands only:
 * {@code sent = ok + refused4xx + errors5xx}, where errors include commands that got no answer at all
 * ({@code noAnswer}), among them open-loop commands {@code dropped} unsent because their turn came after the
 * deadline. {@code elapsedS} runs from the end of warmup to the last measured answer (at least
 * the duration); throughput is answers over it. {@code kafka} and {@code readModel} are null when not asked for; {@code cpu}
 * (where the machine's CPU went during the measured window) is null where {@code /proc} cannot tell.
 * {@code instances} splits the measured commands' requests by the instance they went to, in the order of the
 * run's URLs.
 */
public record BenchReport(
        String mode,
        int clients,
        Double rate,
        double durationS,
        double elapsedS,
        double warmupS,
        long sent,
        long ok,
        long refused4xx,
        long errors5xx,
        long noAnswer,
        long dropped,
        long retries,
        double throughputPerS,
        LatencySummary latency,
        LatencySummary kafka,
        long kafkaUnseen,
        LatencySummary readModel,
        long readModelFailures,
        int accounts,
        double zipf,
        String mix,
        long seed,
        String runId,
        CpuUsage cpu,
        List<InstanceReport> instances) {

    public BenchReport {
        instances = List.copyOf(instances);
    }

    public boolean anyErrors() {
        return errors5xx > 0;
    }
}
