package io.eventledger.command.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountCommand.DepositMoney;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.WriteSide;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The retry loop, with the race made deterministic: a rival writer commits while ours is deciding. The
 * rival appends straight to the store, as a writer that ignores the stream locks would: a rival command
 * would instead wait for our retry's lock, which is the point of that lock.
 */
class AccountCommandsIT {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final EventMetadata METADATA = new EventMetadata("u1", List.of("operator"), "c", "c", "c", null, null);
    private final WriteSide writeSide = WriteSide.on(TestLedger.db());
    private final AccountCommands commands = writeSide.accounts();
    private final UUID id = UUID.randomUUID();
    private final AtomicInteger decisions = new AtomicInteger();

    @Test
    void aCommandThatLosesTheRaceIsDecidedAgainOnFreshState() throws Exception {
        commands.open(id, new AccountCommand.OpenAccount("alice", EUR), METADATA);

        AccountCommands.Outcome outcome = commands.execute(id, OptionalInt.empty(), state -> {
            if (decisions.incrementAndGet() == 1) {
                rivalDeposit("5.00");
            }
            return new DepositMoney(Money.parsePositive("1.00", EUR), "ours");
        }, METADATA);

        assertThat(decisions).hasValue(2);
        assertThat(outcome.state().balance().text()).isEqualTo("6.00");
        assertThat(outcome.state().version()).isEqualTo(3);
        assertThat(commands.current(id)).isEqualTo(outcome.state());
    }

    @Test
    void givesUpAfterTheLastAttemptAndWritesNothingOfItsOwn() throws Exception {
        commands.open(id, new AccountCommand.OpenAccount("alice", EUR), METADATA);

        assertThatThrownBy(() -> commands.execute(id, OptionalInt.empty(), state -> {
            decisions.incrementAndGet();
            rivalDeposit("1.00");
            return new DepositMoney(Money.parsePositive("100.00", EUR), "ours");
        }, METADATA)).isInstanceOf(ConcurrencyException.class);

        assertThat(decisions).hasValue(AccountCommands.MAX_ATTEMPTS);
        assertThat(commands.current(id).balance().text()).isEqualTo("5.00");
    }

    @Test
    void aStaleIfMatchFailsWithoutRetrying() throws Exception {
        commands.open(id, new AccountCommand.OpenAccount("alice", EUR), METADATA);
        rivalDeposit("1.00");

        assertThatThrownBy(() -> commands.execute(id, OptionalInt.of(1), state -> {
            decisions.incrementAndGet();
            return new DepositMoney(Money.parsePositive("1.00", EUR), "ours");
        }, METADATA)).isInstanceOf(PreconditionFailedException.class);
        assertThat(decisions).hasValue(0);
    }

    private void rivalDeposit(String amount) {
        try {
            LoadedStream head = writeSide.store().load(id);
            writeSide.store().append(new AppendRequest(EventTypes.ACCOUNT, id, head.version(), head.headHash(),
                    List.of(new MoneyDeposited(new BigDecimal(amount), "EUR", "rival")), METADATA));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
