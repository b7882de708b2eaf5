package io.eventledger.command;

import io.eventledger.platform.config.Connections;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** Everything command-service reads from the environment (docs/architecture.md lists it). */
public record CommandServiceConfig(
        Connections connections,
        int httpPort,
        boolean relayEnabled,
        int snapshotEvery,
        BigDecimal approvalThreshold,
        int relayShards,
        GroupCommitSettings groupCommit) {

    /** How many batches of commands may be in the database at once, and how many commands a batch takes at most. */
    public record GroupCommitSettings(int lanes, int maxBatch) {}

    public static CommandServiceConfig fromEnv(Map<String, String> env) {
        int port = Connections.intFrom(env, "LEDGER_HTTP_PORT", 8080);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("LEDGER_HTTP_PORT must be 0 (any free port) to 65535, got " + port);
        }
        int snapshotEvery = Connections.intFrom(env, "LEDGER_SNAPSHOT_EVERY", 100);
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("LEDGER_SNAPSHOT_EVERY must be 1 or more, got " + snapshotEvery);
        }
        return new CommandServiceConfig(
                Connections.fromEnv(env),
                port,
                bool(env, "LEDGER_RELAY_ENABLED", true),
                snapshotEvery,
                decimal(env, "LEDGER_APPROVAL_THRESHOLD", "10000.00"),
                Connections.intFrom(env, "LEDGER_RELAY_SHARDS", 1),
                groupCommit(env));
    }

    private static GroupCommitSettings groupCommit(Map<String, String> env) {
        int lanes = Connections.intFrom(env, "LEDGER_GROUP_COMMIT_LANES", 2);
        int maxBatch = Connections.intFrom(env, "LEDGER_GROUP_COMMIT_MAX_BATCH", 64);
        if (lanes < 1 || lanes > 8) {
            throw new IllegalArgumentException("LEDGER_GROUP_COMMIT_LANES must be 1 to 8, got " + lanes);
        }
        // a batch's inserts carry 12 parameters per event, and a statement takes at most 32,767
        if (maxBatch < 1 || maxBatch > 256) {
            throw new IllegalArgumentException("LEDGER_GROUP_COMMIT_MAX_BATCH must be 1 to 256, got " + maxBatch);
        }
        return new GroupCommitSettings(lanes, maxBatch);
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static BigDecimal decimal(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback);
        try {
            BigDecimal amount = new BigDecimal(value.trim());
            if (amount.signum() <= 0) {
                throw new NumberFormatException();
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a positive decimal such as 10000.00, got '" + value + "'");
        }
    }
}
