package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.CommandService;
import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.Json;
import io.eventledger.loadtest.LoadtestCli;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger bench} against a real command-service with its relay, watching the run's topics. */
class BenchIT {

    @TempDir
    Path dir;

    @Test
    void openLoopRunAccountsForEveryCommandAndSeesThemOnKafka() throws Exception {
        CommandServiceConfig config =
                CommandServiceConfig.fromEnv(TestLedger.servers().env(Map.of("LEDGER_HTTP_PORT", "0")));
        try (CommandService service = CommandServiceMain.start(config)) {
            String token = new TokenStore(TestLedger.db()).create("bench", Set.of(Role.OPERATOR));
            StringWriter out = new StringWriter();
            int code = LoadtestCli.run(
                    TestLedger.servers().env(),
                    new PrintWriter(out, true),
                    new PrintWriter(out, true),
                    "bench",
                    "--url",
                    "http://127.0.0.1:" + service.port(),
                    "--token",
                    token,
                    "--rate",
                    "40",
                    "--duration",
                    "3",
                    "--warmup",
                    "1",
                    "--accounts",
                    "20",
                    "--seed",
                    "7",
                    "--retry",
                    "--kafka-bootstrap",
                    config.connections().kafkaBootstrap(),
                    "--topic-prefix",
                    config.connections().topics().prefix(),
                    "--out",
                    dir.toString(),
                    "--name",
                    "it",
                    "--ack-log",
                    dir.resolve("acks.csv").toString(),
                    "--fail-on-5xx");

            assertThat(code).as(out.toString()).isZero();
            JsonNode result = Json.mapper().readTree(dir.resolve("it.json").toFile());
            assertThat(result.get("mode").asText()).isEqualTo("open");
            assertThat(result.get("sent").asLong())
                    .isEqualTo(result.get("ok").asLong()
                            + result.get("refused_4xx").asLong()
                            + result.get("errors_5xx").asLong());
            assertThat(result.get("ok").asLong()).isPositive();
            assertThat(result.get("errors_5xx").asLong()).isZero();
            assertThat(result.get("latency_ms").get("count").asLong())
                    .isEqualTo(result.get("sent").asLong());
            assertThat(result.get("kafka_ms").get("count").asLong()).isPositive();
            assertThat(result.get("read_model_ms").isNull()).isTrue();
            assertThat(Files.readAllLines(dir.resolve("it.hgrm")))
                    .anyMatch(l -> l.contains("Percentile"))
                    .anyMatch(l -> l.startsWith("#[Max"));
            List<String> timeline = Files.readAllLines(dir.resolve("it-timeline.csv"));
            assertThat(timeline.getFirst()).isEqualTo("second,completed,p99_ms");
            assertThat(timeline.subList(1, timeline.size()))
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(l -> l.matches("\\d+,\\d+,\\d+\\.\\d{3}"));
            assertEveryAckIsStored(dir.resolve("acks.csv"));
        }
    }

    @Test
    void closedLoopRunWithoutKafkaStillCountsEveryCommand() throws Exception {
        CommandService service = TestLedger.service();
        String token = new TokenStore(TestLedger.db()).create("bench", Set.of(Role.OPERATOR));
        StringWriter out = new StringWriter();
        int code = LoadtestCli.run(
                TestLedger.servers().env(),
                new PrintWriter(out, true),
                new PrintWriter(out, true),
                "bench",
                "--url",
                "http://127.0.0.1:" + service.port(),
                "--token",
                token,
                "--clients",
                "2",
                "--duration",
                "1",
                "--warmup",
                "0",
                "--accounts",
                "3",
                "--zipf",
                "0",
                "--mix",
                "1:1:1",
                "--out",
                dir.toString(),
                "--name",
                "closed");

        assertThat(code).as(out.toString()).isZero();
        JsonNode result = Json.mapper().readTree(dir.resolve("closed.json").toFile());
        assertThat(result.get("mode").asText()).isEqualTo("closed");
        assertThat(result.get("clients").asInt()).isEqualTo(2);
        assertThat(result.get("sent").asLong())
                .isEqualTo(result.get("ok").asLong()
                        + result.get("refused_4xx").asLong()
                        + result.get("errors_5xx").asLong())
                .isPositive();
        assertThat(result.get("kafka_ms").isNull()).isTrue();
        assertThat(out.toString()).contains("seed").contains("throughput");
    }

