package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenchStatsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void answeringTimeRunsToTheLastAnswerWhateverTheClocksOrigin() {
        for (long origin : new long[] {5_000 * SECOND, -5_000 * SECOND, Long.MAX_VALUE - 10 * SECOND}) {
            BenchStats stats = new BenchStats(1);
            assertThat(stats.answeringSeconds(origin)).isZero();

            stats.recordLatency(SECOND, origin + 2 * SECOND);
            // an answer that overtook a later one must not pull the end back
            stats.recordLatency(SECOND, origin + 40 * SECOND);
            stats.recordLatency(SECOND, origin + 3 * SECOND);

            assertThat(stats.answeringSeconds(origin)).as("origin %d", origin).isCloseTo(40, within(1e-9));
        }
    }

    @Test
    void aServiceThatFellBehindIsNotCreditedWithTheRate() {
        BenchStats stats = new BenchStats(1);
        long from = 1_000 * SECOND;
        for (int i = 0; i < 30_000; i++) {
            stats.ok.increment();
            // 30,000 answers spread over 60 s, though the run's duration was 30 s
            stats.recordLatency(SECOND, from + i * (60 * SECOND / 30_000));
        }
        assertThat(stats.answeringSeconds(from)).isCloseTo(60, within(0.01));
    }
}
