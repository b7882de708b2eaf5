package io.eventledger.loadtest;

import io.eventledger.contract.topic.Topics;
import io.eventledger.loadtest.bench.Bench;
import io.eventledger.loadtest.bench.BenchConfig;
import io.eventledger.loadtest.bench.BenchReport;
import io.eventledger.loadtest.bench.CommandMix;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ledger bench}: the load generator; see docs/load-generator.md. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Drives load at command-service and measures command, Kafka and read-model latency.")
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    private LoadtestCli ledger;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--url",
            split = ",",
            defaultValue = "http://127.0.0.1:8080",
            description = "command-service base URL; several instances: comma-separated or repeated, taken in"
                    + " turn per command")
    private List<URI> urls;

    @Option(names = "--token", description = "an operator token (default: LEDGER_TOKEN)")
    private String token;

    @Option(
            names = "--clients",
            defaultValue = "0",
            description = "closed loop: N clients; with --rate: most in flight")
    private int clients;

    @Option(names = "--rate", description = "open loop at R commands/s, latency from each intended start")
    private Double rate;

    @Option(names = "--duration", defaultValue = "30", description = "measured seconds")
    private double duration;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds of load before measuring")
    private double warmup;

    @Option(names = "--accounts", defaultValue = "1000", description = "accounts opened and funded at the start")
    private int accounts;

    @Option(names = "--zipf", defaultValue = "1.0", description = "Zipf exponent of the account choice; 0 = uniform")
    private double zipf;

    @Option(names = "--mix", defaultValue = CommandMix.DEFAULT, description = "deposits:withdrawals:transfers weights")
    private String mix;

    @Option(names = "--seed", description = "random seed (printed; default random)")
    private Long seed;

    @Option(names = "--currency", defaultValue = "EUR", description = "the accounts' currency")
    private String currency;

    @Option(
            names = "--retry",
            description = "resend on connection errors, 503 and 409 with the same key until answered")
    private boolean retry;

    @Option(names = "--kafka-bootstrap", description = "watch the event topics for command → Kafka latency")
    private String kafkaBootstrap;

    @Option(names = "--topic-prefix", description = "topic prefix (default: LEDGER_TOPIC_PREFIX or ledger.)")
    private String topicPrefix;

    @Option(names = "--projector-url", description = "probe the projector for command → read model latency")
    private URI projectorUrl;

    @Option(names = "--read-sample", defaultValue = "10", description = "probe every n-th accepted account command")
    private int readSample;

    @Option(names = "--out", defaultValue = "bench-results", description = "folder of the result files")
    private Path out;

    @Option(names = "--name", defaultValue = "bench", description = "base name of the result files")
    private String name;

    @Option(names = "--ack-log", description = "CSV of every command answered 2xx, flushed as it goes")
    private Path ackLog;

    @Option(names = "--fail-on-5xx", description = "exit 1 if any command ended in a 5xx or without an answer")
    private boolean failOn5xx;

    @Override
    public Integer call() throws Exception {
        BenchReport report = new Bench(config(), spec.commandLine().getOut()).run();
        return failOn5xx && report.anyErrors() ? LoadtestCli.FAILURE : 0;
    }

    /** A bad option or combination is a usage error (exit 2), like picocli's own. */
    private BenchConfig config() {
        try {
            return parsedConfig();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private BenchConfig parsedConfig() {
        String prefix = topicPrefix != null
                ? topicPrefix
                : ledger.env().getOrDefault("LEDGER_TOPIC_PREFIX", Topics.DEFAULT_PREFIX);
        return new BenchConfig(
                urls,
                token != null ? token : ledger.env().get("LEDGER_TOKEN"),
                clients,
                rate,
                seconds(duration),
                seconds(warmup),
                accounts,
                zipf,
                CommandMix.parse(mix),
                seed != null ? seed : ThreadLocalRandom.current().nextLong(),
                Currency.getInstance(currency.trim()),
                retry,
                kafkaBootstrap,
                prefix,
                projectorUrl,
                readSample,
                out,
                name,
                ackLog,
                failOn5xx);
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
