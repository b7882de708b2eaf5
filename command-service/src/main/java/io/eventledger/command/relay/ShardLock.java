package io.eventledger.command.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session-level advisory lock that makes one relay the publisher of a shard. The lock lives exactly
 * as long as the session: when a relay process dies its socket closes, Postgres ends the session and the
 * lock is free for the standby (server-side TCP keepalives cover a host that vanishes without closing it).
 *
 * <p>Relays configured with different shard counts would hash the same aggregate to locks that do not
 * exclude each other, and could publish one aggregate concurrently, out of order. So after taking its lock
 * a relay looks for a lock of another shard count held in this database and, if there is one, lets go and
 * waits: of two such relays the later one always sees the earlier, so they never publish together.
 */
final class ShardLock {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLock.class);
    /** The first key of every relay lock: "ledg". */
    static final int LOCK_CLASS = 0x6C65_6467;

    private static final String TRY = "SELECT pg_try_advisory_lock(?, ?)";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(?, ?)";
    private static final String OTHER_COUNTS = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
            + " AND objsubid = 2 AND classid = ? AND granted AND pid <> pg_backend_pid()"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND objid::bigint >> 16 <> ?";

    private final Shard shard;
    private boolean conflictReported;

    ShardLock(Shard shard) {
        this.shard = shard;
    }

    /** Takes the shard's lock if it is free and no relay of another shard count holds one. */
    boolean tryAcquire(Connection session) throws SQLException {
        if (!call(session, TRY, shard)) {
            return false;
        }
        if (otherCountsActive(session, shard)) {
            if (!conflictReported) {
                LOG.error(
                        "a relay with a shard count other than {} is active in this database; shard {} waits for it"
                                + " to stop (every relay must use the same LEDGER_RELAY_SHARDS)",
                        shard.count(),
                        shard);
                conflictReported = true;
            }
            release(session);
            return false;
        }
        conflictReported = false;
        return true;
    }

    void release(Connection session) throws SQLException {
        call(session, UNLOCK, shard);
    }

    private static boolean otherCountsActive(Connection session, Shard shard) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement(OTHER_COUNTS)) {
            ps.setLong(1, LOCK_CLASS);
            ps.setLong(2, shard.count());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    private static boolean call(Connection session, String sql, Shard shard) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement(sql)) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, shard.lockId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
