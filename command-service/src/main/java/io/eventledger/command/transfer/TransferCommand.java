package io.eventledger.command.transfer;

import io.eventledger.command.account.AccountState;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;

/**
 * What a client asks of a transfer. Initiating and approving may move money, so those commands carry the
 * two accounts as they are now; {@link Transfer#decide} judges the whole move from them.
 */
public sealed interface TransferCommand {

    /** {@code approvalThreshold} is the policy in force: at or above it the transfer waits for a second person. */
    record InitiateTransfer(
            AccountState source, AccountState target, Money amount, String initiatedBy, BigDecimal approvalThreshold)
            implements TransferCommand {}

    record ApproveTransfer(AccountState source, AccountState target, String approvedBy) implements TransferCommand {}

    record RejectTransfer(String rejectedBy, String reason) implements TransferCommand {}
}
