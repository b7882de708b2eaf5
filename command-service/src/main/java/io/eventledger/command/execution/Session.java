package io.eventledger.command.execution;

import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.eventstore.Snapshots.Snapshot;
import io.eventledger.contract.envelope.EventEnvelope;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a command sees of the store inside its batch: loads show what is committed plus what earlier commands
 * of the batch appended; appends and snapshots are held until the batch writes them all at once.
 */
public interface Session {

    /** The events after {@code afterVersion} (0 for all) and the head. */
    LoadedStream load(UUID streamId, int afterVersion) throws SQLException;

    /** The stream's newest snapshot, read for the whole batch at once; its reader judges whether it fits. */
    Optional<Snapshot> snapshot(UUID streamId);

    /** Appends to several streams at once, each at its expected version; the envelopes as they will be written. */
    List<EventEnvelope> append(List<AppendRequest> requests) throws SQLException;

    /** Saves a snapshot with the batch's writes; dropped, as the appends are, if the command is refused. */
    void snapshot(Snapshot snapshot);
}
