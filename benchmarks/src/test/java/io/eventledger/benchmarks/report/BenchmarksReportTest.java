package io.eventledger.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksReportTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void comparesEachFigureWithItsLimitAndSaysWhyAPartIsMissing() throws Exception {
        writeSampleRun();
        List<BenchFigure> rows = new BenchFigures(new BenchRun(dir)).all();

        assertThat(row(rows, "(a)").met()).isNull();
        assertThat(row(rows, "(b) command throughput")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo(0.5);
            assertThat(r.met()).isFalse();
            assertThat(r.limit()).isEqualTo("3,000 tps (pgbench)");
        });
        assertThat(row(rows, "(b) command latency")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo(0.8);
            assertThat(r.met()).isTrue();
            assertThat(r.measured()).contains("p50 2.5", "p99 8", "p99.9 12.25", "achieved 990/s");
        });
        assertThat(row(rows, "(b) command → Kafka").met()).isFalse();
        assertThat(row(rows, "(b) command → read model").measured())
                .isEqualTo("not measured: no sample in commands-1000.json (read_model_failures: 12)");
        assertThat(row(rows, "(b) CPU per command")).satisfies(r -> {
            assertThat(r.measured())
                    .isEqualTo("2.5 ms (command-service 1.2 · Postgres 0.8 · projectors 0.5); "
                            + "1.98 of 2 cores busy: at most 800 commands/s on this machine");
            assertThat(r.limit()).isEqualTo("2 ms (2 cores ÷ 1,000/s)");
            assertThat(r.ratio()).isEqualTo(1.25);
            assertThat(r.met()).isNull();
        });
        assertThat(row(rows, "(c) relay draining")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo(0.6);
            assertThat(r.met()).isTrue();
        });
        assertThat(row(rows, "(d)").measured()).isEqualTo("not measured: timed out after 300 s");
        assertThat(row(rows, "(e)")).satisfies(r -> {
            assertThat(r.limit()).isEqualTo("6 s (60 s × 200,000 / 2M)");
            assertThat(r.ratio()).isCloseTo(0.83, within(0.01));
            assertThat(r.met()).isTrue();
        });
        assertThat(row(rows, "(f) load a 10,000-event aggregate from").met()).isTrue();
        assertThat(row(rows, "(f) load a 10,000-event aggregate by").met()).isFalse();
        assertThat(row(rows, "(g) interactive query, key").measured())
                .isEqualTo("not measured: no queries.json in the run");
    }

    @Test
    void rewritesOnlyTheBlockBetweenTheMarkersAndDrawsTheCharts() throws Exception {
        writeSampleRun();
        Path markdown = dir.resolve("BENCHMARKS.md");
        Files.writeString(
                markdown,
                "# Benchmarks\n\nintro\n\n" + BenchMarkdown.BEGIN + "\nold\n" + BenchMarkdown.END
                        + "\n\n## History\nhand-written\n");
        Path charts = dir.resolve("charts");

        BenchmarksReport.write(new BenchRun(dir), charts, markdown);
        BenchmarksReport.write(new BenchRun(dir), charts, markdown);

        String document = Files.readString(markdown);
        assertThat(document)
                .startsWith("# Benchmarks\n\nintro\n\n")
                .endsWith("\n\n## History\nhand-written\n")
                .doesNotContain("\nold\n")
                .contains(
                        "| (c) relay draining a backlog",
                        "2 cores (Test CPU)",
                        "`infra/bench.sh --quick`",
                        "](charts/latency.png)",
                        "](charts/throughput.png)",
                        "at the end: 2.0 2.0 2.0.\n");
        assertThat(document.split(BenchMarkdown.BEGIN, -1)).hasSize(2);
        for (String chart : List.of("latency.png", "throughput.png")) {
            byte[] png = Files.readAllBytes(charts.resolve(chart));
            assertThat(png).hasSizeGreaterThan(1000).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void theThroughputChartShowsTheMeasuredSecondsOfTheReportedRunsOnly() throws Exception {
        writeSampleRun();
        write("commands-saturation-timeline.csv", "second,completed,p99_ms\n1,500,50\n2,520,60\n3,15,70\n");
        write("commands-saturation.json", "{\"duration_s\":2,\"throughput_per_s\":510}");
        write("commands-warmup-timeline.csv", "second,completed,p99_ms\n1,100,9\n");

        var series = BenchCharts.throughput(new BenchRun(dir)).getSeriesMap();

        assertThat(series.keySet())
                .containsExactly("commands-1000", "commands-saturation (+15 answered after the end)");
        assertThat(series.get("commands-saturation (+15 answered after the end)")
                        .getYData())
                .containsExactly(500.0, 520.0);
    }

    private static BenchFigure row(List<BenchFigure> rows, String prefix) {
        return rows.stream()
                .filter(r -> r.figure().startsWith(prefix))
                .findFirst()
                .orElseThrow();
    }

    private void writeSampleRun() throws Exception {
        write("run.json", """
                {"date":"2026-12-02 12:00 UTC","command":"infra/bench.sh --quick","run_dir":"target/bench/x",
                 "machine":{"cpus":"2","cpu_model":"Test CPU","ram":"24 GiB","os":"Debian","jdk":"25",
                 "postgres":"15","kafka":"4.1.1"},"load_start":"1.0 1.0 1.0","load_end":"2.0 2.0 2.0"}""");
        write("pgbench.json", """
                {"tps":3000,"clients":8,"latency_ms":2.6,"by_clients":{"1":900,"8":3000}}""");
        write("commands-saturation.json", """
                {"mode":"closed","clients":32,"throughput_per_s":1500,"errors_5xx":0,"refused_4xx":3,
                 "latency_ms":{"p50":15,"p90":30,"p99":60,"p999":90,"max":120}}""");
        write("commands-1000.json", """
                {"mode":"open","rate":1000,"throughput_per_s":990,
                 "latency_ms":{"p50":2.5,"p90":5,"p99":8,"p999":12.25,"max":40},
                 "kafka_ms":{"p50":20,"p90":40,"p99":60,"p999":80,"max":100},
                 "read_model_ms":{"count":0,"p50":0,"p90":0,"p99":0,"p999":0,"max":0},"read_model_failures":12,
                 "cpu":{"window_s":30,"cores":2,"answered":24000,"busy_cores":1.98,"ms_per_command":
                   {"machine":2.5,"command-service":1.2,"Postgres":0.8,"projectors":0.5,"Kafka broker":0}}}""");
        write("relay.json", """
                {"records":50000,"seconds":1.6667,"records_per_s":30000,"record_bytes":980,
                 "lag_ms":{"p50":20,"p99":80,"p999":120,"max":200},"achieved_per_s":990}""");
        write("producer-perf.json", """
                {"records":200000,"records_per_s":50000,"mb_per_s":46.7,"record_bytes":980,
                 "latency_ms":{"avg":20,"p50":10,"p99":90,"p999":120,"max":200}}""");
        write("projection.reason", "timed out after 300 s\n");
        write("replay.json", """
                {"events":200000,"seconds":5,"events_per_s":40000,"produce_seconds":9}""");
        write("aggregate-load.json", """
                {"events":10000,"snapshot_ms":0.4,"full_fold_ms":25}""");
        write("commands-1000.hgrm", """
                       Value     Percentile TotalCount 1/(1-Percentile)

                       1.000 0.000000000000          1           1.00
                       2.500 0.500000000000        500           2.00
                       8.000 0.990000000000        990         100.00
                      12.250 0.999000000000        999        1000.00
                      40.000 1.000000000000       1000
                #[Mean    =        3.000, StdDeviation   =        2.000]
                """);
        write("commands-1000-timeline.csv", "second,completed,p99_ms\n1,980,7.5\n2,1001,8.1\n3,995,9.0\n");
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content);
    }
}
