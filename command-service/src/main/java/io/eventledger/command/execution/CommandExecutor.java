package io.eventledger.command.execution;

import io.eventledger.command.eventstore.ConcurrencyException;
import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.eventstore.StreamCache;
import io.eventledger.command.idempotency.IdempotencyKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a command is executed. Commands wait in one queue; each of a few lanes takes whatever has queued
 * up, at most {@code maxBatch}, and runs it as one {@link Batch}. Nothing waits on a timer: while one lane's
 * batch is in the database the next gathers by itself, so a lone command goes straight through as a batch of
 * one and a busy service shares each commit and each statement among many commands.
 *
 * <p>A batch that fails before its commit leaves nothing stored; its commands then run again, each as a batch
 * of its own, so none depends on its batch-mates; a command alone whose batch lost a race for a stream's
 * version or hit a deadlock runs again, at most {@link #MAX_ATTEMPTS} times in all. A failed commit leaves the
 * outcome unknown: its commands are answered with the error and never run again (a repeat under the same
 * {@code Idempotency-Key} then finds what was stored).
 */
public final class CommandExecutor implements AutoCloseable {

    public static final int MAX_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
    private static final long POLL_MILLIS = 100;
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";

    private final BlockingDeque<Pending<?>> queue = new LinkedBlockingDeque<>();
    private final DataSource dataSource;
    private final EventStore store;
    private final Batch batch;
    private final CommandMetrics metrics;
    private final int maxBatch;
    private final List<Thread> lanes = new ArrayList<>();
    private volatile boolean closed;

    private CommandExecutor(
            DataSource dataSource, EventStore store, IdempotencyKeys keys, CommandMetrics metrics, int maxBatch) {
        this.dataSource = dataSource;
        this.store = store;
        this.batch = new Batch(dataSource, store, keys, new StreamCache());
        this.metrics = metrics;
        this.maxBatch = maxBatch;
    }

    /** Starts {@code lanes} lane threads, each with at most one connection of {@code dataSource} at a time. */
    public static CommandExecutor start(
            DataSource dataSource,
            EventStore store,
            IdempotencyKeys keys,
            CommandMetrics metrics,
            int lanes,
            int maxBatch) {
        if (lanes < 1 || maxBatch < 1) {
            throw new IllegalArgumentException(
                    "commands need 1 or more lanes and batch size, got " + lanes + " and " + maxBatch);
        }
        CommandExecutor executor = new CommandExecutor(dataSource, store, keys, metrics, maxBatch);
        for (int i = 0; i < lanes; i++) {
            executor.lanes.add(
                    Thread.ofPlatform().name("command-lane-" + i).daemon(true).start(executor::lane));
        }
        return executor;
    }

    /** Queues the command and waits for its batch: the outcome, or the refusal or error as an exception. */
    public <R> Executed<R> execute(Command<R> command) throws SQLException {
        Pending<R> pending = new Pending<>(command);
        if (closed) {
            throw shuttingDown();
        }
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            // the lanes may have stopped just before it went in; one that took it already answers it
            pending.fail(shuttingDown());
        }
        return pending.await();
    }

    /** Reads outside any command, on a connection of its own: for queries of the current state. */
    public <R> R read(Reader<R> reader) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return reader.read(new ReadSession(c, store));
        }
    }

    /** A read of the current state of some streams. */
    @FunctionalInterface
    public interface Reader<R> {
        R read(Session session) throws SQLException;
    }

    /** How many commands wait for a lane; for tests that line up a batch. */
    int queued() {
        return queue.size();
    }

    /** Runs batches until closed and the queue is empty. */
    private void lane() {
        while (!closed || !queue.isEmpty()) {
            List<Pending<?>> next = new ArrayList<>();
            try {
                Pending<?> first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                next.add(first);
                queue.drainTo(next, maxBatch - 1);
                run(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next.forEach(p -> p.fail(shuttingDown()));
                return;
            } catch (RuntimeException | Error e) {
                // a bug in the lane itself: its commands are answered, and the lane goes on with the next batch
                LOG.error("a command lane failed a batch", e);
                next.forEach(p -> p.fail(e instanceof Exception ex ? ex : new IllegalStateException(e)));
                if (e instanceof Error error) {
                    throw error;
                }
            }
        }
    }

    private void run(List<Pending<?>> commands) {
        commands.forEach(Pending::attempt);
        long began = System.nanoTime();
        Batch.Run run = batch.run(commands);
        // twins of a key claimed in this batch go first in the next one, where they find its outcome
        run.again().reversed().forEach(queue::addFirst);
        switch (run.ending()) {
            case COMMITTED -> settle(run.took(), Duration.ofNanos(System.nanoTime() - began));
            case COMMIT_UNKNOWN -> run.took().forEach(p -> p.fail(run.error()));
            case ROLLED_BACK -> again(run.took(), run.error());
        }
    }

    /** Each command of a batch that rolled back runs again alone, if it may. */
    private void again(List<Pending<?>> commands, Exception error) {
        if (commands.size() > 1) {
            commands.forEach(p -> {
                p.reset();
                run(List.of(p));
            });
            return;
        }
        Pending<?> alone = commands.getFirst();
        if (retriable(error)) {
            metrics.conflicted(alone.type());
            if (alone.attempts() < MAX_ATTEMPTS) {
                metrics.retried(alone.type());
                alone.reset();
                run(List.of(alone));
                return;
            }
        }
        alone.fail(
                EventStore.isVersionConflict(error)
                        ? new ConcurrencyException("a stream of " + alone.streams()
                                + " kept moving past the version the command decided on (" + MAX_ATTEMPTS
                                + " attempts)")
                        : error);
    }

    private static boolean retriable(Exception error) {
        return EventStore.isVersionConflict(error)
                || error instanceof SQLException sql
                        && (SERIALIZATION_FAILURE.equals(sql.getSQLState()) || DEADLOCK.equals(sql.getSQLState()));
    }

    private void settle(List<Pending<?>> took, Duration transaction) {
        metrics.batched(took.size());
        for (Pending<?> command : took) {
            if (command.written() > 0) {
                metrics.appended(command.written(), transaction);
            }
            command.settle();
        }
    }

    /** Lets the lanes finish what is queued, then stops them. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Thread lane : lanes) {
            lane.join(TimeUnit.SECONDS.toMillis(30));
        }
        List<Pending<?>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.fail(shuttingDown()));
    }

    /** The answer to a command that no lane will run any more (SQL state "admin shutdown", so a 503). */
    private static SQLException shuttingDown() {
        return new SQLException("command-service is shutting down", "57P01");
    }
}
