package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.CommandService;
import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.http.SharedAccountsLoad.Flow;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.EventFold;
import io.eventledger.command.testing.Scrape;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two command-service instances on one database and topic prefix, as a deployment behind a load balancer runs
 * them: 8 clients send a seeded mix ({@link SharedAccountsLoad}) on the same four accounts, each client taking
 * the two instances in turn, so every account is written through both at once. Transfers from 100.00 wait for
 * approval and are approved by a second user through both instances at once; snapshots are taken every 5
 * events, so each instance reads snapshots the other wrote. Then the instances are stopped, and every invariant
 * of the ledger must hold. The seed ({@code -Dinstances.seed}) fixes each client's commands, not their
 * interleaving.
 */
class TwoInstancesIT {

    private static final long SEED = Long.getLong("instances.seed", 20260310L);
    private static final int CLIENTS = 8;
    private static final int COMMANDS_PER_CLIENT = 100;
    private static final int ACCOUNTS = 4;
    private static final BigDecimal FUNDING = new BigDecimal("500.00");
    private static final BigDecimal THRESHOLD = new BigDecimal("100.00");
    private static final String NAME = "eventledger-two-instances-";
    private static final String BACKENDS =
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE ?";

    private static final List<String> accounts = new ArrayList<>();
    private static final List<Map<String, BigDecimal>> balancesBy = new ArrayList<>();
    private static final List<String> scrapes = new ArrayList<>();
    private static final Map<String, JsonNode> verified = new TreeMap<>();
    private static SharedAccountsLoad load;
    private static Map<String, Integer> written;
    private static long deadlocksBefore;
    private static long backendsWhileRunning;
    private static long deadlocksAfter;

