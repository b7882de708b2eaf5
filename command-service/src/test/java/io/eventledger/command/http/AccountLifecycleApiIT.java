package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Closing, racing clients and If-Match, through the same shared service as CommandApiIT. */
class AccountLifecycleApiIT {

    private static ApiClient api;
    private static String admin;

    @BeforeAll
    static void startService() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        admin = new TokenStore(TestLedger.db()).create("ada", Set.of(Role.ADMIN));
    }

    @Test
    void closesOnlyAnEmptyAccountAndThenAcceptsNothing() throws Exception {
        String id = api.openWith(admin, "5.00");
        assertThat(api.post("/accounts/" + id + "/close", admin, "{\"reason\":\"x\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(api.post("/accounts/" + id + "/refunds", admin, "{\"amount\":\"5.00\",\"reason\":\"back\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/accounts/" + id + "/close", admin, "{\"reason\":\"x\"}")
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> after =
                api.post("/accounts/" + id + "/deposits", admin, "{\"amount\":\"1.00\",\"reference\":\"r\"}");
        assertThat(json(after).get("type").textValue()).endsWith("/account-closed");
        assertThat(json(api.get("/accounts/" + id, admin)).get("status").textValue())
                .isEqualTo("CLOSED");
    }

    @Test
    void concurrentDepositsAreEachCountedOnce() throws Exception {
        String id = api.openWith(admin, "0.01");
        List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, 6)
                .mapToObj(i -> api.sendAsync(api.postRequest(
                        "/accounts/" + id + "/deposits", admin, "{\"amount\":\"1.00\",\"reference\":\"r" + i + "\"}")))
                .toList();
        List<Integer> statuses = racing.stream()
                .map(CompletableFuture::join)
                .map(HttpResponse::statusCode)
                .toList();
        long accepted = statuses.stream().filter(s -> s == 200).count();

        assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(200, 409));
        JsonNode state = json(api.get("/accounts/" + id, admin));
        assertThat(new BigDecimal(state.get("balance").textValue()))
                .isEqualTo(
                        new BigDecimal("0.01").add(BigDecimal.valueOf(accepted)).setScale(2));
        assertThat(state.get("version").asInt()).isEqualTo(2 + (int) accepted);
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailure() throws Exception {
        String id = api.openWith(admin, "1.00");
        HttpResponse<String> stale = api.send(
                api.postRequest("/accounts/" + id + "/deposits", admin, "{\"amount\":\"1.00\",\"reference\":\"r\"}")
                        .header("If-Match", "\"1\""));
        HttpResponse<String> current = api.send(
                api.postRequest("/accounts/" + id + "/deposits", admin, "{\"amount\":\"1.00\",\"reference\":\"r\"}")
                        .header("If-Match", "\"2\""));

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(current.statusCode()).isEqualTo(200);
    }
}
