package io.eventledger.loadtest.bench;

import io.eventledger.contract.topic.Topics;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code ledger bench} run: opens and funds the accounts (over the instances in turn, like the load),
 * starts the Kafka watcher at the topics' end, drives the load (closed or open loop) through warmup and the
 * measured duration, waits for the commands in flight, late Kafka records and read-model probes, then writes
 * the results and a summary.
 */
public final class Bench {

    private final BenchConfig config;
    private final PrintWriter out;

    public Bench(BenchConfig config, PrintWriter out) {
        this.config = config;
        this.out = out;
    }

    public BenchReport run() throws Exception {
        String runId = HexFormat.of().toHexDigits(new SplittableRandom().nextInt());
        out.printf("bench run %s, seed %d%n", runId, config.seed());
        try (LedgerHttp http = new LedgerHttp(config.token());
                AckLog ackLog = config.ackLog() == null ? null : new AckLog(config.ackLog())) {
            Instances instances = new Instances(config.urls());
            CommandSender sender = new CommandSender(http, instances, config.currency(), config.retry());
            long setupStart = System.nanoTime();
            List<String> accounts =
                    new AccountSetup(http, sender, instances, config.currency(), runId).open(config.accounts(), ackLog);
            out.printf(
                    "opened and funded %d accounts in %.1f s%n",
                    accounts.size(), (System.nanoTime() - setupStart) / 1e9);
            Workload workload = new Workload(accounts, config.zipf(), config.mix(), config.currency(), runId);
            return measure(http, sender, ackLog, workload, runId);
        }
    }

    private BenchReport measure(LedgerHttp http, CommandSender sender, AckLog ackLog, Workload workload, String runId)
            throws Exception {
        BenchStats stats = new BenchStats(config.urls().size());
        Topics topics = new Topics(config.topicPrefix());
        try (KafkaWatcher watcher = config.kafkaBootstrap() == null
                ? null
                : new KafkaWatcher(
                        config.kafkaBootstrap(),
                        List.of(topics.accountEvents(), topics.transferEvents()),
                        stats.kafka)) {
            RunClock clock = RunClock.startingNow(config.warmup(), config.duration());
            ReadModelProber prober = config.projectorUrl() == null
                    ? null
                    : new ReadModelProber(
                            http, config.projectorUrl(), config.readSample(), stats.readModel, clock.deadlineNanos());
            CommandExecution execution =
                    new CommandExecution(sender, stats, watcher, prober, ackLog, clock.deadlineNanos());
            out.printf(
                    "%s for %s after %s of warmup%n",
                    config.openLoop()
                            ? "open loop at " + config.rate() + "/s" + " (at most " + config.concurrency()
                                    + " in flight)"
                            : "closed loop, " + config.clients() + " clients",
                    config.duration(),
                    config.warmup());
            Thread ticker = Thread.ofVirtual().start(() -> clock.tickEachSecond(stats));
            CompletableFuture<CpuUsage> cpu = watchCpu(clock, stats);
            drive(workload, execution, clock);
            ticker.join();
            stats.finish(clock.seconds() + 1);
            long unseen = watcher == null ? 0 : watcher.awaitSeen(BenchConfig.GRACE);
            long probeFailures = 0;
            if (prober != null) {
                prober.close();
                probeFailures = prober.failures();
            }
            BenchReport report = BenchSummary.report(
                    config,
                    stats,
                    clock.measureFromNanos(),
                    watcher != null,
                    unseen,
                    prober != null,
                    probeFailures,
                    runId,
                    cpu.get());
            ResultsWriter.write(config.out(), config.name(), report, stats.latencyTotal(), stats.timeline());
            BenchSummary.print(out, report, config.out().resolve(config.name() + ".json"));
            return report;
        }
    }

    /**
     * Where the machine's CPU goes while the load is measured: {@code /proc} read at the start and the end of
     * the measured window, on a thread of its own so the clients are not held up.
     */
    private static CompletableFuture<CpuUsage> watchCpu(RunClock clock, BenchStats stats) {
        CompletableFuture<CpuUsage> usage = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            RunClock.waitUntil(clock.measureFromNanos());
            long answeredBefore = stats.answered.sum();
            long from = System.nanoTime();
            Optional<ProcSnapshot> start = ProcSnapshot.take();
            RunClock.waitUntil(clock.endNanos());
            Optional<ProcSnapshot> end = ProcSnapshot.take();
            double seconds = (System.nanoTime() - from) / 1e9;
            long answered = stats.answered.sum() - answeredBefore;
            usage.complete(
                    start.isPresent() && end.isPresent()
                            ? CpuUsage.between(start.get(), end.get(), seconds, answered)
                            : null);
        });
        return usage;
    }

    private void drive(Workload workload, CommandExecution execution, RunClock clock) {
        if (config.openLoop()) {
            new OpenLoopDriver(workload, execution, config.rate(), config.concurrency(), config.seed())
                    .run(clock.startNanos(), clock.measureFromNanos(), clock.endNanos());
        } else {
            new ClosedLoopDriver(workload, execution, config.clients(), config.seed())
                    .run(clock.measureFromNanos(), clock.endNanos());
        }
    }
}
