package io.eventledger.loadtest.bench;

/**
 * One instance's share of the measured commands, as {@code NAME.json} holds it under {@code instances}; see
 * {@link InstanceCounts} for what each count is.
 */
public record InstanceReport(
        String url, long commands, long requests, long ok, long refused4xx, long errors5xx, long noAnswer) {

    static InstanceReport of(String url, InstanceCounts counts) {
        return new InstanceReport(
                url,
                counts.commands.sum(),
                counts.requests.sum(),
                counts.ok.sum(),
                counts.refused.sum(),
                counts.errors.sum(),
                counts.noAnswer.sum());
    }

    /** Requests this instance answered with a 5xx or not at all. */
    public long failures() {
        return errors5xx + noAnswer;
    }
}
