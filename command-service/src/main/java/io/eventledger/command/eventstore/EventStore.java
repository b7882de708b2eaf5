package io.eventledger.command.eventstore;

import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.envelope.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * {@code ledger.events}: appends new events and their outbox rows in one transaction, chained by hash per
 * stream, and loads streams back through the codec so upcasters apply. The unique (stream_id, version)
 * constraint is the referee of concurrent appends.
 */
public final class EventStore {

    private final DataSource dataSource;
    private final EventCodec codec;
    private final OutboxWriter outbox;
    private final Clock clock;

    public EventStore(DataSource dataSource, EventCodec codec, OutboxWriter outbox, Clock clock) {
        this.dataSource = dataSource;
        this.codec = codec;
        this.outbox = outbox;
        this.clock = clock;
    }

    public LoadedStream load(UUID streamId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return load(c, streamId, 0);
        }
    }

    /** On the caller's connection: the events after {@code afterVersion} (0 for all) and the stream's head. */
    public LoadedStream load(Connection c, UUID streamId, int afterVersion) throws SQLException {
        return loaded(streamId, EventRows.select(c, streamId, afterVersion), afterVersion);
    }

    /**
     * As {@link #load(Connection, UUID, int)} for many streams in one round trip, each after its own version.
     * For a stream in {@code known} (committed events up to its head) only the rows from that head on are read;
     * if the head row no longer has the known hash the stream is left out, and the caller loads it itself.
     */
    public Map<UUID, LoadedStream> loadAll(
            Connection c, Map<UUID, Integer> afterVersions, Map<UUID, LoadedStream> known) throws SQLException {
        Map<UUID, Integer> from = new HashMap<>(afterVersions);
        known.forEach((id, stream) -> from.put(id, stream.version()));
        Map<UUID, List<EventRows.StoredRow>> rows = EventRows.selectMany(c, from);
        Map<UUID, LoadedStream> streams = new HashMap<>();
        afterVersions.forEach((id, after) -> {
            List<EventRows.StoredRow> read = rows.getOrDefault(id, List.of());
            LoadedStream head = known.get(id);
            if (head == null) {
                streams.put(id, loaded(id, read, after));
            } else if (!read.isEmpty()
                    && read.getFirst().version() == head.version()
                    && HashChain.hex(read.getFirst().hash()).equals(head.headHash())) {
                streams.put(id, extended(head, loaded(id, read, head.version()), after));
            }
        });
        return streams;
    }

    /** The known events after {@code afterVersion}, then the newer ones of {@code tail}, which starts at its head. */
    private static LoadedStream extended(LoadedStream known, LoadedStream tail, int afterVersion) {
        if (tail.stored().isEmpty() && known.fromVersion() == afterVersion) {
            return known; // the usual case: nothing new since the batch that kept it, so no copy of its events
        }
        List<LoadedStream.StoredEvent> events =
                new ArrayList<>(known.stored().size() + tail.stored().size());
        known.stored().stream().filter(e -> e.version() > afterVersion).forEach(events::add);
        events.addAll(tail.stored());
        return new LoadedStream(
                known.streamId(), known.streamType(), events, afterVersion, tail.version(), tail.headHash());
    }

    /** The rows from the version after which events are wanted, so even an empty tail shows the head. */
    private LoadedStream loaded(UUID streamId, List<EventRows.StoredRow> rows, int afterVersion) {
        if (rows.isEmpty()) {
            return LoadedStream.empty(streamId);
        }
        List<LoadedStream.StoredEvent> events = new ArrayList<>(rows.size());
        for (EventRows.StoredRow row : rows) {
            if (row.version() > afterVersion) {
                events.add(new LoadedStream.StoredEvent(
                        row.eventId(),
                        row.version(),
                        row.occurredAt(),
                        codec.fromJson(row.eventType(), row.schemaVersion(), row.data())));
            }
        }
        EventRows.StoredRow head = rows.getLast();
        return new LoadedStream(
                streamId, head.streamType(), events, afterVersion, head.version(), HashChain.hex(head.hash()));
    }

    /**
     * Appends to one or more streams in a transaction of its own, through the same numbering, chaining and
     * insert as a command batch: for tools and tests that seed a store. Throws {@link ConcurrencyException} if
     * an expected version is gone.
     */
    public List<EventEnvelope> append(AppendRequest... requests) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<ChainedEvent> chained = chain(inStreamOrder(List.of(requests)));
                Positions positions = reserve(c, chained.size());
                List<EventEnvelope> envelopes = new ArrayList<>(chained.size());
                for (int i = 0; i < chained.size(); i++) {
                    envelopes.add(envelope(chained.get(i), positions.positions().get(i), positions.now()));
                }
                RoundTrip trip = new RoundTrip();
                write(trip, chained, envelopes);
                trip.run(c);
                c.commit();
                return envelopes;
            } catch (SQLException e) {
                rollback(c, e);
                if (isVersionConflict(e)) {
                    AppendRequest lost = EventRows.conflictingStream(e, List.of(requests));
                    throw new ConcurrencyException(lost.streamId(), lost.expectedVersion());
                }
                throw e;
            } catch (RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    /**
     * Adds to a round trip the events, numbered and chained beforehand, then their outbox rows, each table in
     * one statement and in the given order, which is the order the relay sends them in.
     */
    public void write(RoundTrip trip, List<ChainedEvent> chained, List<EventEnvelope> envelopes) {
        if (chained.isEmpty()) {
            return;
        }
        trip.add(EventRows.insert(
                chained, envelopes.stream().map(EventEnvelope::position).toList()));
        trip.add(RoundTrip.Part.update(
                outbox.sql(envelopes.size()), (ps, offset) -> outbox.bind(ps, offset, envelopes)));
    }

    /** {@code count} positions for events about to be written, and the transaction's now(). */
    public static Positions reserve(Connection c, int count) throws SQLException {
        return EventRows.numbers(c, count);
    }

    /** As {@link #reserve(Connection, int)}, as part of a round trip that hands them to {@code taken}. */
    public static RoundTrip.Part reserve(int count, Consumer<Positions> taken) {
        return EventRows.numbers(count, taken);
    }

    /** The envelope of a chained event at its position, as the relay will publish it. */
    public static EventEnvelope envelope(ChainedEvent event, long position, Instant recordedAt) {
        return EventRows.envelope(event, position, recordedAt);
    }

    /** Whether a failed statement lost the race for a stream's next version (the unique constraint). */
    public static boolean isVersionConflict(Exception e) {
        return EventRows.isVersionConflict(e);
    }

    /** The first event of a stream, or empty: what opened it, which never changes (an account's currency...). */
    public Optional<LoadedStream.StoredEvent> first(UUID streamId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<EventRows.StoredRow> rows = EventRows.selectFirst(c, streamId);
            return rows.isEmpty()
                    ? Optional.empty()
                    : Optional.of(loaded(streamId, rows, 0).stored().getFirst());
        }
    }

    /** The requests by stream id, each stream once: the order every writer inserts and locks in. */
    public static List<AppendRequest> inStreamOrder(List<AppendRequest> requests) {
        List<AppendRequest> ordered = requests.stream()
                .sorted(Comparator.comparing(AppendRequest::streamId))
                .toList();
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i - 1).streamId().equals(ordered.get(i).streamId())) {
                throw new IllegalArgumentException(
                        "stream " + ordered.get(i).streamId() + " appears twice in one append");
            }
        }
        return ordered;
    }

    /** The new events of streams in stream order, hashed onto their heads, all with one occurredAt. */
    public List<ChainedEvent> chain(List<AppendRequest> ordered) {
        // one instant for the whole command, cut to what timestamptz keeps so re-read events hash the same
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<ChainedEvent> chained = new ArrayList<>();
        for (AppendRequest request : ordered) {
            chained.addAll(chain(request, occurredAt));
        }
        return chained;
    }

    private List<ChainedEvent> chain(AppendRequest request, Instant occurredAt) {
        byte[] prevHash = HashChain.fromHex(request.expectedHeadHash());
        int version = request.expectedVersion();
        List<ChainedEvent> chained = new ArrayList<>();
        for (AppendRequest.NewEvent event : request.events()) {
            EventTypes.EventType type = EventTypes.of(event.event());
            if (!type.aggregateType().equals(request.streamType())) {
                throw new IllegalArgumentException(
                        type.name() + " does not belong to a " + request.streamType() + " stream");
            }
            ChainEntry entry = new ChainEntry(
                    event.eventId(),
                    request.streamType(),
                    request.streamId(),
                    ++version,
                    type.name(),
                    type.schemaVersion(),
                    codec.toData(event.event()),
                    Json.mapper().valueToTree(event.metadata()),
                    occurredAt);
            byte[] hash = HashChain.link(prevHash, entry);
            chained.add(new ChainedEvent(entry, event.metadata(), prevHash, hash));
            prevHash = hash;
        }
        return chained;
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
