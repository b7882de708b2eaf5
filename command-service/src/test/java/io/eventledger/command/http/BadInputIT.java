package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, table-driven: every case answers a 4xx RFC 7807 problem with the expected type and, where
 * one input is at fault, the field that names it; no stack trace leaks; and no event is written.
 */
class BadInputIT {

    private static final String ANY_FIELD = "<any>";
    private static ApiClient api;
    private static final Map<String, String> TOKENS = new java.util.HashMap<>();
    private static final Map<String, String> IDS = new java.util.HashMap<>();

    /** One bad request: {@code token} is operator, reader, none, invalid or revoked; {open} etc. are ids. */
    record Case(
            String name,
            String method,
            String path,
            String token,
            Map<String, String> headers,
            String body,
            int status,
            String type,
            String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void accounts() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        TokenStore tokens = new TokenStore(TestLedger.db());
        TOKENS.put("operator", tokens.create("bad-input-operator", Set.of(Role.OPERATOR)));
        TOKENS.put("reader", tokens.create("bad-input-reader", Set.of(Role.READER)));
        TOKENS.put("auditor", tokens.create("bad-input-auditor", Set.of(Role.AUDITOR)));
        TOKENS.put("maker-checker", tokens.create("bad-input-both", Set.of(Role.OPERATOR, Role.APPROVER)));
        TOKENS.put("invalid", "elt_not-a-token-we-issued");
        String revoked = tokens.create("bad-input-revoked", Set.of(Role.ADMIN));
        tokens.revoke(revoked);
        TOKENS.put("revoked", revoked);
        IDS.put("{open}", api.openWith(TOKENS.get("operator"), "100.00"));
        IDS.put("{closed}", closedAccount());
        IDS.put("{unknown}", UUID.randomUUID().toString());
        IDS.put("{rich}", api.openWith(TOKENS.get("maker-checker"), "20000.00"));
        IDS.put(
                "{usd}",
                ApiClient.json(api.post(
                                "/accounts", TOKENS.get("operator"), "{\"ownerId\":\"dave\",\"currency\":\"USD\"}"))
                        .get("accountId")
                        .asText());
        IDS.put("{pending}", pendingTransfer());
        HttpResponse<String> first = api.send(request(
                "POST",
                "/accounts/{open}/deposits",
                "operator",
                Map.of("Idempotency-Key", "bad-input-key"),
                "{\"amount\":\"1.00\",\"reference\":\"first\"}"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    }

    static Stream<Case> cases() {
        String open = "{\"ownerId\":\"bob\",\"currency\":\"EUR\"}";
        String big = "{\"ownerId\":\"" + "x".repeat(65 * 1024) + "\",\"currency\":\"EUR\"}";
        return Stream.of(
                bad("malformed JSON", "/accounts", "{\"ownerId\": \"bob\",", 400, "invalid-request", ANY_FIELD),
                bad("body is an array", "/accounts", "[]", 400, "invalid-request", "body"),
                bad("body is a string", "/accounts", "\"hello\"", 400, "invalid-request", "body"),
                bad("missing ownerId", "/accounts", "{\"currency\":\"EUR\"}", 400, "invalid-request", "ownerId"),
                bad("missing currency", "/accounts", "{\"ownerId\":\"bob\"}", 400, "invalid-request", "currency"),
                bad(
                        "unknown field",
                        "/accounts",
                        "{\"ownerId\":\"bob\",\"currency\":\"EUR\",\"userId\":\"root\"}",
                        400,
                        "invalid-request",
                        "userId"),
                bad(
                        "ownerId is a number",
                        "/accounts",
                        "{\"ownerId\":42,\"currency\":\"EUR\"}",
                        400,
                        "invalid-request",
                        "ownerId"),
                bad(
                        "ownerId is blank",
                        "/accounts",
                        "{\"ownerId\":\"  \",\"currency\":\"EUR\"}",
                        400,
                        "invalid-request",
                        "ownerId"),
                bad(
                        "unknown currency",
                        "/accounts",
                        "{\"ownerId\":\"bob\",\"currency\":\"XYZ\"}",
                        400,
                        "invalid-request",
                        "currency"),
                bad(
                        "lower-case currency",
                        "/accounts",
                        "{\"ownerId\":\"bob\",\"currency\":\"eur\"}",
                        400,
                        "invalid-request",
                        "currency"),
                bad(
                        "amount is a JSON number",
                        "/accounts/{open}/deposits",
                        "{\"amount\":12.5,\"reference\":\"r\"}",
                        400,
                        "invalid-request",
                        "amount"),
                bad(
                        "amount has too many decimals",
                        "/accounts/{open}/deposits",
                        amount("12.505"),
                        400,
                        "invalid-request",
                        "amount"),
                bad("amount is zero", "/accounts/{open}/deposits", amount("0.00"), 400, "invalid-request", "amount"),
                bad(
                        "amount is negative",
                        "/accounts/{open}/deposits",
                        amount("-5.00"),
                        400,
                        "invalid-request",
                        "amount"),
                bad(
                        "amount is not a number",
                        "/accounts/{open}/deposits",
                        amount("abc"),
                        400,
                        "invalid-request",
                        "amount"),
                bad(
                        "amount uses an exponent",
                        "/accounts/{open}/deposits",
                        amount("1e3"),
                        400,
                        "invalid-request",
                        "amount"),
                bad(
                        "amount is missing",
                        "/accounts/{open}/deposits",
                        "{\"reference\":\"r\"}",
                        400,
                        "invalid-request",
                        "amount"),
                bad(
                        "amount is null",
                        "/accounts/{open}/deposits",
                        "{\"amount\":null,\"reference\":\"r\"}",
                        400,
                        "invalid-request",
                        "amount"),
                bad("unknown account", "/accounts/{unknown}/deposits", amount("1.00"), 404, "not-found", null),
                bad(
                        "account id is not a UUID",
                        "/accounts/not-a-uuid/deposits",
                        amount("1.00"),
                        404,
                        "not-found",
                        null),
                bad(
                        "NUL in the path, refused by Jetty itself",
                        "/accounts/%00/deposits",
                        amount("1.00"),
                        400,
                        "bad-message",
                        null),
                bad("closed account", "/accounts/{closed}/deposits", amount("1.00"), 422, "account-closed", null),
                bad(
                        "withdrawal over the balance",
                        "/accounts/{open}/withdrawals",
                        amount("1000.00"),
                        422,
                        "insufficient-funds",
                        null),
                bad(
                        "close with money left",
                        "/accounts/{open}/close",
                        "{\"reason\":\"bye\"}",
                        422,
                        "balance-not-zero",
                        null),
                bad("body over 64 KiB", "/accounts", big, 413, "payload-too-large", "body"),
                new Case(
                        "wrong content type",
                        "POST",
                        "/accounts",
                        "operator",
                        Map.of("Content-Type", "text/plain"),
                        open,
                        415,
                        "unsupported-media-type",
                        null),
                new Case("no token", "POST", "/accounts", "none", Map.of(), open, 401, "unauthorized", "Authorization"),
                new Case(
                        "invalid token",
                        "POST",
                        "/accounts",
                        "invalid",
                        Map.of(),
                        open,
                        401,
                        "unauthorized",
                        "Authorization"),
                new Case(
                        "revoked token",
                        "POST",
                        "/accounts",
                        "revoked",
                        Map.of(),
                        open,
                        401,
                        "unauthorized",
                        "Authorization"),
                new Case(
                        "reader may not open accounts",
                        "POST",
                        "/accounts",
                        "reader",
                        Map.of(),
                        open,
                        403,
                        "forbidden",
                        null),
                new Case(
                        "idempotency key reused with another body",
                        "POST",
                        "/accounts/{open}/deposits",
                        "operator",
                        Map.of("Idempotency-Key", "bad-input-key"),
                        amount("2.00"),
                        422,
                        "idempotency-key-reused",
                        "Idempotency-Key"),
                new Case(
                        "If-Match names an old version",
                        "POST",
                        "/accounts/{open}/deposits",
                        "operator",
                        Map.of("If-Match", "\"1\""),
                        amount("1.00"),
                        412,
                        "precondition-failed",
                        null),
                new Case(
                        "If-Match is malformed",
                        "POST",
                        "/accounts/{open}/deposits",
                        "operator",
                        Map.of("If-Match", "one"),
                        amount("1.00"),
                        400,
                        "invalid-request",
                        "If-Match"),
                new Case(
                        "correlation id with spaces",
                        "POST",
                        "/accounts",
                        "operator",
                        Map.of("X-Correlation-Id", "a b c"),
                        open,
                        400,
                        "invalid-request",
                        "X-Correlation-Id"),
                bad(
                        "transfer to the same account",
                        "/transfers",
                        transfer("{open}", "{open}", "1.00", "EUR"),
                        422,
                        "same-account",
                        null),
                bad(
                        "transfer across currencies",
                        "/transfers",
                        transfer("{open}", "{usd}", "1.00", "EUR"),
                        422,
                        "currency-mismatch",
                        null),
                bad(
                        "transfer from an unknown account",
                        "/transfers",
                        transfer("{unknown}", "{open}", "1.00", "EUR"),
                        422,
                        "unknown-account",
                        "fromAccountId"),
                bad(
                        "transfer amount at the wrong scale",
                        "/transfers",
                        transfer("{open}", "{rich}", "1.001", "EUR"),
                        400,
                        "invalid-request",
                        "amount"),
                bad(
                        "transfer with an unknown field",
                        "/transfers",
                        "{\"fromAccountId\":\"{open}\",\"toAccountId\":\"{rich}\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"initiatedBy\":\"mallory\"}",
                        400,
                        "invalid-request",
                        "initiatedBy"),
                new Case(
                        "initiator approves their own transfer",
                        "POST",
                        "/transfers/{pending}/approve",
                        "maker-checker",
                        Map.of(),
                        "{}",
                        422,
                        "four-eyes",
                        null),
                new Case(
                        "operator may not approve",
                        "POST",
                        "/transfers/{pending}/approve",
                        "operator",
                        Map.of(),
                        "{}",
                        403,
                        "forbidden",
                        null),
                new Case(
                        "state as of a non-instant",
                        "GET",
                        "/accounts/{open}?asOf=yesterday",
                        "reader",
                        Map.of(),
                        "",
                        400,
                        "invalid-request",
                        "asOf"),
                new Case(
                        "history with limit zero",
                        "GET",
                        "/accounts/{open}/events?limit=0",
                        "auditor",
                        Map.of(),
                        "",
                        400,
                        "invalid-request",
                        "limit"),
                new Case(
                        "unknown transfer",
                        "GET",
                        "/transfers/{unknown}",
                        "reader",
                        Map.of(),
                        "",
                        404,
                        "not-found",
                        null),
                new Case(
                        "unknown route",
                        "POST",
                        "/accounts/{open}/teleport",
                        "operator",
                        Map.of(),
                        amount("1.00"),
                        404,
                        "not-found",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAProblemAndWritesNothing(Case c) throws Exception {
        long eventsBefore = events();

        HttpResponse<String> response = api.send(request(c.method(), c.path(), c.token(), c.headers(), c.body()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = ApiClient.json(response);
        assertThat(problem.path("type").asText()).isEqualTo("https://eventledger.io/problems/" + c.type());
        assertThat(problem.path("status").asInt()).isEqualTo(c.status());
        if (c.field() != null && !ANY_FIELD.equals(c.field())) {
            assertThat(problem.path("field").asText()).isEqualTo(c.field());
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(events()).isEqualTo(eventsBefore);
    }

    private static Case bad(String name, String path, String body, int status, String type, String field) {
        return new Case(name, "POST", path, "operator", Map.of(), body, status, type, field);
    }

    private static String transfer(String from, String to, String amount, String currency) {
        return "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"" + currency + "\"}";
    }

    /** A transfer above the approval threshold, initiated by a user who also holds the approver role. */
    private static String pendingTransfer() throws Exception {
        HttpResponse<String> pending = api.send(request(
                "POST", "/transfers", "maker-checker", Map.of(), transfer("{rich}", "{open}", "15000.00", "EUR")));
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(202);
        return ApiClient.json(pending).get("transferId").asText();
    }

    private static String amount(String value) {
        return "{\"amount\":\"" + value + "\",\"reference\":\"r\"}";
    }

    private static HttpRequest.Builder request(
            String method, String path, String token, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + TestLedger.service().port() + resolve(path)))
                .method(method, HttpRequest.BodyPublishers.ofString(resolve(body)));
        if (!headers.containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::header);
        if (TOKENS.containsKey(token)) {
            builder.header("Authorization", "Bearer " + TOKENS.get(token));
        }
        return builder;
    }

    /** Replaces {open}, {closed}, ... with the ids made in the set-up. */
    private static String resolve(String text) {
        String resolved = text;
        for (var id : IDS.entrySet()) {
            resolved = resolved.replace(id.getKey(), id.getValue());
        }
        return resolved;
    }

    private static String closedAccount() throws Exception {
        String id = ApiClient.json(
                        api.post("/accounts", TOKENS.get("operator"), "{\"ownerId\":\"carol\",\"currency\":\"EUR\"}"))
                .get("accountId")
                .asText();
        HttpResponse<String> closed =
                api.post("/accounts/" + id + "/close", TOKENS.get("operator"), "{\"reason\":\"unused\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        return id;
    }

    private static long events() throws Exception {
        return TestLedger.count("SELECT count(*) FROM ledger.events WHERE stream_type <> ?", "none");
    }
}
