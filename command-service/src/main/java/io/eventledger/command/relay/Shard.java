package io.eventledger.command.relay;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Shard {@code index} of {@code count}: the outbox rows whose aggregate id hashes to {@code index}. The hash
 * is Postgres' {@code hashtext}, computed by the one server every relay reads from, so all relays agree on
 * it by construction; it is not promised stable across Postgres major versions, which is harmless because
 * a shard's rows are only ever in that server's outbox. All events of an aggregate share a shard, so one
 * relay per shard keeps per-aggregate order.
 */
public record Shard(int index, int count) {

    /** The lock id packs count and index into 16 bits each. */
    static final int MAX_COUNT = 1024;

    public Shard {
        checkCount(count);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " does not exist among " + count);
        }
    }

    public static List<Shard> all(int count) {
        checkCount(count); // a count of 0 would otherwise give no relay at all, silently
        return IntStream.range(0, count).mapToObj(i -> new Shard(i, count)).toList();
    }

    private static void checkCount(int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the relay shard count (LEDGER_RELAY_SHARDS, --shards) must be 1 to "
                    + MAX_COUNT + ", got " + count);
        }
    }

    /** The second key of the shard's two-key advisory lock; {@link ShardLock} reads the count back from it. */
    int lockId() {
        return count << 16 | index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
