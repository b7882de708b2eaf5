package io.eventledger.command.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox of one shard (shard 0 of 1 for now). Only the relay holding the shard's advisory
 * lock publishes; the others stand by and take over when its session ends, e.g. because its process died.
 * All of its SQL runs on the lock-holding session, so it cannot publish once the lock is gone.
 *
 * <p>Rows are deleted after the broker acknowledged them rather than tracked with a high-water mark of
 * ids: identity values are taken at insert but become visible at commit, so a lower id can appear after a
 * higher one was published. A deleted-when-sent row can never be jumped over; it is simply there on the
 * next poll. A failed send deletes nothing and the batch is sent again (at-least-once, never skipped).
 */
public final class OutboxRelay implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY_BASE = 0x6C65_6467_6572_0000L; // "ledger" then the shard number
    private static final int SHARD = 0; // of 1: every row is ours until the outbox is sharded
    static final int BATCH_SIZE = 500;

    private final DataSource sessions;
    private final OutboxPublisher publisher;
    private final RelayTimings timings;
    private final long lockKey = LOCK_KEY_BASE + SHARD;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean active;
    private Thread thread;

    /** {@code sessions} must hand out real, unpooled connections: closing one must end its session and lock. */
    public OutboxRelay(DataSource sessions, OutboxPublisher publisher, RelayTimings timings) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.timings = timings;
    }

    /** Runs the relay on its own thread; a daemon, since rows left unsent at exit are simply sent later. */
    public synchronized OutboxRelay start() {
        thread = Thread.ofPlatform().name("outbox-relay-" + SHARD).daemon(true).start(this);
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
                if (tryLock(session)) {
                    publishWhileHolding(session);
                } else {
                    pause(timings.lockRetry());
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("outbox relay lost its database session, retrying: {}", e.getMessage());
                pause(timings.backoff());
            } finally {
                active = false;
            }
        }
    }

    private void publishWhileHolding(Connection session) throws SQLException {
        active = true;
        LOG.info("outbox relay for shard {} is active (advisory lock {})", SHARD, lockKey);
        while (!stopped()) {
            List<OutboxRows.Row> rows = OutboxRows.oldest(session, BATCH_SIZE);
            if (rows.isEmpty()) {
                pause(timings.idlePoll());
            } else if (publisher.publish(rows, timings.ackTimeout())) {
                OutboxRows.delete(session, rows);
            } else {
                pause(timings.backoff());
            }
        }
        unlock(session);
    }

    private boolean tryLock(Connection session) throws SQLException {
        return lockCall(session, "SELECT pg_try_advisory_lock(?)");
    }

    private void unlock(Connection session) throws SQLException {
        lockCall(session, "SELECT pg_advisory_unlock(?)");
    }

    private boolean lockCall(Connection session, String sql) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement(sql)) {
            ps.setLong(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
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
