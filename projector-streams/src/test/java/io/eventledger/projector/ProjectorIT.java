package io.eventledger.projector;

import static io.eventledger.projector.ProjectorFixture.SERVERS;
import static io.eventledger.projector.ProjectorFixture.get;
import static io.eventledger.projector.ProjectorFixture.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.platform.auth.Role;
import io.eventledger.projector.topology.TestEnvelopes;
import io.lettuce.core.RedisClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two real projector instances over real Kafka, Postgres and Redis: queries, forwarding and both mirrors. */
class ProjectorIT {

    private static final List<UUID> ACCOUNTS = ProjectorFixture.accountsOnEveryPartition(2);
    private static String token;
    private static Projector first;
    private static Projector second;

    @BeforeAll
    static void start() throws Exception {
        token = ProjectorFixture.token(Set.of(Role.READER));
        ProjectorFixture.publishOpenAndDeposit(ACCOUNTS);
        first = ProjectorFixture.startProjector();
        second = ProjectorFixture.startProjector();
        // both RUNNING and both owning active partitions: only then must some query be forwarded
        await().atMost(Duration.ofSeconds(90))
                .until(() -> Stream.of(first, second).allMatch(ProjectorFixture::runningWithTwoOwners));
    }

    @AfterAll
    static void stop() {
        Stream.of(second, first).filter(Objects::nonNull).forEach(Projector::close);
    }

