package io.eventledger.benchmarks.report;

import static io.eventledger.benchmarks.report.BenchFigure.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a run's JSON files into the table's rows, in BENCHMARKS.md's order (a)–(g), each against its limit:
 * command throughput against pgbench's ceiling with our transaction shape, the relay against Kafka's own
 * ProducerPerformance with the same records and settings, everything else against its target.
 */
final class BenchFigures {

    static final String PGBENCH = "pgbench";
    static final String SATURATION = "commands-saturation";
    static final String RATE = "commands-1000";
    static final String RELAY = "relay";
    static final String PRODUCER_PERF = "producer-perf";
    static final String PROJECTION = "projection";
    static final String REPLAY = "replay";
    static final String AGGREGATE = "aggregate-load";
    static final String QUERIES = "queries";
    private static final double REPLAY_EVENTS = 2_000_000;
    /** The rate of the paced run ({@link #RATE}). */
    private static final double OFFERED_PER_S = 1_000;

    private final BenchRun run;

    BenchFigures(BenchRun run) {
        this.run = run;
    }

    List<BenchFigure> all() {
        List<BenchFigure> rows = new ArrayList<>();
        rows.add(pgbench());
        rows.add(saturation());
        rows.add(latency(RATE, "latency_ms", "(b) command latency at 1,000 commands/s", 10));
        rows.add(latency(RATE, "kafka_ms", "(b) command → Kafka at 1,000 commands/s", 50));
        rows.add(latency(RATE, "read_model_ms", "(b) command → read model at 1,000 commands/s", 500));
        rows.add(pipelineCpu());
        rows.add(producerPerf());
        rows.add(relay());
        rows.add(relayLag());
        rows.add(projection());
        rows.add(replay());
        rows.add(aggregate("snapshot_ms", "(f) load a 10,000-event aggregate from a snapshot", 1));
        rows.add(aggregate("full_fold_ms", "(f) load a 10,000-event aggregate by a full fold", 20));
        rows.add(latency(QUERIES, "local_ms", "(g) interactive query, key on this instance", 5));
        rows.add(latency(QUERIES, "forwarded_ms", "(g) interactive query, forwarded to the owner", 15));
        return rows;
    }

    private BenchFigure pgbench() {
        String figure = "(a) Postgres ceiling: pgbench, one event + one outbox row per transaction, fsync on";
        String target = "reference for (b)";
        return measure(
                PGBENCH,
                figure,
                target,
                "tps",
                j -> BenchFigure.reference(
                        figure,
                        number(num(j, "tps")) + " tps (" + j.path("clients").asInt() + " clients, "
                                + number(num(j, "latency_ms")) + " ms avg)",
                        target));
    }

    private BenchFigure saturation() {
        String figure = "(b) command throughput at saturation";
        String target = "ratio ≥ 1";
        return measure(SATURATION, figure, target, "throughput_per_s", j -> {
            double value = num(j, "throughput_per_s");
            String measured =
                    number(value) + " commands/s (" + j.path("clients").asInt() + " clients, " + errors(j) + ")";
            return withReference(
                    PGBENCH,
                    "tps",
                    figure,
                    measured,
                    target,
                    tps -> BenchFigure.atLeast(figure, measured, value, number(tps) + " tps (pgbench)", tps, 1));
        });
    }

    private BenchFigure latency(String file, String field, String figure, double limitMs) {
        String target = "p99 < " + number(limitMs) + " ms";
        return measure(file, figure, target, field + ".p99", j -> {
            JsonNode h = j.path(field);
            if (h.has("count") && h.path("count").asLong() == 0) {
                String prefix = field.substring(0, field.length() - "_ms".length());
                return BenchFigure.notMeasured(
                        figure,
                        target,
                        "no sample in " + file + ".json (" + prefix + "_failures: "
                                + j.path(prefix + "_failures").asText("?") + ")");
            }
            String measured = "p50 " + number(num(h, "p50")) + " · p99 " + number(num(h, "p99")) + " · p99.9 "
                    + number(num(h, "p999")) + " ms" + achievedRate(j);
            return BenchFigure.below(figure, measured, num(h, "p99"), limitMs, "ms");
        });
    }

    /**
     * The machine's CPU per command while 1,000 commands/s were offered, split by process: what the whole
     * pipeline, sharing these cores, costs per command, against what 1,000/s on these cores allows.
     */
    private BenchFigure pipelineCpu() {
        String figure = "(b) CPU per command, whole machine, while 1,000 commands/s were offered";
        String target = "for information: what bounds (b)";
        return measure(RATE, figure, target, "cpu.ms_per_command.machine", j -> {
            JsonNode cpu = j.path("cpu");
            // CPU time per command in milliseconds: a measurement, not an amount of money
            double cpuMsPerCommand = num(cpu, "ms_per_command.machine");
            int cores = cpu.path("cores").asInt();
            StringBuilder parts = new StringBuilder();
            cpu.path("ms_per_command").properties().stream()
                    .filter(e -> !e.getKey().equals("machine"))
                    .filter(e -> e.getValue().asDouble() > 0)
                    .forEach(e -> parts.append(parts.isEmpty() ? "" : " · ")
                            .append(e.getKey())
                            .append(' ')
                            .append(number(e.getValue().asDouble())));
            String measured = number(cpuMsPerCommand) + " ms (" + parts + "); " + number(num(cpu, "busy_cores"))
                    + " of " + cores + " cores busy: at most " + number(cores * 1000 / cpuMsPerCommand)
                    + " commands/s on this machine";
            // the CPU per command that lets these cores answer the offered rate
            double limit = cores * 1000.0 / OFFERED_PER_S;
            return new BenchFigure(
                    figure,
                    measured,
                    number(limit) + " ms (" + cores + " cores ÷ " + number(OFFERED_PER_S) + "/s)",
                    cpuMsPerCommand / limit,
                    target,
                    null);
        });
    }

