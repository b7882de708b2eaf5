package io.eventledger.projector.mirror;

import static io.eventledger.projector.mirror.MirrorFixture.balance;
import static io.eventledger.projector.mirror.MirrorFixture.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.contract.topic.Topics;
import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.ReadModelSerde;
import io.lettuce.core.RedisClient;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The mirrors through store outages under steady load: while the store is away the mirror keeps
 * retrying with backoff and acknowledges nothing (its committed offsets stand still); once the store is
 * back it catches up to the last version of every key. Each tick also re-sends the previous version with
 * a stale value, so a mirror that ever wrote an older version over a newer one would end on a stale value.
 */
class MirrorOutageIT {

    private static final Topics TOPICS = MirrorFixture.topics("outage-it");
    private static final String STALE = "-1.00";
    private static final long TICK_MS = 100;
    private final List<UUID> accounts =
            IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();

    @Test
    void redisStoppedForThirtySecondsDelaysTheDailyMirrorAndItCatchesUp() throws Exception {
        String group = "outage-it-redis-" + UUID.randomUUID();
        try (PrivateRedis redisServer = new PrivateRedis()) {
            RedisClient client = RedisReadModels.client(redisServer.url());
            var sink = RedisReadModels.dailySummaries(client, Overwrite.NEWER);
            Mirror<?> mirror = MirrorFixture.start(
                    group, TOPICS.dailySummaries(), ReadModelSerde.DAILY_SUMMARY, sink, Duration.ofSeconds(2));
            try (SteadyLoad load = new SteadyLoad(this::dailyTick, TICK_MS)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> redisVersions(client).stream().allMatch(v -> v >= 3));

                redisServer.stop();
                assertOutageHolds(mirror, group, load, Duration.ofSeconds(30));
                redisServer.start();

                load.close();
                int last = load.ticks();
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(redisDays(client))
                                .allSatisfy(day -> assertThat(day)
                                        .containsEntry("version", Integer.toString(last))
                                        .containsEntry("closingBalance", last + ".00")));
            } finally {
                mirror.close();
                sink.close();
                client.shutdown();
            }
        }
    }

    @Test
    void postgresRefusingTheMirrorDelaysTheBalanceMirrorAndItCatchesUp() throws Exception {
        String role = "mirror_it_" + UUID.randomUUID().toString().replace("-", "");
        String group = "outage-it-postgres-" + UUID.randomUUID();
        MirrorFixture.migratedDb();
        admin(
                "CREATE ROLE " + role + " LOGIN",
                "GRANT USAGE ON SCHEMA ledger_read TO " + role,
                "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA ledger_read TO " + role);
        try (HikariDataSource pool = pool(role)) {
            Mirror<?> mirror = MirrorFixture.start(
                    group,
                    TOPICS.balances(),
                    ReadModelSerde.BALANCE,
                    new PostgresBalances(pool, Overwrite.NEWER),
                    Duration.ofMillis(500));
            try (SteadyLoad load = new SteadyLoad(this::balanceTick, TICK_MS)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (UUID account : accounts) {
                        assertThat(MirrorFixture.postgresBalance(account)).doesNotContain("absent");
                    }
                });

                // what a Postgres restart does to a client: its connections die and new ones are refused
                admin(
                        "ALTER ROLE " + role + " NOLOGIN",
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
                assertOutageHolds(mirror, group, load, Duration.ofSeconds(5));
                admin("ALTER ROLE " + role + " LOGIN");

                load.close();
                int last = load.ticks();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    for (UUID account : accounts) {
                        assertThat(MirrorFixture.postgresBalance(account)).isEqualTo(last + ".00 v" + last);
                    }
                });
            } finally {
                mirror.close();
            }
        } finally {
            admin("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    /** While the store is away: the mirror keeps failing and retrying, commits nothing, and the load goes on. */
    private static void assertOutageHolds(Mirror<?> mirror, String group, SteadyLoad load, Duration outage)
            throws Exception {
        long failuresBefore = mirror.failures();
        await().atMost(Duration.ofSeconds(30)).until(() -> mirror.failures() > failuresBefore);
        long committed = MirrorFixture.committed(group);
        int ticks = load.ticks();
        await().during(outage)
                .atMost(outage.plusSeconds(15))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> MirrorFixture.committed(group) == committed);
        assertThat(mirror.failures()).as("retried, with backoff").isGreaterThan(failuresBefore + 1);
        assertThat(load.ticks()).as("the load kept coming").isGreaterThan(ticks);
    }

    private List<ProducerRecord<String, byte[]>> dailyTick(int tick) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (UUID account : accounts) {
            records.add(dayRecord(day(account, tick, tick + ".00")));
            if (tick > 1) {
                records.add(dayRecord(day(account, tick - 1, STALE)));
            }
        }
        return records;
    }

    private List<ProducerRecord<String, byte[]>> balanceTick(int tick) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (UUID account : accounts) {
            records.add(new ProducerRecord<>(
                    TOPICS.balances(),
                    account.toString(),
                    ReadModelSerde.BALANCE.write(balance(account, tick, tick + ".00"))));
            if (tick > 1) {
                records.add(new ProducerRecord<>(
                        TOPICS.balances(),
                        account.toString(),
                        ReadModelSerde.BALANCE.write(balance(account, tick - 1, STALE))));
            }
        }
        return records;
    }

    private static ProducerRecord<String, byte[]> dayRecord(DailySummary day) {
        return new ProducerRecord<>(TOPICS.dailySummaries(), day.key(), ReadModelSerde.DAILY_SUMMARY.write(day));
    }

    private List<Integer> redisVersions(RedisClient client) {
        return redisDays(client).stream()
                .map(day -> Integer.parseInt(day.getOrDefault("version", "0")))
                .toList();
    }

    /** Each account's day as Redis holds it, over a fresh connection: one that saw the outage may still be reconnecting. */
    private List<Map<String, String>> redisDays(RedisClient client) {
        try (var connection = client.connect()) {
            return accounts.stream()
                    .map(account ->
                            connection.sync().hgetall(RedisReadModels.DAILY_PREFIX + account + ":" + MirrorFixture.DAY))
                    .toList();
        }
    }

    private static HikariDataSource pool(String role) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(MirrorFixture.SERVERS.env().get("LEDGER_DB_URL"));
        config.setUsername(role);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1_000);
        return new HikariDataSource(config);
    }

    private static void admin(String... statements) throws Exception {
        try (Connection db = MirrorFixture.SERVERS.openDb()) {
            for (String sql : statements) {
                db.createStatement().execute(sql);
            }
        }
    }
}