    @Test
    void everyAccountIsAnsweredByBothInstancesAndSomeAnswersAreForwarded() {
        Set<String> forwarded = new HashSet<>();
        for (Projector asked : List.of(first, second)) {
            for (UUID account : ACCOUNTS) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> response = get(asked.port(), "/balances/" + account, token);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode balance = Json.mapper().readTree(response.body());
                    assertThat(balance.get("balance").isTextual()).isTrue();
                    assertThat(balance.get("balance").asText()).isEqualTo("500.00");
                    assertThat(balance.get("version").asInt()).isEqualTo(2);
                    assertThat(balance.get("accountId").asText()).isEqualTo(account.toString());
                    assertThat(balance.get("status").asText()).isEqualTo("OPEN");
                    assertThat(balance.get("hash").asText()).isEqualTo(TestEnvelopes.hash(account, 2));
                    if (!balance.get("servedBy").asText().endsWith(":" + asked.port())) {
                        forwarded.add(
                                asked.port() + "->" + balance.get("servedBy").asText());
                    }
                });
            }
        }
        assertThat(forwarded)
                .as("each instance forwarded the keys the other owns")
                .hasSize(2);
    }

    @Test
    void bothMirrorsReachTheSameBalanceAndVersion() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            try (Connection db = SERVERS.openDb();
                    ResultSet rs = db.createStatement()
                            .executeQuery("SELECT account_id, balance, version FROM ledger_read.account_balances")) {
                Map<String, String> rows = new HashMap<>();
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getBigDecimal(2).toPlainString() + " v" + rs.getInt(3));
                }
                ACCOUNTS.forEach(account -> assertThat(rows).containsEntry(account.toString(), "500.00 v2"));
            }
            try (Connection db = SERVERS.openDb();
                    ResultSet rs = db.createStatement()
                            .executeQuery("SELECT account_id, deposits_count, deposits_total, closing_balance, version"
                                    + " FROM ledger_read.daily_summaries WHERE day = '2025-03-01'")) {
                Map<String, String> rows = new HashMap<>();
                while (rs.next()) {
                    rows.put(
                            rs.getString(1),
                            rs.getInt(2) + " " + rs.getBigDecimal(3).toPlainString() + " "
                                    + rs.getBigDecimal(4).toPlainString() + " v" + rs.getInt(5));
                }
                ACCOUNTS.forEach(account -> assertThat(rows).containsEntry(account.toString(), "1 500.00 500.00 v2"));
            }
        });
        RedisClient redis = RedisClient.create(SERVERS.env().get("LEDGER_REDIS_URL"));
        try (var connection = redis.connect()) {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> ACCOUNTS.forEach(
                            account -> assertThat(connection.sync().hgetall("ledger:balance:" + account))
                                    .containsEntry("balance", "500.00")
                                    .containsEntry("version", "2")
                                    .containsEntry("currency", "EUR")
                                    .containsEntry("status", "OPEN")));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> ACCOUNTS.forEach(
                            account -> assertThat(connection.sync().hgetall("ledger:daily:" + account + ":2025-03-01"))
                                    .containsEntry("depositsCount", "1")
                                    .containsEntry("depositsTotal", "500.00")
                                    .containsEntry("closingBalance", "500.00")
                                    .containsEntry("version", "2")));
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void aMissingTokenIs401AnUnknownAccount404AndAMalformedId400() throws Exception {
        String someAccount = "/balances/" + ACCOUNTS.get(0);
        assertThat(get(first.port(), someAccount, null).statusCode()).isEqualTo(401);
        assertThat(get(first.port(), someAccount, "not-a-token").statusCode()).isEqualTo(401);
        for (Projector asked : List.of(first, second)) {
            // waitMs: a rebalance right after the start is waited out rather than answered 503
            HttpResponse<String> unknown = get(asked.port(), "/balances/" + UUID.randomUUID() + "?waitMs=10000", token);
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        }
        assertThat(get(first.port(), "/balances/not-a-uuid", token).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aReadWithMinVersionWaitsForTheProjectionOrAnswers503() throws Exception {
        UUID fresh = UUID.randomUUID();
        ProjectorFixture.publishOpenAndDeposit(List.of(fresh));
        for (Projector asked : List.of(first, second)) {
            // no Awaitility here: the server itself waits until the store reaches version 2
            HttpResponse<String> response =
                    get(asked.port(), "/balances/" + fresh + "?minVersion=2&waitMs=10000", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Json.mapper().readTree(response.body()).get("version").asInt())
                    .isEqualTo(2);
        }
        HttpResponse<String> tooNew = get(second.port(), "/balances/" + fresh + "?minVersion=3&waitMs=100", token);
        assertThat(tooNew.statusCode()).as(tooNew.body()).isEqualTo(503);
        assertThat(tooNew.headers().firstValue("Retry-After")).isPresent();
        assertThat(get(first.port(), "/balances/" + fresh + "?minVersion=-1", token)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void healthIsPublicAndMetricsNeedAToken() throws Exception {
        assertThat(get(first.port(), "/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get(second.port(), "/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(get(first.port(), "/metrics", null).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = get(first.port(), "/metrics", token);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("kafka_stream");
    }

    @Test
    void metricsCountRecordsAndDeadLettersAndShowLagAndQueryLatency() {
        // a gap rather than a poison record: every record of the run's topic stays one a downstream reader decodes
        UUID gapped = UUID.randomUUID();
        ProjectorFixture.publishRaw(gapped.toString(), TestEnvelopes.bytes(gapped, 3, new AccountOpened("o", "EUR")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            get(first.port(), "/balances/" + ACCOUNTS.get(0), token);
            String scrapes = get(first.port(), "/metrics", token).body()
                    + get(second.port(), "/metrics", token).body();
            assertThat(metric(scrapes, "ledger_projector_dead_letters_total", "reason=\"gap\""))
                    .isPositive();
            assertThat(metric(scrapes, "ledger_projector_records_total", "outcome=\"applied\""))
                    .isGreaterThanOrEqualTo(2.0 * ACCOUNTS.size());
            assertThat(scrapes)
                    .contains("ledger_projector_dead_letters_total{reason=\"undecodable\"}")
                    .contains("kafka_consumer_fetch_manager_records_lag_max")
                    .contains("ledger_projector_mirror_lag{")
                    .contains("ledger_projector_mirror_failures_total{");
            assertThat(metric(scrapes, "ledger_projector_query_seconds_bucket", "route=\"/balances/{id}\""))
                    .isPositive();
        });
    }
}
