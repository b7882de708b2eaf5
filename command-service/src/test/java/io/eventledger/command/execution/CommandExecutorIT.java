package io.eventledger.command.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountCommand.DepositMoney;
import io.eventledger.command.account.AccountCommand.WithdrawMoney;
import io.eventledger.command.account.DomainException;
import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.command.handling.AccountCommands;
import io.eventledger.command.handling.AccountSnapshots;
import io.eventledger.command.idempotency.IdempotencyClaim;
import io.eventledger.command.idempotency.RecordedOutcome;
import io.eventledger.command.testing.StoredChain;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.WriteSide;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.money.Money;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one execution path against the real database. Most tests hold the only lane with a command that waits,
 * queue the commands under test behind it, then let go: those commands then form one batch, deterministically.
 */
class CommandExecutorIT {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final EventMetadata METADATA =
            new EventMetadata("u1", List.of("operator"), "c", "c", "c", null, null);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private WriteSide side;
    private UUID a;
    private UUID b;

    @BeforeEach
    void openAccounts() throws Exception {
        side = WriteSide.grouped(TestLedger.db(), registry, 1, 64);
        a = open("10.00");
        b = open("0.00");
    }

    @AfterEach
    void close() throws Exception {
        side.close();
        pool.shutdownNow();
    }

    @Test
    void aBatchDecidesEachCommandOnWhatTheEarlierOnesLeftAndCommitsThemOnce() throws Exception {
        CountDownLatch release = holdTheLane();
        var deposit = queue(() -> account(a, deposit("5.00"), request(Optional.empty())));
        var withdrawal = queue(() -> account(a, withdraw("12.00"), request(Optional.empty())));
        var other = queue(() -> account(b, deposit("1.00"), request(Optional.empty())));
        release.countDown();

        // 10 + 5 - 12: the withdrawal only goes through on the deposit just before it in the same batch
        assertThat(balance(withdrawal.join())).isEqualTo("3.00");
        assertThat(balance(deposit.join())).isEqualTo("15.00");
        assertThat(balance(other.join())).isEqualTo("1.00");
        assertThat(side.accounts().current(a).balance().text()).isEqualTo("3.00");
        assertThat(side.accounts().current(a).version()).isEqualTo(4);
        assertThat(transactions(List.of(deposit.join(), withdrawal.join(), other.join())))
                .isEqualTo(1);
        assertThat(batchSizes().max()).isEqualTo(3);
        assertChainIntact(a);
        assertChainIntact(b);
    }

    @Test
    void aRefusedCommandFailsAloneAndGivesItsKeyBack() throws Exception {
        IdempotencyClaim key = new IdempotencyClaim("u1", "k-refused", "00");
        CountDownLatch release = holdTheLane();
        var refused = queue(() -> account(a, withdraw("50.00"), request(Optional.of(key))));
        var mate = queue(() -> account(a, deposit("1.00"), request(Optional.empty())));
        release.countDown();

        assertThatThrownBy(refused::join).hasCauseInstanceOf(DomainException.class);
        assertThat(balance(mate.join())).isEqualTo("11.00");
        // the key was given back, as a rollback would: the same request may be sent again and run
        Executed<AccountCommands.Outcome> again = account(a, deposit("2.00"), request(Optional.of(key)));
        assertThat(again.replayed()).isFalse();
        assertThat(balance(again)).isEqualTo("13.00");
    }

    @Test
    void twinsWithOneKeyInOneBatchRunOnce() throws Exception {
        IdempotencyClaim key = new IdempotencyClaim("u1", "k-twin", "ab");
        CountDownLatch release = holdTheLane();
        var first = queue(() -> account(a, deposit("5.00"), request(Optional.of(key))));
        var twin = queue(() -> account(a, deposit("5.00"), request(Optional.of(key))));
        release.countDown();

        assertThat(first.join().replayed()).isFalse();
        assertThat(twin.join().replayed()).isTrue();
        assertThat(twin.join().outcome().state())
                .isEqualTo(first.join().outcome().state());
        assertThat(side.accounts().current(a).balance().text()).isEqualTo("15.00");
    }

    @Test
    void aDatabaseErrorInTheBatchSendsEveryCommandAgainAlone() throws Exception {
        CountDownLatch release = holdTheLane();
        var deposit = queue(() -> account(a, deposit("5.00"), request(Optional.empty())));
        var broken = queue(() -> side.executor().execute(new TestCommand<String>(Set.of(b)) {
            @Override
            public String decide(Session session) throws SQLException {
                session.load(b, 0);
                throw new SQLException("a statement that failed");
            }
        }));
        var other = queue(() -> account(b, deposit("1.00"), request(Optional.empty())));
        release.countDown();

        assertThatThrownBy(broken::join).hasCauseInstanceOf(SQLException.class);
        assertThat(balance(deposit.join())).isEqualTo("15.00");
        assertThat(balance(other.join())).isEqualTo("1.00");
        // each went again as a batch of its own
        assertThat(transactions(List.of(deposit.join(), other.join()))).isEqualTo(2);
    }

