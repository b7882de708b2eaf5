package io.eventledger.command.relay;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.cli.LedgerCli;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.upcast.SqlEvents;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import io.eventledger.platform.config.Connections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ledger republish}: what it sends, in which order, and that it never jumps over a running transaction. */
class RepublishIT {

    private static final Connections SERVERS = TestLedger.servers().connections();
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void client() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        token = new TokenStore(TestLedger.db()).create("republish", Set.of(Role.OPERATOR));
    }

    @Test
    void republishingChangesNothingForADedupingReaderAndSendsWhatTheRelaySent() throws Exception {
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accounts.add(openWithDeposits(2));
        }
        long first =
                TestLedger.count("SELECT min(position) FROM ledger.events WHERE stream_id = ?", accounts.getFirst());
        try (RelayGroup relay = RelayGroup.start(SERVERS, 1, new SimpleMeterRegistry())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> TestRelays.pending(accounts) == 0);
        }
        List<TopicDump.Published> relayed = read(accounts);

        assertThat(republish("--from-position", Long.toString(first))).isGreaterThanOrEqualTo(9);
        List<TopicDump.Published> all = read(accounts);

        assertThat(relayed).hasSize(9);
        assertThat(TopicDump.dedupe(all).applied())
                .isEqualTo(TopicDump.dedupe(relayed).applied());
        Map<UUID, TopicDump.Published> byEvent = new HashMap<>();
        relayed.forEach(r -> byEvent.put(r.eventId(), r));
        // every event is there twice, and the copy has the relay's key, envelope and headers
        assertThat(all)
                .hasSize(2 * relayed.size())
                .allSatisfy(r -> assertThat(r).isEqualTo(byEvent.get(r.eventId())));
    }

    @Test
    void sendsOnlyTheAskedStreamAndPositions() throws Exception {
        UUID account = openWithDeposits(3);
        long second =
                TestLedger.count("SELECT position FROM ledger.events WHERE stream_id = ? AND version = 2", account);
        long third =
                TestLedger.count("SELECT position FROM ledger.events WHERE stream_id = ? AND version = 3", account);

        long sent = republish(
                "--from-position",
                Long.toString(second),
                "--to-position",
                Long.toString(third),
                "--stream",
                account.toString());

        assertThat(sent).isEqualTo(2);
        assertThat(read(List.of(account)))
                .extracting(TopicDump.Published::version)
                .containsExactly(2, 3);
    }

    @Test
    void sendsAStreamInVersionOrderEvenWhenALaterVersionsTransactionTookItsXidFirst() throws Exception {
        try (Connection early = TestLedger.db().getConnection()) {
            early.setAutoCommit(false);
            try (Statement st = early.createStatement()) {
                st.execute("SELECT pg_current_xact_id()"); // as an idempotency key's insert would
            }
            UUID account = openWithDeposits(1);
            SqlEvents.append(
                    early,
                    account,
                    "MoneyDeposited",
                    2,
                    "{\"amount\":\"5.00\",\"currency\":\"EUR\",\"reference\":\"late\"}");
            early.commit();

            assertThat(republish("--from-position", "0", "--stream", account.toString()))
                    .isEqualTo(3);
            assertThat(read(List.of(account)))
                    .extracting(TopicDump.Published::version)
                    .containsExactly(1, 2, 3);
        }
    }

    @Test
    void waitsForTransactionsOlderThanItselfSoItNeverJumpsOverOne() throws Exception {
        try (Connection older = TestLedger.db().getConnection()) {
            older.setAutoCommit(false);
            try (Statement st = older.createStatement()) {
                st.execute("SELECT pg_current_xact_id()");
            }
            UUID account = openWithDeposits(0);
            CompletableFuture<Long> republished = CompletableFuture.supplyAsync(() -> republishUnchecked(account));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !republished.isDone());

            older.commit();
            assertThat(republished.get()).isEqualTo(1);
        }
    }

    private static UUID openWithDeposits(int deposits) throws Exception {
        UUID account = UUID.fromString(json(api.post("/accounts", token, "{\"ownerId\":\"rita\",\"currency\":\"EUR\"}"))
                .get("accountId")
                .asText());
        for (int i = 0; i < deposits; i++) {
            assertThat(api.post(
                                    "/accounts/" + account + "/deposits",
                                    token,
                                    "{\"amount\":\"10.00\",\"reference\":\"r" + i + "\"}")
                            .statusCode())
                    .isEqualTo(200);
        }
        return account;
    }

    /** Runs the CLI as an operator would and returns the count it printed. */
    private static long republish(String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[options.length + 1];
        args[0] = "republish";
        System.arraycopy(options, 0, args, 1, options.length);
        int code =
                LedgerCli.run(TestLedger.servers().env(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as(err.toString()).isZero();
        String last = out.toString().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).matches("republished \\d+ events");
        return Long.parseLong(last.split(" ")[1]);
    }

    private static long republishUnchecked(UUID account) {
        return republish("--from-position", "0", "--stream", account.toString());
    }

    private static List<TopicDump.Published> read(List<UUID> accounts) {
        return TopicDump.read(SERVERS.kafkaBootstrap(), SERVERS.topics().accountEvents(), Set.copyOf(accounts));
    }
}
