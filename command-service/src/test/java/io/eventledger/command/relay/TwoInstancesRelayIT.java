package io.eventledger.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.Scrape;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import io.eventledger.platform.testing.TestServers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two command-service instances ({@code ledger serve} processes, relays on, two shards) on one database and
 * topic prefix, taking commands on the same accounts through both: for each shard exactly one of the two
 * processes publishes, as both Postgres' locks and the instances' own {@code ledger_relay_active} gauges say,
 * at every sample while the load runs. Then the process holding shard 0 is killed with kill -9 mid-load: the
 * other instance's relay takes over every shard it held, the load goes on through the survivor, and the topic,
 * read from the beginning, holds every account's stored events in version order after dropping repeats.
 *
 * <p>{@link RelayOrderIT} shows the same takeover for standalone {@code ledger relay} processes (one shard,
 * two kills, 5,000 commands through one in-process service); {@link OutboxRelayIT} and {@link ShardedRelayIT}
 * show it for in-process relays stopped cleanly and for shard counts that must not run together. What this
 * adds: the relays inside serving instances, several shards, both instances writing while one dies.
 */
class TwoInstancesRelayIT {

    private static final int SHARDS = 2;
    private static final int ACCOUNTS = 40;
    private static final int WRITERS = 8;
    private static final int COMMANDS = 1_600;
    private static final int KILL_AT = COMMANDS / 2;
    private static final ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    private static final List<Process> instances = new ArrayList<>();
    private static final List<ApiClient> apis = new ArrayList<>();
    private static final List<Map<Integer, Long>> activeSamples = new ArrayList<>();
    private static final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger unanswered = new AtomicInteger();
    private static RelayProcesses processes;
    private static String token;
    private static List<UUID> accounts;
    private static Map<Integer, Long> holdersBefore;
    private static Map<Integer, Long> holdersAfter;
    private static int victim;
    private static String survivorScrape;
    private static List<TopicDump.Published> published;
    private static Map<UUID, Map<Integer, UUID>> stored;

    @BeforeAll
    static void writeThroughBothAndKillTheOneHoldingShardZero() throws Exception {
        token = new TokenStore(TestLedger.db()).create("two-relays", Set.of(Role.OPERATOR, Role.READER));
        processes = new RelayProcesses(
                TestLedger.servers().env(Map.of("LEDGER_RELAY_SHARDS", Integer.toString(SHARDS))),
                Path.of("target", "two-instances-relay-it"),
                TestLedger.db());
        for (int i = 0; i < 2; i++) {
            int port = TestServers.freePort();
            instances.add(processes.serve(port));
            apis.add(new ApiClient(port));
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> apis.getLast().get("/health/ready", null).statusCode() == 200);
        }
        holdersBefore =
                await().atMost(Duration.ofSeconds(30)).until(TwoInstancesRelayIT::holders, h -> h.size() == SHARDS);
        accounts = StoredVersions.all(IntStream.range(0, ACCOUNTS)
                .mapToObj(i -> pool.submit(() -> new AccountLoad(apis.get(i % 2), token).open()))
                .toList());