    @Test
    void aCommandThatWritesAStreamItDidNotNameIsRefusedAndWritesNothing() throws Exception {
        CountDownLatch release = holdTheLane();
        var stray = queue(() -> side.executor().execute(new TestCommand<List<EventEnvelope>>(Set.of(a)) {
            @Override
            public List<EventEnvelope> decide(Session session) throws SQLException {
                LoadedStream stream = session.load(b, 0);
                return session.append(List.of(new AppendRequest(
                        "account",
                        b,
                        stream.version(),
                        stream.headHash(),
                        List.of(new MoneyDeposited(new BigDecimal("2.00"), "EUR", "stray")),
                        METADATA)));
            }
        }));
        var mate = queue(() -> account(b, deposit("1.00"), request(Optional.empty())));
        release.countDown();

        assertThatThrownBy(stray::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(balance(mate.join())).isEqualTo("1.00");
        assertChainIntact(b);
    }

    @Test
    void aBatchReadsWhatWasWrittenOutsideTheBatchesOnTopOfTheStreamItKeptFromTheLastOne() throws Exception {
        CountDownLatch first = holdTheLane();
        var kept = queue(() -> account(a, deposit("1.00"), request(Optional.empty())));
        first.countDown();
        assertThat(balance(kept.join())).isEqualTo("11.00");
        // another instance, say, appends behind the cache's back
        try (WriteSide other = WriteSide.on(TestLedger.db())) {
            other.accounts().execute(a, deposit("2.00"), request(Optional.empty()));
        }
        long batchesBefore = batchSizes().count();

        CountDownLatch second = holdTheLane();
        var deposit = queue(() -> account(a, deposit("4.00"), request(Optional.empty())));
        second.countDown();

        assertThat(balance(deposit.join())).isEqualTo("17.00");
        assertThat(deposit.join().outcome().state().version()).isEqualTo(5);
        // decided in a batch that committed (the hold's and the deposit's), not sent again alone
        await().atMost(Duration.ofSeconds(10)).until(() -> batchSizes().count() == batchesBefore + 2);
        assertChainIntact(a);
    }

    @Test
    void aKnownStreamWhoseHeadNoLongerMatchesIsLeftToTheCallerToLoad() throws Exception {
        LoadedStream stored = side.store().load(a);
        LoadedStream wrongHead =
                new LoadedStream(a, stored.streamType(), stored.stored(), 0, stored.version(), HashChain.genesisHex());
        try (Connection c = TestLedger.db().getConnection()) {
            assertThat(side.store().loadAll(c, Map.of(a, 0, b, 0), Map.of(a, wrongHead)))
                    .containsOnlyKeys(b);
            Map<UUID, LoadedStream> extended = side.store().loadAll(c, Map.of(a, 1), Map.of(a, stored));
            assertThat(extended.get(a).version()).isEqualTo(stored.version());
            assertThat(extended.get(a).fromVersion()).isEqualTo(1);
            assertThat(extended.get(a).stored())
                    .extracting(LoadedStream.StoredEvent::version)
                    .containsExactly(2);
        }
    }

    @Test
    void aSnapshotBeyondTheHeadIsDistrusted() throws Exception {
        // as after restoring an older database: the snapshot names a version the stream does not have
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ledger.snapshots (stream_id, version, schema_version, state) VALUES (?, 50, ?, ?::jsonb)")) {
            ps.setObject(1, a);
            ps.setInt(2, AccountSnapshots.SCHEMA_VERSION);
            ps.setString(
                    3, "{\"ownerId\": \"alice\", \"currency\": \"EUR\", \"balance\": 999.00, \"status\": \"OPEN\"}");
            ps.executeUpdate();
        }
        CountDownLatch release = holdTheLane();
        var deposit = queue(() -> account(a, deposit("1.00"), request(Optional.empty())));
        release.countDown();

        assertThat(balance(deposit.join())).isEqualTo("11.00");
        assertThat(deposit.join().outcome().state().version()).isEqualTo(3);
        assertChainIntact(a);
    }

