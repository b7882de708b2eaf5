package io.eventledger.command.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** A plain java.net.http client of the write API, as any caller would use it. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A JSON POST; a null token sends no Authorization header. */
    public HttpRequest.Builder postRequest(String path, String token, String body) {
        return authorized(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                token);
    }

    public HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send(postRequest(path, token, body));
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)).GET(), token));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a EUR account and deposits into it; returns its id. */
    public String openWith(String token, String deposit) throws Exception {
        String id = json(post("/accounts", token, "{\"ownerId\":\"alice\",\"currency\":\"EUR\"}"))
                .get("accountId")
                .asText();
        assertThat(post(
                                "/accounts/" + id + "/deposits",
                                token,
                                "{\"amount\":\"" + deposit + "\",\"reference\":\"seed\"}")
                        .statusCode())
                .isEqualTo(200);
        return id;
    }

    /** Each account's balance as command-service answers it, by account id. */
    public Map<String, BigDecimal> balances(List<String> accounts, String token) throws Exception {
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (String id : accounts) {
            balances.put(
                    id,
                    new BigDecimal(
                            json(get("/accounts/" + id, token)).get("balance").asText()));
        }
        return balances;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
