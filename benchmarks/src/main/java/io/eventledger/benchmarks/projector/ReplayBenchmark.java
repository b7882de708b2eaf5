package io.eventledger.benchmarks.projector;

import static io.eventledger.benchmarks.projector.BenchOptions.round;
import static io.eventledger.benchmarks.projector.BenchOptions.seconds;

import io.eventledger.platform.testing.TestServers;
import io.eventledger.projector.cli.ProjectorCli;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A benchmark, not a test: publishes N account events ({@link EventLoad}) to a fresh topic prefix, then
 * times {@code projector replay} itself, in-process: reset (changelogs, consumer groups, local state), a
 * projector run until the stores have caught up with the last offset, and, with mirrors (the default, as
 * replay does it), until the Postgres and Redis mirrors have caught up too. Publishing is timed apart.
 * Deletes the run's topics and Redis keys on exit, so the shared servers do not fill up.
 * Run: {@code java -cp <benchmarks classpath> io.eventledger.benchmarks.projector.ReplayBenchmark
 * --events 2000000 [--mirrors true] [--accounts 20000] --out DIR} (writes DIR/replay.json).
 */
@Command(
        name = "ReplayBenchmark",
        mixinStandardHelpOptions = true,
        description = "Times projector replay over N published account events (replay.json).")
public final class ReplayBenchmark implements Callable<Integer> {

    @Option(
            names = "--events",
            defaultValue = "2000000",
            description = "events to publish and replay (default: ${DEFAULT-VALUE})")
    private int events;

    @Option(
            names = "--mirrors",
            arity = "1",
            defaultValue = "true",
            description = "replay the mirrors too, as projector replay does (default: ${DEFAULT-VALUE})")
    private boolean mirrors;

    @Option(
            names = "--accounts",
            defaultValue = "20000",
            description = "accounts the events spread over (default: ${DEFAULT-VALUE})")
    private int accounts;

    @Mixin
    private BenchOptions options;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TestServers servers = TestServers.get();
        double produced = BenchOptions.publishEvents(servers, accounts, events);

        Path stateDir = Files.createTempDirectory("replay-benchmark");
        Map<String, String> env = servers.env(Map.of(
                "LEDGER_HTTP_PORT",
                "0",
                "LEDGER_STATE_DIR",
                stateDir.toString(),
                "LEDGER_MIRRORS_ENABLED",
                Boolean.toString(mirrors)));
        StoresCaughtUp out = new StoresCaughtUp();
        double cpuBefore = BenchOptions.cpuSeconds();
        long started = System.nanoTime();
        int exit = new CommandLine(new ProjectorCli(env))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(System.err, true))
                .execute("replay", "--state-dir", stateDir.toString());
        double took = seconds(started);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", events);
        result.put("seconds", round(took));
        result.put("events_per_s", Math.round(events / took));
        result.put("produce_seconds", round(produced));
        result.put("mirrors", mirrors);
        result.put("stores_seconds", round(out.storesCaughtUp(started, took)));
        result.put("cpu_seconds", round(BenchOptions.cpuSeconds() - cpuBefore));
        result.put("load_average", BenchOptions.loadAverage());
        if (exit != 0) {
            throw new IllegalStateException("replay exited with " + exit);
        }
        options.write("replay.json", result);
        return 0;
    }

    /**
     * The replay's output, echoed, noting when it first says "mirrors": the stores have caught up then and
     * the wait for the mirrors begins.
     */
    private static final class StoresCaughtUp extends Writer {

        private final StringBuilder line = new StringBuilder();
        private volatile long mirrorsFrom;

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    System.out.println(line);
                    if (mirrorsFrom == 0 && line.toString().startsWith("mirrors")) {
                        mirrorsFrom = System.nanoTime();
                    }
                    line.setLength(0);
                } else {
                    line.append(chars[i]);
                }
            }
        }

        /** Seconds from {@code started} until the stores caught up; the whole run when mirrors were off. */
        double storesCaughtUp(long started, double whole) {
            return mirrorsFrom == 0 ? whole : (mirrorsFrom - started) / 1e9;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
