package io.eventledger.command.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountCommand.DepositMoney;
import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.ConcurrencyException;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.idempotency.RecordedOutcome;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.WriteSide;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.money.Money;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one retry loop, with the race made deterministic: a rival writer commits while ours is deciding. The
 * rival appends straight to the store, as a writer that ignores the stream locks would; a rival command would
 * instead wait for our batch's lock, which is the point of that lock.
 */
class CommandRetryIT {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final EventMetadata METADATA =
            new EventMetadata("u1", List.of("operator"), "c", "c", "c", null, null);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WriteSide writeSide = WriteSide.grouped(TestLedger.db(), registry, 1, 64);
    private final UUID id = UUID.randomUUID();
    private final AtomicInteger decisions = new AtomicInteger();

    @BeforeEach
    void open() throws SQLException {
        writeSide.accounts().open(id, new AccountCommand.OpenAccount("alice", EUR), CommandRequest.of(METADATA));
    }

    @AfterEach
    void close() throws InterruptedException {
        writeSide.close();
    }

    @Test
    void aCommandThatLosesTheRaceIsDecidedAgainOnFreshState() throws Exception {
        Executed<LoadedStream> executed = writeSide.executor().execute(deposit(attempt -> attempt == 1));

        assertThat(decisions).hasValue(2);
        assertThat(executed.outcome().version()).isEqualTo(3);
        assertThat(registry.get("ledger.command.conflicts")
                        .tag("type", "direct")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("ledger.command.retries")
                        .tag("type", "direct")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(writeSide.accounts().current(id).balance().text()).isEqualTo("6.00");
    }

    @Test
    void givesUpAfterTheLastAttemptAndWritesNothingOfItsOwn() throws Exception {
        assertThatThrownBy(() -> writeSide.executor().execute(deposit(attempt -> true)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(decisions).hasValue(CommandExecutor.MAX_ATTEMPTS);
        assertThat(writeSide.accounts().current(id).balance().text())
                .isEqualTo(new BigDecimal("5.00")
                        .multiply(BigDecimal.valueOf(CommandExecutor.MAX_ATTEMPTS))
                        .toPlainString());
    }

    @Test
    void aStaleIfMatchFailsWithoutRetrying() throws Exception {
        rivalDeposit("1.00");
        CommandRequest stale = new CommandRequest("deposit", METADATA, OptionalInt.of(1), Optional.empty());

        assertThatThrownBy(() -> writeSide
                        .accounts()
                        .execute(id, new DepositMoney(Money.parsePositive("1.00", EUR), "ours"), stale))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(writeSide.accounts().current(id).version()).isEqualTo(2);
    }

    /** Deposits 1.00 on the head it loaded; a rival deposits 5.00 meanwhile on the attempts {@code rival} says. */
    private Command<LoadedStream> deposit(java.util.function.IntPredicate rival) {
        return new Command<>() {
            @Override
            public CommandRequest request() {
                return CommandRequest.of(METADATA);
            }

            @Override
            public Set<UUID> streams() {
                return Set.of(id);
            }

            @Override
            public LoadedStream decide(Session session) throws SQLException {
                LoadedStream head = session.load(id, 0);
                if (rival.test(decisions.incrementAndGet())) {
                    rivalDeposit("5.00");
                }
                List<EventEnvelope> written = session.append(List.of(new AppendRequest(
                        EventTypes.ACCOUNT,
                        id,
                        head.version(),
                        head.headHash(),
                        List.of(new MoneyDeposited(new BigDecimal("1.00"), "EUR", "ours")),
                        METADATA)));
                return session.load(id, written.getLast().version() - 1);
            }

            @Override
            public RecordedOutcome record(LoadedStream outcome) {
                throw new UnsupportedOperationException();
            }

            @Override
            public LoadedStream recall(Session session, RecordedOutcome recorded) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private void rivalDeposit(String amount) {
        try {
            LoadedStream head = writeSide.store().load(id);
            writeSide
                    .store()
                    .append(new AppendRequest(
                            EventTypes.ACCOUNT,
                            id,
                            head.version(),
                            head.headHash(),
                            List.of(new MoneyDeposited(new BigDecimal(amount), "EUR", "rival")),
                            METADATA));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
