package io.eventledger.command.handling;

import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.execution.Session;
import io.eventledger.command.transfer.Transfer;
import io.eventledger.command.transfer.TransferState;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.LedgerEvent;
import io.eventledger.contract.event.TransferEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A transfer as stored: its state folded from its stream, and the stream for its head and step times. */
record LoadedTransfer(TransferState state, LoadedStream stream) {

    static LoadedTransfer fresh(UUID transferId) {
        return new LoadedTransfer(TransferState.initial(transferId), LoadedStream.empty(transferId));
    }

    /** Fails with {@link StreamNotFoundException} (HTTP 404) when no transfer has this id. */
    static LoadedTransfer load(Session session, UUID transferId) throws SQLException {
        return at(session, transferId, Integer.MAX_VALUE);
    }

    /** The transfer as it was at {@code version}, with only the steps taken by then. */
    static LoadedTransfer at(Session session, UUID transferId, int version) throws SQLException {
        LoadedStream stream = session.load(transferId, 0);
        if (stream.isEmpty() || !EventTypes.TRANSFER.equals(stream.streamType())) {
            throw new StreamNotFoundException("no transfer " + transferId);
        }
        if (stream.version() > version) {
            // only for answering a repeated request: the head hash stays the current one, so never append to it
            List<LoadedStream.StoredEvent> upTo =
                    stream.stored().stream().filter(e -> e.version() <= version).toList();
            stream = new LoadedStream(transferId, stream.streamType(), upTo, 0, version, stream.headHash());
        }
        return new LoadedTransfer(fold(TransferState.initial(transferId), stream.events()), stream);
    }

    static TransferState fold(TransferState from, List<? extends LedgerEvent> events) {
        TransferState state = from;
        for (LedgerEvent event : events) {
            state = Transfer.evolve(state, (TransferEvent) event);
        }
        return state;
    }

    /** When each step was recorded, by event type, counting the events just {@code written} too. */
    Map<String, Instant> steps(List<EventEnvelope> written) {
        Map<String, Instant> steps = new LinkedHashMap<>();
        stream.stored().forEach(e -> steps.put(EventTypes.of(e.event()).name(), e.occurredAt()));
        written.stream()
                .filter(e -> e.aggregateId().equals(stream.streamId()))
                .forEach(e -> steps.put(e.eventType(), e.occurredAt()));
        return steps;
    }
}
