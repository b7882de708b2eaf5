package io.eventledger.projector.mirror;

import static io.eventledger.projector.mirror.MirrorFixture.balance;
import static io.eventledger.projector.mirror.MirrorFixture.day;
import static io.eventledger.projector.mirror.MirrorFixture.postgresBalance;
import static io.eventledger.projector.mirror.MirrorFixture.postgresDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.contract.topic.Topics;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.ReadModelSerde;
import io.lettuce.core.RedisClient;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mirrors against real Kafka, Postgres and Redis: a sink that fails delays its batch but loses
 * nothing, offsets are committed only once the sink took it, an older version that arrives after a newer
 * one changes neither Postgres nor Redis, and only a rebuild rewrites a version that is already there.
 */
class MirrorIT {

    private static final Topics TOPICS = MirrorFixture.topics("mirror-it");
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger(2);
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static final String POSTGRES_GROUP = "mirror-it-postgres-" + UUID.randomUUID();
    private static DataSource db;
    private static RedisClient redis;
    private static List<Mirror<?>> mirrors;

    @BeforeAll
    static void start() {
        db = MirrorFixture.migratedDb();
        redis = RedisClient.create(MirrorFixture.SERVERS.env().get("LEDGER_REDIS_URL"));
        Duration cap = Duration.ofMillis(200);
        mirrors = List.of(
                MirrorFixture.start(
                        POSTGRES_GROUP,
                        TOPICS.balances(),
                        ReadModelSerde.BALANCE,
                        failingTwice(new PostgresBalances(db, Overwrite.NEWER)),
                        cap),
                MirrorFixture.start(
                        "mirror-it-" + UUID.randomUUID(),
                        TOPICS.balances(),
                        ReadModelSerde.BALANCE,
                        RedisReadModels.balances(redis, Overwrite.NEWER),
                        cap),
                MirrorFixture.start(
                        "mirror-it-" + UUID.randomUUID(),
                        TOPICS.dailySummaries(),
                        ReadModelSerde.DAILY_SUMMARY,
                        new PostgresDailySummaries(db, Overwrite.NEWER),
                        cap),
                MirrorFixture.start(
                        "mirror-it-" + UUID.randomUUID(),
                        TOPICS.dailySummaries(),
                        ReadModelSerde.DAILY_SUMMARY,
                        RedisReadModels.dailySummaries(redis, Overwrite.NEWER),
                        cap));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Mirror<?> mirror : mirrors) {
            mirror.close();
        }
        redis.shutdown();
    }

    @Test
    void balanceFailuresAreRetriedAndAnOlderVersionNeverOverwritesANewerOne() throws Exception {
        UUID account = UUID.randomUUID();
        publishBalances(balance(account, 1, "0.00"), balance(account, 3, "75.25"), balance(account, 2, "100.00"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(postgresBalance(account)).isEqualTo("75.25 v3"));
        try (var connection = redis.connect()) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(connection.sync().hgetall(RedisReadModels.BALANCE_PREFIX + account))
                            .containsEntry("balance", "75.25")
                            .containsEntry("version", "3")
                            .containsEntry("ownerId", "owner"));
        }
        assertThat(ATTEMPTS.get())
                .as("two failed attempts, then the batch went through")
                .isGreaterThanOrEqualTo(3);
        assertThat(mirrors.get(0).failures()).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(MirrorFixture.committed(POSTGRES_GROUP)).isEqualTo(3));
    }

    @Test
    void dailySummariesReachBothStoresAndAnOlderVersionNeverOverwritesANewerOne() throws Exception {
        UUID account = UUID.randomUUID();
        publishDays(day(account, 1, "10.00"), day(account, 3, "30.00"), day(account, 2, "20.00"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(postgresDay(account)).isEqualTo("30.00 v3"));
        try (var connection = redis.connect()) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(connection
                                    .sync()
                                    .hgetall(RedisReadModels.DAILY_PREFIX + account + ":" + MirrorFixture.DAY))
                            .containsEntry("closingBalance", "30.00")
                            .containsEntry("version", "3")
                            .containsEntry("depositsCount", "3")
                            .containsEntry("depositsTotal", "30.00")
                            .containsEntry("day", "2025-03-01")
                            .containsEntry("eventCount", "3"));
        }
    }

    @Test
    void onlyARebuildRewritesTheVersionAlreadyStoredAndNeitherWritesAnOlderOne() throws Exception {
        UUID account = UUID.randomUUID();
        var running = List.<MirrorSink<Balance>>of(
                new PostgresBalances(db, Overwrite.NEWER), RedisReadModels.balances(redis, Overwrite.NEWER));
        var rebuild = List.<MirrorSink<Balance>>of(
                new PostgresBalances(db, Overwrite.NEWER_OR_SAME),
                RedisReadModels.balances(redis, Overwrite.NEWER_OR_SAME));
        write(running, balance(account, 2, "10.00"));
        write(running, balance(account, 2, "99.00"));
        assertThat(bothStores(account)).containsExactly("10.00 v2", "10.00 v2");

        write(rebuild, balance(account, 2, "99.00"));
        assertThat(bothStores(account)).containsExactly("99.00 v2", "99.00 v2");

        write(rebuild, balance(account, 1, "1.00"));
        assertThat(bothStores(account)).containsExactly("99.00 v2", "99.00 v2");
    }

    private static void write(List<MirrorSink<Balance>> sinks, Balance balance) throws Exception {
        for (MirrorSink<Balance> sink : sinks) {
            sink.write(List.of(balance));
        }
    }

    private static List<String> bothStores(UUID account) throws Exception {
        try (var connection = redis.connect()) {
            var hash = connection.sync().hgetall(RedisReadModels.BALANCE_PREFIX + account);
            return List.of(postgresBalance(account), hash.get("balance") + " v" + hash.get("version"));
        }
    }

    private static MirrorSink<Balance> failingTwice(MirrorSink<Balance> delegate) {
        return new MirrorSink<>() {
            @Override
            public void write(List<Balance> balances) throws Exception {
                ATTEMPTS.incrementAndGet();
                if (FAILURES_LEFT.getAndDecrement() > 0) {
                    throw new SQLTransientConnectionException("simulated outage");
                }
                delegate.write(balances);
            }

            @Override
            public String name() {
                return "failing twice, then " + delegate.name();
            }
        };
    }

    private static void publishBalances(Balance... balances) {
        try (var producer = MirrorFixture.producer()) {
            for (Balance balance : balances) {
                producer.send(new ProducerRecord<>(
                        TOPICS.balances(), balance.accountId().toString(), ReadModelSerde.BALANCE.write(balance)));
            }
        }
    }

    private static void publishDays(DailySummary... days) {
        try (var producer = MirrorFixture.producer()) {
            for (DailySummary day : days) {
                producer.send(new ProducerRecord<>(
                        TOPICS.dailySummaries(), day.key(), ReadModelSerde.DAILY_SUMMARY.write(day)));
            }
        }
    }
}
