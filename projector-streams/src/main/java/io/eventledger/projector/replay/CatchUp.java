package io.eventledger.projector.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits until consumers have reached their targets (lag 0), showing progress all along: the rebuild's
 * Streams application against the end of the event topic, then the mirrors against the end of the
 * output topics. Positions are offsets by partition (or any key naming one consumer's partition).
 */
public final class CatchUp {

    private static final long CHECK_EVERY_MS = 250;

    private final PrintWriter out;
    private final boolean terminal;
    private final long started = System.nanoTime();

    /** Rates and times count from now: from the start of the rebuild, whichever consumers are waited for. */
    public CatchUp(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Returns once every position is at or past its target, with the time since the rebuild began;
     * {@code targets} is asked again on each check, so records that arrive meanwhile are waited for too.
     * Throws if {@code alive} turns false on the way.
     */
    public <K> Duration await(
            String label,
            Map<K, Long> start,
            Supplier<Map<K, Long>> targets,
            Supplier<Map<K, Long>> positions,
            BooleanSupplier alive) {
        ReplayProgress progress = new ReplayProgress(label, out, terminal, System::nanoTime, started);
        while (true) {
            Tally tally = Tally.of(start, targets.get(), positions.get());
            if (tally.caughtUp()) {
                return progress.finish(tally.done(), tally.total());
            }
            progress.update(tally.done(), tally.total());
            pause(alive);
        }
    }

    /** Records done and to do, counted from {@code start}; caught up when every position reached its target. */
    private record Tally(long done, long total, boolean caughtUp) {

        static <K> Tally of(Map<K, Long> start, Map<K, Long> targets, Map<K, Long> positions) {
            long total = 0;
            long done = 0;
            boolean caughtUp = true;
            for (var target : targets.entrySet()) {
                long from = start.getOrDefault(target.getKey(), 0L);
                long at = positions.getOrDefault(target.getKey(), -1L);
                total += target.getValue() - from;
                done += Math.max(0, Math.min(at, target.getValue()) - from);
                caughtUp &= at >= target.getValue();
            }
            return new Tally(done, total, caughtUp);
        }
    }

    private static void pause(BooleanSupplier alive) {
        if (!alive.getAsBoolean()) {
            throw new IllegalStateException("the projector stopped before it caught up; see its log");
        }
        try {
            Thread.sleep(CHECK_EVERY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rebuild", e);
        }
    }
}
