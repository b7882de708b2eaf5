package io.eventledger.command.transfer;

import io.eventledger.contract.money.Money;
import java.util.Objects;
import java.util.UUID;

/**
 * A transfer as its events say it is, including who did each step. Fields of steps not taken yet are null;
 * before {@code TransferInitiated} only the id is known.
 */
public record TransferState(
        UUID id,
        Status status,
        UUID fromAccountId,
        UUID toAccountId,
        Money amount,
        String initiatedBy,
        String approvedBy,
        String rejectedBy,
        String rejectionReason,
        String executedBy,
        String failureReason,
        int version) {

    /**
     * The life cycle. A transfer below the threshold executes in the command that initiates it, so it is
     * never seen awaiting approval; {@code APPROVED} likewise only lives inside the approving command.
     */
    public enum Status {
        NEW,
        AWAITING_APPROVAL,
        APPROVED,
        REJECTED,
        EXECUTED,
        FAILED
    }

    public TransferState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    public static TransferState initial(UUID id) {
        return new TransferState(id, Status.NEW, null, null, null, null, null, null, null, null, null, 0);
    }

    TransferState initiated(UUID from, UUID to, Money money, String by) {
        return new TransferState(
                id, Status.AWAITING_APPROVAL, from, to, money, by, null, null, null, null, null, version + 1);
    }

    TransferState approved(String by) {
        return new TransferState(
                id,
                Status.APPROVED,
                fromAccountId,
                toAccountId,
                amount,
                initiatedBy,
                by,
                null,
                null,
                null,
                null,
                version + 1);
    }

    TransferState rejected(String by, String reason) {
        return new TransferState(
                id,
                Status.REJECTED,
                fromAccountId,
                toAccountId,
                amount,
                initiatedBy,
                null,
                by,
                reason,
                null,
                null,
                version + 1);
    }

    TransferState executed(String by) {
        return new TransferState(
                id,
                Status.EXECUTED,
                fromAccountId,
                toAccountId,
                amount,
                initiatedBy,
                approvedBy,
                null,
                null,
                by,
                null,
                version + 1);
    }

    TransferState failed(String reason) {
        return new TransferState(
                id,
                Status.FAILED,
                fromAccountId,
                toAccountId,
                amount,
                initiatedBy,
                approvedBy,
                null,
                null,
                null,
                reason,
                version + 1);
    }
}
