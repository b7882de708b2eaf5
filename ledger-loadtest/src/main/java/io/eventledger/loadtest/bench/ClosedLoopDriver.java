package io.eventledger.loadtest.bench;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** N clients, each sending its next command as soon as the previous one was answered, until the end. */
final class ClosedLoopDriver {

    private final Workload workload;
    private final CommandExecution execution;
    private final int clients;
    private final long seed;

    ClosedLoopDriver(Workload workload, CommandExecution execution, int clients, long seed) {
        this.workload = workload;
        this.execution = execution;
        this.clients = clients;
        this.seed = seed;
    }

    /** Runs until {@code endNanos}; commands started before {@code measureFromNanos} are warmup. */
    void run(long measureFromNanos, long endNanos) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < clients; client++) {
                SplittableRandom random = new SplittableRandom(seed + client);
                pool.submit(() -> {
                    long start;
                    while ((start = System.nanoTime()) < endNanos) {
                        execution.run(workload.next(random), start, start >= measureFromNanos);
                    }
                    return null;
                });
            }
        }
    }
}