    private BenchFigure producerPerf() {
        String figure = "(c) Kafka ProducerPerformance, relay's records and producer settings";
        String target = "reference for the relay";
        return measure(
                PRODUCER_PERF,
                figure,
                target,
                "records_per_s",
                j -> BenchFigure.reference(
                        figure,
                        number(num(j, "records_per_s")) + " records/s of "
                                + j.path("record_bytes").asInt() + " B ("
                                + number(num(j, "mb_per_s")) + " MB/s, p99 " + number(num(j.path("latency_ms"), "p99"))
                                + " ms)",
                        target));
    }

    private BenchFigure relay() {
        String figure = "(c) relay draining a backlog (outbox → Kafka, acks=all)";
        String target = "ratio ≥ 0.5";
        return measure(RELAY, figure, target, "records_per_s", j -> {
            double value = num(j, "records_per_s");
            String measured = number(value) + " records/s of "
                    + j.path("record_bytes").asInt() + " B (" + number(num(j, "records")) + " rows)";
            return withReference(
                    PRODUCER_PERF,
                    "records_per_s",
                    figure,
                    measured,
                    target,
                    perf -> BenchFigure.atLeast(
                            figure, measured, value, number(perf) + " records/s (ProducerPerformance)", perf, 0.5));
        });
    }

    private BenchFigure relayLag() {
        String figure = "(c) relay lag, recorded_at → broker ack, at a steady rate";
        String target = "for information";
        return measure(
                RELAY,
                figure,
                target,
                "lag_ms.p99",
                j -> BenchFigure.reference(
                        figure,
                        "p50 " + number(num(j.path("lag_ms"), "p50")) + " · p99 " + number(num(j.path("lag_ms"), "p99"))
                                + " · p99.9 " + number(num(j.path("lag_ms"), "p999")) + " ms at "
                                + number(num(j, "achieved_per_s")) + " commands/s",
                        target));
    }

    private BenchFigure projection() {
        String figure = "(d) projection rate (one instance, RocksDB, exactly_once_v2)";
        String target = "ratio ≥ 1";
        return measure(
                PROJECTION,
                figure,
                target,
                "events_per_s",
                j -> BenchFigure.atLeast(
                        figure,
                        number(num(j, "events_per_s")) + " events/s (" + number(num(j, "events")) + " events, mirrors "
                                + (j.path("mirrors").asBoolean() ? "on" : "off") + ")",
                        num(j, "events_per_s"),
                        "50,000 events/s",
                        50_000,
                        1));
    }

    /** The limit is 60 s for 2,000,000 events; a shorter (--quick) run is held to the same rate. */
    private BenchFigure replay() {
        String figure = "(e) replay, wall time";
        String target = "≤ 60 s for 2M events";
        return measure(REPLAY, figure, target, "seconds", j -> {
            double events = num(j, "events");
            double seconds = num(j, "seconds");
            double limit = 60 * events / REPLAY_EVENTS;
            String measured = number(seconds) + " s for " + number(events) + " events ("
                    + number(num(j, "events_per_s")) + " events/s)";
            String limitText =
                    events == REPLAY_EVENTS ? "60 s" : number(limit) + " s (60 s × " + number(events) + " / 2M)";
            return new BenchFigure(figure, measured, limitText, seconds / limit, target, seconds <= limit);
        });
    }

    private BenchFigure aggregate(String field, String figure, double limitMs) {
        return measure(
                AGGREGATE,
                figure,
                "< " + number(limitMs) + " ms",
                field,
                j -> BenchFigure.below(
                        figure,
                        number(num(j, field)) + " ms (JMH, " + number(num(j, "events")) + " events)",
                        num(j, field),
                        limitMs,
                        "ms"));
    }

    /** Builds the row from FILE.json when it has the field, else a "not measured" row saying why. */
    private BenchFigure measure(
            String file, String figure, String target, String field, Function<JsonNode, BenchFigure> row) {
        Optional<JsonNode> json = run.json(file);
        if (json.isEmpty()) {
            return BenchFigure.notMeasured(figure, target, run.missing(file));
        }
        if (Double.isNaN(num(json.get(), field))) {
            return BenchFigure.notMeasured(figure, target, file + ".json has no " + field);
        }
        return row.apply(json.get());
    }

    private BenchFigure withReference(
            String file,
            String field,
            String figure,
            String measured,
            String target,
            Function<Double, BenchFigure> row) {
        double reference = run.json(file).map(j -> num(j, field)).orElse(Double.NaN);
        if (Double.isNaN(reference) || reference <= 0) {
            return new BenchFigure(figure, measured, "not measured: " + run.missing(file), null, target, null);
        }
        return row.apply(reference);
    }

    private static String errors(JsonNode j) {
        return number(num(j, "errors_5xx")) + " 5xx, " + number(num(j, "refused_4xx")) + " 4xx";
    }

    private static String achievedRate(JsonNode j) {
        return j.has("throughput_per_s") && j.has("rate")
                ? " (achieved " + number(num(j, "throughput_per_s")) + "/s)"
                : "";
    }

    /** A number at a dotted path, NaN when absent or not a number. */
    static double num(JsonNode node, String path) {
        JsonNode at = node;
        for (String step : path.split("\\.")) {
            at = at.path(step);
        }
        return at.isNumber() ? at.asDouble() : Double.NaN;
    }
}
