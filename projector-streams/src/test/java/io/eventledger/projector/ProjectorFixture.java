package io.eventledger.projector;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.eventstore.LedgerSchema;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import io.eventledger.platform.testing.TestServers;
import io.eventledger.projector.mirror.Overwrite;
import io.eventledger.projector.topology.StoreNames;
import io.eventledger.projector.topology.StreamsSettings.OnClose;
import io.eventledger.projector.topology.TestEnvelopes;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the projector ITs (and the benchmarks and system tests) set up against the real servers: a token,
 * published events, instances, HTTP. The only piece of command-service it uses is {@link LedgerSchema}: the
 * write side owns schema {@code ledger}, where the tokens live.
 */
public final class ProjectorFixture {

    public static final TestServers SERVERS = TestServers.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PARTITIONS = 6;

    private ProjectorFixture() {}

    /** Migrates the write side's schema (it holds the tokens) and returns a new token with {@code roles}. */
    public static String token(Set<Role> roles) throws Exception {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(SERVERS.env().get("LEDGER_DB_URL"));
        db.setUser(SERVERS.env().get("LEDGER_DB_USER"));
        LedgerSchema.migrate(db);
        return new TokenStore(db).create("it-" + roles.iterator().next().wireName(), roles);
    }

    /** AccountOpened v1 and MoneyDeposited v2 of 500.00 EUR for each account, on 2025-03-01 (UTC). */
    static void publishOpenAndDeposit(List<UUID> accounts) {
        for (UUID account : accounts) {
            publish(
                    account,
                    new AccountOpened("owner-" + account, "EUR"),
                    new MoneyDeposited(new BigDecimal("500.00"), "EUR", "salary"));
        }
    }

    /** The account's events as versions 1, 2, …, as the relay would publish them. */
    static void publish(UUID account, AccountEvent... events) {
        byte[][] values = new byte[events.length][];
        for (int i = 0; i < events.length; i++) {
            values[i] = TestEnvelopes.bytes(account, i + 1, events[i]);
        }
        publishRaw(account.toString(), values);
    }

    /** Records as given, in order, under one key. */
    static void publishRaw(String key, byte[]... values) {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.env().get("LEDGER_KAFKA_BOOTSTRAP")),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(
                        new ProducerRecord<>(SERVERS.connections().topics().accountEvents(), key, value));
            }
        }
    }

    /** Accounts whose keys cover every partition, so each instance owns some of them whatever the assignment. */
    static List<UUID> accountsOnEveryPartition(int extra) {
        Map<Integer, UUID> byPartition = new HashMap<>();
        while (byPartition.size() < PARTITIONS) {
            UUID account = UUID.randomUUID();
            byte[] key = account.toString().getBytes(StandardCharsets.UTF_8);
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(key)) % PARTITIONS, account);
        }
        return Stream.concat(
                        byPartition.values().stream(),
                        Stream.generate(UUID::randomUUID).limit(extra))
                .toList();
    }

    public static Projector startProjector() throws Exception {
        return startProjector(Files.createTempDirectory("projector-it"));
    }

    static Projector startProjector(Path stateDir) {
        return ProjectorMain.start(ProjectorConfig.fromEnv(env(stateDir, Map.of())));
    }

    /**
     * An instance whose {@link Projector#close()} does not tell the group: to the others it dies as a killed one
     * does, except that it still commits its open transaction, which a killed one leaves for the broker to abort.
     */
    static Projector startProjectorThatDiesSilently() throws Exception {
        return ProjectorMain.start(
                ProjectorConfig.fromEnv(env(Files.createTempDirectory("projector-it"), Map.of())),
                Overwrite.NEWER,
                OnClose.STAY_IN_GROUP);
    }

    /** An instance's environment: this run's servers, any free port, {@code stateDir}, and {@code more}. */
    public static Map<String, String> env(Path stateDir, Map<String, String> more) {
        Map<String, String> env =
                new HashMap<>(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_STATE_DIR", stateDir.toString()));
        env.putAll(more);
        return SERVERS.env(env);
    }

    /** RUNNING, and two instances own active partitions of the balances store. */
    public static boolean runningWithTwoOwners(Projector projector) {
        return runningWithOwners(projector, 2);
    }

    /** RUNNING, and {@code owners} instances own active partitions of the balances store. */
    static boolean runningWithOwners(Projector projector, int owners) {
        KafkaStreams streams = projector.streams();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        return streams.streamsMetadataForStore(StoreNames.BALANCES_STORE).stream()
                        .filter(m -> !m.topicPartitions().isEmpty())
                        .map(StreamsMetadata::hostInfo)
                        .distinct()
                        .count()
                == owners;
    }

    /** The body of a 200 answer as JSON; fails the assertion on any other status. */
    static JsonNode json(int port, String path, String bearer) throws Exception {
        HttpResponse<String> response = get(port, path, bearer);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /**
     * The answer of {@code path} once its active copy gives it: right after a start, while the instance restores
     * its stores, a query is answered from a copy that is still catching up, marked {@code "stale": true}.
     */
    static JsonNode freshJson(int port, String path, String bearer) {
        return await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> json(port, path, bearer), answer -> !answer.has("stale"));
    }

    /** The value of a Prometheus sample whose line starts with {@code name{} and contains {@code tag}; 0 if none. */
    static double metric(String scrape, String name, String tag) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(tag))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    static HttpResponse<String> get(int port, String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
