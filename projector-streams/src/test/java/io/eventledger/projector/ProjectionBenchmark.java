package io.eventledger.projector;

import io.eventledger.platform.testing.TestServers;
import io.eventledger.projector.replay.ReplayReset;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A benchmark, not a test: publishes N account events ({@link EventLoad}: as the relay writes them, Zipf-skewed
 * over many accounts) to a fresh topic, starts one real projector instance (RocksDB stores, exactly-once,
 * mirrors on or off) and measures how fast it projects them, from RUNNING until its committed offsets reach
 * the end of the topic. Deletes the run's topics afterwards.
 * Run: {@code java -cp <test classpath> io.eventledger.projector.ProjectionBenchmark --events 200000
 * --mirrors false --out DIR} (writes DIR/projection.json); the older {@code [events] [mirrors]} works too.
 */
public final class ProjectionBenchmark {

    private ProjectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "events", "mirrors");
        int events = options.integer("events", 100_000);
        boolean mirrors = options.flag("mirrors", false);
        TestServers servers = TestServers.get();
        String bootstrap = servers.connections().kafkaBootstrap();
        EventLoad load = new EventLoad(options.integer("accounts", 10_000));
        BenchOptions.cleanUpOnExit(servers, () -> load.deleteRedisKeys(servers.env().get("LEDGER_REDIS_URL")));
        long publishStarted = System.nanoTime();
        load.publish(bootstrap, servers.connections().topics().accountEvents(), events);
        System.out.printf("published %,d events in %.1f s%n", events, seconds(publishStarted));
        Map<String, String> env = servers.env(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_MIRRORS_ENABLED",
                Boolean.toString(mirrors), "LEDGER_STATE_DIR", Files.createTempDirectory("benchmark").toString()));
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
        System.exit(0);
    }

    static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
