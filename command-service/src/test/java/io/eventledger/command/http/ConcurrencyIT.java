package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once against one or two accounts. Only outcomes are asserted, never timings: every
 * request is answered with a decision (never 409, 5xx or a deadlock), and the money adds up.
 */
class ConcurrencyIT {

    private static ApiClient api;
    private static String operator;

    @BeforeAll
    static void startService() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        operator = new TokenStore(TestLedger.db()).create("cora", Set.of(Role.OPERATOR, Role.READER));
    }

    @Test
    void sixtyFourWithdrawalsOfTenFromAHundredLetExactlyTenThrough() throws Exception {
        String id = api.openWith(operator, "100.00");

        List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, 64)
                .mapToObj(i -> api.sendAsync(api.postRequest(
                        "/accounts/" + id + "/withdrawals",
                        operator,
                        "{\"amount\":\"10.00\",\"reference\":\"w" + i + "\"}")))
                .toList();
        List<HttpResponse<String>> answers =
                racing.stream().map(CompletableFuture::join).toList();

        Map<Integer, Long> byStatus =
                answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        System.out.println("ConcurrencyIT: 64 withdrawals of 10.00 from 100.00 answered " + byStatus);
        assertThat(byStatus).isEqualTo(Map.of(200, 10L, 422, 54L));
        assertThat(answers)
                .filteredOn(r -> r.statusCode() == 422)
                .allSatisfy(r -> assertThat(json(r).get("type").asText()).endsWith("/insufficient-funds"));
        assertThat(json(api.get("/accounts/" + id, operator)).get("balance").asText())
                .isEqualTo("0.00");
        assertThat(TestLedger.count(
                        "SELECT count(*) FROM ledger.events WHERE stream_id = ?" + " AND event_type = 'MoneyWithdrawn'",
                        UUID.fromString(id)))
                .isEqualTo(10);
    }

    @Test
    void fiveHundredTransfersBothWaysFinishWithoutDeadlockAndKeepTheSum() throws Exception {
        String a = api.openWith(operator, "300.00");
        String b = api.openWith(operator, "300.00");
        List<HttpResponse<String>> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                // runs of 40 one way, then 40 back: enough to drain an account, so some transfers fail
                boolean aToB = (i / 40) % 2 == 0;
                sent.add(clients.submit(() -> transfer(aToB ? a : b, aToB ? b : a)));
            }
            for (Future<HttpResponse<String>> answer : sent) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdown();
        }

        assertThat(answers)
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        Map<String, Long> byStatus = answers.stream()
                .map(r -> json(r).get("status").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        System.out.println("ConcurrencyIT: 500 transfers of 10.00 between two accounts ended " + byStatus);
        assertThat(balance(a).add(balance(b))).isEqualByComparingTo("600.00");
        long executed = byStatus.getOrDefault("EXECUTED", 0L);
        assertThat(countBetween(a, b, "TransferInitiated")).isEqualTo(500);
        assertThat(countBetween(a, b, "TransferExecuted")).isEqualTo(executed);
        assertThat(countBetween(a, b, "TransferFailed")).isEqualTo(byStatus.getOrDefault("FAILED", 0L));
        assertThat(TestLedger.count(
                        "SELECT count(*) FROM ledger.events WHERE stream_id IN (?, '" + b + "')"
                                + " AND event_type IN ('TransferDebited', 'TransferCredited')",
                        UUID.fromString(a)))
                .isEqualTo(2 * executed);
    }

    private static HttpResponse<String> transfer(String from, String to) throws Exception {
        return api.post(
                "/transfers",
                operator,
                "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to
                        + "\",\"amount\":\"10.00\",\"currency\":\"EUR\"}");
    }

    private static BigDecimal balance(String account) throws Exception {
        return new BigDecimal(
                json(api.get("/accounts/" + account, operator)).get("balance").asText());
    }

    /** Events of one type on the streams of transfers between the two accounts. */
    private static long countBetween(String a, String b, String eventType) throws Exception {
        return TestLedger.count(
                "SELECT count(*) FROM ledger.events WHERE event_type = ? AND stream_id IN"
                        + " (SELECT stream_id FROM ledger.events WHERE event_type = 'TransferInitiated'"
                        + " AND data->>'fromAccountId' IN ('" + a + "', '" + b + "'))",
                eventType);
    }
}
