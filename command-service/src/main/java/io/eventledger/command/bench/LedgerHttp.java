package io.eventledger.command.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/** The bench's HTTP: one keep-alive HTTP/1.1 client, bearer token, JSON bodies, answers as text. */
final class LedgerHttp {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    /** An answer; {@code retryAfterSeconds} is the Retry-After header when it is a number. */
    record Answer(int status, String body, OptionalLong retryAfterSeconds) {}

    LedgerHttp(String token) {
        this.token = token;
    }

    /** A command, with its correlation id also as Idempotency-Key so a resend is recognised. */
    Answer post(URI uri, String body, String correlationId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Correlation-Id", correlationId).header("Idempotency-Key", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), retryAfter(response));
    }

    private static OptionalLong retryAfter(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("Retry-After").map(v -> OptionalLong.of(Long.parseLong(v.trim())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
