package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsWriterTest {

    @TempDir
    Path dir;

    @Test
    void percentilesAreMillisecondsOfTheMicrosecondHistogram() {
        LatencySummary s = LatencySummary.of(oneToThousandMs());
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50()).isCloseTo(500, within(0.5));
        assertThat(s.p90()).isCloseTo(900, within(0.5));
        assertThat(s.p99()).isCloseTo(990, within(1.0));
        assertThat(s.p999()).isCloseTo(999, within(1.0));
        assertThat(s.max()).isCloseTo(1000, within(1.0));
    }

    @Test
    void writesTheDocumentedJsonHgrmAndTimeline() throws Exception {
        LatencySummary latency = LatencySummary.of(oneToThousandMs());
        BenchReport report = new BenchReport(
                "open",
                100,
                1000.0,
                20,
                20.5,
                5,
                20_000,
                15_000,
                4_000,
                1_000,
                3,
                2,
                7,
                975.6,
                latency,
                latency,
                2,
                null,
                0,
                1000,
                1.0,
                "50:25:25",
                42,
                "abcd1234",
                new CpuUsage(20.1, 2, 19_500, 1.95, java.util.Map.of("machine", 2.01, "Postgres", 0.5)),
                List.of(
                        new InstanceReport("http://127.0.0.1:8080", 10_000, 10_004, 7_500, 2_000, 504, 0),
                        new InstanceReport("http://127.0.0.1:8090", 9_998, 10_003, 7_500, 2_000, 500, 3)));
        ResultsWriter.write(
                dir,
                "run",
                report,
                oneToThousandMs(),
                List.of(new BenchStats.TimelineRow(1, 990, 12.5), new BenchStats.TimelineRow(2, 1010, 13.25)));

        JsonNode json = Json.mapper().readTree(dir.resolve("run.json").toFile());
        assertThat(json.get("mode").asText()).isEqualTo("open");
        assertThat(json.get("rate").asDouble()).isEqualTo(1000.0);
        assertThat(json.get("sent").asLong()).isEqualTo(20_000);
        assertThat(json.get("refused_4xx").asLong()).isEqualTo(4_000);
        assertThat(json.get("errors_5xx").asLong()).isEqualTo(1_000);
        assertThat(json.get("dropped").asLong()).isEqualTo(2);
        assertThat(json.get("throughput_per_s").asDouble()).isEqualTo(975.6);
        assertThat(json.get("latency_ms").get("p999").asDouble()).isEqualTo(latency.p999());
        assertThat(json.get("kafka_ms").get("count").asLong()).isEqualTo(1000);
        assertThat(json.get("read_model_ms").isNull()).isTrue();
        assertThat(json.get("mix").asText()).isEqualTo("50:25:25");
        assertThat(json.get("seed").asLong()).isEqualTo(42);
        assertThat(json.at("/cpu/busy_cores").asDouble()).isEqualTo(1.95);
        assertThat(json.at("/cpu/ms_per_command/machine").asDouble()).isEqualTo(2.01);
        assertThat(json.at("/cpu/ms_per_command/Postgres").asDouble()).isEqualTo(0.5);
        assertThat(json.get("instances")).hasSize(2);
        JsonNode second = json.get("instances").get(1);
        assertThat(second.get("url").asText()).isEqualTo("http://127.0.0.1:8090");
        assertThat(second.get("commands").asLong()).isEqualTo(9_998);
        assertThat(second.get("requests").asLong()).isEqualTo(10_003);
        assertThat(second.get("ok").asLong()).isEqualTo(7_500);
        assertThat(second.get("refused_4xx").asLong()).isEqualTo(2_000);
        assertThat(second.get("errors_5xx").asLong()).isEqualTo(500);
        assertThat(second.get("no_answer").asLong()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("run.hgrm")))
                .contains("Percentile")
                .contains("1000.");
        assertThat(Files.readAllLines(dir.resolve("run-timeline.csv")))
                .containsExactly("second,completed,p99_ms", "1,990,12.500", "2,1010,13.250");
    }

    @Test
    void aClosedLoopRunHasANullRate() throws Exception {
        LatencySummary latency = LatencySummary.of(oneToThousandMs());
        BenchReport report = new BenchReport(
                "closed",
                16,
                null,
                20,
                20,
                5,
                10,
                10,
                0,
                0,
                0,
                0,
                0,
                0.5,
                latency,
                null,
                0,
                null,
                0,
                10,
                0,
                "1:1:1",
                1,
                "x",
                null,
                List.of(new InstanceReport("http://127.0.0.1:8080", 10, 10, 10, 0, 0, 0)));
        JsonNode json = Json.mapper().readTree(ResultsWriter.json(report));
        assertThat(json.has("rate")).isTrue();
        assertThat(json.get("rate").isNull()).isTrue();
        assertThat(json.get("kafka_ms").isNull()).isTrue();
        assertThat(json.get("cpu").isNull()).isTrue();
    }

    private static Histogram oneToThousandMs() {
        Histogram h = new Histogram(BenchStats.HIGHEST_MICROS, 3);
        for (int ms = 1; ms <= 1000; ms++) {
            h.recordValue(ms * 1000L);
        }
        return h;
    }
}
