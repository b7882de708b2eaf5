package io.eventledger.command.store;

import io.eventledger.command.account.AccountState;
import io.eventledger.contract.envelope.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a {@link CommandSession}'s loads and appends go: straight to the {@link EventStore}, or into a group
 * commit's {@link BatchStreams}, which holds the appends of a whole batch until it writes them at once.
 */
interface StreamAccess {

    /** The events after {@code afterVersion} (0 for all) and the head, as the command must see them. */
    LoadedStream load(Connection c, UUID streamId, int afterVersion) throws SQLException;

    /** The account's newest usable snapshot (see {@link Snapshots}), or empty. */
    default Optional<AccountState> snapshot(Connection c, UUID accountId, Snapshots snapshots) throws SQLException {
        return snapshots.latest(c, accountId);
    }

    /** Appends to several streams at once, each at its expected version; the envelopes as written. */
    List<EventEnvelope> append(Connection c, List<AppendRequest> requests) throws SQLException;
}
