package io.eventledger.platform.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top of a command line whose subcommands read their settings from the LEDGER_* environment, handed in
 * so that tests run the commands in-process. Alone, without a subcommand, it is bad usage. A subclass carries
 * the {@code @Command} annotation and names its subcommands.
 */
public abstract class RootCommand implements Callable<Integer> {

    /** The exit code of a command that failed; picocli's are 0 (ok) and 2 (bad usage). */
    public static final int FAILURE = 1;

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    protected RootCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * Runs one invocation of {@code root} and returns its exit code; it never throws and never prints a stack
     * trace: a failure is one line on {@code err}, {@code "<root> <command>: <message>"}.
     */
    public static int execute(RootCommand root, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(cli.getCommandName() + " " + commandLine.getCommandName() + ": " + oneLine(e));
            return FAILURE;
        });
        return cli.execute(args);
    }

    /** The environment the subcommands read their settings from. */
    public Map<String, String> env() {
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
