package io.eventledger.command.bench;

/**
 * The outcome of one run, as {@code NAME.json} holds it. Counts are of measured commands only:
 * {@code sent = ok + refused4xx + errors5xx}, where errors include commands that got no answer at all
 * ({@code noAnswer}). {@code kafka} and {@code readModel} are null when not asked for.
 */
public record BenchReport(String mode, int clients, Double rate, double durationS, double warmupS, long sent,
                          long ok, long refused4xx, long errors5xx, long noAnswer, long retries,
                          double throughputPerS, LatencySummary latency, LatencySummary kafka, long kafkaUnseen,
                          LatencySummary readModel, long readModelFailures, int accounts, double zipf, String mix,
                          long seed, String runId) {

    public boolean anyErrors() {
        return errors5xx > 0;
    }
}
