package io.eventledger.loadtest.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Writes {@code NAME.json}, {@code NAME.hgrm} (milliseconds) and {@code NAME-timeline.csv} into the out folder. */
final class ResultsWriter {

    private ResultsWriter() {}

    static void write(
            Path dir, String name, BenchReport report, Histogram latencyMicros, List<BenchStats.TimelineRow> timeline)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".json"), json(report) + "\n", StandardCharsets.UTF_8);
        try (PrintStream hgrm =
                new PrintStream(Files.newOutputStream(dir.resolve(name + ".hgrm")), false, StandardCharsets.UTF_8)) {
            latencyMicros.outputPercentileDistribution(hgrm, LatencySummary.MICROS_PER_MS);
        }
        StringBuilder csv = new StringBuilder("second,completed,p99_ms\n");
        timeline.forEach(row -> csv.append(row.second())
                .append(',')
                .append(row.completed())
                .append(',')
                .append(String.format(Locale.ROOT, "%.3f", row.p99Ms()))
                .append('\n'));
        Files.writeString(dir.resolve(name + "-timeline.csv"), csv, StandardCharsets.UTF_8);
    }

    /** The documented key names, in a stable order, so scripts and people can read it alike. */
    static String json(BenchReport r) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("mode", r.mode()).put("clients", r.clients());
        if (r.rate() == null) {
            root.putNull("rate");
        } else {
            root.put("rate", r.rate());
        }
        root.put("duration_s", r.durationS())
                .put("elapsed_s", r.elapsedS())
                .put("warmup_s", r.warmupS())
                .put("sent", r.sent())
                .put("ok", r.ok())
                .put("refused_4xx", r.refused4xx())
                .put("errors_5xx", r.errors5xx())
                .put("no_answer", r.noAnswer())
                .put("dropped", r.dropped())
                .put("retries", r.retries())
                .put("throughput_per_s", r.throughputPerS());
        root.set("latency_ms", latency(r.latency()));
        root.set("kafka_ms", latency(r.kafka()));
        root.put("kafka_unseen", r.kafkaUnseen());
        root.set("read_model_ms", latency(r.readModel()));
        root.put("read_model_failures", r.readModelFailures());
        root.put("accounts", r.accounts())
                .put("zipf", r.zipf())
                .put("mix", r.mix())
                .put("seed", r.seed())
                .put("run_id", r.runId());
        root.set("cpu", cpu(r.cpu()));
        ArrayNode instances = root.putArray("instances");
        r.instances()
                .forEach(i -> instances
                        .addObject()
                        .put("url", i.url())
                        .put("commands", i.commands())
                        .put("requests", i.requests())
                        .put("ok", i.ok())
                        .put("refused_4xx", i.refused4xx())
                        .put("errors_5xx", i.errors5xx())
                        .put("no_answer", i.noAnswer()));
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static ObjectNode cpu(CpuUsage cpu) {
        if (cpu == null) {
            return null;
        }
        ObjectNode node = Json.mapper()
                .createObjectNode()
                .put("window_s", cpu.windowS())
                .put("cores", cpu.cores())
                .put("answered", cpu.answered())
                .put("busy_cores", cpu.busyCores());
        ObjectNode perCommand = node.putObject("ms_per_command");
        cpu.msPerCommand().forEach(perCommand::put);
        return node;
    }

    private static ObjectNode latency(LatencySummary s) {
        if (s == null) {
            return null;
        }
        return Json.mapper()
                .createObjectNode()
                .put("count", s.count())
                .put("p50", s.p50())
                .put("p90", s.p90())
                .put("p99", s.p99())
                .put("p999", s.p999())
                .put("max", s.max());
    }
}
