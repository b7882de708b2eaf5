package io.eventledger.command.store;

import io.eventledger.common.envelope.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One attempt at a command inside its transaction: loads see what is committed now, and appends go through
 * the stream locks (see {@link StreamLocks}). Given to the attempt by {@link CommandRunner}.
 */
public final class CommandSession {

    private final Connection connection;
    private final EventStore store;
    private final Set<UUID> lockedExclusive;
    private final Set<UUID> written = new HashSet<>();

    CommandSession(Connection connection, EventStore store, Set<UUID> lockedExclusive) {
        this.connection = connection;
        this.store = store;
        this.lockedExclusive = Set.copyOf(lockedExclusive);
    }

    /** The events after {@code afterVersion} (0 for all) and the head. */
    public LoadedStream load(UUID streamId, int afterVersion) throws SQLException {
        return store.load(connection, streamId, afterVersion);
    }

    public List<EventEnvelope> append(List<AppendRequest> requests) throws SQLException {
        List<UUID> streams = requests.stream().map(AppendRequest::streamId).toList();
        written.addAll(streams);
        if (lockedExclusive.isEmpty()) {
            StreamLocks.shared(connection, streams);
        } else {
            requireLocked(requests);
        }
        return store.append(connection, requests);
    }

    Connection connection() {
        return connection;
    }

    /** Every stream this attempt tried to write, so a retry knows what to lock. */
    Set<UUID> written() {
        return Set.copyOf(written);
    }

    /** A retry decided to write a stream it had not locked: it must go again with that stream locked too. */
    private void requireLocked(List<AppendRequest> requests) {
        for (AppendRequest request : requests) {
            if (!lockedExclusive.contains(request.streamId())) {
                throw new ConcurrencyException(request.streamId(), request.expectedVersion());
            }
        }
    }
}
