package io.eventledger.command.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Principal;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerCliIT {

    private final TokenStore tokens = new TokenStore(TestLedger.db());

    @Test
    void migratesAndKnowsTheTopics() {
        assertThat(run("migrate").code()).isZero();
        Result topics = run("topics");
        assertThat(topics.code()).isZero();
        assertThat(topics.out()).contains("all topics exist");
    }

    @Test
    void createsATokenPrintedAsTheLastLineAndRevokesIt() throws Exception {
        Result created = run("token", "create", "--user", "carol", "--roles", "operator,reader");
        assertThat(created.code()).isZero();
        List<String> lines = created.out().lines().toList();
        String token = lines.getLast();

        assertThat(tokens.verify(token)).hasValue(new Principal("carol", Set.of(Role.OPERATOR, Role.READER)));
        assertThat(run("token", "revoke", "--token", token).code()).isZero();
        assertThat(tokens.verify(token)).isEqualTo(Optional.empty());
        assertThat(run("token", "revoke", "--token", token).code()).isEqualTo(1);
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                LedgerCli.run(TestLedger.servers().env(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
