package io.eventledger.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadtestCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("Usage: ledger", "bench", "verify-acks");
        var subcommands =
                new CommandLine(new LoadtestCli(Map.of())).getSubcommands().keySet();
        assertThat(subcommands).containsExactlyInAnyOrder("bench", "verify-acks");
        for (String sub : subcommands) {
            out.getBuffer().setLength(0);
            assertThat(run(Map.of(), sub, "--help")).as(sub).isZero();
            assertThat(out.toString()).as(sub).contains("Usage: ledger " + sub);
        }
        assertThat(out.toString()).contains("--ack-log");
    }

    @Test
    void withoutASubcommandItIsBadUsage() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(run(Map.of(), "verify-acks")).isEqualTo(2);
    }

    @Test
    void benchOptionsThatCannotRunAreBadUsage() {
        assertThat(run(Map.of(), "bench", "--clients", "4")).isEqualTo(2);
        assertThat(err.toString()).contains("LEDGER_TOKEN");
        assertThat(run(Map.of("LEDGER_TOKEN", "t"), "bench")).isEqualTo(2);
        assertThat(run(Map.of("LEDGER_TOKEN", "t"), "bench", "--rate", "10", "--mix", "1:2"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("D:W:T");
    }

    @Test
    void benchTakesSeveralUrlsCommaSeparatedOrRepeated() {
        // the same instance twice is refused, which shows both spellings reach the check as a list of two
        assertThat(run(Map.of("LEDGER_TOKEN", "t"), "bench", "--clients", "1", "--url", "http://a:1,http://a:1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--url lists http://a:1 twice");
        err.getBuffer().setLength(0);
        assertThat(run(
                        Map.of("LEDGER_TOKEN", "t"),
                        "bench",
                        "--clients",
                        "1",
                        "--url",
                        "http://a:1",
                        "--url",
                        "http://a:1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--url lists http://a:1 twice");
    }

    private int run(Map<String, String> env, String... args) {
        return LoadtestCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
