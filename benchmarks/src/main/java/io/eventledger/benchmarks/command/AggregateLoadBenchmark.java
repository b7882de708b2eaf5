package io.eventledger.benchmarks.command;

import io.eventledger.command.account.AccountState;
import io.eventledger.command.eventstore.Snapshots.Snapshot;
import io.eventledger.command.handling.AccountLoader;
import io.eventledger.command.handling.AccountLoader.LoadedAccount;
import io.eventledger.command.handling.AccountSnapshots;
import io.eventledger.command.testing.BulkEvents;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.WriteSide;
import io.eventledger.contract.envelope.EventMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * BENCHMARKS.md (f): loading a 10,000-event account as a command does (targets: under 1 ms from a snapshot,
 * under 20 ms by a full fold). Both accounts are genuine hash-chained streams written through the event
 * store into a fresh database (as the integration tests make one); one has a snapshot at version 9,950
 * (a tail of 50, half the default interval), the other none, so {@link AccountLoader} folds all of it.
 * Run {@link #main} with the benchmarks module's classpath; see docs/load-generator.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class AggregateLoadBenchmark {

    static final int EVENTS = 10_000;
    static final int SNAPSHOT_AT = 9_950;
    private static final EventMetadata METADATA =
            new EventMetadata("bench", List.of("operator"), "c", "c", "c", null, null);

    private WriteSide writeSide;
    private UUID snapshotted;
    private UUID unsnapshotted;

    @Setup(Level.Trial)
    public void writeTheAccounts() throws SQLException {
        writeSide = WriteSide.on(TestLedger.db());
        unsnapshotted = UUID.randomUUID();
        BulkEvents.append(writeSide, unsnapshotted, EVENTS, METADATA);
        snapshotted = UUID.randomUUID();
        BulkEvents.append(writeSide, snapshotted, SNAPSHOT_AT, METADATA);
        Snapshot snapshot = AccountSnapshots.of(load(snapshotted).state());
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ledger.snapshots (stream_id, version, schema_version, state) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setObject(1, snapshot.streamId());
            ps.setInt(2, snapshot.version());
            ps.setInt(3, snapshot.schemaVersion());
            ps.setString(4, snapshot.state());
            ps.executeUpdate();
        }
        BulkEvents.append(writeSide, snapshotted, EVENTS - SNAPSHOT_AT, METADATA);
        LoadedAccount fromSnapshot = load(snapshotted);
        LoadedAccount folded = load(unsnapshotted);
        if (fromSnapshot.snapshotVersion() != SNAPSHOT_AT
                || folded.snapshotVersion() != 0
                || fromSnapshot.state().version() != EVENTS
                || !fromSnapshot.state().balance().equals(folded.state().balance())) {
            throw new IllegalStateException("the benchmark's accounts are not what it measures");
        }
    }

    @Benchmark
    public AccountState fromSnapshot() throws SQLException {
        return load(snapshotted).state();
    }

    @Benchmark
    public AccountState fullFold() throws SQLException {
        return load(unsnapshotted).state();
    }

    private LoadedAccount load(UUID id) throws SQLException {
        return writeSide.executor().read(session -> AccountLoader.load(session, id));
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Runs both benchmarks in a forked JVM and writes {@code aggregate-load.json}. */
    @Command(
            name = "AggregateLoadBenchmark",
            mixinStandardHelpOptions = true,
            description = "JMH: loads a 10,000-event account from a snapshot and by a full fold (aggregate-load.json).")
    public static final class Main implements Callable<Integer> {

        @Option(
                names = "--out",
                defaultValue = "bench-results",
                paramLabel = "DIR",
                description = "where aggregate-load.json goes (default: ${DEFAULT-VALUE})")
        private Path out;

        @Override
        public Integer call() throws Exception {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                            .include(AggregateLoadBenchmark.class.getName() + "\\.")
                            .build())
                    .run();
            RunResult snapshot = result(results, "fromSnapshot");
            RunResult full = result(results, "fullFold");
            String json = String.format(
                    Locale.ROOT,
                    "{\"events\":%d,\"snapshot_ms\":%.4f,\"full_fold_ms\":%.4f,"
                            + "\"snapshot_error_ms\":%.4f,\"full_fold_error_ms\":%.4f}%n",
                    EVENTS,
                    snapshot.getPrimaryResult().getScore(),
                    full.getPrimaryResult().getScore(),
                    snapshot.getPrimaryResult().getScoreError(),
                    full.getPrimaryResult().getScoreError());
            Files.createDirectories(out);
            Files.writeString(out.resolve("aggregate-load.json"), json);
            System.out.print(json);
            return 0;
        }
    }

    private static RunResult result(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }
}
