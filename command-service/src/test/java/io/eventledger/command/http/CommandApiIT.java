package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CommandApiIT {

    private static final String EVENTS = "SELECT count(*) FROM ledger.events WHERE stream_id = ?";
    private static ApiClient api;
    private static String operator;
    private static String reader;

    @BeforeAll
    static void startService() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        TokenStore tokens = new TokenStore(TestLedger.db());
        operator = tokens.create("olga", Set.of(Role.OPERATOR));
        reader = tokens.create("rita", Set.of(Role.READER));
    }

    @Test
    void opensAnAccountAndDeposits() throws Exception {
        HttpResponse<String> opened = api.post("/accounts", operator, "{\"ownerId\":\"alice\",\"currency\":\"EUR\"}");
        assertThat(opened.statusCode()).isEqualTo(201);
        String id = json(opened).get("accountId").asText();
        assertThat(opened.headers().firstValue("Location")).hasValue("/accounts/" + id);
        assertThat(opened.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(opened).get("version").asInt()).isEqualTo(1);

        HttpResponse<String> deposit =
                api.post("/accounts/" + id + "/deposits", operator, "{\"amount\":\"500.00\",\"reference\":\"r1\"}");
        assertThat(deposit.statusCode()).isEqualTo(200);
        assertThat(json(deposit).get("balance").textValue()).isEqualTo("500.00");
        assertThat(deposit.headers().firstValue("ETag")).hasValue("\"2\"");

        HttpResponse<String> state = api.get("/accounts/" + id, reader);
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(json(state).get("balance").textValue()).isEqualTo("500.00");
        assertThat(json(state).get("status").textValue()).isEqualTo("OPEN");
    }

    @Test
    void recordsWhoAndWhyFromTheTokenAndHeaders() throws Exception {
        String id = api.openWith(operator, "100.00");
        HttpResponse<String> fee = api.send(
                api.postRequest("/accounts/" + id + "/fees", operator, "{\"amount\":\"1.50\",\"reason\":\"monthly\"}")
                        .header("X-Correlation-Id", "corr-42"));

        assertThat(fee.headers().firstValue("X-Correlation-Id")).hasValue("corr-42");
        assertThat(TestLedger.count(
                        "SELECT count(*) FROM ledger.events WHERE stream_id = ? AND version = 3"
                                + " AND metadata->>'userId' = 'olga' AND metadata->>'correlationId' = 'corr-42'"
                                + " AND metadata->'roles' = '[\"operator\"]'::jsonb",
                        UUID.fromString(id)))
                .isEqualTo(1);
    }

    @Test
    void refusesCallersWithoutTheRole() throws Exception {
        HttpResponse<String> anonymous = api.post("/accounts", null, "{\"ownerId\":\"a\",\"currency\":\"EUR\"}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(anonymous.headers().firstValue("X-Correlation-Id")).isPresent();

        assertThat(api.post("/accounts", reader, "{\"ownerId\":\"a\",\"currency\":\"EUR\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void namesTheFieldOfBadInput() throws Exception {
        String id = api.openWith(operator, "10.00");
        String deposits = "/accounts/" + id + "/deposits";
        assertBadField(api.post(deposits, operator, "{\"amount\":\"12.345\",\"reference\":\"r\"}"), "amount");
        assertBadField(api.post(deposits, operator, "{\"amount\":12.34,\"reference\":\"r\"}"), "amount");
        assertBadField(api.post(deposits, operator, "{\"amount\":\"-1\",\"reference\":\"r\"}"), "amount");
        assertBadField(api.post(deposits, operator, "{\"amount\":\"1\"}"), "reference");
        assertBadField(api.post("/accounts", operator, "{\"ownerId\":\"a\",\"currency\":\"XYZ\"}"), "currency");
        assertBadField(
                api.send(api.postRequest(deposits, operator, "{\"amount\":\"1\",\"reference\":\"r\"}")
                        .header("X-Correlation-Id", "no spaces allowed")),
                "X-Correlation-Id");
        assertThat(TestLedger.count(EVENTS, UUID.fromString(id))).isEqualTo(2);
    }

    @Test
    void answersOtherMediaTypesOversizedBodiesAndUnknownAccounts() throws Exception {
        HttpRequest.Builder text = api.postRequest("/accounts", operator, "{\"ownerId\":\"a\",\"currency\":\"EUR\"}")
                .setHeader("Content-Type", "text/plain");
        assertThat(api.send(text).statusCode()).isEqualTo(415);
        String huge = "{\"ownerId\":\"" + "a".repeat(70_000) + "\",\"currency\":\"EUR\"}";
        assertThat(api.post("/accounts", operator, huge).statusCode()).isEqualTo(413);

        assertThat(api.get("/accounts/" + UUID.randomUUID(), reader).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/accounts/not-a-uuid", reader).statusCode()).isEqualTo(404);
        assertThat(api.post(
                                "/accounts/" + UUID.randomUUID() + "/deposits",
                                operator,
                                "{\"amount\":\"1.00\",\"reference\":\"r\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void refusesAWithdrawalBeyondTheBalanceAndWritesNothing() throws Exception {
        String id = api.openWith(operator, "100.00");

        HttpResponse<String> overdraw =
                api.post("/accounts/" + id + "/withdrawals", operator, "{\"amount\":\"100.01\",\"reference\":\"atm\"}");

        assertThat(overdraw.statusCode()).isEqualTo(422);
        assertThat(json(overdraw).get("type").textValue())
                .isEqualTo("https://eventledger.io/problems/insufficient-funds");
        assertThat(TestLedger.count(EVENTS, UUID.fromString(id))).isEqualTo(2);
    }

    @Test
    void reportsHealthAndMetrics() throws Exception {
        api.openWith(operator, "1.00");
        assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/metrics", null).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = api.get("/metrics", reader);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ledger_commands_total{outcome=\"accepted\",type=\"deposit\"}");
    }

    private static void assertBadField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("field").textValue()).isEqualTo(field);
    }
}
