package io.eventledger.benchmarks.projector;

import static io.eventledger.projector.ProjectorFixture.SERVERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Role;
import io.eventledger.projector.Projector;
import io.eventledger.projector.ProjectorConfig;
import io.eventledger.projector.ProjectorFixture;
import io.eventledger.projector.ProjectorMain;
import io.eventledger.projector.replay.ReplayReset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A benchmark, not a test: two real projector instances share a fresh prefix with some thousands of
 * accounts projected; one client asks instance A for {@code GET /balances/{id}} of random accounts, one
 * request at a time over a kept-alive connection, after a warm-up. Latencies (client-side, the whole round
 * trip) go into two HdrHistograms by the answer's {@code servedBy}: local when A owns the account,
 * forwarded when A asked B. Run: {@code java -cp <benchmarks classpath>
 * io.eventledger.benchmarks.projector.QueryLatencyBenchmark [--requests 20000] [--warmup 3000] --out DIR}
 * (writes DIR/queries.json).
 */
@Command(
        name = "QueryLatencyBenchmark",
        mixinStandardHelpOptions = true,
        description = "Times GET /balances/{id} on two projector instances, local and forwarded (queries.json).")
public final class QueryLatencyBenchmark implements Callable<Integer> {

    private static final long MAX_MICROS = 60_000_000L;

    @Option(names = "--requests", defaultValue = "20000", description = "measured requests (default: ${DEFAULT-VALUE})")
    private int requests;

    @Option(
            names = "--warmup",
            defaultValue = "3000",
            description = "requests before measuring (default: ${DEFAULT-VALUE})")
    private int warmup;

    @Option(
            names = "--accounts",
            defaultValue = "5000",
            description = "accounts the events spread over (default: ${DEFAULT-VALUE})")
    private int accounts;

    @Option(
            names = "--events",
            defaultValue = "50000",
            description = "events projected first (default: ${DEFAULT-VALUE})")
    private int events;

    @Mixin
    private BenchOptions options;

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryLatencyBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchOptions.cleanUpOnExit(SERVERS, () -> {});
        String token = ProjectorFixture.token(Set.of(Role.READER));
        EventLoad load = new EventLoad(accounts);
        load.publish(
                SERVERS.connections().kafkaBootstrap(),
                SERVERS.connections().topics().accountEvents(),
                events);
        List<UUID> used = load.usedAccounts();
        Map<String, Object> result = new LinkedHashMap<>();
        try (Projector a = start();
                Projector b = start()) {
            awaitProjected(a, b);
            Client client = new Client(token, a.port());
            SplittableRandom random = new SplittableRandom(7);
            Histogram local = histogram();
            Histogram forwarded = histogram();
            client.run(used, random, warmup, histogram(), histogram());
            client.run(used, random, requests, local, forwarded);
            result.put("requests", requests);
            result.put("local_ms", percentiles(local));
            result.put("forwarded_ms", percentiles(forwarded));
            result.put("local_requests", local.getTotalCount());
            result.put("forwarded_requests", forwarded.getTotalCount());
            result.put("accounts", used.size());
            result.put("load_average", BenchOptions.loadAverage());
        }
        options.write("queries.json", result);
        return 0;
    }

    /** An instance without mirrors: queries read the state stores only, and Redis stays clean. */
    private static Projector start() throws Exception {
        return ProjectorMain.start(ProjectorConfig.fromEnv(ProjectorFixture.env(
                Files.createTempDirectory("query-benchmark"), Map.of("LEDGER_MIRRORS_ENABLED", "false"))));
    }

    /** Both instances own partitions and the group has committed every event. */
    private static void awaitProjected(Projector a, Projector b) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SERVERS.connections().kafkaBootstrap()))) {
            ReplayReset offsets = new ReplayReset(admin);
            String group = ProjectorConfig.fromEnv(SERVERS.env()).applicationId();
            List<String> input = List.of(SERVERS.connections().topics().accountEvents());
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (!(ProjectorFixture.runningWithTwoOwners(a)
                    && ProjectorFixture.runningWithTwoOwners(b)
                    && offsets.committed(group).equals(offsets.ends(input)))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the two instances did not settle within 5 minutes");
                }
                Thread.sleep(200);
            }
        }
    }

    /** One client on one kept-alive connection to instance A, sorting each latency by who served it. */
    private static final class Client {

        private final HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String token;
        private final String self;

        Client(String token, int port) {
            this.token = token;
            this.self = "127.0.0.1:" + port;
        }

        void run(List<UUID> accounts, SplittableRandom random, int requests, Histogram local, Histogram forwarded)
                throws Exception {
            for (int i = 0; i < requests; i++) {
                UUID account = accounts.get(random.nextInt(accounts.size()));
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + self + "/balances/" + account))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build();
                long started = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - started) / 1_000;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            "GET /balances/" + account + " answered " + response.statusCode() + ": " + response.body());
                }
                JsonNode body = Json.mapper().readTree(response.body());
                (self.equals(body.get("servedBy").asText()) ? local : forwarded)
                        .recordValue(Math.min(micros, MAX_MICROS));
            }
        }
    }

    private static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    private static Map<String, Double> percentiles(Histogram h) {
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put("p50", millis(h.getValueAtPercentile(50)));
        ms.put("p90", millis(h.getValueAtPercentile(90)));
        ms.put("p99", millis(h.getValueAtPercentile(99)));
        ms.put("p999", millis(h.getValueAtPercentile(99.9)));
        ms.put("max", millis(h.getMaxValue()));
        return ms;
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
