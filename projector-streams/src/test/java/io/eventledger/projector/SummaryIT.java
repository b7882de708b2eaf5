package io.eventledger.projector;

import static io.eventledger.projector.ProjectorFixture.get;
import static io.eventledger.projector.ProjectorFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.platform.auth.Role;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Daily summaries and the all-accounts summary, asked of either of two real instances. */
class SummaryIT {

    private static final List<UUID> ACCOUNTS = ProjectorFixture.accountsOnEveryPartition(0);
    private static String token;
    private static Projector first;
    private static Projector second;

    @BeforeAll
    static void start() throws Exception {
        token = ProjectorFixture.token(Set.of(Role.AUDITOR));
        ProjectorFixture.publishOpenAndDeposit(ACCOUNTS);
        first = ProjectorFixture.startProjector();
        second = ProjectorFixture.startProjector();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> Stream.of(first, second).allMatch(ProjectorFixture::runningWithTwoOwners));
    }

    @AfterAll
    static void stop() {
        Stream.of(second, first).filter(Objects::nonNull).forEach(Projector::close);
    }

    @Test
    void everyAccountsDayIsAnsweredByBothInstances() {
        for (Projector asked : List.of(first, second)) {
            for (UUID account : ACCOUNTS) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode daily =
                            json(asked.port(), "/balances/" + account + "/daily?from=2025-02-01&to=2025-03-31", token);
                    assertThat(daily.get("zone").asText()).isEqualTo("UTC");
                    assertThat(daily.get("days")).hasSize(1);
                    JsonNode day = daily.get("days").get(0);
                    assertThat(day.get("day").asText()).isEqualTo("2025-03-01");
                    assertThat(day.get("deposits").get("count").asInt()).isEqualTo(1);
                    assertThat(day.get("deposits").get("total").asText()).isEqualTo("500.00");
                    assertThat(day.get("closingBalance").asText()).isEqualTo("500.00");
                    assertThat(day.get("eventCount").asInt()).isEqualTo(2);
                    assertThat(day.get("version").asInt()).isEqualTo(2);
                });
            }
        }
    }

    @Test
    void aBadRangeIs400NamingTheFieldAndAnUnknownAccount404() throws Exception {
        String daily = "/balances/" + ACCOUNTS.get(0) + "/daily";
        assertProblem(daily + "?from=2025-13-01&to=2025-03-01", 400, "from");
        assertProblem(daily + "?from=2025-03-01", 400, "to");
        assertProblem(daily + "?from=2025-03-02&to=2025-03-01", 400, "to");
        assertProblem(daily + "?from=2024-01-01&to=2025-01-01", 400, "to");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get(second.port(), daily + "?from=2024-01-01&to=2024-12-31", token)
                                .statusCode())
                        .isEqualTo(200));
        assertProblem("/balances/" + UUID.randomUUID() + "/daily?from=2025-03-01&to=2025-03-01", 404, null);
    }

    @Test
    void theSummaryTotalsEveryAccountAcrossBothInstances() throws Exception {
        JsonNode before = summary(first);
        UUID euro = UUID.randomUUID();
        UUID yen = UUID.randomUUID();
        ProjectorFixture.publish(
                euro,
                new AccountOpened("o", "EUR"),
                deposit("250.00", "EUR"),
                deposit("250.00", "EUR"),
                new MoneyWithdrawn(new BigDecimal("50.00"), "EUR", "atm"),
                new FeeCharged(new BigDecimal("1.50"), "EUR", "fee"));
        ProjectorFixture.publish(yen, new AccountOpened("o", "JPY"), deposit("1000", "JPY"));
        json(first.port(), "/balances/" + euro + "?minVersion=5&waitMs=10000", token);
        json(first.port(), "/balances/" + yen + "?minVersion=2&waitMs=10000", token);

        JsonNode after = summary(first);
        assertThat(summary(second).get("currencies")).isEqualTo(after.get("currencies"));
        assertThat(after.get("accounts").asInt() - before.get("accounts").asInt())
                .isEqualTo(2);
        assertThat(after.get("partitions")).hasSize(6);
        assertThat(after.get("servedBy")).hasSize(2);
        assertThat(delta(before, after, "EUR", "accounts")).isEqualByComparingTo("1");
        assertThat(delta(before, after, "EUR", "balance")).isEqualByComparingTo("448.50");
        assertThat(delta(before, after, "EUR", "deposits", "count")).isEqualByComparingTo("2");
        assertThat(delta(before, after, "EUR", "deposits", "total")).isEqualByComparingTo("500.00");
        assertThat(delta(before, after, "EUR", "withdrawals", "total")).isEqualByComparingTo("50.00");
        assertThat(delta(before, after, "EUR", "fees", "count")).isEqualByComparingTo("1");
        assertThat(after.get("currencies").get("JPY").get("balance").asText()).isEqualTo("1000");
    }

    /** The summary as {@code asked} answers it once the group is settled (200), as JSON. */
    private static JsonNode summary(Projector asked) {
        return await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> json(asked.port(), "/summary", token), Objects::nonNull);
    }

    private static BigDecimal delta(JsonNode before, JsonNode after, String currency, String... path) {
        return number(after.get("currencies").path(currency), path)
                .subtract(number(before.get("currencies").path(currency), path));
    }

    private static BigDecimal number(JsonNode node, String... path) {
        for (String step : path) {
            node = node.path(step);
        }
        return node.isMissingNode() ? BigDecimal.ZERO : new BigDecimal(node.asText());
    }

    private static void assertProblem(String path, int status, String field) throws Exception {
        HttpResponse<String> response = get(first.port(), path, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = Json.mapper().readTree(response.body());
        if (field != null) {
            assertThat(problem.get("field").asText()).isEqualTo(field);
        }
    }

    private static MoneyDeposited deposit(String amount, String currency) {
        return new MoneyDeposited(new BigDecimal(amount), currency, "ref");
    }
}
