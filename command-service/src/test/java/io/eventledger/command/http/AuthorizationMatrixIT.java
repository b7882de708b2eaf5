package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every route × every role and no, invalid or revoked token answers as ONE table says: 401 without a live
 * token, 403 for a role the route does not list, neither for one it does (admin may call every route). The
 * table is checked against the {@code x-roles} of openapi.json. Tokens are stored only as SHA-256 hashes, and
 * no token reaches a log line.
 */
class AuthorizationMatrixIT {

    private static final Role O = Role.OPERATOR;
    private static final Role AP = Role.APPROVER;
    private static final Role AU = Role.AUDITOR;
    private static final Role R = Role.READER;

    /** The table: route → the roles it lists; an empty set is a public route. */
    private static final Map<String, Set<Role>> ROUTES = table();

    private static Map<String, Set<Role>> table() {
        Map<String, Set<Role>> t = new LinkedHashMap<>();
        t.put("POST /accounts", Set.of(O));
        t.put("GET /accounts/{id}", Set.of(R, AU, O));
        for (String command : List.of("deposits", "withdrawals", "fees", "refunds", "close")) {
            t.put("POST /accounts/{id}/" + command, Set.of(O));
        }
        t.put("GET /accounts/{id}/events", Set.of(AU));
        t.put("GET /accounts/{id}/statement", Set.of(AU));
        t.put("POST /transfers", Set.of(O));
        t.put("GET /transfers/{id}", Set.of(R, AU, O, AP));
        t.put("POST /transfers/{id}/approve", Set.of(AP));
        t.put("POST /transfers/{id}/reject", Set.of(AP));
        t.put("GET /audit/verify", Set.of(AU));
        t.put("GET /health/live", Set.of());
        t.put("GET /health/ready", Set.of());
        t.put("GET /metrics", EnumSet.allOf(Role.class));
        t.put("GET /openapi.json", EnumSet.allOf(Role.class));
        return t;
    }

    @Test
    void theTableIsWhatOpenApiDocuments() throws Exception {
        Map<String, Set<Role>> documented = new TreeMap<>();
        JsonNode paths = Json.mapper().readTree(OpenApiRoutes.load()).get("paths");
        paths.properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    op.getValue().path("x-roles").forEach(role -> roles.add(Role.parse(role.asText())));
                    documented.put(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), roles);
                }));
        assertThat(documented).isEqualTo(new TreeMap<>(ROUTES));
    }

    @Test
    void everyRoleAndTokenGetsTheExpectedStatusAndNoTokenIsLoggedOrStoredInClear() throws Exception {
        TokenStore store = new TokenStore(TestLedger.db());
        Map<String, String> callers = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            callers.put(role.wireName(), store.create("matrix-" + role.wireName(), Set.of(role)));
        }
        String revoked = store.create("matrix-revoked", Set.of(Role.ADMIN));
        store.revoke(revoked);
        ApiClient api = new ApiClient(TestLedger.service().port());
        Map<String, String> ids = ids(api, callers.get("operator"), store.create("matrix-maker", Set.of(O, AP)));
        List<String> secrets = new ArrayList<>(callers.values());
        secrets.addAll(List.of(revoked, "elt_matrix-not-issued"));

        ListAppender<ILoggingEvent> log = SecretChecks.capture();
        try {
            SoftAssertions softly = new SoftAssertions();
            for (var route : ROUTES.entrySet()) {
                for (var refused : Map.of("none", "", "invalid", "elt_matrix-not-issued", "revoked", revoked)
                        .entrySet()) {
                    int status = call(api, route.getKey(), refused.getValue(), ids);
                    softly.assertThat(status)
                            .as("%s with %s token", route.getKey(), refused.getKey())
                            .satisfies(s -> assertThat(route.getValue().isEmpty() ? s != 401 && s != 403 : s == 401)
                                    .isTrue());
                }
                for (Role role : Role.values()) {
                    int status = call(api, route.getKey(), callers.get(role.wireName()), ids);
                    boolean allowed = route.getValue().isEmpty()
                            || role == Role.ADMIN
                            || route.getValue().contains(role);
                    softly.assertThat(status)
                            .as("%s as %s", route.getKey(), role.wireName())
                            .satisfies(s -> assertThat(allowed ? s != 401 && s != 403 : s == 403)
                                    .isTrue());
                }
            }
            softly.assertAll();
            SecretChecks.provokeWarnings(api, callers.get("operator"));
        } finally {
            SecretChecks.release(log);
        }
        assertThat(log.list)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(secrets).noneMatch(SecretChecks.line(event)::contains));
        SecretChecks.assertStoredOnlyAsHashes(secrets);
    }

    /** An account with money, a pending transfer out of another, by someone who may also approve. */
    private static Map<String, String> ids(ApiClient api, String operator, String maker) throws Exception {
        String account = api.openWith(operator, "100.00");
        String rich = api.openWith(maker, "20000.00");
        JsonNode pending = ApiClient.json(api.post(
                "/transfers",
                maker,
                "{\"fromAccountId\":\"" + rich + "\",\"toAccountId\":\"" + account
                        + "\",\"amount\":\"15000.00\",\"currency\":\"EUR\"}"));
        return Map.of(
                "account",
                account,
                "rich",
                rich,
                "transfer",
                pending.get("transferId").asText());
    }

    private static int call(ApiClient api, String route, String token, Map<String, String> ids) throws Exception {
        String[] parts = route.split(" ");
        boolean transfer = parts[1].startsWith("/transfers/");
        String path = parts[1].replace("{id}", ids.get(transfer ? "transfer" : "account"));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + TestLedger.service().port() + path))
                .header("Content-Type", "application/json")
                .method(
                        parts[0],
                        parts[0].equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body(parts[1], ids)));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request).statusCode();
    }

    /** A valid body for each command, so an allowed caller gets past validation. */
    private static String body(String path, Map<String, String> ids) {
        if (path.equals("/accounts")) {
            return "{\"ownerId\":\"matrix\",\"currency\":\"EUR\"}";
        }
        if (path.equals("/transfers")) {
            return "{\"fromAccountId\":\"" + ids.get("rich") + "\",\"toAccountId\":\"" + ids.get("account")
                    + "\",\"amount\":\"1.00\",\"currency\":\"EUR\"}";
        }
        if (path.endsWith("/deposits") || path.endsWith("/withdrawals")) {
            return "{\"amount\":\"1.00\",\"reference\":\"matrix\"}";
        }
        return path.endsWith("/fees") || path.endsWith("/refunds")
                ? "{\"amount\":\"1.00\",\"reason\":\"matrix\"}"
                : path.endsWith("/approve") ? "{}" : "{\"reason\":\"matrix\"}";
    }
}
