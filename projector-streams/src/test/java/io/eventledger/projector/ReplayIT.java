package io.eventledger.projector;

import static io.eventledger.projector.ProjectorFixture.SERVERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.platform.auth.Role;
import io.eventledger.projector.cli.ProjectorCli;
import io.eventledger.projector.topology.TestEnvelopes;
import io.lettuce.core.RedisClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code projector replay} rebuilds every read model from the events: afterwards the state stores (through
 * HTTP), the Postgres mirror and the Redis mirror hold exactly what they held before, including copies
 * that were corrupted in between. It refuses to run while an instance is up.
 */
class ReplayIT {

    private static final List<UUID> ACCOUNTS = ProjectorFixture.accountsOnEveryPartition(0);
    private static RedisClient redis;
    private static AccountReadModels readModels;

    @BeforeAll
    static void publish() throws Exception {
        redis = RedisClient.create(SERVERS.env().get("LEDGER_REDIS_URL"));
        readModels = new AccountReadModels(ACCOUNTS, ProjectorFixture.token(Set.of(Role.READER)), redis);
        for (UUID account : ACCOUNTS) {
            List<AccountEvent> events = List.of(
                    new AccountOpened("o", "EUR"),
                    new MoneyDeposited(amount("300.00"), "EUR", "r"),
                    new MoneyWithdrawn(amount("45.50"), "EUR", "r"),
                    new FeeCharged(amount("2.00"), "EUR", "r"));
            byte[][] values = new byte[events.size()][];
            for (int v = 1; v <= events.size(); v++) {
                // twelve hours apart, so the events of each account fall on three days
                values[v - 1] = TestEnvelopes.bytes(TestEnvelopes.at(
                        account, v, events.get(v - 1), TestEnvelopes.T0.plus(Duration.ofHours(12L * v))));
            }
            ProjectorFixture.publishRaw(account.toString(), values);
        }
    }

    @AfterAll
    static void close() {
        redis.shutdown();
    }

    @Test
    void afterAReplayEveryReadModelIsWhatItWasBefore() throws Exception {
        Path stateDir = Files.createTempDirectory("replay-it");
        List<String> before;
        try (Projector running = ProjectorFixture.startProjector(stateDir)) {
            before = await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(
                            () -> readModels.mirrorsComplete() ? readModels.all(running.port()) : null,
                            Objects::nonNull);
            StringWriter refusal = new StringWriter();
            assertThat(replay(stateDir, new StringWriter(), refusal)).isEqualTo(1);
            assertThat(refusal.toString()).contains("stop every projector instance first");
        }
        corruptTheMirrorsOf(ACCOUNTS.get(0));

        StringWriter out = new StringWriter();
        assertThat(replay(stateDir, out, new StringWriter())).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("deleted changelog topics")
                .contains("wiped local state in " + stateDir)
                .contains("events ")
                .contains("mirrors")
                .contains("replay done");

        try (Projector rebuilt = ProjectorFixture.startProjector(stateDir)) {
            assertThat(readModels.all(rebuilt.port())).isEqualTo(before);
        }
        // rebuilt from the events, not restored from the old changelog: every event was projected once more
        assertThat(readModels.balanceRecords()).isEqualTo(2 * 4 * ACCOUNTS.size());
    }

    private static int replay(Path stateDir, StringWriter out, StringWriter err) {
        return new CommandLine(new ProjectorCli(ProjectorFixture.env(stateDir, Map.of())))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("replay", "--state-dir", stateDir.toString());
    }

    private static void corruptTheMirrorsOf(UUID account) throws Exception {
        try (var connection = redis.connect()) {
            connection.sync().hset("ledger:balance:" + account, "balance", "1.00");
        }
        try (Connection db = SERVERS.openDb()) {
            db.createStatement()
                    .executeUpdate(
                            "UPDATE ledger_read.account_balances SET balance = 1 WHERE account_id = '" + account + "'");
            db.createStatement()
                    .executeUpdate("UPDATE ledger_read.daily_summaries SET fees_total = 99 WHERE account_id = '"
                            + account + "'");
        }
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text);
    }
}
