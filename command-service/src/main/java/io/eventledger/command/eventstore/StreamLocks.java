package io.eventledger.command.eventstore;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * Transaction-scoped advisory locks per stream: every command names the streams it may write before it
 * loads anything, and its batch takes their locks exclusive first, so a writer never decides on a head that
 * another writer is about to move; on a hot account commands queue instead of losing races. Keys are taken
 * in ascending order, so two batches never wait for each other's locks in opposite orders.
 */
public final class StreamLocks {

    /** The first key of every stream lock: "strm", apart from the relay's shard locks ("ledg"). */
    private static final int LOCK_CLASS = 0x7374_726D;

    private static final String EXCLUSIVE = "SELECT pg_advisory_xact_lock(?, k) FROM unnest(?::int[]) AS k";

    private StreamLocks() {}

    /** Adds the locks as a part of a round trip; the parts after it run under them. */
    public static void exclusive(RoundTrip trip, Collection<UUID> streams) {
        if (!streams.isEmpty()) {
            // Postgres runs the statement to its end, every lock taken, before the next part; the rows say nothing
            trip.add(RoundTrip.Part.query(EXCLUSIVE, (ps, offset) -> bind(ps, offset, streams), rs -> {}));
        }
    }

    private static int bind(PreparedStatement ps, int offset, Collection<UUID> streams) throws SQLException {
        // two streams may share a key: that only queues them together, and sorting the keys keeps one order;
        // unnest hands the keys to the lock function in array order, so one round trip takes them all in turn
        Integer[] keys =
                streams.stream().map(UUID::hashCode).distinct().sorted().toArray(Integer[]::new);
        ps.setInt(offset + 1, LOCK_CLASS);
        ps.setArray(offset + 2, ps.getConnection().createArrayOf("int4", keys));
        return offset + 2;
    }
}
