package io.eventledger.loadtest.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The run's instants on the monotonic clock: start, end of warmup, end of load, and the last resend. */
record RunClock(long startNanos, long measureFromNanos, long endNanos, long deadlineNanos) {

    static RunClock startingNow(Duration warmup, Duration duration) {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        return new RunClock(start, measureFrom, end, end + BenchConfig.GRACE.toNanos());
    }

    /** Whole seconds of the measured window (a partial last second counts as one). */
    long seconds() {
        return (endNanos - measureFromNanos + 999_999_999L) / 1_000_000_000L;
    }

    /** Closes the stats' interval at the end of each measured second (warmup commands are never recorded). */
    void tickEachSecond(BenchStats stats) {
        for (long second = 1; second <= seconds(); second++) {
            waitUntil(Math.min(measureFromNanos + second * 1_000_000_000L, endNanos));
            stats.tick(second);
        }
    }

    static void waitUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
