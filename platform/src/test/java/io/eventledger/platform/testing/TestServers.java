package io.eventledger.platform.testing;

import io.eventledger.platform.config.Connections;
import io.eventledger.platform.config.TopicSettings;
import io.eventledger.platform.kafka.TopicSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real servers for integration tests, set up once per test JVM: a fresh Postgres database and a
 * fresh topic prefix per run, so two runs never collide and leftovers never decide a result. Kafka is
 * Testcontainers' {@code KafkaContainer} where a Docker engine answers, else the broker infra/ started.
 */
public final class TestServers {

    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final List<String> TOPIC_SETTINGS = List.of(
            TopicSettings.PARTITIONS,
            TopicSettings.DEAD_LETTER_PARTITIONS,
            TopicSettings.REPLICATION_FACTOR,
            TopicSettings.MIN_INSYNC_REPLICAS,
            TopicSettings.STREAMS_REPLICATION_FACTOR);
    private static TestServers instance;

    private final String runId = "it_" + Long.toString(System.currentTimeMillis(), 36) + "_"
            + UUID.randomUUID().toString().substring(0, 6);
    private final Map<String, String> env = new HashMap<>();

    private TestServers() {
        String dbName = "eventledger_" + runId;
        execAsAdmin("CREATE DATABASE " + dbName);
        env.put("LEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + dbName);
        env.put("LEDGER_DB_USER", System.getenv().getOrDefault("LEDGER_DB_USER", "postgres"));
        env.put("LEDGER_DB_PASSWORD", System.getenv().getOrDefault("LEDGER_DB_PASSWORD", ""));
        env.put("LEDGER_KAFKA_BOOTSTRAP", kafkaBootstrap());
        env.put("LEDGER_REDIS_URL", System.getenv().getOrDefault("LEDGER_REDIS_URL", "redis://127.0.0.1:6379"));
        env.put("LEDGER_TOPIC_PREFIX", runId + ".");
        // on a cluster of several brokers the tests run with its replication settings
        for (String name : TOPIC_SETTINGS) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        Connections connections = connections();
        new TopicSetup(connections.kafkaBootstrap(), connections.topicSettings()).ensure(connections.topics());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(dbName)));
    }

    public static synchronized TestServers get() {
        if (instance == null) {
            instance = new TestServers();
        }
        return instance;
    }

    /** The LEDGER_* variables of this run, as a deployable's {@code fromEnv} reads them. */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** The run's variables plus overrides, e.g. a port. */
    public Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(overrides);
        return Map.copyOf(merged);
    }

    public Connections connections() {
        return Connections.fromEnv(env);
    }

    public String runId() {
        return runId;
    }

    public Connection openDb() throws SQLException {
        return DriverManager.getConnection(
                env.get("LEDGER_DB_URL"), env.get("LEDGER_DB_USER"), env.get("LEDGER_DB_PASSWORD"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kafkaBootstrap() {
        String configured = System.getenv("LEDGER_KAFKA_BOOTSTRAP");
        if (configured == null && !"false".equals(System.getenv("LEDGER_TEST_DOCKER")) && dockerAnswers()) {
            KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
            kafka.start();
            return kafka.getBootstrapServers();
        }
        return configured == null ? "127.0.0.1:9092" : configured;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void execAsAdmin(String sql) {
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Postgres at 127.0.0.1:5432 is needed (infra/test.sh starts it): " + e.getMessage(), e);
        }
    }

    private static void dropQuietly(String dbName) {
        if ("true".equals(System.getenv("LEDGER_TEST_KEEP_DB"))) {
            return;
        }
        try {
            execAsAdmin("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
        } catch (IllegalStateException ignored) {
            // best effort: a leftover database never decides a result, since names are fresh per run
        }
    }
}
