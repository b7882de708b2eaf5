package io.eventledger.command.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent commands share one database transaction, each still all or nothing (see
 * {@link CommandBatch}). Commands wait in one queue; each of a few lanes takes whatever has queued up, up to
 * {@code maxBatch}, and runs it as one batch. Nothing waits on a timer: while one lane's batch is in the
 * database, the next batch gathers by itself, so a lone command goes straight through and a busy service
 * shares each commit and each statement among many commands.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<QueuedCommand<?>> queue = new LinkedBlockingQueue<>();
    private final CommandBatch batch;
    private final int maxBatch;
    private final List<Thread> lanes = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean closed;

    private GroupCommit(CommandBatch batch, int maxBatch) {
        this.batch = batch;
        this.maxBatch = maxBatch;
    }

    /** Starts {@code lanes} lane threads, each with at most one connection of {@code dataSource} at a time. */
    public static GroupCommit start(DataSource dataSource, EventStore store, IdempotencyKeys keys,
                                    Snapshots snapshots, CommandMetrics metrics, int lanes, int maxBatch) {
        if (lanes < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("group commit needs 1 or more lanes and batch size, got "
                    + lanes + " and " + maxBatch);
        }
        GroupCommit group = new GroupCommit(new CommandBatch(dataSource, store, keys, snapshots, metrics), maxBatch);
        group.running.set(lanes);
        for (int i = 0; i < lanes; i++) {
            group.lanes.add(Thread.ofPlatform().name("group-commit-" + i).daemon(true).start(group::lane));
        }
        return group;
    }

    /**
     * Queues the command and waits for its batch: its result, or empty when the caller must run it alone
     * (its key was taken, it wrote a stream it did not name, the batch failed before its commit, or the
     * group commit is closing).
     */
    <R> Optional<CommandRunner.Result<R>> run(CommandRequest request, Set<UUID> streams,
                                              CommandRunner.Attempt<R> attempt, Function<R, Reply> reply)
            throws SQLException {
        if (closed || running.get() == 0) {
            return Optional.empty();
        }
        QueuedCommand<R> command = new QueuedCommand<>(request, streams, attempt, reply);
        queue.add(command);
        if (closed || running.get() == 0) {
            sendAlone();   // the lanes may have stopped and emptied the queue just before this command went in
        }
        return command.await();
    }

    /** How many commands wait for a lane; for tests that line up a batch. */
    int queued() {
        return queue.size();
    }

    /** Runs batches until closed; a lane that stops for any reason leaves no command waiting on it. */
    private void lane() {
        try {
            runBatches();
        } finally {
            if (running.decrementAndGet() == 0) {
                sendAlone();
            }
        }
    }

    private void runBatches() {
        while (!closed) {
            List<QueuedCommand<?>> next = new ArrayList<>();
            try {
                QueuedCommand<?> first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                next.add(first);
                queue.drainTo(next, maxBatch - 1);
                batch.run(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next.forEach(QueuedCommand::goAlone);
                return;
            } catch (RuntimeException e) {
                // settled commands stay settled; the rest were not committed by this lane, which goes on
                LOG.error("a group commit lane failed a batch; its commands go alone", e);
                next.forEach(QueuedCommand::goAlone);
            } catch (Error e) {
                next.forEach(QueuedCommand::goAlone);
                throw e;
            }
        }
    }

    private void sendAlone() {
        List<QueuedCommand<?>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(QueuedCommand::goAlone);
    }

    /** Lets the batches in the database finish; commands still queued go alone. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Thread lane : lanes) {
            lane.join(TimeUnit.SECONDS.toMillis(30));
        }
        sendAlone();
    }
}
