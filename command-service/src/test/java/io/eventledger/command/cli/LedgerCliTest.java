package io.eventledger.command.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LedgerCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void badUsageExitsWith2() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(run(Map.of(), "token", "create", "--user", "u")).isEqualTo(2);
    }

    @Test
    void anUnknownRoleIsBadUsageThatListsTheKnownOnes() {
        assertThat(run(Map.of(), "token", "create", "--user", "u", "--roles", "operator,wizard"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown role 'wizard'", "operator, approver, auditor, reader, admin");
    }

    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        List<List<String>> commands = new ArrayList<>();
        commandsOf(new CommandLine(new LedgerCli(Map.of())), List.of(), commands);
        assertThat(commands).contains(List.of(), List.of("serve"), List.of("token", "create"), List.of("republish"));
        for (List<String> command : commands) {
            out.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            assertThat(run(Map.of(), args.toArray(String[]::new)))
                    .as("%s", args)
                    .isZero();
            assertThat(out.toString()).as("%s", args).contains("Usage: ledger " + String.join(" ", command));
        }
    }

    @Test
    void theLoadToolsAreNoLongerHere() {
        assertThat(run(Map.of(), "bench", "--rate", "10")).isEqualTo(2);
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("bench and verify-acks, from ledger-loadtest");
    }

    @Test
    void aFailureExitsWith1AndOneLineWithoutStackTrace() {
        int code = run(Map.of("LEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:1/nothing"), "migrate");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1).first().asString().startsWith("ledger migrate: ");
        assertThat(out.toString()).isEmpty();
    }

    private static void commandsOf(CommandLine command, List<String> path, List<List<String>> found) {
        found.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> longer = new ArrayList<>(path);
            longer.add(name);
            commandsOf(sub, longer, found);
        });
    }

    private int run(Map<String, String> env, String... args) {
        return LedgerCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
