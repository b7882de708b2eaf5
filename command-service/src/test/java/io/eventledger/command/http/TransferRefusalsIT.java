package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transfers that cannot be made, or not by this caller: a problem naming the input at fault, and no event. */
class TransferRefusalsIT {

    private static final String EVENTS = "SELECT count(*) FROM ledger.events WHERE stream_type <> ?";
    private static ApiClient api;
    private static String olga;
    private static String anna;
    private static String rita;

    @BeforeAll
    static void startService() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        TokenStore tokens = new TokenStore(TestLedger.db());
        olga = tokens.create("olga-refusals", Set.of(Role.OPERATOR));
        anna = tokens.create("anna-refusals", Set.of(Role.APPROVER));
        rita = tokens.create("rita-refusals", Set.of(Role.READER));
    }

    @Test
    void refusesImpossibleTransfersAndWritesNothing() throws Exception {
        String from = api.openWith(olga, "50.00");
        String to = api.openWith(olga, "1.00");
        String dollars = json(api.post("/accounts", olga, "{\"ownerId\":\"bob\",\"currency\":\"USD\"}"))
                .get("accountId")
                .asText();
        long before = TestLedger.count(EVENTS, "none");

        assertProblem(transfer(from, from, "1.00"), 422, "same-account", "toAccountId");
        assertProblem(transfer(from, dollars, "1.00"), 422, "currency-mismatch", "currency");
        assertProblem(transfer(from, UUID.randomUUID().toString(), "1.00"), 422, "unknown-account", "toAccountId");
        assertProblem(transfer("not-a-uuid", to, "1.00"), 400, "invalid-request", "fromAccountId");
        assertProblem(transfer(from, to, "1.001"), 400, "invalid-request", "amount");
        assertProblem(api.post("/transfers", rita, body(from, to, "1.00")), 403, "forbidden", null);
        assertProblem(api.post("/transfers/" + UUID.randomUUID() + "/approve", anna, ""), 404, "not-found", null);
        assertProblem(
                api.post("/transfers/" + UUID.randomUUID() + "/reject", anna, "{\"reason\":\" \"}"),
                400,
                "invalid-request",
                "reason");
        assertProblem(api.get("/transfers/" + from, rita), 404, "not-found", null);
        assertThat(TestLedger.count(EVENTS, "none")).isEqualTo(before);
    }

    private static HttpResponse<String> transfer(String from, String to, String amount) throws Exception {
        return api.post("/transfers", olga, body(from, to, amount));
    }

    private static String body(String from, String to, String amount) {
        return "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"EUR\"}";
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("type").asText()).isEqualTo("https://eventledger.io/problems/" + type);
        if (field != null) {
            assertThat(json(response).get("field").asText()).isEqualTo(field);
        }
    }
}
