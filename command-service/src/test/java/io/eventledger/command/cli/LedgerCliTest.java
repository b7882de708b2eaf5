package io.eventledger.command.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        assertThat(run(Map.of(), "token", "create", "--user", "u", "--roles", "operator,wizard")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown role 'wizard'", "operator, approver, auditor, reader, admin");
    }

    @Test
    void benchOptionsThatCannotRunAreBadUsage() {
        assertThat(run(Map.of(), "bench", "--clients", "4")).isEqualTo(2);
        assertThat(err.toString()).contains("LEDGER_TOKEN");
        assertThat(run(Map.of("LEDGER_TOKEN", "t"), "bench")).isEqualTo(2);
        assertThat(run(Map.of("LEDGER_TOKEN", "t"), "bench", "--rate", "10", "--mix", "1:2")).isEqualTo(2);
        assertThat(err.toString()).contains("D:W:T");
    }

    @Test
    void aFailureExitsWith1AndOneLineWithoutStackTrace() {
        int code = run(Map.of("LEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:1/nothing"), "migrate");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1).first().asString().startsWith("ledger migrate: ");
        assertThat(out.toString()).isEmpty();
    }

    private int run(Map<String, String> env, String... args) {
        return LedgerCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
