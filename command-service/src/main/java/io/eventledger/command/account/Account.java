package io.eventledger.command.account;

import io.eventledger.command.account.AccountCommand.ChargeFee;
import io.eventledger.command.account.AccountCommand.CloseAccount;
import io.eventledger.command.account.AccountCommand.CreditTransfer;
import io.eventledger.command.account.AccountCommand.DebitTransfer;
import io.eventledger.command.account.AccountCommand.DepositMoney;
import io.eventledger.command.account.AccountCommand.IssueRefund;
import io.eventledger.command.account.AccountCommand.OpenAccount;
import io.eventledger.command.account.AccountCommand.WithdrawMoney;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountClosed;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.contract.event.AccountEvent.RefundIssued;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import io.eventledger.contract.event.BalanceEffect;
import io.eventledger.contract.money.Currencies;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;
import java.util.List;

/** The account aggregate: {@code decide} enforces the rules, {@code evolve} replays facts. */
public final class Account {

    private Account() {}

    public static List<AccountEvent> decide(AccountState state, AccountCommand command) {
        return switch (command) {
            case OpenAccount c -> List.of(open(state, c));
            case DepositMoney c -> List.of(new MoneyDeposited(accepted(state, c.amount()), code(state), c.reference()));
            case WithdrawMoney c -> List.of(new MoneyWithdrawn(covered(state, c.amount()), code(state), c.reference()));
            case ChargeFee c -> List.of(new FeeCharged(covered(state, c.amount()), code(state), c.reason()));
            case IssueRefund c -> List.of(new RefundIssued(covered(state, c.amount()), code(state), c.reason()));
            case CloseAccount c -> List.of(close(state, c));
            case DebitTransfer c ->
                List.of(new TransferDebited(
                        c.transferId(), covered(state, c.amount()), code(state), c.counterpartyAccountId()));
            case CreditTransfer c ->
                List.of(new TransferCredited(
                        c.transferId(), accepted(state, c.amount()), code(state), c.counterpartyAccountId()));
        };
    }

    /**
     * Applies a recorded fact; facts are not re-judged, but a currency that does not fit fails loudly.
     * Which events credit and which debit the balance is {@link BalanceEffect}'s rule, shared with the
     * statement and the projector.
     */
    public static AccountState evolve(AccountState state, AccountEvent event) {
        if (event instanceof AccountOpened e) {
            return state.opened(e.ownerId(), Currencies.parse(e.currency()));
        }
        if (event instanceof AccountClosed) {
            return state.closed();
        }
        BalanceEffect effect = BalanceEffect.of(event)
                .orElseThrow(() ->
                        new IllegalStateException(event + " neither opens nor closes the account nor moves money"));
        Money moved = money(effect.amount(), effect.currency());
        return state.withBalance(
                effect.credits() ? state.balance().plus(moved) : state.balance().minus(moved));
    }

    private static AccountOpened open(AccountState state, OpenAccount command) {
        if (state.status() != AccountState.Status.NEW) {
            throw new DomainException("already-open", "account " + state.id() + " was opened before");
        }
        if (command.ownerId() == null || command.ownerId().isBlank()) {
            throw new DomainException("owner-required", "an account needs an owner");
        }
        return new AccountOpened(command.ownerId(), command.currency().getCurrencyCode());
    }

    private static AccountClosed close(AccountState state, CloseAccount command) {
        requireOpen(state);
        if (!state.balance().isZero()) {
            throw new DomainException(
                    "balance-not-zero",
                    "only an account with a balance of exactly zero can be closed; it holds " + state.balance());
        }
        return new AccountClosed(command.reason());
    }

    /** An amount the open account can take: positive and in the account's currency. */
    private static BigDecimal accepted(AccountState state, Money amount) {
        requireOpen(state);
        if (amount.amount().signum() <= 0) {
            throw new DomainException("invalid-amount", "the amount must be greater than zero");
        }
        if (!amount.currency().equals(state.currency())) {
            throw new DomainException(
                    "currency-mismatch", "the account holds " + state.currency() + ", not " + amount.currency());
        }
        return amount.amount();
    }

    /** An accepted amount that the balance also covers: balances never go negative. */
    private static BigDecimal covered(AccountState state, Money amount) {
        BigDecimal value = accepted(state, amount);
        if (amount.compareTo(state.balance()) > 0) {
            throw new DomainException(
                    "insufficient-funds", "the balance is " + state.balance() + ", less than " + amount);
        }
        return value;
    }

    private static void requireOpen(AccountState state) {
        switch (state.status()) {
            case NEW -> throw new DomainException("account-not-open", "account " + state.id() + " is not open");
            case CLOSED -> throw new DomainException("account-closed", "account " + state.id() + " is closed");
            case OPEN -> {}
        }
    }

    private static String code(AccountState state) {
        return state.currency().getCurrencyCode();
    }

    private static Money money(BigDecimal amount, String currency) {
        return new Money(amount, Currencies.parse(currency));
    }
}
