package io.eventledger.command.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * Transaction-scoped advisory locks per stream: the queue behind optimistic concurrency. A command that
 * knows its streams up front (a deposit, a withdrawal, a new transfer) takes them exclusive before it loads,
 * so on a hot account it queues instead of losing races. Any other first attempt takes its streams' locks
 * shared just before it inserts, and the unique constraint decides between such attempts. A retry takes them
 * exclusive before it loads, so no writer that honours the locks can overtake it: a command loses a race at
 * most once. Keys are taken in ascending
 * order, so two commands never wait for each other's locks in opposite orders.
 */
final class StreamLocks {

    /** The first key of every stream lock: "strm", apart from the relay's shard locks ("ledg"). */
    private static final int LOCK_CLASS = 0x7374_726D;

    private static final String EXCLUSIVE = "SELECT pg_advisory_xact_lock(?, k) FROM unnest(?::int[]) AS k";

    private StreamLocks() {
    }

    static void shared(Connection c, Collection<UUID> streams) throws SQLException {
        take(c, "SELECT pg_advisory_xact_lock_shared(?, k) FROM unnest(?::int[]) AS k", streams);
    }

    static void exclusive(Connection c, Collection<UUID> streams) throws SQLException {
        take(c, EXCLUSIVE, streams);
    }

    /** As {@link #exclusive(Connection, Collection)}, as the first part of a round trip that runs on under them. */
    static void exclusive(RoundTrip trip, Collection<UUID> streams) {
        if (!streams.isEmpty()) {
            // Postgres runs the statement to its end, every lock taken, before the next part; the rows say nothing
            trip.add(RoundTrip.Part.query(EXCLUSIVE, (ps, offset) -> bind(ps, offset, streams), rs -> { }));
        }
    }

    private static void take(Connection c, String sql, Collection<UUID> streams) throws SQLException {
        if (streams.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 0, streams);
            ps.execute();
        }
    }

    private static int bind(PreparedStatement ps, int offset, Collection<UUID> streams) throws SQLException {
        // two streams may share a key: that only queues them together, and sorting the keys keeps one order;
        // unnest hands the keys to the lock function in array order, so one round trip takes them all in turn
        Integer[] keys = streams.stream().map(UUID::hashCode).distinct().sorted().toArray(Integer[]::new);
        ps.setInt(offset + 1, LOCK_CLASS);
        ps.setArray(offset + 2, ps.getConnection().createArrayOf("int4", keys));
        return offset + 2;
    }
}
