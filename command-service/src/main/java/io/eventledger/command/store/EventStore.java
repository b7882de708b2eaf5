package io.eventledger.command.store;

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
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code ledger.events}: appends new events and their outbox rows in one transaction, chained by hash per
 * stream, and loads streams back through the codec so upcasters apply. The unique (stream_id, version)
 * constraint is the referee of concurrent appends.
 */
public final class EventStore implements StreamAccess {

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
    @Override
    public LoadedStream load(Connection c, UUID streamId, int afterVersion) throws SQLException {
        return loaded(streamId, EventRows.select(c, streamId, afterVersion), afterVersion);
    }

    /**
     * As {@link #load(Connection, UUID, int)} for many streams in one round trip, each after its own version.
     * For a stream in {@code known} (committed events up to its head) only the rows from that head on are read;
     * if the head row no longer has the known hash the stream is left out, and the caller loads it itself.
     */
    Map<UUID, LoadedStream> loadAll(Connection c, Map<UUID, Integer> afterVersions, Map<UUID, LoadedStream> known)
            throws SQLException {
        Map<UUID, Integer> from = new HashMap<>(afterVersions);
        known.forEach((id, stream) -> from.put(id, stream.version()));
        Map<UUID, List<EventRows.StoredRow>> rows = EventRows.selectMany(c, from);
        Map<UUID, LoadedStream> streams = new HashMap<>();
        afterVersions.forEach((id, after) -> {
            List<EventRows.StoredRow> read = rows.getOrDefault(id, List.of());
            LoadedStream head = known.get(id);
            if (head == null) {
                streams.put(id, loaded(id, read, after));
            } else if (!read.isEmpty() && read.getFirst().version() == head.version()
                    && HashChain.hex(read.getFirst().hash()).equals(head.headHash())) {
                streams.put(id, extended(head, loaded(id, read, head.version()), after));
            }
        });
        return streams;
    }

    /** The known events after {@code afterVersion}, then the newer ones of {@code tail}, which starts at its head. */
    private static LoadedStream extended(LoadedStream known, LoadedStream tail, int afterVersion) {
        if (tail.stored().isEmpty() && known.fromVersion() == afterVersion) {
            return known;   // the usual case: nothing new since the batch that kept it, so no copy of its events
        }
        List<LoadedStream.StoredEvent> events = new ArrayList<>(known.stored().size() + tail.stored().size());
        known.stored().stream().filter(e -> e.version() > afterVersion).forEach(events::add);
        events.addAll(tail.stored());
        return new LoadedStream(known.streamId(), known.streamType(), events, afterVersion, tail.version(),
                tail.headHash());
    }

    /** The rows from the version after which events are wanted, so even an empty tail shows the head. */
    private LoadedStream loaded(UUID streamId, List<EventRows.StoredRow> rows, int afterVersion) {
        if (rows.isEmpty()) {
            return LoadedStream.empty(streamId);
        }
        List<LoadedStream.StoredEvent> events = new ArrayList<>(rows.size());
        for (EventRows.StoredRow row : rows) {
            if (row.version() > afterVersion) {
                events.add(new LoadedStream.StoredEvent(row.eventId(), row.version(), row.occurredAt(),
                        codec.fromJson(row.eventType(), row.schemaVersion(), row.data())));
            }
        }
        EventRows.StoredRow head = rows.getLast();
        return new LoadedStream(streamId, head.streamType(), events, afterVersion, head.version(),
                HashChain.hex(head.hash()));
    }

    /** In a transaction of its own; throws {@link ConcurrencyException} if the expected version is gone. */
    public List<EventEnvelope> append(AppendRequest request) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<EventEnvelope> envelopes = append(c, List.of(request));
                c.commit();
                return envelopes;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    /**
     * In the caller's transaction: appends to several streams at once, all with one occurredAt, and returns
     * the envelopes as written. Streams are inserted in stream-id order, so two commands writing the same
     * streams wait for each other in one order and cannot deadlock. A stream whose expected version is gone
     * throws {@link ConcurrencyException}; the transaction is then unusable until the caller rolls it back.
     */
    @Override
    public List<EventEnvelope> append(Connection c, List<AppendRequest> requests) throws SQLException {
        List<AppendRequest> ordered = inStreamOrder(requests);
        List<EventRows.Chained> chained = chain(ordered);
        // every stream in one statement: one round trip, rows still inserted in stream-id order
        List<EventEnvelope> written;
        try {
            written = EventRows.insert(c, chained);
        } catch (SQLException e) {
            if (EventRows.isVersionConflict(e)) {
                AppendRequest lost = EventRows.conflictingStream(e, ordered);
                throw new ConcurrencyException(lost.streamId(), lost.expectedVersion());
            }
            throw e;
        }
        outbox.write(c, written);
        return written;
    }

    /**
     * Adds to a group commit's final round trip: events it numbered and chained beforehand, then their outbox
     * rows, each table in one statement and in the given order, which is the order the relay sends them in.
     */
    void writeNumbered(RoundTrip trip, List<EventRows.Chained> chained, List<EventEnvelope> envelopes) {
        trip.add(EventRows.insertNumbered(chained, envelopes.stream().map(EventEnvelope::position).toList()));
        trip.add(RoundTrip.Part.update(outbox.sql(envelopes.size()),
                (ps, offset) -> outbox.bind(ps, offset, envelopes)));
    }

    /** The requests by stream id, each stream once: the order every writer inserts and locks in. */
    static List<AppendRequest> inStreamOrder(List<AppendRequest> requests) {
        List<AppendRequest> ordered = requests.stream().sorted(Comparator.comparing(AppendRequest::streamId)).toList();
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i - 1).streamId().equals(ordered.get(i).streamId())) {
                throw new IllegalArgumentException("stream " + ordered.get(i).streamId() + " appears twice in one append");
            }
        }
        return ordered;
    }

    /** The new events of streams in stream order, hashed onto their heads, all with one occurredAt. */
    List<EventRows.Chained> chain(List<AppendRequest> ordered) {
        // one instant for the whole command, cut to what timestamptz keeps so re-read events hash the same
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<EventRows.Chained> chained = new ArrayList<>();
        for (AppendRequest request : ordered) {
            chained.addAll(chain(request, occurredAt));
        }
        return chained;
    }

    private List<EventRows.Chained> chain(AppendRequest request, Instant occurredAt) {
        byte[] prevHash = HashChain.fromHex(request.expectedHeadHash());
        int version = request.expectedVersion();
        List<EventRows.Chained> chained = new ArrayList<>();
        for (AppendRequest.NewEvent event : request.events()) {
            EventTypes.EventType type = EventTypes.of(event.event());
            if (!type.aggregateType().equals(request.streamType())) {
                throw new IllegalArgumentException(type.name() + " does not belong to a " + request.streamType() + " stream");
            }
            ChainEntry entry = new ChainEntry(event.eventId(), request.streamType(), request.streamId(), ++version,
                    type.name(), type.schemaVersion(), codec.toData(event.event()),
                    Json.mapper().valueToTree(event.metadata()), occurredAt);
            byte[] hash = HashChain.link(prevHash, entry);
            chained.add(new EventRows.Chained(entry, event.metadata(), prevHash, hash));
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
