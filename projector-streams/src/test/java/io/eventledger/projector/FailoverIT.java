package io.eventledger.projector;

import static io.eventledger.projector.ProjectorFixture.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Instances come and go without a wrong answer: while a second instance joins, every query on either
 * instance is answered 200 or 503 (never a 500); and when one of two stops, the other takes over its keys
 * well within the 45 s consumer session timeout, because the stopping instance leaves the group and the
 * standby copy makes the takeover fast.
 */
class FailoverIT {

    private static final Duration WELL_WITHIN_SESSION_TIMEOUT = Duration.ofSeconds(20);
    private Projector survivor;
    private volatile Projector leaving;

    @AfterEach
    void stop() {
        Stream.of(leaving, survivor).filter(Objects::nonNull).forEach(Projector::close);
    }

    @Test
    void aJoiningInstanceCausesNo500AndTheRemainingOneAnswersEveryAccountSoonAfterTheOtherStops() throws Exception {
        String token = ProjectorFixture.token(Set.of(Role.AUDITOR));
        List<UUID> accounts = ProjectorFixture.accountsOnEveryPartition(0);
        ProjectorFixture.publishOpenAndDeposit(accounts);
        survivor = ProjectorFixture.startProjector();
        accounts.forEach(account -> await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(balance(account, token)).isNotNull()));

        Map<String, String> statuses = queryAll(accounts, token, () -> {
            leaving = ProjectorFixture.startProjector();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> Stream.of(survivor, leaving).allMatch(ProjectorFixture::runningWithTwoOwners));
        });
        assertThat(statuses.keySet())
                .as("statuses seen while the second instance joined: %s", statuses)
                .isSubsetOf("200", "503")
                .contains("200");

        leaving.close();

        String survivorAddress = "127.0.0.1:" + survivor.port();
        await().atMost(WELL_WITHIN_SESSION_TIMEOUT).untilAsserted(() -> {
            for (UUID account : accounts) {
                JsonNode balance = balance(account, token);
                assertThat(balance).as("account %s", account).isNotNull();
                assertThat(balance.get("servedBy").asText()).isEqualTo(survivorAddress);
                assertThat(balance.get("balance").asText()).isEqualTo("500.00");
            }
        });
    }

    /** Runs {@code meanwhile} while asking every query of both instances over and over; returns status → a body. */
    private Map<String, String> queryAll(List<UUID> accounts, String token, ThrowingRunnable meanwhile)
            throws Exception {
        Map<String, String> statuses = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> querying = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                for (Projector asked :
                        Stream.of(survivor, leaving).filter(Objects::nonNull).toList()) {
                    for (String path : List.of(
                            "/balances/" + accounts.get(0),
                            "/summary",
                            "/balances/" + accounts.get(1) + "/daily?from=2025-03-01&to=2025-03-01")) {
                        record(statuses, asked.port(), path, token);
                    }
                }
            }
        });
        try {
            meanwhile.run();
        } finally {
            done.set(true);
            querying.join();
        }
        return statuses;
    }

    private static void record(Map<String, String> statuses, int port, String path, String token) {
        try {
            HttpResponse<String> response = get(port, path, token);
            statuses.putIfAbsent(Integer.toString(response.statusCode()), path + " " + response.body());
        } catch (Exception e) {
            statuses.putIfAbsent("no answer", path + " " + e);
        }
    }

    /** The balance as the survivor answers it, or null while it cannot (503 during the takeover). */
    private JsonNode balance(UUID account, String token) throws Exception {
        HttpResponse<String> response = get(survivor.port(), "/balances/" + account, token);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
    }

    /** What the test does while the queries run. */
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
