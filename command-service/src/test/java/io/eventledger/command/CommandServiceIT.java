package io.eventledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.TopicReader;
import io.eventledger.contract.envelope.EnvelopeSerde;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole write side as the lead's end-to-end test starts it: HTTP command in, Kafka record out. */
class CommandServiceIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void relaysCommandsToKafkaAndStopsOnClose() throws Exception {
        CommandService service = CommandServiceMain.start(
                CommandServiceConfig.fromEnv(TestLedger.servers().env(Map.of("LEDGER_HTTP_PORT", "0"))));
        String base = "http://127.0.0.1:" + service.port();
        var connections = TestLedger.servers().connections();
        try (service;
                TopicReader reader = new TopicReader(
                        connections.kafkaBootstrap(), connections.topics().accountEvents())) {
            String token = new TokenStore(TestLedger.db()).create("pipeline", Set.of(Role.ADMIN));
            String id = Json.mapper()
                    .readTree(post(base + "/accounts", token, "{\"ownerId\":\"p\",\"currency\":\"JPY\"}")
                            .body())
                    .get("accountId")
                    .asText();
            assertThat(post(base + "/accounts/" + id + "/deposits", token, "{\"amount\":\"1500\",\"reference\":\"r\"}")
                            .statusCode())
                    .isEqualTo(200);

            var records = await().atMost(Duration.ofSeconds(20))
                    .pollInSameThread()
                    .until(() -> reader.recordsWithKey(id), r -> r.size() >= 2);
            assertThat(records)
                    .extracting(r -> EnvelopeSerde.read(r.value()))
                    .extracting(EventEnvelope::eventType)
                    .containsExactly("AccountOpened", "MoneyDeposited");
            assertThat(EnvelopeSerde.read(records.get(1).value())
                            .data()
                            .get("amount")
                            .textValue())
                    .isEqualTo("1500");
        }
        HttpRequest live =
                HttpRequest.newBuilder(URI.create(base + "/health/live")).build();
        assertThatThrownBy(() -> http.send(live, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> post(String url, String token, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
