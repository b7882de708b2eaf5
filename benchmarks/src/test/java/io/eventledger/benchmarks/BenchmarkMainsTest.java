package io.eventledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.benchmarks.command.AggregateLoadBenchmark;
import io.eventledger.benchmarks.command.JsonBodiesBenchmark;
import io.eventledger.benchmarks.projector.ProjectionBenchmark;
import io.eventledger.benchmarks.projector.QueryLatencyBenchmark;
import io.eventledger.benchmarks.projector.ReplayBenchmark;
import io.eventledger.benchmarks.relay.RelayThroughputBench;
import io.eventledger.benchmarks.report.BenchmarksReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every main infra/bench.sh runs answers {@code --help} with its usage, without touching a server. */
class BenchmarkMainsTest {

    @Test
    void everyMainAnswersHelp() {
        List<Object> commands = List.of(
                new ProjectionBenchmark(),
                new ReplayBenchmark(),
                new QueryLatencyBenchmark(),
                new RelayThroughputBench(),
                new BenchmarksReport(),
                new AggregateLoadBenchmark.Main(),
                new JsonBodiesBenchmark.Main());
        for (Object command : commands) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out, true));

            assertThat(cli.execute("--help")).as(cli.getCommandName()).isZero();
            assertThat(out.toString()).as(cli.getCommandName()).startsWith("Usage: " + cli.getCommandName());
        }
    }

    @Test
    void badOptionsAreBadUsage() {
        CommandLine cli = new CommandLine(new BenchmarksReport()).setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute()).isEqualTo(2);
        assertThat(new CommandLine(new RelayThroughputBench())
                        .setErr(new PrintWriter(new StringWriter(), true))
                        .execute("fast"))
                .isEqualTo(2);
    }
}
