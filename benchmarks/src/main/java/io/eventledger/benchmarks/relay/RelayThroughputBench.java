package io.eventledger.benchmarks.relay;

import io.eventledger.command.outbox.OutboxMessage;
import io.eventledger.command.relay.AccountLoad;
import io.eventledger.command.relay.OutboxDepth;
import io.eventledger.command.relay.RelayGroup;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.EnvelopeSerde;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Not a test: measures the relay on the real servers and prints the figures. First a steady load of
 * commands through the HTTP API (default 600/s for 30 s, after a 5 s warm-up) with the relay's own lag
 * timer; then how fast the relay drains a backlog of outbox rows (default 50,000). Run it with the
 * benchmarks module's classpath (infra/bench.sh writes it to benchmarks/target/bench.cp):
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/bench.cp) \
 *     io.eventledger.benchmarks.relay.RelayThroughputBench [RATE] [SECONDS] [--backlog ROWS] [--out DIR]
 * </pre>
 * With {@code --out DIR} it also writes, for infra/bench.sh, {@code relay.json} and what Kafka's own
 * ProducerPerformance needs to send the same records with the same producer settings ({@link RelayBenchOutput}).
 */
@Command(
        name = "RelayThroughputBench",
        mixinStandardHelpOptions = true,
        description = "Measures the relay's lag under a steady command load, then how fast it drains a backlog.")
public final class RelayThroughputBench implements Callable<Integer> {

    private static final int WRITERS = 16;

    @Parameters(
            index = "0",
            defaultValue = "600",
            paramLabel = "RATE",
            description = "commands per second of the steady load (default: ${DEFAULT-VALUE})")
    private int rate;

    @Parameters(
            index = "1",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "seconds of steady load (default: ${DEFAULT-VALUE})")
    private int seconds;

    @Option(
            names = "--backlog",
            defaultValue = "50000",
            paramLabel = "ROWS",
            description = "outbox rows to drain; a larger backlog gives a steadier figure (default: ${DEFAULT-VALUE})")
    private int backlog;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "writes relay.json and ProducerPerformance's inputs into DIR")
    private Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RelayThroughputBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RelayBenchOutput output = new RelayBenchOutput(out);
        AccountLoad load = new AccountLoad(
                new ApiClient(TestLedger.service().port()),
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
            System.out.printf(
                    "steady load: %d commands in %.1f s (%.0f/s), relay published %.0f records (%.0f/s),"
                            + " lag p50 %.1f ms, p99 %.1f ms, max %.1f ms, outbox depth max %d%n",
                    commands,
                    elapsed,
                    commands / elapsed,
                    meters.get("ledger.relay.published").counter().count(),
                    meters.get("ledger.relay.published").counter().count() / elapsed,
                    millis(lag.percentileValues(), 0.5),
                    millis(lag.percentileValues(), 0.99),
                    lag.max(TimeUnit.MILLISECONDS),
                    depth.max());
            output.steady(
                    rate,
                    commands / elapsed,
                    depth.max(),
                    millis(lag.percentileValues(), 0.5),
                    millis(lag.percentileValues(), 0.99),
                    millis(lag.percentileValues(), 0.999),
                    lag.max(TimeUnit.MILLISECONDS));
        }
        drainBacklog(output, backlog, sample(load, accounts.getFirst()));
        pool.shutdownNow();
        return 0;
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

    /**
     * One event as the relay sends it: a deposit made while no relay runs, so its outbox row is still there to
     * read (and is taken out, so the backlog is exactly what {@link #drainBacklog} writes). The row's payload is
     * jsonb, so the envelope is decoded and written again as the service writes it.
     */
    private static OutboxMessage sample(AccountLoad load, UUID account) throws Exception {
        int status = load.deposit(account);
        if (status != 200) {
            throw new IllegalStateException("the sample deposit answered " + status);
        }
        try (Connection c = TestLedger.db().getConnection();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("DELETE FROM ledger.outbox WHERE id = (SELECT max(id) FROM ledger.outbox)"
                                + " RETURNING payload::text")) {
            if (!rs.next()) {
                throw new IllegalStateException("the sample deposit left no outbox row");
            }
            return OutboxMessage.of(EnvelopeSerde.read(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Writes one real envelope {@code backlog} times under fresh keys, then times the relay emptying the outbox. */
    private static void drainBacklog(RelayBenchOutput output, int backlog, OutboxMessage sample) throws Exception {
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO ledger.outbox (aggregatetype, aggregateid, type,"
                        + " payload, headers) SELECT 'account', gen_random_uuid()::text, ?, ?::jsonb, ?::jsonb"
                        + " FROM generate_series(1, ?)")) {
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
        System.out.printf(
                "backlog: %d outbox rows of %d bytes drained in %.1f s: %.0f records/s%n",
                backlog, sample.payload().length(), elapsed, backlog / elapsed);
        output.drained(backlog, elapsed, sample);
    }

    private static SimpleMeterRegistry registryKeepingPercentilesFor(int seconds) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder()
                        .expiry(Duration.ofSeconds(seconds * 4L))
                        .bufferLength(1)
                        .percentiles(0.5, 0.99, 0.999)
                        .build()
                        .merge(config);
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
        return meters.find("ledger.relay.published").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
