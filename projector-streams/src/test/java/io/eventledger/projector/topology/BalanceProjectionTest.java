package io.eventledger.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountClosed;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.contract.event.AccountEvent.RefundIssued;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BalanceProjectionTest {

    private final BalanceProjection projection = new BalanceProjection();
    private final UUID account = UUID.randomUUID();

    @Test
    void openingStartsAtZeroInTheCurrencyScale() {
        Balance opened = fold(List.of(new AccountOpened("owner-1", "JPY")));

        assertThat(opened.balance().toPlainString()).isEqualTo("0");
        assertThat(opened.status()).isEqualTo(Balance.Status.OPEN);
        assertThat(opened.ownerId()).isEqualTo("owner-1");
        assertThat(opened.version()).isEqualTo(1);
        assertThat(opened.updatedAt()).isEqualTo(TestEnvelopes.T0.plusSeconds(1));
    }

    @Test
    void everyMoneyEventMovesTheBalanceTheRightWay() {
        UUID transfer = UUID.randomUUID();
        Balance result = fold(List.of(
                new AccountOpened("o", "EUR"),
                new MoneyDeposited(amount("500.00"), "EUR", "salary"),
                new TransferCredited(transfer, amount("100.5"), "EUR", UUID.randomUUID()),
                new MoneyWithdrawn(amount("50.00"), "EUR", "atm"),
                new FeeCharged(amount("1.25"), "EUR", "monthly"),
                new RefundIssued(amount("10.00"), "EUR", "goodwill"),
                new TransferDebited(transfer, amount("39.25"), "EUR", UUID.randomUUID())));

        assertThat(result.balance().toPlainString()).isEqualTo("500.00");
        assertThat(result.version()).isEqualTo(7);
        assertThat(result.hash()).isEqualTo(TestEnvelopes.hash(account, 7));
    }

    @Test
    void closingKeepsTheBalanceAndSetsTheStatus() {
        Balance closed = fold(List.of(new AccountOpened("o", "EUR"), new AccountClosed("customer left")));

        assertThat(closed.status()).isEqualTo(Balance.Status.CLOSED);
        assertThat(closed.balance().toPlainString()).isEqualTo("0.00");
    }

    @Test
    void aSecondOpeningOrAForeignCurrencyIsRejected() {
        Balance opened = fold(List.of(new AccountOpened("o", "EUR")));

        assertThatThrownBy(() -> step(opened, 2, new AccountOpened("o", "EUR")))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("already open");
        assertThatThrownBy(() -> step(opened, 2, new MoneyDeposited(amount("1.00"), "USD", "x")))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("USD");
        assertThatThrownBy(() -> step(opened, 2, new MoneyDeposited(amount("1.001"), "EUR", "x")))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("decimals");
    }

    private Balance fold(List<AccountEvent> events) {
        Balance balance = null;
        for (int i = 0; i < events.size(); i++) {
            balance = step(balance, i + 1, events.get(i));
        }
        return balance;
    }

    private Balance step(Balance current, int version, AccountEvent event) {
        return projection.apply(current, TestEnvelopes.of(account, version, event), event);
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text);
    }
}
