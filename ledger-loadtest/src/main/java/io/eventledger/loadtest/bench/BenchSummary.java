package io.eventledger.loadtest.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.stream.IntStream;

/** Turns the stats into the report, and the report into a few lines for a person. */
final class BenchSummary {

    private static final double NANOS_PER_SECOND = 1e9;

    private BenchSummary() {}

    /**
     * Throughput is answered commands (refusals included: deciding a 422 is work the service did) over the
     * time from the end of warmup to the last answer, at least the duration: a service that falls behind an
     * open-loop rate and drains its backlog after the end is not credited with the rate.
     */
    static BenchReport report(
            BenchConfig c,
            BenchStats stats,
            long measureFromNanos,
            boolean watched,
            long kafkaUnseen,
            boolean probed,
            long probeFailures,
            String runId,
            CpuUsage cpu) {
        double seconds = c.duration().toNanos() / NANOS_PER_SECOND;
        double elapsed = Math.max(seconds, stats.answeringSeconds(measureFromNanos));
        long ok = stats.ok.sum();
        long refused = stats.refused.sum();
        double throughput = Math.round((ok + refused) / elapsed * 10) / 10.0;
        return new BenchReport(
                c.openLoop() ? "open" : "closed",
                c.concurrency(),
                c.rate(),
                seconds,
                Math.round(elapsed * 1000) / 1000.0,
                c.warmup().toNanos() / NANOS_PER_SECOND,
                stats.sent.sum(),
                ok,
                refused,
                stats.errors.sum(),
                stats.noAnswer.sum(),
                stats.dropped.sum(),
                stats.retries.sum(),
                throughput,
                LatencySummary.of(stats.latencyTotal()),
                watched ? LatencySummary.of(stats.kafka.copy()) : null,
                kafkaUnseen,
                probed ? LatencySummary.of(stats.readModel.copy()) : null,
                probeFailures,
                c.accounts(),
                c.zipf(),
                c.mix().toString(),
                c.seed(),
                runId,
                cpu,
                IntStream.range(0, c.urls().size())
                        .mapToObj(i -> InstanceReport.of(c.urls().get(i).toString(), stats.instance(i)))
                        .toList());
    }

    static void print(PrintWriter out, BenchReport r, Path json) {
        out.printf(
                "sent %d: ok %d, refused (4xx) %d, errors (5xx or no answer) %d, retries %d%n",
                r.sent(), r.ok(), r.refused4xx(), r.errors5xx(), r.retries());
        if (r.dropped() > 0) {
            out.printf(
                    "  %d commands dropped unsent: their turn came after the deadline (the service fell behind)%n",
                    r.dropped());
        }
        for (InstanceReport i : r.instances()) {
            out.printf(
                    "  %s: %d commands, %d requests: ok %d, refused (4xx) %d, failed %d (5xx %d, no answer %d)%n",
                    i.url(),
                    i.commands(),
                    i.requests(),
                    i.ok(),
                    i.refused4xx(),
                    i.failures(),
                    i.errors5xx(),
                    i.noAnswer());
        }
        out.printf("throughput %.1f commands/s (answers over %.1f s)%n", r.throughputPerS(), r.elapsedS());
        line(out, "command", r.latency());
        if (r.kafka() != null) {
            line(out, "command -> Kafka", r.kafka());
            if (r.kafkaUnseen() > 0) {
                out.printf("  %d accepted commands never seen on Kafka%n", r.kafkaUnseen());
            }
        }
        if (r.readModel() != null) {
            line(out, "command -> read model", r.readModel());
        }
        if (r.cpu() != null) {
            out.printf(
                    "CPU per answered command %.3f ms (%s); %.2f of %d cores busy: at most %.0f commands/s here%n",
                    r.cpu().msPerCommand().get(CpuUsage.MACHINE),
                    parts(r.cpu()),
                    r.cpu().busyCores(),
                    r.cpu().cores(),
                    r.cpu().ceilingPerS());
        }
        out.println("results in " + json);
    }

    private static String parts(CpuUsage cpu) {
        StringBuilder parts = new StringBuilder();
        cpu.msPerCommand().forEach((group, ms) -> {
            if (!group.equals(CpuUsage.MACHINE)) {
                parts.append(parts.isEmpty() ? "" : ", ").append(group).append(String.format(" %.3f", ms));
            }
        });
        return parts.toString();
    }

    private static void line(PrintWriter out, String what, LatencySummary s) {
        out.printf(
                "%-22s ms  p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (n=%d)%n",
                what, s.p50(), s.p90(), s.p99(), s.p999(), s.max(), s.count());
    }
}
