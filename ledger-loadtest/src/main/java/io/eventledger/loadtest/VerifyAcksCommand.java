package io.eventledger.loadtest;

import io.eventledger.loadtest.verify.AckCheck;
import io.eventledger.loadtest.verify.AckedCommand;
import io.eventledger.platform.config.Connections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ledger verify-acks}: after a fault run, every command the load generator saw acknowledged has its
 * events in the store exactly once and on the topics at least once, and every stored event reached the topics.
 */
@Command(
        name = "verify-acks",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the ack logs of ledger bench against the event store and the event topics; exits 1"
                    + " if a command was lost, applied twice or an event never reached the topics.",
            "Run it once the relay has drained the outbox."
        })
final class VerifyAcksCommand implements Callable<Integer> {

    @ParentCommand
    private LoadtestCli ledger;

    @Spec
    private CommandSpec spec;

    @Option(names = "--ack-log", required = true, description = "an ack log (CSV) written by ledger bench; repeatable")
    private List<Path> ackLogs;

    @Option(
            names = "--topic-timeout-seconds",
            defaultValue = "120",
            description = "how long reading the topics to their end may take (default: ${DEFAULT-VALUE})")
    private int topicTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Connections connections = Connections.fromEnv(ledger.env());
        List<AckedCommand> acks = new ArrayList<>();
        for (Path log : ackLogs) {
            acks.addAll(AckedCommand.read(log));
        }
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(connections.dbUrl());
        db.setUser(connections.dbUser());
        db.setPassword(connections.dbPassword());
        AckCheck check = new AckCheck(db, connections.kafkaBootstrap(), connections.topics());
        return check.run(
                        acks,
                        Duration.ofSeconds(topicTimeoutSeconds),
                        spec.commandLine().getOut())
                ? 0
                : LoadtestCli.FAILURE;
    }
}
