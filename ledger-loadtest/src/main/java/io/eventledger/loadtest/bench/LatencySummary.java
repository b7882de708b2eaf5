package io.eventledger.loadtest.bench;

import org.HdrHistogram.Histogram;

/** Percentiles of a histogram recorded in microseconds, in milliseconds as the results show them. */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max) {

    static final double MICROS_PER_MS = 1_000.0;

    public static LatencySummary of(Histogram micros) {
        return new LatencySummary(
                micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    static double ms(long micros) {
        return Math.round(micros / MICROS_PER_MS * 1000) / 1000.0;
    }
}
