package io.eventledger.projector.topology;

import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountClosed;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.BalanceEffect;
import io.eventledger.contract.money.Currencies;
import io.eventledger.contract.money.InvalidMoneyException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The balance fold: a pure function of the previous balance and one event. Version checks happen in
 * the processor; what each fact does to the money is {@link BalanceEffect}'s rule, the one the account
 * aggregate folds with too.
 */
public final class BalanceProjection {

    /** Returns the balance after {@code event}; {@code current} is null before the account's first event. */
    public Balance apply(Balance current, EventEnvelope envelope, AccountEvent event) {
        if (current == null) {
            return open(envelope, event);
        }
        if (event instanceof AccountOpened) {
            throw new RejectedEventException("account " + current.accountId() + " is already open");
        }
        if (event instanceof AccountClosed) {
            return current.next(
                    current.balance(),
                    Balance.Status.CLOSED,
                    envelope.version(),
                    envelope.eventId(),
                    envelope.hash(),
                    envelope.occurredAt());
        }
        BalanceEffect effect = BalanceEffect.of(event)
                .orElseThrow(() -> new RejectedEventException(
                        envelope.eventType() + " neither opens nor closes the account nor moves money"));
        return move(current, envelope, effect);
    }

    private static Balance open(EventEnvelope envelope, AccountEvent event) {
        if (!(event instanceof AccountOpened opened)) {
            throw new RejectedEventException("the first event of account " + envelope.aggregateId() + " is "
                    + envelope.eventType() + ", not AccountOpened");
        }
        BigDecimal zero = BigDecimal.ZERO.setScale(scaleOf(opened.currency()));
        return new Balance(
                envelope.aggregateId(),
                opened.ownerId(),
                opened.currency(),
                zero,
                Balance.Status.OPEN,
                envelope.version(),
                envelope.eventId(),
                envelope.hash(),
                envelope.occurredAt());
    }

    private static Balance move(Balance current, EventEnvelope envelope, BalanceEffect effect) {
        if (effect.amount() == null) {
            throw new RejectedEventException(envelope.eventType() + " has no amount");
        }
        // events carry their currency since MoneyDeposited v2; null only where an old shape had none
        String currency = effect.currency();
        if (currency != null && !currency.equals(current.currency())) {
            throw new RejectedEventException(
                    envelope.eventType() + " in " + currency + " on an account in " + current.currency());
        }
        BigDecimal moved = effect.applyTo(current.balance());
        return current.next(
                atScale(moved, current.currency()),
                current.status(),
                envelope.version(),
                envelope.eventId(),
                envelope.hash(),
                envelope.occurredAt());
    }

    private static BigDecimal atScale(BigDecimal amount, String currency) {
        try {
            return amount.setScale(scaleOf(currency), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new RejectedEventException(amount + " has more decimals than " + currency + " allows");
        }
    }

    private static int scaleOf(String currency) {
        try {
            return Currencies.parse(currency).getDefaultFractionDigits();
        } catch (InvalidMoneyException e) {
            throw new RejectedEventException(e.getMessage());
        }
    }
}
