package io.eventledger.benchmarks.projector;

import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.testing.TestServers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Option;

/**
 * What the projector's benchmark mains share: {@code --out DIR} (a picocli mixin) and the JSON file each
 * writes there, and the CPU, load and clean-up helpers around a run.
 */
public final class BenchOptions {

    @Option(names = "--out", paramLabel = "DIR", description = "writes the result's JSON file into DIR")
    private Path out;

    /** Writes {@code result} as {@code DIR/file} when {@code --out DIR} was given; always prints it. */
    public void write(String file, Map<String, Object> result) throws IOException {
        String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        System.out.println(file + ": " + json);
        if (out != null) {
            Path dir = Files.createDirectories(out);
            Files.writeString(dir.resolve(file), json + System.lineSeparator());
        }
    }

    /** CPU seconds this JVM has used so far: on shared cores a steadier measure of cost than wall time. */
    public static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : -1;
    }

    /**
     * CPU seconds the live Kafka Streams threads of this JVM have used: the projection's own work, without
     * the JIT compiler, GC and the benchmark's producer, which dominate a short run's process CPU.
     */
    public static double streamThreadCpuSeconds() {
        var threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-StreamThread-")) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    /**
     * Publishes {@code events} account events over {@code accounts} accounts ({@link EventLoad}) to the run's
     * account-events topic, after arranging that the run's topics and the load's Redis keys are deleted on exit;
     * prints and returns the seconds publishing took.
     */
    public static double publishEvents(TestServers servers, int accounts, int events) {
        EventLoad load = new EventLoad(accounts);
        cleanUpOnExit(servers, () -> load.deleteRedisKeys(servers.env().get("LEDGER_REDIS_URL")));
        long started = System.nanoTime();
        load.publish(
                servers.connections().kafkaBootstrap(),
                servers.connections().topics().accountEvents(),
                events);
        double took = seconds(started);
        System.out.printf("published %,d events in %.1f s%n", events, took);
        return took;
    }

    /** Seconds since {@code nanoTime}, a {@link System#nanoTime()} reading. */
    public static double seconds(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    /** Seconds to the millisecond, as the result files record them. */
    public static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** The one-minute load average, recorded with every figure. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * On exit, normal or by a signal, deletes every topic of the run (events, outputs, changelogs: all start
     * with the run id) and then runs {@code more}, so a benchmark never leaves data on the shared servers.
     */
    public static void cleanUpOnExit(TestServers servers, Runnable more) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try (Admin admin = Admin.create(Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    servers.connections().kafkaBootstrap()))) {
                                List<String> doomed = admin.listTopics().names().get().stream()
                                        .filter(topic -> topic.startsWith(servers.runId()))
                                        .toList();
                                admin.deleteTopics(doomed).all().get();
                                System.out.println("deleted " + doomed.size() + " topics of " + servers.runId());
                                more.run();
                            } catch (Exception e) {
                                System.err.println("clean-up of " + servers.runId() + " failed: " + e);
                            }
                        },
                        "benchmark-clean-up"));
    }
}
