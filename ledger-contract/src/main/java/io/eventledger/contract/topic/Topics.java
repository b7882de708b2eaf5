package io.eventledger.contract.topic;

import io.eventledger.contract.envelope.EventTypes;
import java.util.List;
import java.util.Map;

/**
 * Topic names under one prefix ({@code LEDGER_TOPIC_PREFIX}, default {@code ledger.}); tests use a
 * fresh prefix per run so runs never share a topic.
 */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "ledger.";
    private static final String KEPT_FOREVER = "-1";
    private static final String THIRTY_DAYS_MS = Long.toString(30L * 24 * 60 * 60 * 1000);

    /** A topic with its partition count and configuration. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {}

    public String accountEvents() {
        return prefix + "account-events";
    }

    public String transferEvents() {
        return prefix + "transfer-events";
    }

    public String balances() {
        return prefix + "balances";
    }

    public String dailySummaries() {
        return prefix + "daily-summaries";
    }

    public String deadLetters() {
        return prefix + "dead-letters";
    }

    /** Where the events of an aggregate type go. */
    public String eventsOf(String aggregateType) {
        return switch (aggregateType) {
            case EventTypes.ACCOUNT -> accountEvents();
            case EventTypes.TRANSFER -> transferEvents();
            default -> throw new IllegalArgumentException("unknown aggregate type " + aggregateType);
        };
    }

    /**
     * Every topic with its settings. Partition counts are a deployment setting (the platform reads them from
     * the environment), so they are given: {@code partitions} for the event and read-model topics, which are
     * keyed by account or transfer, {@code deadLetterPartitions} for the dead letters.
     */
    public List<TopicSpec> specs(int partitions, int deadLetterPartitions) {
        return List.of(
                new TopicSpec(accountEvents(), partitions, Map.of("retention.ms", KEPT_FOREVER)),
                new TopicSpec(transferEvents(), partitions, Map.of("retention.ms", KEPT_FOREVER)),
                new TopicSpec(balances(), partitions, Map.of("cleanup.policy", "compact")),
                new TopicSpec(dailySummaries(), partitions, Map.of("cleanup.policy", "compact")),
                new TopicSpec(deadLetters(), deadLetterPartitions, Map.of("retention.ms", THIRTY_DAYS_MS)));
    }
}
