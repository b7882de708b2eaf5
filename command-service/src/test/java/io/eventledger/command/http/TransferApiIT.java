package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transfers through HTTP on the shared service: at once, with four eyes, rejected, failed. */
class TransferApiIT {

    private static final String EVENTS = "SELECT count(*) FROM ledger.events WHERE stream_type <> ?";
    private static ApiClient api;
    private static String olga;
    private static String olgaApproves;
    private static String anna;
    private static String rita;

    @BeforeAll
    static void startService() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        TokenStore tokens = new TokenStore(TestLedger.db());
        olga = tokens.create("olga-transfers", Set.of(Role.OPERATOR));
        olgaApproves = tokens.create("olga-transfers", Set.of(Role.APPROVER));
        anna = tokens.create("anna-transfers", Set.of(Role.APPROVER));
        rita = tokens.create("rita-transfers", Set.of(Role.READER));
    }

    @Test
    void belowTheThresholdMovesTheMoneyAtOnce() throws Exception {
        String from = api.openWith(olga, "100.00");
        String to = api.openWith(olga, "1.00");

        HttpResponse<String> created = transfer(from, to, "40.00");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        String id = body.get("transferId").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/transfers/" + id);
        assertThat(body.get("status").asText()).isEqualTo("EXECUTED");
        assertThat(body.get("version").asInt()).isEqualTo(2);
        assertThat(balance(from)).isEqualTo("60.00");
        assertThat(balance(to)).isEqualTo("41.00");
        JsonNode shown = json(api.get("/transfers/" + id, rita));
        assertThat(shown.get("initiatedBy").asText()).isEqualTo("olga-transfers");
        assertThat(shown.get("executedBy").asText()).isEqualTo("olga-transfers");
        assertThat(shown.get("executedAt").asText())
                .isEqualTo(shown.get("initiatedAt").asText());
        assertThat(shown.get("amount").asText()).isEqualTo("40.00");
        assertThat(shown.has("approvedBy")).isFalse();
    }

    @Test
    void aLargeTransferWaitsForASecondPersonWhoseApprovalExecutesIt() throws Exception {
        String from = api.openWith(olga, "20000.00");
        String to = api.openWith(olga, "0.01");
        HttpResponse<String> waiting = transfer(from, to, "15000.00");
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
        String id = json(waiting).get("transferId").asText();
        assertThat(json(waiting).get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(balance(from)).isEqualTo("20000.00");

        long before = TestLedger.count(EVENTS, "none");
        HttpResponse<String> own = api.post("/transfers/" + id + "/approve", olgaApproves, "");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(422);
        assertThat(json(own).get("type").asText()).endsWith("/four-eyes");
        assertThat(TestLedger.count(EVENTS, "none")).isEqualTo(before);

        HttpResponse<String> approved = api.post("/transfers/" + id + "/approve", anna, "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("status").asText()).isEqualTo("EXECUTED");
        assertThat(balance(from)).isEqualTo("5000.00");
        assertThat(balance(to)).isEqualTo("15000.01");
        JsonNode shown = json(api.get("/transfers/" + id, olga));
        assertThat(shown.get("initiatedBy").asText()).isEqualTo("olga-transfers");
        assertThat(shown.get("approvedBy").asText()).isEqualTo("anna-transfers");
        assertThat(shown.get("executedBy").asText()).isEqualTo("anna-transfers");
        assertThat(shown.get("approvedAt").asText())
                .isEqualTo(shown.get("executedAt").asText());
        assertThat(shown.get("version").asInt()).isEqualTo(3);
    }

    @Test
    void theExecutionOfAnApprovalNamesTheApprovalAsItsCause() throws Exception {
        String from = api.openWith(olga, "20000.00");
        String to = api.openWith(olga, "1.00");
        String id = json(transfer(from, to, "10000.00")).get("transferId").asText();
        assertThat(api.post("/transfers/" + id + "/approve", anna, "{}").statusCode())
                .isEqualTo(200);

        String approval =
                "(SELECT event_id::text FROM ledger.events WHERE event_type = 'TransferApproved' AND stream_id = ?)";
        assertThat(TestLedger.count(
                        "SELECT count(*) FROM ledger.events WHERE metadata->>'causationId' = " + approval
                                + " AND event_type IN ('TransferExecuted', 'TransferDebited', 'TransferCredited')",
                        UUID.fromString(id)))
                .isEqualTo(3);
        assertThat(TestLedger.count(
                        "SELECT count(*) FROM ledger.events WHERE stream_id = ? AND"
                                + " metadata->>'causationId' = metadata->>'commandId'",
                        UUID.fromString(id)))
                .as("TransferInitiated and TransferApproved were caused by their commands")
                .isEqualTo(2);
    }

    @Test
    void aRejectedTransferMovesNothingAndEndsThere() throws Exception {
        String from = api.openWith(olga, "20000.00");
        String to = api.openWith(olga, "1.00");
        String id = json(transfer(from, to, "12000.00")).get("transferId").asText();

        HttpResponse<String> rejected =
                api.post("/transfers/" + id + "/reject", anna, "{\"reason\":\"unknown payee\"}");

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        JsonNode shown = json(api.get("/transfers/" + id, rita));
        assertThat(shown.get("status").asText()).isEqualTo("REJECTED");
        assertThat(shown.get("rejectedBy").asText()).isEqualTo("anna-transfers");
        assertThat(shown.get("reason").asText()).isEqualTo("unknown payee");
        HttpResponse<String> late = api.post("/transfers/" + id + "/approve", anna, "");
        assertThat(json(late).get("type").asText()).endsWith("/transfer-not-awaiting-approval");
        assertThat(balance(from)).isEqualTo("20000.00");
    }

    @Test
    void insufficientFundsAtExecutionFailTheTransferAndMoveNothing() throws Exception {
        String from = api.openWith(olga, "5.00");
        String to = api.openWith(olga, "1.00");

        HttpResponse<String> failed = transfer(from, to, "10.00");

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(201);
        assertThat(json(failed).get("status").asText()).isEqualTo("FAILED");
        assertThat(json(failed).get("reason").asText()).startsWith("insufficient-funds");
        assertThat(balance(from)).isEqualTo("5.00");
        assertThat(TestLedger.count("SELECT count(*) FROM ledger.events WHERE stream_id = ?", UUID.fromString(from)))
                .isEqualTo(2);
    }

    private static HttpResponse<String> transfer(String from, String to, String amount) throws Exception {
        return api.post("/transfers", olga, body(from, to, amount));
    }

    private static String body(String from, String to, String amount) {
        return "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"EUR\"}";
    }

    private static String balance(String account) throws Exception {
        return json(api.get("/accounts/" + account, rita)).get("balance").asText();
    }
}
