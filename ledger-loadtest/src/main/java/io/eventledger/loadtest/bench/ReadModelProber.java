package io.eventledger.loadtest.bench;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Command → read model latency: for every n-th accepted account command, asks the projector for the
 * account's balance at the version the command answered ({@code ?minVersion=&waitMs=}, read-your-writes)
 * and records the time from the command's start to the 200. Probes run beside the load, never in a
 * client's loop, so a slow projection cannot slow the commands. Transfers are not probed: their answer
 * carries the transfer's version, not the accounts'.
 */
final class ReadModelProber implements AutoCloseable {

    private static final long WAIT_MS = 10_000;
    private final LedgerHttp http;
    private final URI projector;
    private final int every;
    private final ConcurrentHistogram latency;
    private final long deadlineNanos;
    private final AtomicLong candidates = new AtomicLong();
    private final LongAdder failures = new LongAdder();
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();

    ReadModelProber(LedgerHttp http, URI projector, int every, ConcurrentHistogram latency, long deadlineNanos) {
        this.http = http;
        this.projector = projector;
        this.every = every;
        this.latency = latency;
        this.deadlineNanos = deadlineNanos;
    }

    void accepted(PlannedCommand command, int version, long startNanos) {
        if (command.kind() == CommandKind.TRANSFER || version < 1 || candidates.incrementAndGet() % every != 0) {
            return;
        }
        URI uri =
                projector.resolve("/balances/" + command.accountId() + "?minVersion=" + version + "&waitMs=" + WAIT_MS);
        probes.submit(() -> probe(uri, startNanos));
    }

    long failures() {
        return failures.sum();
    }

    private void probe(URI uri, long startNanos) {
        try {
            while (System.nanoTime() < deadlineNanos) {
                LedgerHttp.Answer answer = http.get(uri);
                if (answer.status() == 200) {
                    BenchStats.record(latency, System.nanoTime() - startNanos);
                    return;
                }
                if (answer.status() != 503) {
                    break;
                }
            }
        } catch (IOException e) {
            // counted below: the projector did not answer (or the probe was interrupted)
        }
        failures.increment();
    }

    /** Waits for the probes still running. */
    @Override
    public void close() {
        probes.close();
    }
}