        AtomicInteger next = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<Future<Object>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < COMMANDS; n = next.getAndIncrement()) {
                    write(n, killed.get());
                }
                return null;
            }));
        }
        while (next.get() < KILL_AT) {
            activeSamples.add(activeByShard());
        }
        victim = instances.indexOf(instances.stream()
                .filter(p -> p.pid() == holdersBefore.get(0))
                .findFirst()
                .orElseThrow());
        instances.get(victim).destroyForcibly();
        killed.set(true);
        holdersAfter = await().atMost(Duration.ofSeconds(30))
                .until(
                        TwoInstancesRelayIT::holders,
                        h -> h.size() == SHARDS
                                && h.values().stream()
                                        .allMatch(pid -> pid == survivor().pid()));
        StoredVersions.all(writers);

        await().atMost(Duration.ofSeconds(60)).until(() -> TestRelays.pending(accounts) == 0);
        survivorScrape = apis.get(1 - victim).get("/metrics", token).body();
        published = StoredVersions.published(accounts);
        stored = StoredVersions.of(accounts);
    }

    @AfterAll
    static void stopInstances() throws Exception {
        pool.shutdownNow();
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void eachShardHadExactlyOneActiveRelayAcrossTheInstancesWhileBothRan() {
        assertThat(holdersBefore.values())
                .allSatisfy(
                        pid -> assertThat(instances.stream().map(Process::pid)).contains(pid));
        assertThat(activeSamples).isNotEmpty();
        // each sample: per shard, the number of instances whose relay says it is active
        assertThat(activeSamples).allSatisfy(sample -> assertThat(sample).isEqualTo(Map.of(0, 1L, 1, 1L)));
        System.out.printf(
                "TwoInstancesRelayIT: shard holders before the kill %s (instances %s), after %s; %d samples of"
                        + " both gauges; %d commands unanswered by the killed instance%n",
                holdersBefore,
                instances.stream().map(Process::pid).toList(),
                holdersAfter,
                activeSamples.size(),
                unanswered.get());
    }

    @Test
    void theSurvivorTookOverEveryShardTheKilledInstanceHeld() {
        assertThat(holdersAfter)
                .isEqualTo(Map.of(0, survivor().pid(), 1, survivor().pid()));
        for (int shard = 0; shard < SHARDS; shard++) {
            String s = Integer.toString(shard);
            assertThat(Scrape.value(survivorScrape, "ledger_relay_active", "shard", s))
                    .isEqualTo(1.0);
            boolean tookOver = holdersBefore.get(shard) != survivor().pid();
            assertThat(Scrape.value(survivorScrape, "ledger_relay_failovers_total", "shard", s))
                    .as("failovers of shard %d on the survivor", shard)
                    .isEqualTo(tookOver ? 1.0 : 0.0);
        }
        assertThat(refusals).as("answers other than 2xx or an expected 422").isEmpty();
    }

    @Test
    void everyAccountReadsExactlyItsStoredVersionsInOrderAfterDroppingRepeats() {
        TopicDump.Deduped deduped = StoredVersions.assertInOrder(accounts, published, stored);
        System.out.printf(
                "TwoInstancesRelayIT: %d events in the store, %d records read, %d repeats dropped%n",
                stored.values().stream().mapToInt(Map::size).sum(), published.size(), deduped.repeats());
    }

    /**
     * Command {@code n} goes to instance {@code n % 2} while both run, then to the survivor; a command the
     * killed instance never answered has an unknown outcome, which the store settles.
     */
    private static void write(int n, boolean afterKill) throws Exception {
        int instance = afterKill ? 1 - victim : n % 2;
        try {
            int status = new AccountLoad(apis.get(instance), token).anyMoneyCommand(accounts);
            if (status != 200 && status != 422) {
                refusals.add("instance " + instance + ": " + status);
            }
        } catch (IOException e) {
            unanswered.incrementAndGet();
        }
    }

    private static Process survivor() {
        return instances.get(1 - victim);
    }

    /** Per shard, the process holding its lock. */
    private static Map<Integer, Long> holders() throws Exception {
        Map<Integer, Long> holders = new HashMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            OptionalLong pid = processes.holder(new Shard(shard, SHARDS));
            if (pid.isPresent()) {
                holders.put(shard, pid.getAsLong());
            }
        }
        return holders;
    }

    /** Per shard, how many of the two instances report {@code ledger_relay_active} 1. */
    private static Map<Integer, Long> activeByShard() throws Exception {
        Map<Integer, Long> active = new HashMap<>();
        for (ApiClient api : apis) {
            HttpResponse<String> scrape = api.get("/metrics", token);
            assertThat(scrape.statusCode()).isEqualTo(200);
            for (int shard = 0; shard < SHARDS; shard++) {
                long on = (long) Scrape.value(scrape.body(), "ledger_relay_active", "shard", Integer.toString(shard));
                active.merge(shard, on, Long::sum);
            }
        }
        return active;
    }
}
