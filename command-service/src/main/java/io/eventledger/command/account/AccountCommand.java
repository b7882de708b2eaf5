package io.eventledger.command.account;

import io.eventledger.contract.money.Money;
import java.util.Currency;
import java.util.UUID;

/** What a client asks of an account; {@link Account#decide} turns it into events or a domain error. */
public sealed interface AccountCommand {

    record OpenAccount(String ownerId, Currency currency) implements AccountCommand {}

    record DepositMoney(Money amount, String reference) implements AccountCommand {}

    record WithdrawMoney(Money amount, String reference) implements AccountCommand {}

    record ChargeFee(Money amount, String reason) implements AccountCommand {}

    /** Money returned to a customer leaves this account, so it needs the funds like a withdrawal. */
    record IssueRefund(Money amount, String reason) implements AccountCommand {}

    record CloseAccount(String reason) implements AccountCommand {}

    /** The source's leg of an executing transfer; only the transfer workflow issues it. */
    record DebitTransfer(UUID transferId, Money amount, UUID counterpartyAccountId) implements AccountCommand {}

    /** The target's leg of an executing transfer; only the transfer workflow issues it. */
    record CreditTransfer(UUID transferId, Money amount, UUID counterpartyAccountId) implements AccountCommand {}
}
