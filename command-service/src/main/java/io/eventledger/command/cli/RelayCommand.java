package io.eventledger.command.cli;

import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.relay.RelayGroup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ledger relay}: runs the outbox relay alone until the process is stopped. It competes for every
 * shard's lock with command-service and other relay processes; those that lose stand by and take over.
 */
@Command(
        name = "relay",
        mixinStandardHelpOptions = true,
        description = "Publishes the outbox to Kafka, one active relay per shard, until stopped.")
final class RelayCommand implements Callable<Integer> {

    @ParentCommand
    private LedgerCli ledger;

    @Option(
            names = "--shards",
            description = "shard count; every relay must use the same (default: LEDGER_RELAY_SHARDS or 1)")
    private Integer shards;

    @Override
    public Integer call() throws InterruptedException {
        CommandServiceConfig config = CommandServiceConfig.fromEnv(ledger.env());
        int count = shards == null ? config.relayShards() : shards;
        // alone the relay has no HTTP server: its meters are exported only when it runs inside command-service
        RelayGroup relays = RelayGroup.start(config.connections(), count, new SimpleMeterRegistry());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                relays.close();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            stopped.countDown();
                        },
                        "relay-shutdown"));
        stopped.await();
        return 0;
    }
}
