package io.eventledger.contract.event;

import java.math.BigDecimal;
import java.util.UUID;

/** Facts of an account stream ({@code stream_type = 'account'}). */
public sealed interface AccountEvent extends LedgerEvent {

    record AccountOpened(String ownerId, String currency) implements AccountEvent {}

    record MoneyDeposited(BigDecimal amount, String currency, String reference) implements AccountEvent {}

    record MoneyWithdrawn(BigDecimal amount, String currency, String reference) implements AccountEvent {}

    record FeeCharged(BigDecimal amount, String currency, String reason) implements AccountEvent {}

    /** Money returned to a customer: it leaves this account. */
    record RefundIssued(BigDecimal amount, String currency, String reason) implements AccountEvent {}

    record TransferDebited(UUID transferId, BigDecimal amount, String currency, UUID counterpartyAccountId)
            implements AccountEvent {}

    record TransferCredited(UUID transferId, BigDecimal amount, String currency, UUID counterpartyAccountId)
            implements AccountEvent {}

    record AccountClosed(String reason) implements AccountEvent {}
}
