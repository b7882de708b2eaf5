package io.eventledger.platform.config;

import io.eventledger.contract.topic.Topics;
import java.util.Map;

/** Where the shared servers are; both deployables' config records embed this one. */
public record Connections(
        String dbUrl,
        String dbUser,
        String dbPassword,
        String kafkaBootstrap,
        String redisUrl,
        Topics topics,
        TopicSettings topicSettings) {

    public static Connections fromEnv(Map<String, String> env) {
        return new Connections(
                env.getOrDefault("LEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/eventledger"),
                env.getOrDefault("LEDGER_DB_USER", "postgres"),
                env.getOrDefault("LEDGER_DB_PASSWORD", ""),
                env.getOrDefault("LEDGER_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                env.getOrDefault("LEDGER_REDIS_URL", "redis://127.0.0.1:6379"),
                new Topics(env.getOrDefault("LEDGER_TOPIC_PREFIX", Topics.DEFAULT_PREFIX)),
                TopicSettings.fromEnv(env));
    }

    /** Reads an integer setting, naming the variable when it is not a number. */
    public static int intFrom(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
