package io.eventledger.projector.reconcile;

import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.envelope.UndecodableEventException;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.BalanceProjection;
import io.eventledger.projector.topology.RejectedEventException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Folds every account stream of {@code ledger.events} with the projector's own {@link BalanceProjection},
 * decoding through {@link EventCodec#standard()} so old schema versions are upcast as the projector upcasts
 * them. Reads the table directly, in version order per stream, with a cursor: the projector needs nothing
 * of command-service to do it. An event the fold refuses stops that account where the projector stops too
 * (it parks that event and, as gaps, all after it), and is reported.
 */
public final class EventStoreFold {

    /** The expected balance of every account, and the events the fold could not apply. */
    public record Result(Map<UUID, Balance> balances, List<Difference> unfoldable, long events) {}

    private static final String SQL = """
            SELECT event_id, stream_id, version, position, event_type, schema_version, data::text,
                   occurred_at, recorded_at, encode(hash, 'hex'), encode(prev_hash, 'hex')
              FROM ledger.events WHERE stream_type = ? ORDER BY stream_id, version
            """;

    private final EventCodec codec = EventCodec.standard();
    private final BalanceProjection projection = new BalanceProjection();

    public Result fold(DataSource dataSource) throws SQLException, IOException {
        Map<UUID, Balance> balances = new LinkedHashMap<>();
        Map<UUID, Difference> stopped = new LinkedHashMap<>();
        long events = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor instead of the whole table in memory
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setFetchSize(1_000);
                ps.setString(1, EventTypes.ACCOUNT);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        apply(envelope(rs), balances, stopped);
                        events++;
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return new Result(balances, new ArrayList<>(stopped.values()), events);
    }

    private void apply(EventEnvelope envelope, Map<UUID, Balance> balances, Map<UUID, Difference> stopped) {
        UUID account = envelope.aggregateId();
        if (stopped.containsKey(account)) {
            return;
        }
        Balance current = balances.get(account);
        try {
            int expectedVersion = current == null ? 1 : current.version() + 1;
            if (envelope.version() != expectedVersion) {
                throw new RejectedEventException("version " + envelope.version() + " follows " + (expectedVersion - 1));
            }
            balances.put(account, projection.apply(current, envelope, (AccountEvent) codec.decode(envelope)));
        } catch (RejectedEventException | UndecodableEventException | ClassCastException e) {
            stopped.put(
                    account,
                    new Difference(
                            account,
                            "event store",
                            "version " + envelope.version() + " to apply",
                            envelope.eventType() + " that cannot be applied: " + e.getMessage()));
        }
    }

    private static EventEnvelope envelope(ResultSet rs) throws SQLException, IOException {
        return new EventEnvelope(
                rs.getObject(1, UUID.class),
                EventTypes.ACCOUNT,
                rs.getObject(2, UUID.class),
                rs.getInt(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getObject(8, OffsetDateTime.class).toInstant(),
                rs.getObject(9, OffsetDateTime.class).toInstant(),
                Json.mapper().readTree(rs.getString(7)),
                null,
                rs.getString(10),
                rs.getString(11));
    }
}
