package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.CommandService;
import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every route takes a token it verified once from the authenticator's cache instead of looking it up before
 * every request; {@code ledger token revoke} must still stop it within a second (the revocation's notification
 * drops it from the cache): from then on every request, whatever it is, is a 401 and writes nothing. With group
 * commit (the shared service) and without. {@link TokenRevocationBroadcastIT} does the same on two instances.
 */
class TokenRevocationIT {

    private static final String DEPOSIT = "{\"amount\":\"1.00\",\"reference\":\"r\"}";
    private static CommandService direct;
    private final TokenStore tokens = new TokenStore(TestLedger.db());

    @BeforeAll
    static void startDirect() {
        direct = CommandServiceMain.start(CommandServiceConfig.fromEnv(TestLedger.servers()
                .env(Map.of(
                        "LEDGER_HTTP_PORT", "0", "LEDGER_RELAY_ENABLED", "false", "LEDGER_GROUP_COMMIT", "false"))));
    }

    @AfterAll
    static void stopDirect() {
        direct.close();
    }

    @ParameterizedTest(name = "group commit {0}")
    @ValueSource(booleans = {true, false})
    void aRevokedTokenStopsWorkingWithinASecondEvenWhereItWasCached(boolean grouped) throws Exception {
        ApiClient api = new ApiClient(grouped ? TestLedger.service().port() : direct.port());
        String token = tokens.create("revoked-at-once-" + grouped, Set.of(Role.OPERATOR, Role.READER));
        String reader = tokens.create("revoked-at-once-reader-" + grouped, Set.of(Role.READER));
        String account = api.openWith(token, "10.00");
        String other = api.openWith(token, "10.00");
        String deposits = "/accounts/" + account + "/deposits";
        var keyed = api.postRequest(deposits, token, DEPOSIT).header("Idempotency-Key", "before-revoke");
        assertThat(api.send(keyed).statusCode()).isEqualTo(200);
        assertThat(api.get("/accounts/" + account, token).statusCode()).isEqualTo(200);
        long events = events(account);

        tokens.revoke(token);

        // polled with a read, which writes nothing however often it is still let through
        await().atMost(Duration.ofSeconds(1))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .pollInSameThread()
                .until(() -> api.get("/accounts/" + account, token).statusCode() == 401);
        assertUnauthorized(api.post(deposits, token, DEPOSIT));
        // a repeat of a request answered before the revocation is refused too, not replayed
        assertUnauthorized(
                api.send(api.postRequest(deposits, token, DEPOSIT).header("Idempotency-Key", "before-revoke")));
        assertUnauthorized(api.post(
                "/transfers",
                token,
                "{\"fromAccountId\":\"" + account + "\",\"toAccountId\":\"" + other
                        + "\",\"amount\":\"1.00\",\"currency\":\"EUR\"}"));
        // answers that never reach a transaction must not tell a revoked token anything either
        assertUnauthorized(api.post(deposits, token, "{\"amount\":"));
        assertUnauthorized(api.post("/accounts/" + UUID.randomUUID() + "/deposits", token, DEPOSIT));
        assertUnauthorized(api.post(
                "/accounts/" + account + "/withdrawals", token, "{\"amount\":\"999.00\",\"reference\":\"r\"}"));
        assertUnauthorized(api.get("/accounts/" + account, token));
        assertThat(events(account)).isEqualTo(events);
        assertThat(ApiClient.json(api.get("/accounts/" + account, reader))
                        .get("balance")
                        .asText())
                .isEqualTo("11.00");
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(ApiClient.json(response).get("type").asText()).endsWith("unauthorized");
    }

    private static long events(String account) throws Exception {
        return TestLedger.count("SELECT count(*) FROM ledger.events WHERE stream_id = ?::uuid", account);
    }
}
