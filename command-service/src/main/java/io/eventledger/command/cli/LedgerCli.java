package io.eventledger.command.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
public final class LedgerCli implements Callable<Integer> {

    static final int FAILURE = 1;
    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    LedgerCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one invocation and returns its exit code; it never throws and never prints a stack trace. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LedgerCli(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("ledger " + commandLine.getCommandName() + ": " + oneLine(e));
            return FAILURE;
        });
        return cli.execute(args);
    }

    Map<String, String> env() {
        return env;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getMessage() == null && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
