package io.eventledger.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.testing.EnvelopeSchemas;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 16 writers issue 5,000 commands over 200 accounts through the HTTP API while the relay runs as separate
 * {@code ledger relay} processes; the active one is killed with kill -9 twice, a standby taking over each
 * time. Then the topic, read from the beginning, must hold every account's stored events in version order.
 */
class RelayOrderIT {

    private static final int COMMANDS = 5_000;
    private static final int ACCOUNTS = 200;
    private static final int CLOSED = 20;
    private static final int MONEY_COMMANDS = COMMANDS - ACCOUNTS - 2 * CLOSED;
    private static final int FIRST_KILL_AT = COMMANDS / 3 - ACCOUNTS;
    private static final int SECOND_KILL_AT = 2 * COMMANDS / 3 - ACCOUNTS;
    private static final int WRITERS = 16;
    private static final List<Duration> takeovers = new ArrayList<>();
    private static final ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    private static RelayProcesses relays;
    private static OutboxDepth depth;
    private static List<UUID> accounts;
    private static List<TopicDump.Published> published;
    private static Map<UUID, Map<Integer, UUID>> stored;

    @BeforeAll
    static void writeWhileKillingTheActiveRelayTwice() throws Exception {
        relays = new RelayProcesses(TestLedger.servers().env(), Path.of("target", "relay-order-it"), TestLedger.db());
        relays.start();
        relays.start();
        // what earlier tests left in the outbox goes first, so the depth measured is this load's
        await().atMost(Duration.ofSeconds(60)).until(() -> OutboxDepth.now(TestLedger.db()) == 0);
        depth = OutboxDepth.sampling(TestLedger.db());
        AccountLoad load = new AccountLoad(
                new ApiClient(TestLedger.service().port()),
                new TokenStore(TestLedger.db()).create("relay-order", Set.of(Role.OPERATOR, Role.READER)));
        accounts = StoredVersions.all(IntStream.range(0, ACCOUNTS)
                .mapToObj(i -> pool.submit(load::open))
                .toList());

        AtomicInteger next = new AtomicInteger();
        CountDownLatch secondKill = new CountDownLatch(1);
        List<Future<Object>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < MONEY_COMMANDS; i = next.getAndIncrement()) {
                    if (i >= SECOND_KILL_AT) {
                        secondKill.await(); // the writers go on as the second kill happens
                    }
                    load.anyMoneyCommand(accounts);
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> next.get() >= FIRST_KILL_AT);
        takeovers.add(relays.killActiveAndAwaitTakeover());
        relays.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> next.get() >= SECOND_KILL_AT);
        takeovers.add(relays.killActiveAndAwaitTakeover());
        secondKill.countDown();
        relays.start();
        StoredVersions.all(writers);
        StoredVersions.all(accounts.subList(0, CLOSED).stream()
                .map(id -> pool.submit(() -> load.emptyAndClose(id)))
                .toList());

        await().atMost(Duration.ofSeconds(60)).until(() -> TestRelays.pending(accounts) == 0);
        depth.close();
        published = StoredVersions.published(accounts);
        stored = StoredVersions.of(accounts);
    }

    @AfterAll
    static void stopRelays() throws Exception {
        pool.shutdownNow();
        if (relays != null) {
            relays.close();
        }
    }

    @Test
    void everyAccountReadsExactlyItsStoredVersionsInOrderAfterDroppingRepeats() {
        TopicDump.Deduped deduped = StoredVersions.assertInOrder(accounts, published, stored);
        System.out.printf(
                "RelayOrderIT: %d events in the store, %d records read, %d repeats dropped, takeovers %s,"
                        + " outbox depth max %d%n",
                stored.values().stream().mapToInt(Map::size).sum(),
                published.size(),
                deduped.repeats(),
                takeovers,
                depth.max());
    }

    @Test
    void everyPublishedRecordOfEveryAccountEventTypeMatchesItsSchema() {
        assertThat(published)
                .allSatisfy(r -> assertThat(EnvelopeSchemas.violations(r.envelope()))
                        .as("%s v%d", r.aggregateId(), r.version())
                        .isEmpty());
        assertThat(published.stream()
                        .map(r -> r.envelope().get("eventType").asText())
                        .collect(Collectors.toSet()))
                .contains(
                        "AccountOpened",
                        "MoneyDeposited",
                        "MoneyWithdrawn",
                        "FeeCharged",
                        "RefundIssued",
                        "AccountClosed");
    }
}
