package io.eventledger.loadtest.bench;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Starts commands at a fixed rate on their schedule, each on its own virtual thread; at most
 * {@code concurrency} are in flight, and a command waiting for a slot still has its clock running from
 * its intended start. One still waiting at the deadline (the end plus the grace) is dropped, not sent.
 */
final class OpenLoopDriver {

    private final Workload workload;
    private final CommandExecution execution;
    private final double rate;
    private final Semaphore slots;
    private final long seed;

    OpenLoopDriver(Workload workload, CommandExecution execution, double rate, int concurrency, long seed) {
        this.workload = workload;
        this.execution = execution;
        this.rate = rate;
        this.slots = new Semaphore(concurrency);
        this.seed = seed;
    }

    void run(long startNanos, long measureFromNanos, long endNanos) {
        OpenLoopSchedule schedule = new OpenLoopSchedule(startNanos, rate);
        SplittableRandom random = new SplittableRandom(seed);
        long total = schedule.countBefore(endNanos);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long n = 0; n < total; n++) {
                long intended = schedule.intendedStart(n);
                RunClock.waitUntil(intended);
                PlannedCommand command = workload.next(random);
                pool.submit(() -> {
                    slots.acquire();
                    try {
                        if (execution.pastDeadline()) {
                            execution.drop(intended >= measureFromNanos);
                        } else {
                            execution.run(command, intended, intended >= measureFromNanos);
                        }
                    } finally {
                        slots.release();
                    }
                    return null;
                });
            }
        }
    }
}
