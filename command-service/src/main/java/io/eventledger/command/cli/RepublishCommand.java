package io.eventledger.command.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.relay.OutboxPublisher;
import io.eventledger.command.relay.Republisher;
import io.eventledger.platform.config.Connections;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ledger republish}: sends stored events to Kafka again, exactly as the relay sent them. */
@Command(
        name = "republish",
        mixinStandardHelpOptions = true,
        description = "Re-sends stored events in gap-safe order and prints how many it sent.")
final class RepublishCommand implements Callable<Integer> {

    @ParentCommand
    private LedgerCli ledger;

    @Spec
    private CommandSpec spec;

    @Option(names = "--from-position", required = true, description = "first event position to send")
    private long from;

    @Option(names = "--to-position", description = "last event position to send (default: the newest)")
    private long to = Long.MAX_VALUE;

    @Option(names = "--stream", description = "only this stream (aggregate id)")
    private UUID stream;

    @Override
    public Integer call() throws SQLException, InterruptedException {
        Connections connections = Connections.fromEnv(ledger.env());
        Republisher.Range range = new Republisher.Range(from, to, stream);
        long sent;
        try (HikariDataSource db = CommandServiceMain.dataSource(connections, 1);
                var publisher = new OutboxPublisher(
                        () -> new KafkaProducer<String, byte[]>(
                                OutboxPublisher.producerConfig(connections.kafkaBootstrap(), "eventledger-republish")),
                        connections.topics())) {
            sent = new Republisher(db, publisher).republish(range);
        }
        spec.commandLine().getOut().println("republished " + sent + " events");
        return 0;
    }
}
