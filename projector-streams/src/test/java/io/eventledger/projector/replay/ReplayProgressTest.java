package io.eventledger.projector.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

    @Test
    void aLineShowsConsumedOfTotalRateAndEta() {
        assertThat(ReplayProgress.line("events", 25_000, 100_000, Duration.ofSeconds(5), false))
                .isEqualTo("events 25,000/100,000 records 25% 5,000/s ETA 15s");
        assertThat(ReplayProgress.line("events", 1_000, 1_000_000, Duration.ofSeconds(10), false))
                .endsWith("100/s ETA 166m30s");
        assertThat(ReplayProgress.line("events", 0, 10, Duration.ZERO, false)).endsWith("0/s ETA ?");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlace() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong();
        ReplayProgress progress = new ReplayProgress("events", new PrintWriter(out), true, now::get, 0);
        now.set(Duration.ofSeconds(1).toNanos());
        progress.update(50, 100);
        now.addAndGet(Duration.ofMillis(10).toNanos());
        progress.update(60, 100);
        now.set(Duration.ofSeconds(2).toNanos());
        Duration took = progress.finish(100, 100);

        assertThat(out.toString())
                .startsWith("\revents [###############---------------] 50/100 records 50% 50/s")
                .doesNotContain("60/100")
                .contains("\revents [##############################] 100/100 records 100%")
                .endsWith(System.lineSeparator())
                .doesNotContain("\n\r");
        assertThat(took).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void elsewhereItPrintsAPlainLineEveryFewSeconds() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong();
        ReplayProgress progress = new ReplayProgress("events", new PrintWriter(out), false, now::get, 0);
        for (int second = 1; second <= 5; second++) {
            now.set(Duration.ofSeconds(second).toNanos());
            progress.update(second * 10, 100);
        }
        progress.finish(100, 100);

        assertThat(out.toString().lines().toList())
                .containsExactly(
                        "events 10/100 records 10% 10/s ETA 9s",
                        "events 30/100 records 30% 10/s ETA 7s",
                        "events 50/100 records 50% 10/s ETA 5s",
                        "events 100/100 records 100% 20/s ETA 0s");
        assertThat(out.toString()).doesNotContain("\r").doesNotContain("[");
    }
}
