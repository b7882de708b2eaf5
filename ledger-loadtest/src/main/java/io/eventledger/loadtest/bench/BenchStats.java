package io.eventledger.loadtest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency histograms (microseconds) of the measured commands, i.e. those whose (intended)
 * start falls after the warmup. Command latency goes through a {@link Recorder} so the timeline can take
 * each second's interval without stopping the clients.
 */
final class BenchStats {

    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int DIGITS = 3;
    private static final long NO_ANSWER = Long.MIN_VALUE;

    final LongAdder sent = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder noAnswer = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder retries = new LongAdder();
    /** Every answered command, warmup's too: what the machine's CPU in the measured window was spent on. */
    final LongAdder answered = new LongAdder();

    private final AtomicLong lastAnswerNanos = new AtomicLong(NO_ANSWER);
    /** Per instance, in the order of the run's URLs. */
    private final List<InstanceCounts> instances;

    final ConcurrentHistogram kafka = new ConcurrentHistogram(HIGHEST_MICROS, DIGITS);
    final ConcurrentHistogram readModel = new ConcurrentHistogram(HIGHEST_MICROS, DIGITS);
    private final Recorder latency = new Recorder(HIGHEST_MICROS, DIGITS);
    private final Histogram latencyTotal = new Histogram(HIGHEST_MICROS, DIGITS);
    private final List<TimelineRow> timeline = new ArrayList<>();
    private Histogram interval;

    /** One second of the run: commands answered in it and their p99. */
    record TimelineRow(long second, long completed, double p99Ms) {}

    BenchStats(int instanceCount) {
        instances = IntStream.range(0, instanceCount)
                .mapToObj(i -> new InstanceCounts())
                .toList();
    }

    /** A measured command's requests, booked at the instances they went to. */
    void requested(List<CommandSender.Attempt> attempts) {
        if (!attempts.isEmpty()) {
            instances.get(attempts.getFirst().instance()).commands.increment();
        }
        attempts.forEach(a -> instances.get(a.instance()).answered(a.status()));
    }

    InstanceCounts instance(int index) {
        return instances.get(index);
    }

    /** A measured command's answer: its latency, and when it came (for the throughput's time span). */
    void recordLatency(long nanos, long answeredAtNanos) {
        latency.recordValue(clamp(nanos));
        // nanoTime values are compared by their difference (they may wrap); "none yet" must be tested apart,
        // since NO_ANSWER minus a positive instant overflows and would look later than every answer
        lastAnswerNanos.accumulateAndGet(answeredAtNanos, (a, b) -> a == NO_ANSWER || a - b < 0 ? b : a);
    }

    /** From {@code fromNanos} to the last measured answer; 0 if none came. */
    double answeringSeconds(long fromNanos) {
        long last = lastAnswerNanos.get();
        return last == NO_ANSWER ? 0 : Math.max(0, last - fromNanos) / 1e9;
    }

    static void record(ConcurrentHistogram histogram, long nanos) {
        histogram.recordValue(clamp(nanos));
    }

    /** Called at the end of each second of the run: closes the interval into the totals and the timeline. */
    synchronized void tick(long second) {
        closeInterval(second, true);
    }

    /** After the run: the answers that came after its last second, as one more row if there were any. */
    synchronized void finish(long second) {
        closeInterval(second, false);
    }

    private void closeInterval(long second, boolean evenIfEmpty) {
        interval = latency.getIntervalHistogram(interval);
        latencyTotal.add(interval);
        if (evenIfEmpty || interval.getTotalCount() > 0) {
            timeline.add(new TimelineRow(
                    second, interval.getTotalCount(), LatencySummary.ms(interval.getValueAtPercentile(99))));
        }
    }

    synchronized Histogram latencyTotal() {
        return latencyTotal.copy();
    }

    synchronized List<TimelineRow> timeline() {
        return List.copyOf(timeline);
    }

    private static long clamp(long nanos) {
        return Math.min(Math.max(TimeUnit.NANOSECONDS.toMicros(nanos), 1), HIGHEST_MICROS);
    }
}
