package io.eventledger.command.transfer;

import static io.eventledger.command.transfer.TransferTest.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.account.DomainException;
import io.eventledger.command.transfer.TransferCommand.InitiateTransfer;
import io.eventledger.contract.event.AccountEvent.AccountClosed;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Transfers that cannot be made at all: refused outright, naming the input at fault, and nothing is decided. */
class TransferPreconditionsTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final BigDecimal THRESHOLD = new BigDecimal("10000.00");
    private final AccountState source = account("100.00");
    private final AccountState target = account("1.00");

    @Test
    void bothSidesMustBeDifferentOpenAccounts() {
        AccountState closed = Account.evolve(
                Account.evolve(AccountState.initial(UUID.randomUUID()), new AccountOpened("eve", "EUR")),
                new AccountClosed("gone"));

        assertRefused(source, source, eur("1.00"), "same-account", "toAccountId");
        assertRefused(source, closed, eur("1.00"), "account-closed", "toAccountId");
        assertRefused(closed, target, eur("1.00"), "account-closed", "fromAccountId");
        assertRefused(AccountState.initial(UUID.randomUUID()), target, eur("1.00"), "unknown-account", "fromAccountId");
        assertRefused(source, AccountState.initial(UUID.randomUUID()), eur("1.00"), "unknown-account", "toAccountId");
    }

    @Test
    void theTransferAndBothAccountsShareOneCurrency() {
        AccountState yen = Account.evolve(AccountState.initial(UUID.randomUUID()), new AccountOpened("bob", "JPY"));
        Money yenAmount = Money.parsePositive("1", Currency.getInstance("JPY"));

        assertRefused(source, yen, eur("1.00"), "currency-mismatch", "currency");
        assertRefused(yen, source, yenAmount, "currency-mismatch", "currency");
        assertRefused(source, target, yenAmount, "currency-mismatch", "currency");
    }

    private void assertRefused(AccountState from, AccountState to, Money amount, String slug, String field) {
        InitiateTransfer command = new InitiateTransfer(from, to, amount, "olga", THRESHOLD);
        assertThatThrownBy(() -> Transfer.decide(TransferState.initial(UUID.randomUUID()), command))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.slug()).isEqualTo(slug);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    private static Money eur(String amount) {
        return Money.parsePositive(amount, EUR);
    }
}
