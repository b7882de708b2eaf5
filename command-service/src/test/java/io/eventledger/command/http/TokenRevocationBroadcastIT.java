package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.CommandService;
import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenRevocationListener;
import io.eventledger.platform.auth.TokenStore;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two command-service instances on one database, each caching the tokens it has seen: a revocation, by the
 * CLI's {@link TokenStore#revoke} or by plain SQL, reaches both within a second through the trigger's
 * {@code NOTIFY}, and a listener whose connection fails drops its whole cache, since it may have missed one.
 */
class TokenRevocationBroadcastIT {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String DEPOSIT = "{\"amount\":\"1.00\",\"reference\":\"r\"}";
    private static CommandService first;
    private static CommandService second;
    private final TokenStore tokens = new TokenStore(TestLedger.db());

    @BeforeAll
    static void startTwoInstances() {
        Map<String, String> env =
                TestLedger.servers().env(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_RELAY_ENABLED", "false"));
        first = CommandServiceMain.start(CommandServiceConfig.fromEnv(env));
        second = CommandServiceMain.start(CommandServiceConfig.fromEnv(env));
    }

    @AfterAll
    static void stopThem() {
        first.close();
        second.close();
    }

    @Test
    void aRevocationByTheTokenStoreReachesBothInstancesWithinASecond() throws Exception {
        String token = tokens.create("broadcast-store", Set.of(Role.OPERATOR, Role.READER));
        String account = usedOnBoth(token);
        long events = events(account);

        assertThat(tokens.revoke(token)).isTrue();

        refusedByBothWithinASecond("TokenStore.revoke", token, account);
        assertThat(events(account)).isEqualTo(events);
    }

    @Test
    void aRevocationByPlainSqlReachesBothInstancesWithinASecond() throws Exception {
        String token = tokens.create("broadcast-sql", Set.of(Role.OPERATOR, Role.READER));
        String account = usedOnBoth(token);
        long events = events(account);

        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE ledger.api_tokens SET revoked_at = now()"
                        + " WHERE token_hash = decode(?, 'hex') AND revoked_at IS NULL")) {
            ps.setString(1, TokenStore.hashHex(token));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        refusedByBothWithinASecond("plain SQL", token, account);
        assertThat(events(account)).isEqualTo(events);
    }

    /**
     * A revocation no trigger sees (here: triggers off for the session, as a restore runs) is served from the
     * cache, which shows that the 401s above come from the notification, not from a lookup per request; when the
     * listeners' connections are cut, both instances drop their caches and refuse it, and once they listen again
     * a revocation reaches them within a second as before.
     */
    @Test
    void aListenerThatLosesItsConnectionDropsItsWholeCache() throws Exception {
        String missed = tokens.create("broadcast-missed", Set.of(Role.OPERATOR, Role.READER));
        String account = usedOnBoth(missed);
        revokeUnnoticed(missed);
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .pollInSameThread()
                .until(() -> status(first, missed, account) == 200 && status(second, missed, account) == 200);

        Set<Integer> before = listenerPids();
        assertThat(before).as("both instances listen").hasSizeGreaterThanOrEqualTo(2);
        terminate(before);

        await().atMost(Duration.ofSeconds(5))
                .pollInSameThread()
                .until(() -> status(first, missed, account) == 401 && status(second, missed, account) == 401);
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> {
            Set<Integer> now = listenerPids();
            return now.size() >= before.size() && now.stream().noneMatch(before::contains);
        });

        String token = tokens.create("broadcast-after-reconnect", Set.of(Role.OPERATOR, Role.READER));
        String other = usedOnBoth(token);
        assertThat(tokens.revoke(token)).isTrue();
        refusedByBothWithinASecond("TokenStore.revoke after a reconnect", token, other);
    }

    /** Opens an account through the first instance and reads it through both, so both have the token cached. */
    private static String usedOnBoth(String token) throws Exception {
        String account = new ApiClient(first.port()).openWith(token, "10.00");
        assertThat(status(first, token, account)).isEqualTo(200);
        assertThat(status(second, token, account)).isEqualTo(200);
        assertThat(new ApiClient(second.port())
                        .post("/accounts/" + account + "/deposits", token, DEPOSIT)
                        .statusCode())
                .isEqualTo(200);
        return account;
    }

    /** Polls both instances with reads every 5 ms until both answer 401; prints how long each one took. */
    private static void refusedByBothWithinASecond(String how, String token, String account) throws Exception {
        long revoked = System.nanoTime();
        Map<String, CommandService> instances = new LinkedHashMap<>(Map.of("first", first, "second", second));
        Map<String, Double> tookMs = new LinkedHashMap<>();
        await().atMost(WITHIN)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .pollInSameThread()
                .until(() -> {
                    for (var instance : instances.entrySet()) {
                        if (!tookMs.containsKey(instance.getKey())
                                && status(instance.getValue(), token, account) == 401) {
                            tookMs.put(instance.getKey(), (System.nanoTime() - revoked) / 1e6);
                        }
                    }
                    return tookMs.size() == instances.size();
                });
        System.out.printf(
                "revocation by %s refused on the first instance after %.1f ms, on the second after %.1f ms%n",
                how, tookMs.get("first"), tookMs.get("second"));
        for (CommandService instance : List.of(first, second)) {
            HttpResponse<String> deposit =
                    new ApiClient(instance.port()).post("/accounts/" + account + "/deposits", token, DEPOSIT);
            assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(401);
            assertThat(ApiClient.json(deposit).get("type").asText()).endsWith("unauthorized");
        }
    }

    private static int status(CommandService instance, String token, String account) throws Exception {
        return new ApiClient(instance.port()).get("/accounts/" + account, token).statusCode();
    }

    /** Revokes with the session's triggers off (as {@code pg_restore} or a logical replica would write). */
    private static void revokeUnnoticed(String token) throws SQLException {
        try (Connection c = TestLedger.db().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement();
                    PreparedStatement ps = c.prepareStatement("UPDATE ledger.api_tokens SET revoked_at = now()"
                            + " WHERE token_hash = decode(?, 'hex')")) {
                st.execute("SET LOCAL session_replication_role = replica");
                ps.setString(1, TokenStore.hashHex(token));
                assertThat(ps.executeUpdate()).isEqualTo(1);
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The listening sessions on the test database: these two instances' and any other of this test JVM. */
    private static Set<Integer> listenerPids() throws SQLException {
        Set<Integer> pids = new HashSet<>();
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = ?")) {
            ps.setString(1, TokenRevocationListener.APPLICATION_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        return pids;
    }

    private static void terminate(Set<Integer> pids) throws SQLException {
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            for (int pid : pids) {
                ps.setInt(1, pid);
                ps.execute();
            }
        }
    }

    private static long events(String account) throws Exception {
        return TestLedger.count("SELECT count(*) FROM ledger.events WHERE stream_id = ?::uuid", account);
    }
}
