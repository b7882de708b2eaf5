package io.eventledger.command.cli;

import io.eventledger.platform.config.Connections;
import io.eventledger.platform.kafka.TopicSetup;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ledger topics}: checks the topics of docs/topics.md that exist against the LEDGER_TOPIC_* settings and
 * creates the others; a topic with another partition count fails it (exit code 1), naming the topic.
 */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Checks the Kafka topics that exist, creates those that are missing and prints their names.")
final class TopicsCommand implements Callable<Integer> {

    @ParentCommand
    private LedgerCli ledger;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Connections connections = Connections.fromEnv(ledger.env());
        List<String> created =
                new TopicSetup(connections.kafkaBootstrap(), connections.topicSettings()).ensure(connections.topics());
        if (created.isEmpty()) {
            spec.commandLine().getOut().println("all topics exist");
        }
        created.forEach(name -> spec.commandLine().getOut().println("created " + name));
        return 0;
    }
}
