package io.eventledger.command.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.eventledger.contract.envelope.EventTypes;
import java.util.UUID;

/**
 * Account streams as batches last committed them, kept between batches so a batch reads only what is new
 * since: the newest row it knows (to check that its hash still matches) and the rows after it. Without it
 * every batch read and decoded each account's events since the last snapshot again, up to
 * {@code LEDGER_SNAPSHOT_EVERY} of them.
 *
 * <p>The database stays the referee: a cached stream is used only when the row at its head version still has
 * its head hash, and rows at or below that version never change (the events table rejects UPDATE and
 * DELETE). A stream written elsewhere (another instance) just brings more new rows.
 */
public final class StreamCache {

    /** Enough for the hot accounts; the least recently used go first, since a miss costs only one read. */
    public static final int MAX_STREAMS = 4096;

    private final Cache<UUID, LoadedStream> streams =
            Caffeine.newBuilder().maximumSize(MAX_STREAMS).build();

    /** The cached stream if it can serve a load of the events after {@code afterVersion}, else null. */
    public LoadedStream usable(UUID streamId, int afterVersion) {
        LoadedStream known = streams.getIfPresent(streamId);
        return known != null && known.fromVersion() <= afterVersion && known.version() >= afterVersion ? known : null;
    }

    /** Keeps a stream that is committed as given; only account streams come back often enough to keep. */
    public void keep(LoadedStream stream) {
        if (!stream.isEmpty() && EventTypes.ACCOUNT.equals(stream.streamType())) {
            streams.put(stream.streamId(), stream);
        }
    }
}
