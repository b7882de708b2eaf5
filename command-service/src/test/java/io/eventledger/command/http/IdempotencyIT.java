package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: a repeat gets the first answer, another request under the key is refused, twins run once. */
class IdempotencyIT {

    private static final String EVENTS = "SELECT count(*) FROM ledger.events WHERE stream_id = ?";
    private static ApiClient api;
    private static String operator;
    private static String otherOperator;

    @BeforeAll
    static void startService() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        TokenStore tokens = new TokenStore(TestLedger.db());
        operator = tokens.create("ida", Set.of(Role.OPERATOR, Role.READER));
        otherOperator = tokens.create("ivo", Set.of(Role.OPERATOR));
    }

    @Test
    void aRepeatGetsTheFirstAnswerByteForByteAndWritesNothing() throws Exception {
        String id = api.openWith(operator, "10.00");
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = api.send(deposit(id, "5.00", key, operator));
        HttpResponse<String> again = api.send(deposit(id, "5.00", key, operator));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(TestLedger.count(EVENTS, UUID.fromString(id))).isEqualTo(3);
    }

    @Test
    void openingTwiceUnderOneKeyOpensOneAccount() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        HttpRequest.Builder open = api.postRequest(
                        "/accounts", operator, "{\"ownerId\":\"" + owner + "\",\"currency\":\"EUR\"}")
                .header("Idempotency-Key", "open " + owner);

        HttpResponse<String> first = api.send(open);
        HttpResponse<String> again = api.send(open);

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(json(again).get("accountId")).isEqualTo(json(first).get("accountId"));
        assertThat(TestLedger.count("SELECT count(*) FROM ledger.events WHERE data->>'ownerId' = ?", owner))
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndWritesNothing() throws Exception {
        String id = api.openWith(operator, "10.00");
        String key = UUID.randomUUID().toString();
        assertThat(api.send(deposit(id, "5.00", key, operator)).statusCode()).isEqualTo(200);

        HttpResponse<String> otherBody = api.send(deposit(id, "6.00", key, operator));
        HttpResponse<String> otherPath = api.send(api.postRequest(
                        "/accounts/" + id + "/withdrawals", operator, "{\"amount\":\"5.00\",\"reference\":\"r\"}")
                .header("Idempotency-Key", key));

        for (HttpResponse<String> refused : List.of(otherBody, otherPath)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(json(refused).get("type").asText()).endsWith("/idempotency-key-reused");
            assertThat(json(refused).get("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(TestLedger.count(EVENTS, UUID.fromString(id))).isEqualTo(3);
        assertThat(api.send(deposit(id, "5.00", key, otherOperator)).statusCode())
                .as("keys are per user")
                .isEqualTo(200);
        assertThat(TestLedger.count(EVENTS, UUID.fromString(id))).isEqualTo(4);
    }

    @Test
    void concurrentTwinsUnderOneKeyExecuteOnce() throws Exception {
        String id = api.openWith(operator, "10.00");
        String key = UUID.randomUUID().toString();

        List<CompletableFuture<HttpResponse<String>>> twins = IntStream.range(0, 12)
                .mapToObj(i -> api.sendAsync(deposit(id, "1.00", key, operator)))
                .toList();
        List<HttpResponse<String>> answers =
                twins.stream().map(CompletableFuture::join).toList();

        assertThat(answers)
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(answers)
                .extracting(HttpResponse::body)
                .containsOnly(answers.getFirst().body());
        assertThat(answers)
                .filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())
                .hasSize(1);
        assertThat(TestLedger.count(EVENTS, UUID.fromString(id))).isEqualTo(3);
        assertThat(json(api.get("/accounts/" + id, operator)).get("balance").asText())
                .isEqualTo("11.00");
    }

    @Test
    void aRepeatedTransferMovesTheMoneyOnce() throws Exception {
        String from = api.openWith(operator, "10.00");
        String to = api.openWith(operator, "10.00");
        HttpRequest.Builder transfer = api.postRequest(
                        "/transfers",
                        operator,
                        "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to
                                + "\",\"amount\":\"4.00\",\"currency\":\"EUR\"}")
                .header("Idempotency-Key", "t-" + from);

        HttpResponse<String> first = api.send(transfer);
        HttpResponse<String> again = api.send(transfer);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(json(api.get("/accounts/" + from, operator)).get("balance").asText())
                .isEqualTo("6.00");
    }

    @Test
    void aRefusedCommandLeavesTheKeyFreeAndABadKeyIsABadRequest() throws Exception {
        String id = api.openWith(operator, "1.00");
        String key = UUID.randomUUID().toString();
        HttpRequest.Builder withdraw = api.postRequest(
                        "/accounts/" + id + "/withdrawals", operator, "{\"amount\":\"5.00\",\"reference\":\"r\"}")
                .header("Idempotency-Key", key);
        assertThat(api.send(withdraw).statusCode()).isEqualTo(422);
        assertThat(api.send(deposit(id, "9.00", UUID.randomUUID().toString(), operator))
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.send(withdraw).statusCode())
                .as("the key was not spent on a refusal")
                .isEqualTo(200);

        for (String bad : List.of("k".repeat(201), "", "tab\there")) {
            HttpResponse<String> response = api.send(deposit(id, "1.00", bad, operator));
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(response).get("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(TestLedger.count(EVENTS, UUID.fromString(id))).isEqualTo(4);
    }

    private static HttpRequest.Builder deposit(String id, String amount, String key, String token) {
        return api.postRequest(
                        "/accounts/" + id + "/deposits", token, "{\"amount\":\"" + amount + "\",\"reference\":\"r\"}")
                .header("Idempotency-Key", key);
    }
}
