package io.eventledger.projector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProjectorCliTest {

    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        Set<String> subcommands = cli(new StringWriter()).getSubcommands().keySet();
        assertThat(subcommands).contains("serve", "replay", "reconcile", "help");
        StringWriter root = new StringWriter();
        assertThat(cli(root).execute("--help")).isZero();
        assertThat(root.toString()).contains("Usage: projector");
        for (String sub : subcommands) {
            StringWriter out = new StringWriter();

            assertThat(cli(out).execute(sub, "--help")).as(sub).isZero();
            assertThat(out.toString()).as(sub).contains("Usage: projector " + sub);
        }
    }

    private static CommandLine cli(StringWriter out) {
        return new CommandLine(new ProjectorCli(Map.of()))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true));
    }
}
