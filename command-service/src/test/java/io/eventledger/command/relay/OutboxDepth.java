package io.eventledger.command.relay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts {@code ledger.outbox} every 100 ms while a load runs and keeps the highest count seen. The relay tests
 * use it, and so does the relay benchmark (benchmarks module, through this test-jar).
 */
public final class OutboxDepth implements AutoCloseable {

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong max = new AtomicLong();
    private final DataSource db;

    private OutboxDepth(DataSource db) {
        this.db = db;
    }

    public static OutboxDepth sampling(DataSource db) {
        OutboxDepth depth = new OutboxDepth(db);
        depth.sampler.scheduleWithFixedDelay(depth::sample, 0, 100, TimeUnit.MILLISECONDS);
        return depth;
    }

    public long max() {
        return max.get();
    }

    static long now(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM ledger.outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sample() {
        try {
            max.accumulateAndGet(now(db), Math::max);
        } catch (SQLException e) {
            // a missed sample only makes the maximum less precise
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
