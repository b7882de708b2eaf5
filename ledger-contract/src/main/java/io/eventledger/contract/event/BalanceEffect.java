package io.eventledger.contract.event;

import io.eventledger.contract.event.AccountEvent.AccountClosed;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.contract.event.AccountEvent.RefundIssued;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What one account event does to the account's balance. This is the one place that says which events
 * credit an account and which debit it: the account aggregate's fold, the audit statement and the
 * projector's balance and daily-summary folds all ask here, so they cannot disagree.
 *
 * <p>Money comes in with {@code MoneyDeposited} and {@code TransferCredited}; it leaves with
 * {@code MoneyWithdrawn}, {@code FeeCharged}, {@code RefundIssued} (a refund returns money to a customer,
 * out of this account) and {@code TransferDebited}. {@code AccountOpened} and {@code AccountClosed} move
 * no money. Amounts are exact: {@link #signed()} is the event's amount or its negation, never rounded.
 *
 * <p>{@code amount} and {@code currency} are the event's own fields as recorded, not checked here: a
 * reader decides what a missing amount or a foreign currency means for it (the aggregate fails loudly,
 * the projector parks the event).
 */
public record BalanceEffect(Kind kind, BigDecimal amount, String currency) {

    /** Why money moved; each kind either credits (adds to) or debits (takes from) the balance. */
    public enum Kind {
        DEPOSIT(true),
        WITHDRAWAL(false),
        FEE(false),
        REFUND(false),
        TRANSFER_IN(true),
        TRANSFER_OUT(false);

        private final boolean credit;

        Kind(boolean credit) {
            this.credit = credit;
        }

        /** True if money of this kind comes into the account, false if it leaves it. */
        public boolean credits() {
            return credit;
        }
    }

    /** The effect of {@code event} on its account's balance; empty for an event that moves no money. */
    public static Optional<BalanceEffect> of(AccountEvent event) {
        return Optional.ofNullable(
                switch (event) {
                    case MoneyDeposited e -> new BalanceEffect(Kind.DEPOSIT, e.amount(), e.currency());
                    case MoneyWithdrawn e -> new BalanceEffect(Kind.WITHDRAWAL, e.amount(), e.currency());
                    case FeeCharged e -> new BalanceEffect(Kind.FEE, e.amount(), e.currency());
                    case RefundIssued e -> new BalanceEffect(Kind.REFUND, e.amount(), e.currency());
                    case TransferCredited e -> new BalanceEffect(Kind.TRANSFER_IN, e.amount(), e.currency());
                    case TransferDebited e -> new BalanceEffect(Kind.TRANSFER_OUT, e.amount(), e.currency());
                    case AccountOpened e -> null;
                    case AccountClosed e -> null;
                });
    }

    /** True if the event adds its amount to the balance, false if it takes it away. */
    public boolean credits() {
        return kind.credits();
    }

    /** The exact change of the balance: {@code +amount} for a credit, {@code -amount} for a debit. */
    public BigDecimal signed() {
        return credits() ? amount : amount.negate();
    }

    /** {@code balance} after this event, exactly: {@code balance + signed()}, at the larger of the two scales. */
    public BigDecimal applyTo(BigDecimal balance) {
        return balance.add(signed());
    }
}
