package io.eventledger.command.transfer;

import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.TransferEvent;
import java.util.List;

/**
 * Everything one transfer command writes, per stream: the transfer's own events and the legs on the source
 * and target accounts (empty unless the money moves). It is written all together or not at all.
 */
public record TransferDecision(
        List<TransferEvent> transferEvents, List<AccountEvent> sourceEvents, List<AccountEvent> targetEvents) {

    public TransferDecision {
        transferEvents = List.copyOf(transferEvents);
        sourceEvents = List.copyOf(sourceEvents);
        targetEvents = List.copyOf(targetEvents);
    }

    /** A decision that touches the transfer stream only. */
    static TransferDecision transferOnly(List<TransferEvent> events) {
        return new TransferDecision(events, List.of(), List.of());
    }
}
