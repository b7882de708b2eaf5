package io.eventledger.projector;

import static io.eventledger.projector.ProjectorFixture.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Role;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.StoreNames;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Instances come and go without a wrong answer. While a second instance joins, every query on either
 * instance is answered 200 or 503 (never a 500); when one of two stops, it leaves the group and the other
 * takes over its keys. When one of three dies without leaving the group (as kill -9 does), a reader that
 * passes the last version it saw is answered by the standby copies on the survivors, marked stale and never
 * older, without a 5xx, until the survivors run those keys' active copies and answer them fresh.
 */
class FailoverIT {

    // generous: how fast a takeover is belongs to the fault runs, not here
    private static final Duration TAKEOVER = Duration.ofSeconds(90);
    private static final Duration SETTLED = Duration.ofSeconds(120);
    private final List<Projector> started = new ArrayList<>();
    private Projector survivor;
    private volatile Projector leaving;

    @AfterEach
    void stop() {
        Stream.concat(Stream.of(leaving, survivor), started.stream())
                .filter(Objects::nonNull)
                .forEach(Projector::close);
    }

    @Test
    void aJoiningInstanceCausesNo500AndTheRemainingOneAnswersEveryAccountAfterTheOtherStops() throws Exception {
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
        await().atMost(TAKEOVER).untilAsserted(() -> {
            for (UUID account : accounts) {
                JsonNode balance = balance(account, token);
                assertThat(balance).as("account %s", account).isNotNull();
                assertThat(balance.get("servedBy").asText()).isEqualTo(survivorAddress);
                assertThat(balance.has("stale"))
                        .as("a fresh answer: %s", balance)
                        .isFalse();
                assertThat(balance.get("balance").asText()).isEqualTo("500.00");
            }
        });
    }

    @Test
    void whenOneOfThreeDiesWithoutLeavingTheSurvivorsAnswerItsKeysFromStandbysMarkedStaleThenFresh() throws Exception {
        String token = ProjectorFixture.token(Set.of(Role.READER));
        List<UUID> accounts = ProjectorFixture.accountsOnEveryPartition(6);
        ProjectorFixture.publishOpenAndDeposit(accounts);
        Projector first = start(ProjectorFixture.startProjector());
        Projector second = start(ProjectorFixture.startProjector());
        Projector dying = start(ProjectorFixture.startProjectorThatDiesSilently());
        List<Projector> all = List.of(first, second, dying);
        await().atMost(SETTLED)
                .ignoreExceptions()
                .until(() -> all.stream().allMatch(p -> ProjectorFixture.runningWithOwners(p, 3))
                        && standbyCopiesHold(all, accounts, 2));
        List<Projector> survivors = List.of(first, second);
        Set<String> survivorAddresses = Set.of(address(first), address(second));

        try (PollingReader reader = new PollingReader(accounts, 2, survivors, token)) {
            dying.close();
            await().atMost(TAKEOVER).untilAsserted(() -> everyAccountFreshOn(survivors, accounts, token));
            reader.close();

            assertThat(reader.refused()).as("answers other than 200").isEmpty();
            assertThat(reader.wentBack()).as("answers older than minVersion").isEmpty();
            // the dead instance owned some accounts: until the survivors took them over, standbys answered them
            assertThat(reader.staleAnswers()).isPositive();
            assertThat(reader.staleServers()).isSubsetOf(survivorAddresses);
        }
    }

    /** Every account's standby copy (on the instance the placement names) holds at least {@code version}. */
    private static boolean standbyCopiesHold(List<Projector> instances, List<UUID> accounts, int version) {
        for (UUID account : accounts) {
            KeyQueryMetadata placement = instances
                    .getFirst()
                    .streams()
                    .queryMetadataForKey(
                            StoreNames.BALANCES_STORE,
                            account.toString(),
                            Serdes.String().serializer());
            if (placement.standbyHosts().isEmpty()) {
                return false;
            }
            for (HostInfo standby : placement.standbyHosts()) {
                Balance copy = holder(instances, standby)
                        .streams()
                        .store(StoreQueryParameters.fromNameAndType(
                                        StoreNames.BALANCES_STORE, QueryableStoreTypes.<String, Balance>keyValueStore())
                                .enableStaleStores()
                                .withPartition(placement.partition()))
                        .get(account.toString());
                if (copy == null || copy.version() < version) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Each survivor answers every account's balance and days fresh, from a survivor's store. */
    private static void everyAccountFreshOn(List<Projector> survivors, List<UUID> accounts, String token)
            throws Exception {
        Set<String> addresses =
                Set.copyOf(survivors.stream().map(FailoverIT::address).toList());
        for (Projector asked : survivors) {
            for (UUID account : accounts) {
                for (String path : List.of(
                        "/balances/" + account, "/balances/" + account + "/daily?from=2025-03-01&to=2025-03-01")) {
                    JsonNode answer = ProjectorFixture.json(asked.port(), path, token);
                    assertThat(answer.has("stale")).as("%s: %s", path, answer).isFalse();
                    assertThat(answer.get("servedBy").asText()).isIn(addresses);
                    assertThat(answer.get("version").asInt()).isEqualTo(2);
                }
            }
        }
    }

    private Projector start(Projector projector) {
        started.add(projector);
        return projector;
    }

    private static Projector holder(List<Projector> instances, HostInfo host) {
        return instances.stream()
                .filter(p -> p.port() == host.port())
                .findFirst()
                .orElseThrow();
    }

    private static String address(Projector projector) {
        return "127.0.0.1:" + projector.port();
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
