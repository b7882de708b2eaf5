package io.eventledger.command.account;

import io.eventledger.contract.money.Money;
import java.util.Currency;
import java.util.Objects;
import java.util.UUID;

/**
 * An account as its events say it is. Before {@code AccountOpened} there is no owner, currency or
 * balance yet, so those are null exactly while the status is {@link Status#NEW}.
 */
public record AccountState(UUID id, String ownerId, Currency currency, Money balance, Status status, int version) {

    /** The life cycle: opened once, closed once, never reopened. */
    public enum Status {
        NEW,
        OPEN,
        CLOSED
    }

    public AccountState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** The state of a stream with no events: version 0. */
    public static AccountState initial(UUID id) {
        return new AccountState(id, null, null, null, Status.NEW, 0);
    }

    AccountState opened(String owner, Currency accountCurrency) {
        return new AccountState(id, owner, accountCurrency, Money.zero(accountCurrency), Status.OPEN, version + 1);
    }

    AccountState withBalance(Money newBalance) {
        return new AccountState(id, ownerId, currency, newBalance, status, version + 1);
    }

    AccountState closed() {
        return new AccountState(id, ownerId, currency, balance, Status.CLOSED, version + 1);
    }
}
