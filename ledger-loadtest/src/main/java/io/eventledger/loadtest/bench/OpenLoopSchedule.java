package io.eventledger.loadtest.bench;

/**
 * When the n-th command of an open-loop run is meant to start: evenly spaced at the rate, whatever the
 * service does. Latency is measured from this intended start, so a stall that delays later sends counts
 * against every command it delayed (coordinated omission corrected).
 */
record OpenLoopSchedule(long startNanos, double ratePerSecond) {

    private static final double NANOS_PER_SECOND = 1e9;

    OpenLoopSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be above 0, got " + ratePerSecond);
        }
    }

    long intendedStart(long n) {
        return startNanos + Math.round(n * NANOS_PER_SECOND / ratePerSecond);
    }

    /** How many commands start before {@code endNanos}. */
    long countBefore(long endNanos) {
        if (endNanos <= startNanos) {
            return 0;
        }
        long n = (long) Math.ceil((endNanos - startNanos) * ratePerSecond / NANOS_PER_SECOND);
        while (n > 0 && intendedStart(n - 1) >= endNanos) {
            n--;
        }
        while (intendedStart(n) < endNanos) {
            n++;
        }
        return n;
    }
}
