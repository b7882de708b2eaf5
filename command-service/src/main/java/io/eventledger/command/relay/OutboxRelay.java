package io.eventledger.command.relay;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox rows of one shard. Only the relay holding the shard's advisory lock publishes; the
 * others stand by on an open session, retrying the lock, and take over when its session ends, e.g. because
 * its process died. All of its SQL runs on the lock-holding session, so it cannot delete once the lock is gone.
 *
 * <p>Rows are deleted after the broker acknowledged them rather than tracked with a high-water mark of
 * ids: identity values are taken at insert but become visible at commit, so a lower id can appear after a
 * higher one was published. A deleted-when-sent row can never be jumped over; it is simply there on the
 * next poll. A failed send deletes nothing and the batch is sent again (at-least-once, never skipped).
 */
public final class OutboxRelay implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    static final int BATCH_SIZE = 500;

    private final DataSource sessions;
    private final OutboxPublisher publisher;
    private final RelayTimings timings;
    private final Shard shard;
    private final ShardLock lock;
    private final RelayMetrics metrics;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean active;
    private boolean stoodBy;
    private long depthSampledAt;
    private Thread thread;

    /** {@code sessions} must hand out real, unpooled connections: closing one must end its session and lock. */
    public OutboxRelay(DataSource sessions, OutboxPublisher publisher, RelayTimings timings, Shard shard,
                       RelayMetrics metrics) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.timings = timings;
        this.shard = shard;
        this.lock = new ShardLock(shard);
        this.metrics = metrics;
        this.depthSampledAt = System.nanoTime() - timings.depthEvery().toNanos();
    }

    /** Runs the relay on its own thread; a daemon, since rows left unsent at exit are simply sent later. */
    public synchronized OutboxRelay start() {
        thread = Thread.ofPlatform().name("outbox-relay-" + shard.index()).daemon(true).start(this);
        return this;
    }

    /** Whether this relay holds the shard's lock and is publishing. */
    public boolean isActive() {
        return active;
    }

    @Override
    public void run() {
        while (!stopped()) {
            try (Connection session = sessions.getConnection()) {
                standByThenPublish(session);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("outbox relay {} lost its database session, retrying: {}", shard, e.getMessage());
                pause(timings.backoff());
            } finally {
                active = false;
                metrics.active(false, false);
            }
        }
    }

    private void standByThenPublish(Connection session) throws SQLException {
        while (!stopped()) {
            if (lock.tryAcquire(session)) {
                publishWhileHolding(session);
                return;
            }
            stoodBy = true;
            sampleDepth(session);
            pause(timings.lockRetry());
        }
    }

    private void publishWhileHolding(Connection session) throws SQLException {
        active = true;
        metrics.active(true, stoodBy);
        stoodBy = false;
        LOG.info("outbox relay {} is active", shard);
        while (!stopped()) {
            List<OutboxRows.Row> rows = OutboxRows.oldest(session, shard, BATCH_SIZE);
            sampleDepth(session);
            if (rows.isEmpty()) {
                pause(timings.idlePoll());
            } else if (publisher.publish(rows, timings.ackTimeout(), metrics::acked)) {
                OutboxRows.delete(session, rows);
            } else {
                pause(timings.backoff());
            }
        }
        lock.release(session);
    }

    /** A count of the shard's rows, at most every {@code depthEvery}: cheap while the relay keeps up. */
    private void sampleDepth(Connection session) throws SQLException {
        long now = System.nanoTime();
        if (now - depthSampledAt >= timings.depthEvery().toNanos()) {
            metrics.depth(OutboxRows.depth(session, shard));
            depthSampledAt = now;
        }
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    /** Waits, but returns at once when the relay is closed. */
    private void pause(Duration duration) {
        try {
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }

    /** Stops after the batch in flight; its rows are deleted only if the broker acknowledged them. */
    @Override
    public void close() throws InterruptedException {
        stopping.countDown();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.join(timings.ackTimeout().plusSeconds(5).toMillis());
        }
    }
}
