package io.eventledger.command.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.common.envelope.EventCodec;
import io.eventledger.common.envelope.EventEnvelope;
import io.eventledger.common.envelope.EventTypes;
import io.eventledger.common.envelope.Json;
import io.eventledger.common.event.LedgerEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code ledger.events}: appends a stream's new events and their outbox rows in one transaction, chained
 * by hash, and loads streams back through the codec so upcasters apply. The unique (stream_id, version)
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
            List<EventRows.StoredRow> rows = EventRows.select(c, streamId);
            if (rows.isEmpty()) {
                return LoadedStream.empty(streamId);
            }
            List<LedgerEvent> events = new ArrayList<>(rows.size());
            for (EventRows.StoredRow row : rows) {
                events.add(codec.fromData(row.eventType(), row.schemaVersion(), row.data()));
            }
            EventRows.StoredRow head = rows.getLast();
            return new LoadedStream(streamId, head.streamType(), events, head.version(), head.hashHex());
        }
    }

    /** Returns the envelopes as written; throws {@link ConcurrencyException} if the expected version is gone. */
    public List<EventEnvelope> append(AppendRequest request) throws SQLException {
        List<EventRows.Chained> chained = chain(request);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<EventEnvelope> envelopes = EventRows.insert(c, chained);
                outbox.write(c, envelopes);
                c.commit();
                return envelopes;
            } catch (SQLException e) {
                rollback(c, e);
                if (EventRows.isVersionConflict(e)) {
                    throw new ConcurrencyException(request.streamId(), request.expectedVersion());
                }
                throw e;
            } catch (RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    private List<EventRows.Chained> chain(AppendRequest request) {
        // one instant for the whole command, cut to what timestamptz keeps so re-read events hash the same
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        JsonNode metadata = Json.mapper().valueToTree(request.metadata());
        byte[] prevHash = HashChain.fromHex(request.expectedHeadHash());
        int version = request.expectedVersion();
        List<EventRows.Chained> chained = new ArrayList<>();
        for (LedgerEvent event : request.events()) {
            EventTypes.EventType type = EventTypes.of(event);
            if (!type.aggregateType().equals(request.streamType())) {
                throw new IllegalArgumentException(type.name() + " does not belong to a " + request.streamType() + " stream");
            }
            ChainEntry entry = new ChainEntry(UUID.randomUUID(), request.streamType(), request.streamId(), ++version,
                    type.name(), type.schemaVersion(), codec.toData(event), metadata, occurredAt);
            byte[] hash = HashChain.link(prevHash, entry);
            chained.add(new EventRows.Chained(entry, request.metadata(), prevHash, hash));
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
