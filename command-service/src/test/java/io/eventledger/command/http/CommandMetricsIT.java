package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.Scrape;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command meters on {@code /metrics} move with what clients did. Other tests share the service and its
 * registry, so each assertion compares a scrape before with one after, and asks for at least this test's share.
 */
class CommandMetricsIT {

    private static final int RACERS = 8;
    private static ApiClient api;
    private static String operator;
    private static String approver;

    @BeforeAll
    static void startService() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        operator = new TokenStore(TestLedger.db()).create("mia", Set.of(Role.OPERATOR, Role.READER));
        approver = new TokenStore(TestLedger.db()).create("ada", Set.of(Role.APPROVER, Role.READER));
    }

    @Test
    void countsCommandsByTypeAndOutcomeConflictsRetriesAndTimesAppends() throws Exception {
        String account = api.openWith(operator, "10.00");
        String other = api.openWith(operator, "10.00");
        String before = scrape();

        assertThat(deposit(account, "1.00", "ok").statusCode()).isEqualTo(200);
        assertThat(post("/accounts/" + account + "/withdrawals", "{\"amount\":\"99.00\",\"reference\":\"atm\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(post("/accounts/" + account + "/deposits", "{\"amount\":1,\"reference\":\"number\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(replayedTwice(account)).isEqualTo("true");
        assertThat(post(
                                "/transfers",
                                "{\"fromAccountId\":\"" + account + "\",\"toAccountId\":\"" + other
                                        + "\",\"amount\":\"2.00\",\"currency\":\"EUR\"}")
                        .statusCode())
                .isEqualTo(201);
        raceApprovals();
        String after = scrape();

        assertMoved(before, after, "ledger_commands_total", 2, "type", "deposit", "outcome", "accepted");
        assertMoved(before, after, "ledger_commands_total", 1, "type", "deposit", "outcome", "replayed");
        assertMoved(before, after, "ledger_commands_total", 1, "type", "withdraw", "outcome", "rejected");
        assertMoved(before, after, "ledger_commands_total", 1, "type", "deposit", "outcome", "invalid");
        assertMoved(before, after, "ledger_commands_total", 1, "type", "transfer", "outcome", "accepted");
        assertThat(Scrape.value(after, "ledger_command_retries_total", "type", "approve"))
                .as("approvals queue on their streams' locks: none loses a race")
                .isEqualTo(Scrape.value(before, "ledger_command_retries_total", "type", "approve"));
        assertMoved(before, after, "ledger_append_seconds_count", 2, "streams", "1");
        assertMoved(before, after, "ledger_append_seconds_count", 1, "streams", "3");
        assertMoved(before, after, "ledger_append_seconds_bucket", 1, "streams", "3", "le", "+Inf");
        assertThat(after.lines().filter(line -> line.startsWith("ledger_append_seconds_bucket{")))
                .as("a percentile histogram's buckets")
                .hasSizeGreaterThan(10);
    }

    /**
     * Concurrent approvals of one large transfer: every command names its streams before it runs (an approval
     * its transfer's two accounts, which never change), so they queue on the locks instead of racing; one
     * executes the transfer, the others find it no longer awaiting approval (422).
     */
    private static void raceApprovals() throws Exception {
        String from = api.openWith(operator, "1000000.00");
        String to = api.openWith(operator, "0.01");
        HttpResponse<String> waiting = post(
                "/transfers",
                "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to
                        + "\",\"amount\":\"15000.00\",\"currency\":\"EUR\"}");
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
        String id = Json.mapper().readTree(waiting.body()).get("transferId").asText();
        List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, RACERS)
                .mapToObj(i -> api.sendAsync(api.postRequest("/transfers/" + id + "/approve", approver, "")))
                .toList();
        assertThat(racing.stream().map(r -> r.join().statusCode()))
                .containsOnly(200, 422)
                .filteredOn(status -> status == 200)
                .hasSize(1);
    }

    /** The same deposit twice under one Idempotency-Key: the second answer is the first one, replayed. */
    private static String replayedTwice(String account) throws Exception {
        HttpResponse<String> answer = null;
        for (int i = 0; i < 2; i++) {
            answer = api.send(api.postRequest(
                            "/accounts/" + account + "/deposits",
                            operator,
                            "{\"amount\":\"1.00\",\"reference\":\"once\"}")
                    .header("Idempotency-Key", "metrics-" + account));
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        return answer.headers().firstValue("Idempotent-Replayed").orElse("absent");
    }

    private static HttpResponse<String> deposit(String account, String amount, String reference) throws Exception {
        return post(
                "/accounts/" + account + "/deposits",
                "{\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}");
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return api.post(path, operator, body);
    }

    private static String scrape() throws Exception {
        HttpResponse<String> metrics = api.get("/metrics", operator);
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body();
    }

    private static void assertMoved(String before, String after, String name, double atLeast, String... labels) {
        assertThat(Scrape.value(after, name, labels) - Scrape.value(before, name, labels))
                .as("%s%s", name, Arrays.toString(labels))
                .isGreaterThanOrEqualTo(atLeast);
    }
}
