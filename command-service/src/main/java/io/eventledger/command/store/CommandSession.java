package io.eventledger.command.store;

import io.eventledger.command.account.AccountState;
import io.eventledger.contract.envelope.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One attempt at a command inside its transaction: loads see what is committed now (and, in a group commit,
 * what earlier commands of the batch appended), and appends go through the stream locks (see
 * {@link StreamLocks}). Given to the attempt by {@link CommandRunner} or {@link CommandBatch}.
 */
public final class CommandSession {

    private final Connection connection;
    private final StreamAccess streams;
    private final Set<UUID> lockedExclusive;
    private final Set<UUID> written = new HashSet<>();

    CommandSession(Connection connection, StreamAccess streams, Set<UUID> lockedExclusive) {
        this.connection = connection;
        this.streams = streams;
        this.lockedExclusive = Set.copyOf(lockedExclusive);
    }

    /** The events after {@code afterVersion} (0 for all) and the head. */
    public LoadedStream load(UUID streamId, int afterVersion) throws SQLException {
        return streams.load(connection, streamId, afterVersion);
    }

    /** The account's newest usable snapshot, or empty; in a group commit read for the whole batch at once. */
    Optional<AccountState> snapshot(UUID accountId, Snapshots snapshots) throws SQLException {
        return streams.snapshot(connection, accountId, snapshots);
    }

    public List<EventEnvelope> append(List<AppendRequest> requests) throws SQLException {
        List<UUID> ids = requests.stream().map(AppendRequest::streamId).toList();
        written.addAll(ids);
        if (lockedExclusive.isEmpty()) {
            StreamLocks.shared(connection, ids);
        } else {
            requireLocked(requests);
        }
        return streams.append(connection, requests);
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
