package io.eventledger.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The seeded generator of {@link HttpFuzzIT}: request {@code n} of a seed is always the same, so a failure is
 * replayed with {@code -Dfuzz.seed=}. Paths come from the real routes, with real, random and malformed ids.
 */
final class FuzzRequests {

    /** One generated request; {@code correlationId} is the one sent, or null when none was. */
    record Fuzz(int index, String method, String path, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return "#" + index + " " + method + " " + path + " " + headers + " body(" + body.length + " bytes)="
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    /** The real routes with their methods (commands twice, so that enough are accepted), and a few unreal. */
    private static final List<String> ROUTES = List.of(
            "POST /accounts",
            "GET /accounts/{a}",
            "POST /accounts/{a}/deposits",
            "POST /accounts/{a}/deposits",
            "POST /accounts/{a}/withdrawals",
            "POST /accounts/{a}/fees",
            "POST /accounts/{a}/refunds",
            "POST /accounts/{a}/close",
            "GET /accounts/{a}/events",
            "GET /accounts/{a}/statement",
            "POST /transfers",
            "POST /transfers",
            "GET /transfers/{t}",
            "POST /transfers/{t}/approve",
            "POST /transfers/{t}/reject",
            "GET /audit/verify",
            "GET /health/live",
            "GET /health/ready",
            "GET /metrics",
            "GET /openapi.json",
            "POST /accounts/{a}/teleport",
            "GET /",
            "POST //accounts",
            "POST /accounts/");

    private static final List<String> MALFORMED_IDS = List.of(
            "not-a-uuid",
            "123",
            "%00",
            "..%2F..%2Fetc",
            "%27%3B%20DROP%20TABLE",
            "00000000-0000-0000-0000-00000000000g",
            "x".repeat(300),
            "%E2%82%AC",
            "-1");
    private static final List<String> PARAMS =
            List.of("asOf", "version", "limit", "types", "fromVersion", "toVersion", "from", "to", "streamId");
    private static final List<String> VALUES = List.of(
            "2026-01-01T00:00:00Z",
            "yesterday",
            "-1",
            "0",
            "1",
            "3",
            "99999999999999999999",
            "AccountOpened,MoneyDeposited",
            "Nope",
            "",
            "%00",
            "1e9",
            "9".repeat(500),
            "2026-13-45T99:99:99Z",
            "%F0%9F%98%80");
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "application/xml",
            "application/problem+json",
            "multipart/form-data; boundary=x",
            "");
    private static final List<String> IF_MATCH = List.of("\"1\"", "\"2\"", "W/\"3\"", "one", "*", "\"99999999999\"");
    private static final List<String> ODD_CORRELATION =
            List.of("a b", "fz!", "x".repeat(129), "", "ü", "<script>", "..", "x".repeat(4000));

    private final long seed;
    private final List<String> accounts;
    private final List<String> transfers;
    private final List<String> authorizations;

    FuzzRequests(long seed, List<String> accounts, List<String> transfers, List<String> authorizations) {
        this.seed = seed;
        this.accounts = accounts;
        this.transfers = transfers;
        this.authorizations = authorizations;
    }

    /** Real accounts (EUR with money, USD, closed) and pending transfers, and every kind of Authorization. */
    static FuzzRequests against(long seed) throws Exception {
        ApiClient api = new ApiClient(TestLedger.service().port());
        TokenStore tokens = new TokenStore(TestLedger.db());
        String operator = tokens.create("fuzz-operator", Set.of(Role.OPERATOR));
        String both = tokens.create("fuzz-maker", Set.of(Role.OPERATOR, Role.APPROVER));
        String revoked = tokens.create("fuzz-revoked", Set.of(Role.ADMIN));
        tokens.revoke(revoked);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accounts.add(api.openWith(operator, "50000.00"));
        }
        accounts.add(ApiClient.json(api.post("/accounts", operator, "{\"ownerId\":\"u\",\"currency\":\"USD\"}"))
                .get("accountId")
                .asText());
        List<String> transfers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode pending = ApiClient.json(api.post(
                    "/transfers",
                    both,
                    "{\"fromAccountId\":\"" + accounts.get(i % 4) + "\",\"toAccountId\":\"" + accounts.get((i + 1) % 4)
                            + "\",\"amount\":\"15000.00\",\"currency\":\"EUR\"}"));
            transfers.add(pending.get("transferId").asText());
        }
        List<String> authorizations = new ArrayList<>(List.of(
                "",
                "Bearer elt_not-a-token",
                "Bearer " + revoked,
                "Basic Zm9vOmJhcg==",
                "Bearer",
                "Bearer " + "z".repeat(4000),
                "bearer " + operator,
                "Bearer " + both,
                "Bearer " + operator,
                "Bearer " + operator));
        for (Role role : Role.values()) {
            String token = tokens.create("fuzz-" + role.wireName(), Set.of(role));
            authorizations.addAll(List.of("Bearer " + token, "Bearer " + token));
        }
        return new FuzzRequests(seed, accounts, transfers, authorizations);
    }

    /** Request {@code n} of the seed; its own Random makes it independent of the order requests are sent in. */
    Fuzz get(int n) {
        Random random = new Random(seed * 1_000_003L + n);
        FuzzBodies bodies = new FuzzBodies(random, accounts);
        String[] route = bodies.pick(ROUTES).split(" ");
        String method =
                random.nextInt(10) < 8 ? route[0] : bodies.pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH"));
        String path =
                route[1].replace("{a}", id(random, bodies, accounts)).replace("{t}", id(random, bodies, transfers))
                        + query(random, bodies);
        return new Fuzz(n, method, path, headers(n, random, bodies), bodies.forPath(path.split("\\?")[0]));
    }

    HttpRequest.Builder request(String base, Fuzz fuzz) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + fuzz.path()))
                .method(fuzz.method(), HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
        fuzz.headers().forEach(builder::header);
        return builder;
    }

    private String id(Random random, FuzzBodies bodies, List<String> real) {
        int roll = random.nextInt(10);
        return roll < 7
                ? bodies.pick(real)
                : roll < 8 ? java.util.UUID.randomUUID().toString() : bodies.pick(MALFORMED_IDS);
    }

    private String query(Random random, FuzzBodies bodies) {
        StringBuilder query = new StringBuilder();
        for (int i = random.nextInt(4) - 1; i >= 0; i--) {
            query.append(query.isEmpty() ? "?" : "&")
                    .append(bodies.pick(PARAMS))
                    .append('=')
                    .append(bodies.pick(VALUES));
        }
        return query.toString();
    }

    /** Only header values java.net.http will send: no CR/LF, which the server would never see anyway. */
    private Map<String, String> headers(int n, Random random, FuzzBodies bodies) {
        Map<String, String> headers = new LinkedHashMap<>();
        String authorization = bodies.pick(authorizations);
        if (!authorization.isEmpty()) {
            headers.put("Authorization", authorization);
        }
        if (random.nextInt(10) < 8) {
            headers.put("Content-Type", random.nextBoolean() ? "application/json" : bodies.pick(CONTENT_TYPES));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Idempotency-Key", random.nextInt(5) == 0 ? "k".repeat(300) : "fuzz-key-" + random.nextInt(20));
        }
        if (random.nextInt(6) == 0) {
            headers.put("If-Match", bodies.pick(IF_MATCH));
        }
        int correlation = random.nextInt(10);
        if (correlation < 6) {
            headers.put("X-Correlation-Id", "fuzz-" + seed + "-" + n);
        } else if (correlation < 8) {
            headers.put("X-Correlation-Id", bodies.pick(ODD_CORRELATION));
        }
        return headers;
    }
}
