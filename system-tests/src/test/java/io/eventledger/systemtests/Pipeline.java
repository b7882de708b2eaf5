package io.eventledger.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.CommandService;
import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.platform.testing.TestServers;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * What the system tests share: this run's servers, command-service as it is deployed (its relay on), and
 * the answers of the HTTP calls they make, which must succeed.
 */
final class Pipeline {

    static final TestServers SERVERS = TestServers.get();

    private Pipeline() {}

    /** command-service on a free port with its relay, so what it stores reaches Kafka. */
    static CommandService startCommandService() {
        return CommandServiceMain.start(CommandServiceConfig.fromEnv(SERVERS.env(Map.of("LEDGER_HTTP_PORT", "0"))));
    }

    /** The body of a command's answer as JSON; fails the assertion unless it is 200 or 201. */
    static JsonNode accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return ApiClient.json(response);
    }

    /** The body of a query's answer as JSON; fails the assertion unless it is 200. */
    static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json(response);
    }
}
