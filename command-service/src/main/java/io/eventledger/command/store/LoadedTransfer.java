package io.eventledger.command.store;

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
    static LoadedTransfer load(CommandSession session, UUID transferId) throws SQLException {
        LoadedStream stream = session.load(transferId, 0);
        if (stream.isEmpty() || !EventTypes.TRANSFER.equals(stream.streamType())) {
            throw new StreamNotFoundException("no transfer " + transferId);
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
        written.stream().filter(e -> e.aggregateId().equals(stream.streamId()))
                .forEach(e -> steps.put(e.eventType(), e.occurredAt()));
        return steps;
    }
}
