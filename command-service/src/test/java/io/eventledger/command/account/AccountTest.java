package io.eventledger.command.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import io.eventledger.contract.money.InvalidMoneyException;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");
    private final UUID id = UUID.randomUUID();

    @Test
    void opensOnceAndStartsAtZero() {
        List<AccountEvent> events = Account.decide(AccountState.initial(id), new OpenAccount("alice", EUR));

        assertThat(events).containsExactly(new AccountOpened("alice", "EUR"));
        AccountState opened = given(events.toArray(AccountEvent[]::new));
        assertThat(opened.status()).isEqualTo(AccountState.Status.OPEN);
        assertThat(opened.balance()).isEqualTo(Money.zero(EUR));
        assertThat(opened.version()).isEqualTo(1);
        assertRejected(opened, new OpenAccount("alice", EUR), "already-open");
    }

    @Test
    void depositsAtTheCurrencyScaleAndMovesTheBalance() {
        AccountState open = given(new AccountOpened("alice", "EUR"));

        List<AccountEvent> events = Account.decide(open, new DepositMoney(Money.parsePositive("12.5", EUR), "r1"));

        assertThat(events).containsExactly(new MoneyDeposited(new BigDecimal("12.50"), "EUR", "r1"));
        AccountState after = Account.evolve(open, events.getFirst());
        assertThat(after.balance().text()).isEqualTo("12.50");
        assertThat(after.version()).isEqualTo(2);
    }

    @Test
    void amountsWithMoreDecimalsThanTheCurrencyAllowsAreNotMoney() {
        assertThatThrownBy(() -> Money.parsePositive("12.345", EUR)).isInstanceOf(InvalidMoneyException.class);
        assertThatThrownBy(() -> Money.parsePositive("1.5", JPY)).isInstanceOf(InvalidMoneyException.class);
        AccountState open = given(new AccountOpened("alice", "EUR"));
        // a stored fact at the wrong scale is corrupt: replaying it fails instead of rounding money away
        assertThatThrownBy(() -> Account.evolve(open, new MoneyDeposited(new BigDecimal("1.005"), "EUR", "r")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void rejectsZeroAndForeignCurrencyAmounts() {
        AccountState open = given(new AccountOpened("alice", "EUR"));

        assertRejected(open, new DepositMoney(Money.zero(EUR), "r"), "invalid-amount");
        assertRejected(open, new DepositMoney(Money.parsePositive("5", JPY), "r"), "currency-mismatch");
    }

    @Test
    void withdrawalsFeesAndRefundsNeedTheFunds() {
        AccountState funded = given(new AccountOpened("alice", "EUR"), deposited("100.00"));

        assertRejected(funded, new WithdrawMoney(eur("100.01"), "r"), "insufficient-funds");
        assertRejected(funded, new ChargeFee(eur("100.01"), "monthly"), "insufficient-funds");
        assertRejected(funded, new IssueRefund(eur("100.01"), "returned"), "insufficient-funds");
        List<AccountEvent> all = Account.decide(funded, new WithdrawMoney(eur("100.00"), "r"));
        assertThat(all).containsExactly(new MoneyWithdrawn(new BigDecimal("100.00"), "EUR", "r"));
        assertThat(Account.evolve(funded, all.getFirst()).balance().isZero()).isTrue();
    }

    @Test
    void closesOnlyAtExactlyZero() {
        AccountState funded = given(new AccountOpened("alice", "EUR"), deposited("0.01"));
        assertRejected(funded, new CloseAccount("moving"), "balance-not-zero");

        AccountState empty = given(new AccountOpened("alice", "EUR"));
        assertThat(Account.decide(empty, new CloseAccount("moving"))).containsExactly(new AccountClosed("moving"));
    }

    @Test
    void acceptsNothingAfterClose() {
        AccountState closed = given(new AccountOpened("alice", "EUR"), new AccountClosed("moving"));

        assertThat(closed.status()).isEqualTo(AccountState.Status.CLOSED);
        assertRejected(closed, new DepositMoney(eur("1.00"), "r"), "account-closed");
        assertRejected(closed, new CloseAccount("again"), "account-closed");
        assertRejected(closed, new OpenAccount("alice", EUR), "already-open");
    }

    @Test
    void nothingButOpeningBeforeOpen() {
        assertRejected(AccountState.initial(id), new DepositMoney(eur("1.00"), "r"), "account-not-open");
        assertRejected(AccountState.initial(id), new CloseAccount("never opened"), "account-not-open");
    }

    @Test
    void transfersMoveTheBalance() {
        UUID transfer = UUID.randomUUID();
        AccountState state = given(
                new AccountOpened("alice", "EUR"),
                new TransferCredited(transfer, new BigDecimal("30.00"), "EUR", UUID.randomUUID()),
                new TransferDebited(transfer, new BigDecimal("12.50"), "EUR", UUID.randomUUID()));

        assertThat(state.balance().text()).isEqualTo("17.50");
        assertThat(state.version()).isEqualTo(3);
    }

    @Test
    void transferLegsFollowTheAccountsRules() {
        UUID transfer = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        AccountState funded = given(new AccountOpened("alice", "EUR"), deposited("10.00"));

        assertThat(Account.decide(funded, new DebitTransfer(transfer, eur("10.00"), other)))
                .containsExactly(new TransferDebited(transfer, new BigDecimal("10.00"), "EUR", other));
        assertThat(Account.decide(funded, new CreditTransfer(transfer, eur("0.01"), other)))
                .containsExactly(new TransferCredited(transfer, new BigDecimal("0.01"), "EUR", other));
        assertRejected(funded, new DebitTransfer(transfer, eur("10.01"), other), "insufficient-funds");
        assertRejected(funded, new CreditTransfer(transfer, Money.parsePositive("1", JPY), other), "currency-mismatch");
        AccountState closed = given(new AccountOpened("alice", "EUR"), new AccountClosed("moving"));
        assertRejected(closed, new CreditTransfer(transfer, eur("1.00"), other), "account-closed");
    }

    @Test
    void aFactInAnotherCurrencyFailsLoudly() {
        AccountState open = given(new AccountOpened("alice", "EUR"));
        assertThatThrownBy(() -> Account.evolve(open, new MoneyDeposited(new BigDecimal("5"), "JPY", "r")))
                .isInstanceOf(InvalidMoneyException.class);
    }

    private AccountState given(AccountEvent... events) {
        AccountState state = AccountState.initial(id);
        for (AccountEvent event : events) {
            state = Account.evolve(state, event);
        }
        return state;
    }

    private static MoneyDeposited deposited(String amount) {
        return new MoneyDeposited(new BigDecimal(amount), "EUR", "seed");
    }

    private static Money eur(String amount) {
        return Money.parsePositive(amount, EUR);
    }

    private static void assertRejected(AccountState state, AccountCommand command, String slug) {
        assertThatThrownBy(() -> Account.decide(state, command))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.slug()).isEqualTo(slug));
    }
}
