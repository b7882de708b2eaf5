package io.eventledger.loadtest.bench;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * One logical command of the load: its correlation id is also its Idempotency-Key, so a resend after a
 * lost answer can never apply it twice. {@code counterparty} is null unless it is a transfer.
 */
public record PlannedCommand(
        String correlationId, CommandKind kind, String accountId, String counterparty, BigDecimal amount) {

    public String path() {
        return switch (kind) {
            case DEPOSIT -> "/accounts/" + accountId + "/deposits";
            case WITHDRAWAL -> "/accounts/" + accountId + "/withdrawals";
            case TRANSFER -> "/transfers";
        };
    }

    public String body(Currency currency) {
        String amountText = amount.toPlainString();
        if (kind == CommandKind.TRANSFER) {
            return "{\"fromAccountId\":\"" + accountId + "\",\"toAccountId\":\"" + counterparty + "\",\"amount\":\""
                    + amountText + "\",\"currency\":\"" + currency.getCurrencyCode() + "\"}";
        }
        return "{\"amount\":\"" + amountText + "\",\"reference\":\"" + correlationId + "\"}";
    }
}
