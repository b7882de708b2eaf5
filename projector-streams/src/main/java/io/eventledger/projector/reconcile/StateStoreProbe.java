package io.eventledger.projector.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The balances-store, through {@code GET /balances/{id}} of a running instance (it forwards to the owner). */
public final class StateStoreProbe implements ReadModelProbe {

    private final HttpClient http;
    private final URI projector;
    private final String token;

    public StateStoreProbe(HttpClient http, URI projector, String token) {
        this.http = http;
        this.projector = projector;
        this.token = token;
    }

    @Override
    public String place() {
        return "state store via " + projector;
    }

    @Override
    public Optional<Observed> read(UUID account) throws IOException, InterruptedException {
        // waitMs: an instance that is rebalancing answers once it can, instead of 503 at once
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(projector.resolve("/balances/" + account + "?waitMs=5000"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = Json.mapper().readTree(response.body());
        return Optional.of(
                new Observed(body.path("balance").asText(), body.path("version").asInt()));
    }
}
