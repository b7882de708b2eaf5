package io.eventledger.loadtest;

import io.eventledger.platform.cli.RootCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * The load tools: {@code bench} and {@code verify-acks}. Named {@code ledger} because infra/ledger hands
 * these two subcommands to this jar, so users keep typing {@code infra/ledger bench}.
 */
@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        version = "eventledger 0.1.0",
        description = "The eventledger load tools: a load generator and the check of its acknowledged commands.",
        subcommands = {BenchCommand.class, VerifyAcksCommand.class})
public final class LoadtestCli extends RootCommand {

    LoadtestCli(Map<String, String> env) {
        super(env);
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one invocation and returns its exit code; it never throws and never prints a stack trace. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return execute(new LoadtestCli(env), out, err, args);
    }
}
