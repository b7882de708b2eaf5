package io.eventledger.systemtests;

import static io.eventledger.systemtests.Pipeline.SERVERS;
import static io.eventledger.systemtests.Pipeline.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.CommandService;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.platform.auth.Role;
import io.eventledger.projector.Projector;
import io.eventledger.projector.ProjectorFixture;
import io.eventledger.projector.cli.ProjectorCli;
import io.lettuce.core.RedisClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code projector reconcile} against the real pipeline: accounts written through command-service reconcile
 * cleanly with the state store, Postgres and Redis; a Redis value corrupted behind the mirror's back is
 * reported as a difference, with exit code 1.
 */
class ReconcileIT {

    @Test
    void aCleanPipelineReconcilesAndACorruptedRedisBalanceIsReported() throws Exception {
        try (CommandService commands = Pipeline.startCommandService();
                Projector projector = ProjectorFixture.startProjector()) {
            ApiClient api = new ApiClient(commands.port());
            String token = ProjectorFixture.token(Set.of(Role.OPERATOR, Role.READER));
            String account = accepted(api.post("/accounts", token, "{\"ownerId\":\"rita\",\"currency\":\"EUR\"}"))
                    .get("accountId")
                    .asText();
            accepted(api.post(
                    "/accounts/" + account + "/deposits", token, "{\"amount\":\"500.00\",\"reference\":\"salary\"}"));
            accepted(api.post(
                    "/accounts/" + account + "/withdrawals", token, "{\"amount\":\"262.50\",\"reference\":\"rent\"}"));
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
}
