package io.eventledger.command.execution;

import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.ChainedEvent;
import io.eventledger.command.eventstore.ConcurrencyException;
import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.eventstore.Positions;
import io.eventledger.command.eventstore.RoundTrip;
import io.eventledger.command.eventstore.Snapshots;
import io.eventledger.command.eventstore.Snapshots.Snapshot;
import io.eventledger.command.eventstore.StreamCache;
import io.eventledger.command.eventstore.StreamLocks;
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
 * The streams of one batch, whose locks the batch holds. A load sees the database plus what earlier commands
 * of the batch appended, so the second deposit to an account in a batch decides on the first one's balance.
 * Appends are chained, numbered and kept here, until {@link #write} inserts them all at once.
 *
 * <p>Positions are taken from the events' identity before the events are written, because an envelope
 * (and the answer built from it) carries its position. They are taken while the batch holds its streams'
 * locks, so a stream's later versions still get higher positions. Numbers left over when the batch ends
 * are never used: positions have gaps, as they already do where a transaction rolled back.
 */
final class BatchStreams {

    /** Positions taken at least this many at a time once the first reserve is used up. */
    private static final int TOP_UP = 8;

    private final Connection connection;
    private final EventStore store;
    private final Map<UUID, LoadedStream> committed = new HashMap<>();
    private final Map<UUID, Snapshot> snapshots = new HashMap<>();
    private final List<Appended> appended = new ArrayList<>();
    private final List<Snapshot> toSave = new ArrayList<>();
    private final Deque<Long> positions = new ArrayDeque<>();
    private Instant recordedAt;

    /** One event held for the batch's write, with what a later load of its stream needs. */
    private record Appended(ChainedEvent chained, EventEnvelope envelope, LoadedStream.StoredEvent stored) {

        UUID streamId() {
            return envelope.aggregateId();
        }
    }

    /** How far the batch's held writes went before a command began; {@link #discardFrom} goes back to it. */
    record Mark(int events, int snapshots) {}

    private BatchStreams(Connection connection, EventStore store) {
        this.connection = connection;
        this.store = store;
    }

    /**
     * Locks the streams and then, in the same round trip and under the locks, takes {@code reserve} positions
     * (a guess at how many events the batch will append) and reads every stream's newest snapshot; a second
     * round trip reads the events after them, where the cache does not already hold them. So the batch's
     * commands load what they need in two round trips whatever their number.
     */
    static BatchStreams open(Connection c, EventStore store, Set<UUID> streamIds, int reserve, StreamCache cache)
            throws SQLException {
        BatchStreams streams = new BatchStreams(c, store);
        RoundTrip underLocks = new RoundTrip();
        StreamLocks.exclusive(underLocks, streamIds);
        underLocks.add(EventStore.reserve(reserve, streams::took));
        underLocks.add(Snapshots.latestOf(streamIds, streams.snapshots));
        underLocks.run(c);
        streams.prefetch(streamIds, cache);
        return streams;
    }

    private void prefetch(Set<UUID> streamIds, StreamCache cache) throws SQLException {
        Map<UUID, Integer> after = new HashMap<>();
        Map<UUID, LoadedStream> known = new HashMap<>();
        for (UUID id : streamIds) {
            Snapshot snapshot = snapshots.get(id);
            after.put(id, snapshot != null ? snapshot.version() : 0);
            LoadedStream cached = cache.usable(id, after.get(id));
            if (cached != null) {
                known.put(id, cached);
            }
        }
        store.loadAll(connection, after, known).forEach((id, loaded) -> remember(id, loaded, after.get(id)));
    }

    /** The session one command of the batch decides in: it may append only to the streams it named. */
    Session session(Set<UUID> named) {
        return new CommandSession(named);
    }

    /**
     * After the batch committed: every stream it read, with what it appended, goes to the cache for the next
     * batches. Not before the commit, since a cached stream must hold only committed events.
     */
    void keepCommitted(StreamCache cache) {
        committed.forEach((id, base) -> cache.keep(withAppended(base, base.fromVersion())));
    }

    Mark mark() {
        return new Mark(appended.size(), toSave.size());
    }

    /** How many streams were appended to since {@code mark}. */
    int streamsAppendedSince(Mark mark) {
        return (int) appended.subList(mark.events(), appended.size()).stream()
                .map(Appended::streamId)
                .distinct()
                .count();
    }

    /** Forgets what a command held after {@code mark}, because the command was refused. */
    void discardFrom(Mark mark) {
        appended.subList(mark.events(), appended.size()).clear();
        toSave.subList(mark.snapshots(), toSave.size()).clear();
    }

    /** Adds the inserts of every held event, its outbox row and every snapshot, one statement per table. */
    void write(RoundTrip trip) {
        store.write(
                trip,
                appended.stream().map(Appended::chained).toList(),
                appended.stream().map(Appended::envelope).toList());
        Snapshots.save(trip, toSave);
    }

    private LoadedStream load(UUID streamId, int afterVersion) throws SQLException {
        return withAppended(committed(streamId, afterVersion), afterVersion);
    }

    /** {@code base} followed by what the batch appended to its stream after {@code afterVersion}. */
    private LoadedStream withAppended(LoadedStream base, int afterVersion) {
        List<Appended> held = appended.stream()
                .filter(a -> a.streamId().equals(base.streamId()))
                .toList();
        if (held.isEmpty()) {
            return base;
        }
        List<LoadedStream.StoredEvent> events = new ArrayList<>(base.stored());
        held.stream()
                .map(Appended::stored)
                .filter(e -> e.version() > afterVersion)
                .forEach(events::add);
        EventEnvelope head = held.getLast().envelope();
        return new LoadedStream(
                base.streamId(), head.aggregateType(), events, afterVersion, head.version(), head.hash());
    }

    /** Checks every request against its stream's head as this batch sees it, then chains and numbers it. */
    private List<EventEnvelope> append(List<AppendRequest> requests) throws SQLException {
        List<AppendRequest> ordered = EventStore.inStreamOrder(requests);
        for (AppendRequest request : ordered) {
            LoadedStream head = load(request.streamId(), request.expectedVersion());
            if (head.version() != request.expectedVersion() || !head.headHash().equals(request.expectedHeadHash())) {
                throw new ConcurrencyException(request.streamId(), request.expectedVersion());
            }
        }
        Map<UUID, LedgerEvent> events = new HashMap<>();
        ordered.forEach(r -> r.events().forEach(e -> events.put(e.eventId(), e.event())));
        List<ChainedEvent> chained = store.chain(ordered);
        if (positions.size() < chained.size()) {
            took(EventStore.reserve(connection, Math.max(chained.size(), TOP_UP)));
        }
        List<EventEnvelope> envelopes = new ArrayList<>(chained.size());
        for (ChainedEvent event : chained) {
            EventEnvelope envelope = EventStore.envelope(event, positions.removeFirst(), recordedAt);
            envelopes.add(envelope);
            appended.add(new Appended(
                    event,
                    envelope,
                    new LoadedStream.StoredEvent(
                            envelope.eventId(),
                            envelope.version(),
                            envelope.occurredAt(),
                            events.get(envelope.eventId()))));
        }
        return envelopes;
    }

    /** What the database holds, read once per stream and batch where the versions asked for allow. */
    private LoadedStream committed(UUID streamId, int afterVersion) throws SQLException {
        LoadedStream cached = committed.get(streamId);
        if (cached != null && cached.fromVersion() == afterVersion) {
            return cached;
        }
        if (cached != null && cached.fromVersion() < afterVersion) {
            return new LoadedStream(
                    streamId,
                    cached.streamType(),
                    cached.stored().stream()
                            .filter(e -> e.version() > afterVersion)
                            .toList(),
                    afterVersion,
                    cached.version(),
                    cached.headHash());
        }
        LoadedStream loaded = store.load(connection, streamId, afterVersion);
        if (cached == null || loaded.fromVersion() < cached.fromVersion()) {
            remember(streamId, loaded, afterVersion);
        }
        return loaded;
    }

    /**
     * Keeps a load for the rest of the batch, except an empty one from after a version: that says only that
     * nothing is at or past the version (a snapshot beyond the head, say, of a restored database), not
     * that the stream is empty, so the stream's full fold must still go to the database.
     */
    private void remember(UUID streamId, LoadedStream loaded, int afterVersion) {
        if (!loaded.isEmpty() || afterVersion == 0) {
            committed.put(streamId, loaded);
        }
    }

    private void took(Positions taken) {
        positions.addAll(taken.positions());
        recordedAt = taken.now();
    }

    /** One command's view of the batch. */
    private final class CommandSession implements Session {

        private final Set<UUID> named;

        CommandSession(Set<UUID> named) {
            this.named = Set.copyOf(named);
        }

        @Override
        public LoadedStream load(UUID streamId, int afterVersion) throws SQLException {
            return BatchStreams.this.load(streamId, afterVersion);
        }

        @Override
        public Optional<Snapshot> snapshot(UUID streamId) {
            return Optional.ofNullable(snapshots.get(streamId));
        }

        @Override
        public List<EventEnvelope> append(List<AppendRequest> requests) throws SQLException {
            for (AppendRequest request : requests) {
                if (!named.contains(request.streamId())) {
                    // its lock was not taken: another batch could be deciding on the same head right now
                    throw new IllegalStateException(
                            "a command appended to stream " + request.streamId() + ", which it did not name");
                }
            }
            return BatchStreams.this.append(requests);
        }

        @Override
        public void snapshot(Snapshot snapshot) {
            toSave.add(snapshot);
        }
    }
}
