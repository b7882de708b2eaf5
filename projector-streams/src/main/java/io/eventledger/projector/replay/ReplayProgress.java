package io.eventledger.projector.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how far a rebuild has got: consumed / total records, rate and ETA. On a terminal it is one bar
 * redrawn in place; otherwise (a log, a pipe) a plain line every few seconds, so logs stay readable.
 */
public final class ReplayProgress {

    private static final long TERMINAL_EVERY_NANOS = Duration.ofMillis(200).toNanos();
    private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(2).toNanos();
    private static final int BAR_WIDTH = 30;

    private final String label;
    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long started;
    private long lastShown = Long.MIN_VALUE;

    /** {@code started}: the {@code nanoClock} time the work began, which the rate and the ETA count from. */
    public ReplayProgress(String label, PrintWriter out, boolean terminal, LongSupplier nanoClock, long started) {
        this.label = label;
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.started = started;
    }

    /** Shows {@code done} of {@code total} if the last showing is long enough ago. */
    public void update(long done, long total) {
        long now = nanoClock.getAsLong();
        if (lastShown != Long.MIN_VALUE && now - lastShown < (terminal ? TERMINAL_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
            return;
        }
        lastShown = now;
        show(done, total, now);
        if (!terminal) {
            out.println();
        }
    }

    /** Shows the final state and ends the line; returns the time since {@code started}. */
    public Duration finish(long done, long total) {
        long now = nanoClock.getAsLong();
        show(done, total, now);
        out.println();
        out.flush();
        return Duration.ofNanos(now - started);
    }

    private void show(long done, long total, long now) {
        String text = line(label, done, total, Duration.ofNanos(now - started), terminal);
        // on a terminal, return to the line start and clear what a longer previous line left behind
        out.print(terminal ? "\r" + text + "\033[K" : text);
        out.flush();
    }

    /** One progress line, e.g. {@code events [###---] 500/1,000 50% 250/s ETA 2s}. */
    static String line(String label, long done, long total, Duration elapsed, boolean bar) {
        long shown = Math.min(done, total);
        int percent = total == 0 ? 100 : (int) (100 * shown / total);
        long rate = Math.round(done * 1000.0 / Math.max(elapsed.toMillis(), 1));
        String eta = rate == 0 ? "?" : duration((total - shown) / rate);
        int filled = percent * BAR_WIDTH / 100;
        String barText = bar ? " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]" : "";
        return String.format(
                Locale.ROOT,
                "%s%s %,d/%,d records %d%% %,d/s ETA %s",
                label,
                barText,
                shown,
                total,
                percent,
                rate,
                eta);
    }

    private static String duration(long seconds) {
        return seconds < 60 ? seconds + "s" : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
}
