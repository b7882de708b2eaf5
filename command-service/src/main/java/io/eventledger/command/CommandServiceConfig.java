package io.eventledger.command;

import io.eventledger.common.config.Connections;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** Everything command-service reads from the environment (DESIGN §7). */
public record CommandServiceConfig(Connections connections, int httpPort, boolean relayEnabled, int snapshotEvery,
                                   BigDecimal approvalThreshold, int relayShards) {

    public static CommandServiceConfig fromEnv(Map<String, String> env) {
        int port = Connections.intFrom(env, "LEDGER_HTTP_PORT", 8080);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("LEDGER_HTTP_PORT must be 0 (any free port) to 65535, got " + port);
        }
        int snapshotEvery = Connections.intFrom(env, "LEDGER_SNAPSHOT_EVERY", 100);
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("LEDGER_SNAPSHOT_EVERY must be 1 or more, got " + snapshotEvery);
        }
        return new CommandServiceConfig(Connections.fromEnv(env), port, bool(env, "LEDGER_RELAY_ENABLED", true),
                snapshotEvery, decimal(env, "LEDGER_APPROVAL_THRESHOLD", "10000.00"),
                Connections.intFrom(env, "LEDGER_RELAY_SHARDS", 1));
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
            throw new IllegalArgumentException(name + " must be a positive decimal such as 10000.00, got '" + value + "'");
        }
    }
}