    @BeforeAll
    static void runTheMixThroughBothThenStopThem() throws Exception {
        deadlocksBefore = deadlocks();
        TokenStore tokens = new TokenStore(TestLedger.db());
        String operator = tokens.create("ina", Set.of(Role.OPERATOR, Role.READER));
        String approver = tokens.create("abe", Set.of(Role.APPROVER));
        String auditor = tokens.create("aud", Set.of(Role.AUDITOR));
        try (CommandService first = start("a");
                CommandService second = start("b")) {
            List<ApiClient> apis = List.of(new ApiClient(first.port()), new ApiClient(second.port()));
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts.add(apis.get(i % 2).openWith(operator, FUNDING.toPlainString()));
            }
            load = new SharedAccountsLoad(apis, operator, approver, accounts, THRESHOLD);
            long position = HttpFuzzIT.lastPosition();
            drive();
            written = HttpFuzzIT.writtenSince(position);
            for (ApiClient api : apis) {
                balancesBy.add(api.balances(accounts, operator));
                scrapes.add(api.get("/metrics", operator).body());
            }
            verifyEachStream(apis, auditor);
            backendsWhileRunning = TestLedger.count(BACKENDS, NAME + "%");
        }
        // a backend adds its deadlocks to pg_stat_database at the latest when it exits
        await().atMost(Duration.ofSeconds(30)).until(() -> TestLedger.count(BACKENDS, NAME + "%") == 0);
        deadlocksAfter = deadlocks();
        System.out.printf(
                "TwoInstancesIT seed %d: %d transfers (%d approved on both at once), %d keys sent to both, accepted"
                        + " by instance %s, money %s%n",
                SEED,
                load.transfers.size(),
                load.approvals.size(),
                load.repeatedKeys.get(),
                List.of(load.acceptedBy[0].get(), load.acceptedBy[1].get()),
                load.accepted);
    }

    @Test
    void everyAnswerWasADecisionNeverA5xxOr409() {
        assertThat(load.failures).as("seed %d", SEED).isEmpty();
        assertThat(load.acceptedBy).allSatisfy(n -> assertThat(n.get()).isPositive());
        for (String scrape : scrapes) {
            assertThat(Scrape.value(scrape, "ledger_commands_total", "outcome", "error"))
                    .isZero();
            assertThat(Scrape.value(scrape, "ledger_commands_total", "outcome", "conflict"))
                    .isZero();
        }
    }

    @Test
    void noDeadlockAndNoLostRaceForAVersion() {
        // a deadlock or a lost race is retried inside the service: only the database and the meters see it;
        // the instances' sessions, named apart, had all ended and reported before the count was read
        assertThat(backendsWhileRunning).isPositive();
        assertThat(deadlocksAfter - deadlocksBefore)
                .as("deadlocks in this database")
                .isZero();
        for (String scrape : scrapes) {
            assertThat(Scrape.value(scrape, "ledger_command_conflicts_total")).isZero();
        }
    }

    @Test
    void eachTransferApprovedOnBothInstancesAtOnceWasDecidedOnceAndExecutedAtMostOnce() throws Exception {
        assertThat(load.approvals).isNotEmpty();
        assertThat(load.approvals)
                .allSatisfy((transfer, statuses) ->
                        assertThat(statuses).as(transfer).containsExactlyInAnyOrder(200, 422));
        Map<String, Map<String, Integer>> legs = legsPerTransfer();
        Map<String, Integer> executions = eventsPerTransferStream("TransferExecuted");
        for (String transfer : load.transfers) {
            int executed = executions.getOrDefault(transfer, 0);
            assertThat(executed).as("executions of %s", transfer).isLessThanOrEqualTo(1);
            assertThat(legs.getOrDefault(transfer, Map.of()))
                    .as("legs of %s", transfer)
                    .isEqualTo(executed == 1 ? Map.of("TransferDebited", 1, "TransferCredited", 1) : Map.of());
        }
    }

    @Test
    void theMoneyAddsUpAndNoBalanceWasEverNegative() throws Exception {
        BigDecimal expected = FUNDING.multiply(BigDecimal.valueOf(ACCOUNTS))
                .add(load.accepted.get(Flow.DEPOSIT))
                .subtract(load.accepted.get(Flow.WITHDRAWAL))
                .subtract(load.accepted.get(Flow.FEE));
        assertThat(balancesBy.get(1)).as("balances as each instance reads them").isEqualTo(balancesBy.get(0));
        assertThat(balancesBy.get(0).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("sum of balances = funding + deposits - withdrawals - fees, seed %d", SEED)
                .isEqualByComparingTo(expected);
        EventFold fold = EventFold.of(accounts);
        assertThat(fold.balances()).as("balances folded from ledger.events").isEqualTo(balancesBy.get(0));
        assertThat(fold.lowest())
                .as("lowest balance of each account over its history")
                .allSatisfy((id, lowest) -> assertThat(lowest).isNotNegative());
    }

    @Test
    void everyAcceptedCommandWroteOnceAndEveryRepeatedKeyNothing() {
        assertThat(load.repeatedKeys.get()).isPositive();
        assertThat(written).as("events per correlation id, seed %d", SEED).isEqualTo(load.implied);
    }

    @Test
    void everyStreamHasContiguousVersionsAndAnIntactChain() throws Exception {
        List<UUID> streams = new ArrayList<>();
        accounts.forEach(a -> streams.add(UUID.fromString(a)));
        load.transfers.forEach(t -> streams.add(UUID.fromString(t)));
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT stream_id, min(version), max(version), count(*)"
                        + " FROM ledger.events WHERE stream_id = ANY(?) GROUP BY stream_id")) {
            ps.setArray(1, c.createArrayOf("uuid", streams.toArray()));
            int seen = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen++;
                    assertThat(List.of(rs.getInt(2), rs.getInt(3)))
                            .as("first and last version of %s", rs.getString(1))
                            .containsExactly(1, rs.getInt(4));
                }
            }
            assertThat(seen).isEqualTo(streams.size());
        }
        assertThat(verified).hasSize(streams.size());
        assertThat(verified).allSatisfy((stream, report) -> {
            assertThat(report.get("ok").asBoolean())
                    .as("%s: %s", stream, report)
                    .isTrue();
            assertThat(report.get("brokenLinks").asInt()).isZero();
            assertThat(report.get("verifiedStreams").asInt()).isEqualTo(1);
        });
    }

    private static CommandService start(String name) {
        String url = TestLedger.servers().env().get("LEDGER_DB_URL") + "?ApplicationName=" + NAME + name;
        return CommandServiceMain.start(CommandServiceConfig.fromEnv(TestLedger.servers()
                .env(Map.of(
                        "LEDGER_HTTP_PORT", "0",
                        "LEDGER_RELAY_ENABLED", "false",
                        "LEDGER_DB_URL", url,
                        "LEDGER_APPROVAL_THRESHOLD", THRESHOLD.toPlainString(),
                        "LEDGER_SNAPSHOT_EVERY", "5"))));
    }

    /** Client {@code c} sends its n-th command to instance {@code (c + n) % 2}. */
    private static void drive() throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int client = 0; client < CLIENTS; client++) {
            int c = client;
            Random random = new Random(SEED * 31 + client);
            clients.submit(() -> {
                for (int n = 0; n < COMMANDS_PER_CLIENT; n++) {
                    load.next(random, (c + n) % 2);
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    }

    /** {@code GET /audit/verify?streamId=} of every stream of the run, through the two instances in turn. */
    private static void verifyEachStream(List<ApiClient> apis, String auditor) throws Exception {
        List<String> streams = new ArrayList<>(accounts);
        streams.addAll(load.transfers);
        for (int i = 0; i < streams.size(); i++) {
            var answer = apis.get(i % 2).get("/audit/verify?streamId=" + streams.get(i), auditor);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            verified.put(streams.get(i), json(answer));
        }
    }

    /** Deadlocks Postgres detected in this database, as its statistics hold them now. */
    private static long deadlocks() throws Exception {
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Per transfer: how many debit and credit legs name it, on any account. */
    private static Map<String, Map<String, Integer>> legsPerTransfer() throws Exception {
        Map<String, Map<String, Integer>> legs = new HashMap<>();
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT data->>'transferId', event_type, count(*)"
                        + " FROM ledger.events WHERE event_type IN ('TransferDebited', 'TransferCredited')"
                        + " AND stream_id = ANY(?) GROUP BY 1, 2")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "uuid", accounts.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    legs.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        return legs;
    }

    private static Map<String, Integer> eventsPerTransferStream(String type) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT stream_id, count(*) FROM ledger.events"
                        + " WHERE event_type = ? AND stream_id = ANY(?) GROUP BY 1")) {
            ps.setString(1, type);
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "uuid",
                            load.transfers.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }
}
