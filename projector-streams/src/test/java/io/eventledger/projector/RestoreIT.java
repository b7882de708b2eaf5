package io.eventledger.projector;

import static io.eventledger.projector.ProjectorFixture.freshJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.platform.auth.Role;
import io.eventledger.projector.replay.ReplayReset;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * Both stores survive a restart: from the instance's own state directory, and, with that directory wiped,
 * from the changelog topics alone (the input offsets are committed at the end, so nothing is re-read).
 */
class RestoreIT {

    private static final Map<String, String> NO_MIRRORS = Map.of("LEDGER_MIRRORS_ENABLED", "false");

    @Test
    void anInstanceAnswersTheSameAfterARestartWithItsStateAndWithItsStateWiped() throws Exception {
        String token = ProjectorFixture.token(Set.of(Role.READER));
        List<UUID> accounts = ProjectorFixture.accountsOnEveryPartition(0);
        for (UUID account : accounts) {
            ProjectorFixture.publish(
                    account,
                    new AccountOpened("o", "EUR"),
                    new MoneyDeposited(amount("80.00"), "EUR", "r"),
                    new MoneyWithdrawn(amount("30.25"), "EUR", "r"));
        }
        Path stateDir = Files.createTempDirectory("restore-it");

        Map<UUID, JsonNode> before = answersOfAFreshInstance(stateDir, accounts, token);
        assertThat(before.values())
                .allSatisfy(answer -> assertThat(
                                answer.get("balance").get("balance").asText())
                        .isEqualTo("49.75"));
        assertThat(answersOfAFreshInstance(stateDir, accounts, token)).isEqualTo(before);

        assertInputFullyCommitted();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
        assertThat(answersOfAFreshInstance(stateDir, accounts, token)).isEqualTo(before);
    }

    /** Starts an instance on {@code stateDir}, reads balance and days of every account once v3 shows, stops it. */
    private static Map<UUID, JsonNode> answersOfAFreshInstance(Path stateDir, List<UUID> accounts, String token) {
        Map<UUID, JsonNode> answers = new LinkedHashMap<>();
        try (Projector projector =
                ProjectorMain.start(ProjectorConfig.fromEnv(ProjectorFixture.env(stateDir, NO_MIRRORS)))) {
            for (UUID account : accounts) {
                answers.put(
                        account,
                        await().atMost(Duration.ofSeconds(60))
                                .ignoreExceptions()
                                .until(() -> answer(projector.port(), account, token), a -> a != null));
            }
        }
        return answers;
    }

    private static JsonNode answer(int port, UUID account, String token) throws Exception {
        ObjectNode balance = (ObjectNode) freshJson(port, "/balances/" + account + "?minVersion=3&waitMs=10000", token);
        ObjectNode days =
                (ObjectNode) freshJson(port, "/balances/" + account + "/daily?from=2025-03-01&to=2025-03-01", token);
        balance.remove("servedBy");
        days.remove("servedBy");
        return balance.objectNode().setAll(Map.of("balance", balance, "daily", days));
    }

    private static void assertInputFullyCommitted() {
        var connections = ProjectorFixture.SERVERS.connections();
        String applicationId =
                ProjectorConfig.fromEnv(ProjectorFixture.SERVERS.env()).applicationId();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connections.kafkaBootstrap()))) {
            ReplayReset kafka = new ReplayReset(admin);
            assertThat(kafka.committed(applicationId))
                    .isEqualTo(kafka.ends(List.of(connections.topics().accountEvents())));
        }
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text);
    }
}
