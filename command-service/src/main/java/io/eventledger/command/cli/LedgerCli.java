package io.eventledger.command.cli;

import io.eventledger.platform.cli.RootCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ledger}: runs and administers command-service. Configuration comes from LEDGER_* variables. */
@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        version = "eventledger 0.1.0",
        description = "Runs and administers the eventledger command-service.",
        subcommands = {
            ServeCommand.class,
            TokenCommand.class,
            TopicsCommand.class,
            MigrateCommand.class,
            RelayCommand.class,
            RepublishCommand.class
        },
        footer = {"", "infra/ledger also runs bench and verify-acks, from ledger-loadtest's jar."})
public final class LedgerCli extends RootCommand {

    LedgerCli(Map<String, String> env) {
        super(env);
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one invocation and returns its exit code; it never throws and never prints a stack trace. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return execute(new LedgerCli(env), out, err, args);
    }
}
