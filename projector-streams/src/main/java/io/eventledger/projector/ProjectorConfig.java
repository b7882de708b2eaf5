package io.eventledger.projector;

import io.eventledger.platform.config.Connections;
import io.eventledger.projector.topology.FailoverTimeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a projector instance is configured with, read from the environment only (the LEDGER_*
 * variables of docs/architecture.md, "Configuration").
 * {@code httpPort} 0 means any free port; {@code advertisedHost} is the address other instances use to
 * forward queries here, so it must be reachable from them. {@code commitInterval} is how often Streams
 * commits: under exactly-once, output (and so the mirrors) moves only then; queries read the stores, which
 * are current between commits. {@code failover} bounds how soon the other instances take over from one
 * that dies without leaving the group; the transaction timeout is never below the commit interval (Streams
 * refuses that).
 */
public record ProjectorConfig(
        Connections connections,
        int httpPort,
        String advertisedHost,
        Path stateDir,
        String applicationId,
        ZoneId summaryZone,
        boolean mirrorsEnabled,
        Duration commitInterval,
        FailoverTimeouts failover) {

    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final int DEFAULT_COMMIT_INTERVAL_MS = 100;
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 6_000;
    public static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 5_000;

    public ProjectorConfig {
        if (failover.transaction().compareTo(commitInterval) < 0) {
            throw new IllegalArgumentException("LEDGER_PROJECTOR_TRANSACTION_TIMEOUT_MS (" + failover.transaction()
                    + ") must not be below LEDGER_COMMIT_INTERVAL_MS (" + commitInterval + ")");
        }
    }

    public static ProjectorConfig fromEnv(Map<String, String> env) {
        Connections connections = Connections.fromEnv(env);
        int port = Connections.intFrom(env, "LEDGER_HTTP_PORT", DEFAULT_HTTP_PORT);
        String applicationId = env.getOrDefault(
                "LEDGER_APPLICATION_ID", (connections.topics().prefix() + "projector").replace('.', '-'));
        return new ProjectorConfig(
                connections,
                port,
                env.getOrDefault("LEDGER_ADVERTISED_HOST", "127.0.0.1"),
                stateDir(env, port),
                applicationId,
                ZoneId.of(env.getOrDefault("LEDGER_SUMMARY_ZONE", "UTC")),
                Boolean.parseBoolean(env.getOrDefault("LEDGER_MIRRORS_ENABLED", "true")),
                Duration.ofMillis(Connections.intFrom(env, "LEDGER_COMMIT_INTERVAL_MS", DEFAULT_COMMIT_INTERVAL_MS)),
                new FailoverTimeouts(
                        millis(env, "LEDGER_PROJECTOR_SESSION_TIMEOUT_MS", DEFAULT_SESSION_TIMEOUT_MS, 4),
                        millis(env, "LEDGER_PROJECTOR_TRANSACTION_TIMEOUT_MS", DEFAULT_TRANSACTION_TIMEOUT_MS, 1)));
    }

    /** The same instance on another port: a replay runs on a free port beside the stopped instances. */
    public ProjectorConfig withHttpPort(int port) {
        return new ProjectorConfig(
                connections,
                port,
                advertisedHost,
                stateDir,
                applicationId,
                summaryZone,
                mirrorsEnabled,
                commitInterval,
                failover);
    }

    public ProjectorConfig withStateDir(Path dir) {
        return new ProjectorConfig(
                connections,
                httpPort,
                advertisedHost,
                dir,
                applicationId,
                summaryZone,
                mirrorsEnabled,
                commitInterval,
                failover);
    }

    /**
     * The same instance committing at least every {@code interval}: a replay trades freshness for throughput.
     * A transaction timeout below the longer interval is raised to it.
     */
    public ProjectorConfig withCommitIntervalAtLeast(Duration interval) {
        Duration longer = commitInterval.compareTo(interval) >= 0 ? commitInterval : interval;
        Duration transaction = failover.transaction().compareTo(longer) >= 0 ? failover.transaction() : longer;
        return new ProjectorConfig(
                connections,
                httpPort,
                advertisedHost,
                stateDir,
                applicationId,
                summaryZone,
                mirrorsEnabled,
                longer,
                new FailoverTimeouts(failover.session(), transaction));
    }

    private static Duration millis(Map<String, String> env, String name, int fallback, int least) {
        int millis = Connections.intFrom(env, name, fallback);
        if (millis < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + " ms, got " + millis);
        }
        return Duration.ofMillis(millis);
    }

    private static Path stateDir(Map<String, String> env, int port) {
        String configured = env.get("LEDGER_STATE_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // two instances on free ports must not share a state directory: Streams locks its task directories
        String suffix = port == 0 ? "0-" + UUID.randomUUID() : Integer.toString(port);
        return Path.of(System.getProperty("java.io.tmpdir"), "eventledger-streams-" + suffix);
    }
}
