package io.eventledger.projector;

import static io.eventledger.projector.ProjectorFixture.SERVERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.CommandService;
import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Role;
import io.eventledger.projector.cli.ProjectorCli;
import io.lettuce.core.RedisClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code projector reconcile} against the real pipeline: accounts written through command-service reconcile
 * cleanly with the state store, Postgres and Redis; a Redis value corrupted behind the mirror's back is
 * reported as a difference, with exit code 1.
 */
class ReconcileIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aCleanPipelineReconcilesAndACorruptedRedisBalanceIsReported() throws Exception {
        try (CommandService commands = CommandServiceMain.start(
                        CommandServiceConfig.fromEnv(SERVERS.env(Map.of("LEDGER_HTTP_PORT", "0"))));
                Projector projector = ProjectorFixture.startProjector()) {
            String token = ProjectorFixture.token(Set.of(Role.OPERATOR, Role.READER));
            String account = post(commands, token, "/accounts", "{\"ownerId\":\"rita\",\"currency\":\"EUR\"}")
                    .get("accountId")
                    .asText();
            post(
                    commands,
                    token,
                    "/accounts/" + account + "/deposits",
                    "{\"amount\":\"500.00\",\"reference\":\"salary\"}");
            post(
                    commands,
                    token,
                    "/accounts/" + account + "/withdrawals",
                    "{\"amount\":\"262.50\",\"reference\":\"rent\"}");
            RedisClient redis = RedisClient.create(SERVERS.env().get("LEDGER_REDIS_URL"));
            try (var connection = redis.connect()) {
                String key = "ledger:balance:" + account;
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> "3".equals(connection.sync().hget(key, "version")));

                Result clean = reconcile(projector, token);
                assertThat(clean.exitCode()).as(clean.out()).isZero();
                assertThat(clean.out()).contains("reconciled").contains("no differences");

                connection.sync().hset(key, "balance", "1.00");
                Result dirty = reconcile(projector, token);
                assertThat(dirty.exitCode()).as(dirty.out()).isEqualTo(1);
                assertThat(dirty.out())
                        .contains("difference: account " + account + " in redis ledger:balance:{id}: "
                                + "expected 237.50 v3, found 1.00 v3")
                        .contains("1 differences");
                connection.sync().hset(key, "balance", "237.50");
            } finally {
                redis.shutdown();
            }
        }
    }

    private record Result(int exitCode, String out) {}

    private static Result reconcile(Projector projector, String token) {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new ProjectorCli(SERVERS.env()))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(out, true))
                .execute("reconcile", "--projector", "http://127.0.0.1:" + projector.port(), "--token", token);
        return new Result(code, out.toString());
    }

    private static JsonNode post(CommandService commands, String token, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + commands.port() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return Json.mapper().readTree(response.body());
    }
}
