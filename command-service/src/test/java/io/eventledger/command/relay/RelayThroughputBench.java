package io.eventledger.command.relay;

import io.eventledger.command.outbox.OutboxMessage;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: measures the relay on the real servers and prints the figures. First a steady load of
 * commands through the HTTP API (default 600/s for 30 s, after a 5 s warm-up) with the relay's own lag
 * timer; then how fast the relay drains a backlog of outbox rows (default 50,000). Run it with:
 * <pre>
 * ./mvnw -B -q -pl command-service test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp command-service/target/test-classes:command-service/target/classes:$(cat command-service/target/bench.cp) \
 *     io.eventledger.command.relay.RelayThroughputBench [commands per second] [seconds] [--backlog ROWS] [--out DIR]
 * </pre>
 * With {@code --out DIR} it also writes, for infra/bench.sh, {@code relay.json} and what Kafka's own
 * ProducerPerformance needs to send the same records with the same producer settings ({@link RelayBenchOutput}).
 */
public final class RelayThroughputBench {

    private static final int WRITERS = 16;
    private static final int DEFAULT_BACKLOG = 50_000;

    private RelayThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>(List.of(args));
        RelayBenchOutput output = RelayBenchOutput.from(positional);
        int backlog = backlogOption(positional);
        int rate = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 600;
        int seconds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 30;
        AccountLoad load = new AccountLoad(new ApiClient(TestLedger.service().port()),
                new TokenStore(TestLedger.db()).create("bench", Set.of(Role.OPERATOR, Role.READER)));
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            accounts.add(load.open());
        }
        try (RelayGroup warmUp = RelayGroup.start(TestLedger.servers().connections(), 1, new SimpleMeterRegistry())) {
            steady(load, accounts, pool, rate, 5);
        }
        SimpleMeterRegistry meters = registryKeepingPercentilesFor(seconds);
        try (RelayGroup relay = RelayGroup.start(TestLedger.servers().connections(), 1, meters);
             OutboxDepth depth = OutboxDepth.sampling(TestLedger.db())) {
            long started = System.nanoTime();
            int commands = steady(load, accounts, pool, rate, seconds);
            double elapsed = (System.nanoTime() - started) / 1e9;
            var lag = meters.get("ledger.relay.lag").timer().takeSnapshot();
            System.out.printf("steady load: %d commands in %.1f s (%.0f/s), relay published %.0f records (%.0f/s),"
                    + " lag p50 %.1f ms, p99 %.1f ms, max %.1f ms, outbox depth max %d%n", commands, elapsed,
                    commands / elapsed, meters.get("ledger.relay.published").counter().count(),
                    meters.get("ledger.relay.published").counter().count() / elapsed, millis(lag.percentileValues(), 0.5),
                    millis(lag.percentileValues(), 0.99), lag.max(TimeUnit.MILLISECONDS), depth.max());
            output.steady(rate, commands / elapsed, depth.max(), millis(lag.percentileValues(), 0.5),
                    millis(lag.percentileValues(), 0.99), millis(lag.percentileValues(), 0.999), lag.max(TimeUnit.MILLISECONDS));
        }
        drainBacklog(output, backlog);
        pool.shutdownNow();
        System.exit(0);
    }

    /** Sends commands at a fixed rate, each at its scheduled instant, and returns how many were sent. */
    private static int steady(AccountLoad load, List<UUID> accounts, ExecutorService pool, int rate, int seconds)
            throws Exception {
        int total = rate * seconds;
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    LockSupport.parkNanos(start + i * 1_000_000_000L / rate - System.nanoTime());
                    load.anyMoneyCommand(accounts);
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        return total;
    }

    /** Takes {@code --backlog N} out of the arguments: a larger backlog gives a steadier drain figure. */
    private static int backlogOption(List<String> args) {
        int at = args.indexOf("--backlog");
        if (at < 0) {
            return DEFAULT_BACKLOG;
        }
        int backlog = Integer.parseInt(args.get(at + 1));
        args.subList(at, at + 2).clear();
        return backlog;
    }

    /** Writes one real envelope {@code backlog} times under fresh keys, then times the relay emptying the outbox. */
    private static void drainBacklog(RelayBenchOutput output, int backlog) throws Exception {
        OutboxMessage sample;
        try (Connection c = TestLedger.db().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ledger.outbox (aggregatetype, aggregateid, type,"
                     + " payload, headers) SELECT 'account', gen_random_uuid()::text, ?, ?::jsonb, ?::jsonb"
                     + " FROM generate_series(1, ?)")) {
            String horizon = StoredEvents.horizon(c, Duration.ofSeconds(30));
            sample = OutboxMessage.of(StoredEvents.page(c, new Republisher.Range(0, Long.MAX_VALUE, null),
                    horizon, 0, 1000).getLast());
            ps.setString(1, sample.type());
            ps.setString(2, sample.payload());
            ps.setString(3, sample.headers());
            ps.setInt(4, backlog);
            ps.executeUpdate();
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        long started = System.nanoTime();
        long drained;
        try (RelayGroup relay = RelayGroup.start(TestLedger.servers().connections(), 1, meters)) {
            // the relay's own count of acknowledged records, read in this process: counting the outbox every
            // 20 ms instead was a scan of a 200 MB table each time, much of a core on the 2 being measured
            while (published(meters) < backlog) {
                Thread.sleep(5);
            }
            drained = System.nanoTime();
            // once, to be sure: every row acknowledged is also deleted, which is what "drained" means
            while (TestLedger.count("SELECT count(*) FROM ledger.outbox WHERE aggregatetype = ?", "account") > 0) {
                Thread.sleep(20);
                drained = System.nanoTime();
            }
        }
        double elapsed = (drained - started) / 1e9;
        System.out.printf("backlog: %d outbox rows of %d bytes drained in %.1f s: %.0f records/s%n", backlog,
                sample.payload().length(), elapsed, backlog / elapsed);
        output.drained(backlog, elapsed, sample);
    }

    private static SimpleMeterRegistry registryKeepingPercentilesFor(int seconds) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder().expiry(Duration.ofSeconds(seconds * 4L)).bufferLength(1)
                        .percentiles(0.5, 0.99, 0.999).build().merge(config);
            }
        });
        return registry;
    }

    private static double millis(ValueAtPercentile[] percentiles, double percentile) {
        for (ValueAtPercentile p : percentiles) {
            if (p.percentile() == percentile) {
                return p.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private static double published(SimpleMeterRegistry meters) {
        return meters.find("ledger.relay.published").counters().stream().mapToDouble(Counter::count).sum();
    }
}
