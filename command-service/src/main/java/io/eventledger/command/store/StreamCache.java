package io.eventledger.command.store;

import io.eventledger.contract.envelope.EventTypes;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Account streams as group commits last committed them, kept between batches so a batch reads only what is
 * new since: the newest row it knows (to check that its hash still matches) and the rows after it. Without
 * it every batch read and decoded each account's events since the last snapshot again, up to
 * {@code LEDGER_SNAPSHOT_EVERY} of them, which was a tenth of the service's CPU under load.
 *
 * <p>The database stays the referee: a cached stream is used only when the row at its head version still has
 * its head hash, and rows at or below that version never change (the events table rejects UPDATE and
 * DELETE). A stream written elsewhere (the direct path, another instance) just brings more new rows.
 */
final class StreamCache {

    /** Enough for the hot accounts; when full it starts over, since a miss costs only the read it saves. */
    static final int MAX_STREAMS = 4096;

    private final Map<UUID, LoadedStream> streams = new ConcurrentHashMap<>();

    /** The cached stream if it can serve a load of the events after {@code afterVersion}, else null. */
    LoadedStream usable(UUID streamId, int afterVersion) {
        LoadedStream known = streams.get(streamId);
        return known != null && known.fromVersion() <= afterVersion && known.version() >= afterVersion
                ? known : null;
    }

    /** Keeps a stream that is committed as given; only account streams come back often enough to keep. */
    void keep(LoadedStream stream) {
        if (stream.isEmpty() || !EventTypes.ACCOUNT.equals(stream.streamType())) {
            return;
        }
        if (streams.size() >= MAX_STREAMS && !streams.containsKey(stream.streamId())) {
            streams.clear();
        }
        streams.put(stream.streamId(), stream);
    }

    int size() {
        return streams.size();
    }
}
