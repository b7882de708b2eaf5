package io.eventledger.command.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountCommand.DepositMoney;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.common.envelope.EventCodec;
import io.eventledger.common.envelope.EventMetadata;
import io.eventledger.common.money.Money;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry loop, with the race made deterministic: a rival command commits while ours is deciding. */
class AccountCommandsIT {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final EventMetadata METADATA = new EventMetadata("u1", List.of("operator"), "c", "c", "c", null, null);
    private final AccountCommands commands = new AccountCommands(
            new EventStore(TestLedger.db(), EventCodec.standard(), new OutboxWriter(), Clock.systemUTC()));
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
            commands.execute(id, OptionalInt.empty(), s -> new DepositMoney(Money.parsePositive(amount, EUR), "rival"),
                    METADATA);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