    @Test
    void concurrentCommandsOnFewAccountsLoseNothingAndDoubleNothing() throws Exception {
        UUID c = open("100.00");
        List<UUID> accounts = List.of(a, b, c);
        Map<UUID, BigDecimal> expected = new ConcurrentHashMap<>(
                Map.of(a, new BigDecimal("10.00"), b, new BigDecimal("0.00"), c, new BigDecimal("100.00")));
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            Random random = new Random(client);
            clients.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < 25; i++) {
                            call(() -> oneRandomCommand(random, accounts, expected));
                        }
                    },
                    pool));
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        for (UUID id : accounts) {
            assertThat(side.accounts().current(id).balance().amount()).isEqualByComparingTo(expected.get(id));
            assertChainIntact(id);
        }
        assertThat(batchSizes().max()).isGreaterThan(1);
    }

    private Void oneRandomCommand(Random random, List<UUID> accounts, Map<UUID, BigDecimal> expected)
            throws SQLException {
        UUID from = accounts.get(random.nextInt(accounts.size()));
        UUID to = accounts.get((accounts.indexOf(from) + 1) % accounts.size());
        BigDecimal amount = new BigDecimal(random.nextInt(1, 2000)).movePointLeft(2);
        Money money = Money.of(amount, "EUR");
        try {
            switch (random.nextInt(3)) {
                case 0 -> {
                    account(from, new DepositMoney(money, "d"), request(Optional.empty()));
                    expected.merge(from, amount, BigDecimal::add);
                }
                case 1 -> {
                    account(from, new WithdrawMoney(money, "w"), request(Optional.empty()));
                    expected.merge(from, amount.negate(), BigDecimal::add);
                }
                default -> {
                    var outcome = side.transfers()
                            .initiate(UUID.randomUUID(), from, to, money, request(Optional.empty()))
                            .outcome();
                    if (!outcome.accounts().isEmpty()) {
                        expected.merge(from, amount.negate(), BigDecimal::add);
                        expected.merge(to, amount, BigDecimal::add);
                    }
                }
            }
        } catch (DomainException refused) {
            // insufficient funds: nothing moved, and the checks at the end show it
        }
        return null;
    }

    /** Queues a command whose attempt waits until the returned latch is let go, and waits until it does wait. */
    private CountDownLatch holdTheLane() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.submit(() -> side.executor().execute(new TestCommand<String>(Set.of(UUID.randomUUID())) {
            @Override
            public String decide(Session session) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "held";
            }
        }));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    /** Sends a command from a thread of its own and waits until it is in the queue, so queue order is send order. */
    private <T> CompletableFuture<T> queue(Callable<T> command) {
        CommandExecutor group = side.executor();
        int before = group.queued();
        CompletableFuture<T> sent = CompletableFuture.supplyAsync(() -> call(command), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.queued() == before + 1);
        return sent;
    }

    private Executed<AccountCommands.Outcome> account(UUID id, AccountCommand command, CommandRequest request)
            throws SQLException {
        return side.accounts().execute(id, command, request);
    }

    private static AccountCommand deposit(String amount) {
        return new DepositMoney(Money.parsePositive(amount, EUR), "in");
    }

    private static AccountCommand withdraw(String amount) {
        return new WithdrawMoney(Money.parsePositive(amount, EUR), "out");
    }

    private static String balance(Executed<AccountCommands.Outcome> result) {
        return result.outcome().state().balance().text();
    }

    private static CommandRequest request(Optional<IdempotencyClaim> claim) {
        return new CommandRequest("test", METADATA, OptionalInt.empty(), claim);
    }

    private UUID open(String balance) throws SQLException {
        UUID id = UUID.randomUUID();
        side.accounts().open(id, new AccountCommand.OpenAccount("alice", EUR), CommandRequest.of(METADATA));
        if (new BigDecimal(balance).signum() > 0) {
            account(id, deposit(balance), request(Optional.empty()));
        }
        return id;
    }

    private DistributionSummary batchSizes() {
        return registry.get("ledger.group.commit.commands").summary();
    }

    /** How many database transactions wrote the commands' events. */
    private static long transactions(List<Executed<AccountCommands.Outcome>> results) throws SQLException {
        UUID[] ids = results.stream()
                .flatMap(r -> r.outcome().events().stream())
                .map(EventEnvelope::eventId)
                .toArray(UUID[]::new);
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(DISTINCT tx_id) FROM ledger.events WHERE event_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Versions 1..n, each event hashed onto the one before, and positions rising with versions. */
    private static void assertChainIntact(UUID streamId) throws Exception {
        List<StoredChain.Link> links = StoredChain.of(streamId);
        byte[] prev = HashChain.genesis();
        for (int i = 0; i < links.size(); i++) {
            StoredChain.Link link = links.get(i);
            assertThat(link.entry().version()).isEqualTo(i + 1);
            assertThat(link.prevHash()).isEqualTo(prev);
            assertThat(link.hash()).isEqualTo(HashChain.link(prev, link.entry()));
            prev = link.hash();
        }
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT bool_and(ordered) FROM (SELECT position > lag(position, 1, 0::bigint) OVER (ORDER BY version)"
                                + " AS ordered FROM ledger.events WHERE stream_id = ?) s")) {
            ps.setObject(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("positions rise with versions").isTrue();
            }
        }
    }

    private static <T> T call(Callable<T> command) {
        try {
            return command.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** A command of the test's own, on streams it names, whose outcome is not kept with any key. */
    private abstract static class TestCommand<R> implements Command<R> {

        private final Set<UUID> streams;

        TestCommand(Set<UUID> streams) {
            this.streams = streams;
        }

        @Override
        public CommandRequest request() {
            return CommandRequest.of(METADATA);
        }

        @Override
        public Set<UUID> streams() {
            return streams;
        }

        @Override
        public RecordedOutcome record(R outcome) {
            throw new UnsupportedOperationException("sent without an idempotency key");
        }

        @Override
        public R recall(Session session, RecordedOutcome recorded) {
            throw new UnsupportedOperationException("sent without an idempotency key");
        }
    }
}