    @Test
    void aRunOverTwoInstancesTakesThemInTurnAndReportsEach() throws Exception {
        CommandService first = TestLedger.service();
        try (CommandService second = CommandServiceMain.start(CommandServiceConfig.fromEnv(
                TestLedger.servers().env(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_RELAY_ENABLED", "false"))))) {
            String token = new TokenStore(TestLedger.db()).create("bench", Set.of(Role.OPERATOR));
            String urls = "http://127.0.0.1:" + first.port() + ",http://127.0.0.1:" + second.port();
            StringWriter out = new StringWriter();
            int code = LoadtestCli.run(
                    TestLedger.servers().env(),
                    new PrintWriter(out, true),
                    new PrintWriter(out, true),
                    "bench",
                    "--url",
                    urls,
                    "--token",
                    token,
                    "--clients",
                    "3",
                    "--duration",
                    "2",
                    "--warmup",
                    "0",
                    "--accounts",
                    "4",
                    "--retry",
                    "--out",
                    dir.toString(),
                    "--name",
                    "two",
                    "--fail-on-5xx");

            assertThat(code).as(out.toString()).isZero();
            JsonNode result = Json.mapper().readTree(dir.resolve("two.json").toFile());
            JsonNode instances = result.get("instances");
            assertThat(instances).hasSize(2);
            assertThat(instances.get(0).get("url").asText()).isEqualTo("http://127.0.0.1:" + first.port());
            assertThat(instances.get(1).get("url").asText()).isEqualTo("http://127.0.0.1:" + second.port());
            long a = instances.get(0).get("commands").asLong();
            long b = instances.get(1).get("commands").asLong();
            // no warmup: every command of the load is measured, and each took the next turn
            assertThat(Math.abs(a - b)).as("%d and %d commands", a, b).isLessThanOrEqualTo(1);
            assertThat(a + b).isEqualTo(result.get("sent").asLong()).isPositive();
            long requests = 0;
            for (JsonNode instance : instances) {
                long answered = instance.get("ok").asLong()
                        + instance.get("refused_4xx").asLong()
                        + instance.get("errors_5xx").asLong()
                        + instance.get("no_answer").asLong();
                assertThat(instance.get("requests").asLong()).isEqualTo(answered);
                assertThat(instance.get("errors_5xx").asLong()
                                + instance.get("no_answer").asLong())
                        .isZero();
                requests += instance.get("requests").asLong();
            }
            assertThat(requests)
                    .isEqualTo(
                            result.get("sent").asLong() + result.get("retries").asLong());
            assertThat(out.toString())
                    .contains("http://127.0.0.1:" + first.port() + ": " + a + " commands")
                    .contains("http://127.0.0.1:" + second.port() + ": " + b + " commands");
        }
    }

    private static void assertEveryAckIsStored(Path ackLog) throws Exception {
        List<String> acks = Files.readAllLines(ackLog);
        assertThat(acks)
                .isNotEmpty()
                .allMatch(l -> l.matches("[^,]+,(deposit|withdrawal|transfer),2\\d\\d,[^,]+,[^,]*"));
        String[] ids = acks.stream().map(l -> l.split(",", -1)[0]).toArray(String[]::new);
        Set<String> stored = new HashSet<>();
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT metadata->>'correlationId' FROM ledger.events WHERE metadata->>'correlationId' = ANY(?)")) {
            Array array = c.createArrayOf("text", ids);
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        assertThat(stored).containsExactlyInAnyOrder(ids);
    }
}
