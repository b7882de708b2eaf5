package io.eventledger.command.execution;

import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.eventstore.RoundTrip;
import io.eventledger.command.eventstore.Snapshots;
import io.eventledger.command.eventstore.Snapshots.Snapshot;
import io.eventledger.contract.envelope.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A session for queries: loads what is committed now, on its own connection, and writes nothing. */
final class ReadSession implements Session {

    private final Connection connection;
    private final EventStore store;

    ReadSession(Connection connection, EventStore store) {
        this.connection = connection;
        this.store = store;
    }

    @Override
    public LoadedStream load(UUID streamId, int afterVersion) throws SQLException {
        return store.load(connection, streamId, afterVersion);
    }

    @Override
    public Optional<Snapshot> snapshot(UUID streamId) {
        Map<UUID, Snapshot> found = new HashMap<>();
        try {
            new RoundTrip().add(Snapshots.latestOf(Set.of(streamId), found)).run(connection);
        } catch (SQLException e) {
            // a snapshot is only a shortcut: the stream is folded from its start instead
            return Optional.empty();
        }
        return Optional.ofNullable(found.get(streamId));
    }

    @Override
    public List<EventEnvelope> append(List<AppendRequest> requests) {
        throw new UnsupportedOperationException("a query appends nothing; commands go through the executor");
    }

    @Override
    public void snapshot(Snapshot snapshot) {
        // queries leave snapshots to commands
    }
}
