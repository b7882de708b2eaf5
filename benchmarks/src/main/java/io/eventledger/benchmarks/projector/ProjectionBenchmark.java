package io.eventledger.benchmarks.projector;

import static io.eventledger.benchmarks.projector.BenchOptions.round;
import static io.eventledger.benchmarks.projector.BenchOptions.seconds;

import io.eventledger.platform.testing.TestServers;
import io.eventledger.projector.Projector;
import io.eventledger.projector.ProjectorConfig;
import io.eventledger.projector.ProjectorMain;
import io.eventledger.projector.replay.ReplayReset;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A benchmark, not a test: publishes N account events ({@link EventLoad}: as the relay writes them, Zipf-skewed
 * over many accounts) to a fresh topic, starts one real projector instance (RocksDB stores, exactly-once,
 * mirrors on or off) and measures how fast it projects them, from RUNNING until its committed offsets reach
 * the end of the topic. Deletes the run's topics afterwards.
 * Run: {@code java -cp <benchmarks classpath> io.eventledger.benchmarks.projector.ProjectionBenchmark
 * --events 200000 --mirrors false --out DIR} (writes DIR/projection.json).
 */
@Command(
        name = "ProjectionBenchmark",
        mixinStandardHelpOptions = true,
        description = "Times one projector instance projecting N published account events (projection.json).")
public final class ProjectionBenchmark implements Callable<Integer> {

    @Option(
            names = "--events",
            defaultValue = "100000",
            description = "events to publish and project (default: ${DEFAULT-VALUE})")
    private int events;

    @Option(
            names = "--mirrors",
            arity = "1",
            defaultValue = "false",
            description = "run the Postgres and Redis mirrors too (default: ${DEFAULT-VALUE})")
    private boolean mirrors;

    @Option(
            names = "--accounts",
            defaultValue = "10000",
            description = "accounts the events spread over (default: ${DEFAULT-VALUE})")
    private int accounts;

    @Mixin
    private BenchOptions options;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProjectionBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TestServers servers = TestServers.get();
        String bootstrap = servers.connections().kafkaBootstrap();
        BenchOptions.publishEvents(servers, accounts, events);
        Map<String, String> env = servers.env(Map.of(
                "LEDGER_HTTP_PORT",
                "0",
                "LEDGER_MIRRORS_ENABLED",
                Boolean.toString(mirrors),
                "LEDGER_STATE_DIR",
                Files.createTempDirectory("benchmark").toString()));
        ProjectorConfig config = ProjectorConfig.fromEnv(env);
        Map<String, Object> result = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try (Projector projector = ProjectorMain.start(config)) {
                while (projector.streams().state() != KafkaStreams.State.RUNNING) {
                    Thread.sleep(10);
                }
                double cpuBefore = BenchOptions.cpuSeconds();
                long started = System.nanoTime();
                ReplayReset kafka = new ReplayReset(admin);
                List<String> input = List.of(servers.connections().topics().accountEvents());
                while (!kafka.committed(config.applicationId()).equals(kafka.ends(input))) {
                    Thread.sleep(100);
                }
                double took = seconds(started);
                result.put("events", events);
                result.put("seconds", round(took));
                result.put("events_per_s", Math.round(events / took));
                result.put("mirrors", mirrors);
                result.put("cpu_seconds", round(BenchOptions.cpuSeconds() - cpuBefore));
                result.put("stream_thread_cpu_seconds", round(BenchOptions.streamThreadCpuSeconds()));
                result.put("load_average", BenchOptions.loadAverage());
            }
        }
        options.write("projection.json", result);
        return 0;
    }
}
