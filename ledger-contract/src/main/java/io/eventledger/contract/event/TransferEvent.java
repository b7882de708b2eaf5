package io.eventledger.contract.event;

import java.math.BigDecimal;
import java.util.UUID;

/** Facts of a transfer stream ({@code stream_type = 'transfer'}): the four-eyes workflow. */
public sealed interface TransferEvent extends LedgerEvent {

    record TransferInitiated(
            UUID fromAccountId, UUID toAccountId, BigDecimal amount, String currency, String initiatedBy)
            implements TransferEvent {}

    record TransferApproved(String approvedBy) implements TransferEvent {}

    record TransferRejected(String rejectedBy, String reason) implements TransferEvent {}

    record TransferExecuted(String executedBy) implements TransferEvent {}

    record TransferFailed(String reason) implements TransferEvent {}
}
