package io.eventledger.loadtest.bench;

/**
 * Runs one command of the load and books it: counts in total and per instance (only if measured, i.e. started
 * after the warmup), latency from its (intended) start, the ack log, the Kafka watcher and the read-model probe.
 * {@code watcher}, {@code prober} and {@code ackLog} may be null when not asked for.
 */
final class CommandExecution {

    private final CommandSender sender;
    private final BenchStats stats;
    private final KafkaWatcher watcher;
    private final ReadModelProber prober;
    private final AckLog ackLog;
    private final long deadlineNanos;

    CommandExecution(
            CommandSender sender,
            BenchStats stats,
            KafkaWatcher watcher,
            ReadModelProber prober,
            AckLog ackLog,
            long deadlineNanos) {
        this.sender = sender;
        this.stats = stats;
        this.watcher = watcher;
        this.prober = prober;
        this.ackLog = ackLog;
        this.deadlineNanos = deadlineNanos;
    }

    void run(PlannedCommand command, long startNanos, boolean measured) throws InterruptedException {
        boolean watched = measured && watcher != null;
        if (measured) {
            stats.sent.increment();
        }
        if (watched) {
            watcher.expect(command.correlationId(), startNanos);
        }
        CommandSender.Outcome outcome = sender.send(command, deadlineNanos);
        long answeredAt = System.nanoTime();
        if (outcome.answered()) {
            stats.answered.increment();
        }
        if (outcome.ok() && ackLog != null) {
            ackLog.acknowledged(command, outcome.status());
        }
        if (watched && !outcome.ok()) {
            watcher.forget(command.correlationId());
        }
        if (measured) {
            book(command, outcome, answeredAt, startNanos);
        }
    }

    /**
     * A command whose turn came only after the deadline: never sent, it counts as sent (it was due) and as an
     * error without an answer, so an overloaded open-loop run ends in bounded time and says so.
     */
    void drop(boolean measured) {
        if (measured) {
            stats.sent.increment();
            stats.errors.increment();
            stats.noAnswer.increment();
            stats.dropped.increment();
        }
    }

    boolean pastDeadline() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    private void book(PlannedCommand command, CommandSender.Outcome outcome, long answeredAt, long startNanos) {
        stats.retries.add(outcome.retries());
        stats.requested(outcome.attempts());
        if (outcome.answered()) {
            stats.recordLatency(answeredAt - startNanos, answeredAt);
        }
        if (outcome.ok()) {
            stats.ok.increment();
            if (prober != null) {
                prober.accepted(command, outcome.version(), startNanos);
            }
        } else if (outcome.refused()) {
            stats.refused.increment();
        } else {
            stats.errors.increment();
            if (!outcome.answered()) {
                stats.noAnswer.increment();
            }
        }
    }
}
