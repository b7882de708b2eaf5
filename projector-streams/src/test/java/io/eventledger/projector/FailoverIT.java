package io.eventledger.projector;

import static io.eventledger.projector.ProjectorFixture.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.common.auth.Role;
import io.eventledger.common.envelope.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When one of two instances stops, the other takes over its keys well within the 45 s consumer session
 * timeout: the stopping instance leaves the group, and the standby copy makes the takeover fast.
 */
class FailoverIT {

    private static final Duration WELL_WITHIN_SESSION_TIMEOUT = Duration.ofSeconds(20);
    private Projector survivor;
    private Projector leaving;

    @AfterEach
    void stop() {
        Stream.of(leaving, survivor).filter(Objects::nonNull).forEach(Projector::close);
    }

    @Test
    void theRemainingInstanceAnswersEveryAccountSoonAfterTheOtherStops() throws Exception {
        String token = ProjectorFixture.token(Set.of(Role.AUDITOR));
        List<UUID> accounts = ProjectorFixture.accountsOnEveryPartition(0);
        ProjectorFixture.publishOpenAndDeposit(accounts);
        survivor = ProjectorFixture.startProjector();
        leaving = ProjectorFixture.startProjector();
        await().atMost(Duration.ofSeconds(90)).until(() ->
                Stream.of(survivor, leaving).allMatch(ProjectorFixture::runningWithTwoOwners));
        accounts.forEach(account -> await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(balance(account, token)).isNotNull()));

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

    /** The balance as the survivor answers it, or null while it cannot (503 during the takeover). */
    private JsonNode balance(UUID account, String token) throws Exception {
        HttpResponse<String> response = get(survivor.port(), "/balances/" + account, token);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
    }
}
