package io.eventledger.command.store;

import io.eventledger.command.account.AccountState;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.event.LedgerEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The streams of one group commit, whose locks the batch holds. A load sees the database plus what earlier
 * commands of the batch appended, so the second deposit to an account in a batch decides on the first one's
 * balance. Appends are chained, numbered and kept here, until {@link #write} inserts them all at once.
 *
 * <p>Positions are taken from the events' identity before the events are written, because an envelope
 * (and the reply built from it) carries its position. They are taken while the batch holds its streams'
 * locks, so a stream's later versions still get higher positions. Numbers left over when the batch ends
 * are never used: positions have gaps, as they already do where a transaction rolled back.
 */
final class BatchStreams implements StreamAccess {

    /** Positions taken at least this many at a time once the first reserve is used up. */
    private static final int TOP_UP = 8;

    private final EventStore store;
    private final Map<UUID, LoadedStream> committed = new HashMap<>();
    private final Map<UUID, Optional<AccountState>> snapshots = new HashMap<>();
    private final List<Appended> appended = new ArrayList<>();
    private final Deque<Long> positions = new ArrayDeque<>();
    private Instant recordedAt;

    /** One event held for the batch's write, with what a later load of its stream needs. */
    private record Appended(EventRows.Chained chained, EventEnvelope envelope, LoadedStream.StoredEvent stored) {

        UUID streamId() {
            return envelope.aggregateId();
        }
    }

    private BatchStreams(EventStore store) {
        this.store = store;
    }

    /**
     * Locks the streams and then, in the same round trip and under the locks, takes {@code reserve} positions
     * (a guess at how many events the batch will append) and reads every stream's newest snapshot (only
     * accounts have any); a second round trip reads the events after them, where the cache does not already
     * hold them. So the batch's commands load what they are about to load one by one in two round trips.
     */
    static BatchStreams open(Connection c, EventStore store, Set<UUID> streamIds, int reserve, Snapshots snapshotStore,
                             StreamCache cache) throws SQLException {
        BatchStreams streams = new BatchStreams(store);
        Map<UUID, AccountState> found = new HashMap<>();
        RoundTrip underLocks = new RoundTrip();
        StreamLocks.exclusive(underLocks, streamIds);
        underLocks.add(EventRows.numbers(reserve, streams::took));
        underLocks.add(snapshotStore.latestOf(streamIds, found));
        underLocks.run(c);
        streams.prefetch(c, streamIds, found, cache);
        return streams;
    }

    private void prefetch(Connection c, Set<UUID> streamIds, Map<UUID, AccountState> found, StreamCache cache)
            throws SQLException {
        Map<UUID, Integer> after = new HashMap<>();
        Map<UUID, LoadedStream> known = new HashMap<>();
        for (UUID id : streamIds) {
            snapshots.put(id, Optional.ofNullable(found.get(id)));
            after.put(id, found.containsKey(id) ? found.get(id).version() : 0);
            LoadedStream cached = cache.usable(id, after.get(id));
            if (cached != null) {
                known.put(id, cached);
            }
        }
        store.loadAll(c, after, known).forEach((id, loaded) -> remember(id, loaded, after.get(id)));
    }

    /**
     * After the batch committed: every stream it read, with what it appended, goes to the cache for the next
     * batches. Not before the commit, since a cached stream must hold only committed events.
     */
    void keepCommitted(StreamCache cache) {
        committed.forEach((id, base) -> {
            List<Appended> held = appended.stream().filter(a -> a.streamId().equals(id)).toList();
            if (held.isEmpty()) {
                cache.keep(base);
                return;
            }
            List<LoadedStream.StoredEvent> events = new ArrayList<>(base.stored());
            held.forEach(a -> events.add(a.stored()));
            EventEnvelope head = held.getLast().envelope();
            cache.keep(new LoadedStream(id, head.aggregateType(), events, base.fromVersion(), head.version(),
                    head.hash()));
        });
    }

    @Override
    public Optional<AccountState> snapshot(Connection c, UUID accountId, Snapshots snapshotStore) throws SQLException {
        Optional<AccountState> prefetched = snapshots.get(accountId);
        return prefetched != null ? prefetched : snapshotStore.latest(c, accountId);
    }

    @Override
    public LoadedStream load(Connection c, UUID streamId, int afterVersion) throws SQLException {
        LoadedStream base = committed(c, streamId, afterVersion);
        List<Appended> held = appended.stream().filter(a -> a.streamId().equals(streamId)).toList();
        if (held.isEmpty()) {
            return base;
        }
        List<LoadedStream.StoredEvent> events = new ArrayList<>(base.stored());
        held.stream().map(Appended::stored).filter(e -> e.version() > afterVersion).forEach(events::add);
        EventEnvelope head = held.getLast().envelope();
        return new LoadedStream(streamId, head.aggregateType(), events, afterVersion, head.version(), head.hash());
    }

    /**
     * Checks every request against the stream's head as this batch sees it: with the locks held, only a
     * command that did not load through the batch can miss, and it then goes again alone.
     */
    @Override
    public List<EventEnvelope> append(Connection c, List<AppendRequest> requests) throws SQLException {
        List<AppendRequest> ordered = EventStore.inStreamOrder(requests);
        for (AppendRequest request : ordered) {
            LoadedStream head = load(c, request.streamId(), request.expectedVersion());
            if (head.version() != request.expectedVersion() || !head.headHash().equals(request.expectedHeadHash())) {
                throw new ConcurrencyException(request.streamId(), request.expectedVersion());
            }
        }
        Map<UUID, LedgerEvent> events = new HashMap<>();
        ordered.forEach(r -> r.events().forEach(e -> events.put(e.eventId(), e.event())));
        List<EventRows.Chained> chained = store.chain(ordered);
        if (positions.size() < chained.size()) {
            take(c, Math.max(chained.size(), TOP_UP));
        }
        List<EventEnvelope> envelopes = new ArrayList<>(chained.size());
        for (EventRows.Chained event : chained) {
            EventEnvelope envelope = EventRows.envelope(event, positions.removeFirst(), recordedAt);
            envelopes.add(envelope);
            appended.add(new Appended(event, envelope, new LoadedStream.StoredEvent(envelope.eventId(),
                    envelope.version(), envelope.occurredAt(), events.get(envelope.eventId()))));
        }
        return envelopes;
    }

    /** How many events the batch holds; {@link #discardFrom} goes back to such a mark. */
    int mark() {
        return appended.size();
    }

    /** Forgets what a command appended after {@code mark}, because the command failed after its append. */
    void discardFrom(int mark) {
        appended.subList(mark, appended.size()).clear();
    }

    /** Adds the inserts of every held event and its outbox row, one statement per table, in append order. */
    void write(RoundTrip trip) {
        if (!appended.isEmpty()) {
            store.writeNumbered(trip, appended.stream().map(Appended::chained).toList(),
                    appended.stream().map(Appended::envelope).toList());
        }
    }

    /** What the database holds, read once per stream and batch where the versions asked for allow. */
    private LoadedStream committed(Connection c, UUID streamId, int afterVersion) throws SQLException {
        LoadedStream cached = committed.get(streamId);
        if (cached != null && cached.fromVersion() == afterVersion) {
            return cached;
        }
        if (cached != null && cached.fromVersion() < afterVersion) {
            return new LoadedStream(streamId, cached.streamType(), cached.stored().stream()
                    .filter(e -> e.version() > afterVersion).toList(), afterVersion, cached.version(),
                    cached.headHash());
        }
        LoadedStream loaded = store.load(c, streamId, afterVersion);
        if (cached == null || loaded.fromVersion() < cached.fromVersion()) {
            remember(streamId, loaded, afterVersion);
        }
        return loaded;
    }

    /**
     * Keeps a load for the rest of the batch, except an empty one from after a version: that says only that
     * nothing is at or past the version (a snapshot beyond the head, say, of a restored database), not
     * that the stream is empty, so the account's full fold must still go to the database.
     */
    private void remember(UUID streamId, LoadedStream loaded, int afterVersion) {
        if (!loaded.isEmpty() || afterVersion == 0) {
            committed.put(streamId, loaded);
        }
    }

    private void take(Connection c, int count) throws SQLException {
        took(EventRows.numbers(c, count));
    }

    private void took(EventRows.Numbers numbers) {
        positions.addAll(numbers.positions());
        recordedAt = numbers.now();
    }
}
