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
 *
 * <p>While there is a backlog (the last read filled a batch), the next batch is read and sent while the
 * previous one awaits its acks ({@link InFlight}); a read skips the rows in flight, and holds back rows of an
 * aggregate in flight so that a failed batch is never overtaken by a later row of one of its aggregates.
 */
public final class OutboxRelay implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    static final int BATCH_SIZE = 2000;
    /** Batches sent and not yet acknowledged: while the broker acks one, the next is read and sent. */
    static final int PIPELINE_DEPTH = 2;
    // a slow depth count waits this many times its own duration before the next one
    private static final int DEPTH_COST_RATIO = 20;

    private final DataSource sessions;
    private final OutboxPublisher publisher;
    private final RelayTimings timings;
    private final Shard shard;
    private final ShardLock lock;
    private final KafkaHealer healer;
    private final RelayMetrics metrics;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean active;
    private boolean stoodBy;
    private long nextDepthAt;
    private Thread thread;

    /** {@code sessions} must hand out real, unpooled connections: closing one must end its session and lock. */
    public OutboxRelay(
            DataSource sessions,
            OutboxPublisher publisher,
            KafkaHealer healer,
            RelayTimings timings,
            Shard shard,
            RelayMetrics metrics) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.healer = healer;
        this.timings = timings;
        this.shard = shard;
        this.lock = new ShardLock(shard);
        this.metrics = metrics;
        this.nextDepthAt = System.nanoTime();
    }

    /** Runs the relay on its own thread; a daemon, since rows left unsent at exit are simply sent later. */
    public synchronized OutboxRelay start() {
        thread = Thread.ofPlatform()
                .name("outbox-relay-" + shard.index())
                .daemon(true)
                .start(this);
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping.countDown();
            } catch (SQLException | RuntimeException e) {
                LOG.warn(
                        "outbox relay {} lost its database session or the cluster, retrying: {}",
                        shard,
                        e.getMessage());
                healer.suspect();
                pause(timings.backoff());
            } finally {
                active = false;
                metrics.active(false, false);
            }
        }
    }

    private void standByThenPublish(Connection session) throws SQLException, InterruptedException {
        while (!stopped()) {
            if (lock.tryAcquire(session)) {
                if (healer.current(session)) {
                    publishWhileHolding(session);
                    return;
                }
                // another relay is sending the stored events to new topics: nothing goes out before them
                lock.release(session);
            }
            stoodBy = true;
            sampleDepth(session);
            pause(timings.lockRetry());
        }
    }

    private void publishWhileHolding(Connection session) throws SQLException, InterruptedException {
        active = true;
        metrics.active(true, stoodBy);
        stoodBy = false;
        LOG.info("outbox relay {} is active", shard);
        InFlight inFlight = new InFlight(PIPELINE_DEPTH);
        while (!stopped()) {
            if (healer.due()) {
                settleAll(session, inFlight);
                if (!healer.current(session)) {
                    break;
                }
            }
            List<OutboxRows.Row> read = OutboxRows.oldest(session, shard, BATCH_SIZE, inFlight.ids());
            List<OutboxRows.Row> rows = inFlight.sendable(read);
            sampleDepth(session);
            if (!rows.isEmpty()) {
                inFlight.add(publisher.send(rows, metrics::acked));
            }
            // a short read means no backlog: reading again at once would mostly find nothing, a query for a row
            // or two (at 300 commands/s the relay's backend took a tenth of a core that way), so the batch in
            // flight is settled first and the rows that come in meanwhile make the next batch
            if (inFlight.isFull() || rows.isEmpty() || read.size() < BATCH_SIZE) {
                settleOldest(session, inFlight);
            }
        }
        settleAll(session, inFlight);
        lock.release(session);
    }

    /** Waits for the oldest batch; after a failure lets every other batch settle too, then backs off. */
    private void settleOldest(Connection session, InFlight inFlight) throws SQLException {
        if (inFlight.isEmpty()) {
            pause(timings.idlePoll());
        } else if (!settle(session, inFlight.removeOldest())) {
            settleAll(session, inFlight);
            healer.suspect();
            pause(timings.backoff());
        }
    }

    private void settleAll(Connection session, InFlight inFlight) throws SQLException {
        while (!inFlight.isEmpty()) {
            settle(session, inFlight.removeOldest());
        }
    }

    /** Deletes the batch's rows if the broker acknowledged all of them; otherwise they are read again. */
    private boolean settle(Connection session, SentBatch batch) throws SQLException {
        boolean acked = batch.acked(timings.ackTimeout());
        if (acked) {
            OutboxRows.delete(session, batch.rows());
        }
        return acked;
    }

    /**
     * A count of the shard's rows, at most every {@code depthEvery}: cheap while the relay keeps up. The count
     * scans the backlog, 100-200 ms at 200,000 rows, so while it takes long it is taken less often: the next
     * waits {@value #DEPTH_COST_RATIO} times as long as this one took, which keeps it at a few percent of the
     * relay's session exactly when the relay needs all of it.
     */
    private void sampleDepth(Connection session) throws SQLException {
        long now = System.nanoTime();
        if (now >= nextDepthAt) {
            metrics.depth(OutboxRows.depth(session, shard));
            long took = System.nanoTime() - now;
            nextDepthAt = now + Math.max(timings.depthEvery().toNanos(), took * DEPTH_COST_RATIO);
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

    /** Stops after the batches in flight; their rows are deleted only if the broker acknowledged them. */
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
