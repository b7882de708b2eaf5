package io.eventledger.platform.config;

import java.util.Map;

/**
 * How the topics we create are laid out on the cluster, and how Kafka Streams lays out its internal
 * (changelog and repartition) topics. Partition counts are fixed once a topic holds data: a key's
 * partition is its hash modulo the count, so another count sends an account's later events to another
 * partition than its earlier ones. Replication factor and {@code min.insync.replicas} can change on a
 * live cluster without touching order.
 *
 * @param partitions partitions of the event and read-model topics ({@code LEDGER_TOPIC_PARTITIONS})
 * @param deadLetterPartitions partitions of the dead-letter topic ({@code LEDGER_DEAD_LETTER_PARTITIONS})
 * @param replicationFactor of every topic we create ({@code LEDGER_TOPIC_REPLICATION_FACTOR})
 * @param minInsyncReplicas {@code min.insync.replicas} of every topic we create and of Streams' internal
 *     topics ({@code LEDGER_TOPIC_MIN_INSYNC_REPLICAS})
 * @param streamsReplicationFactor Streams' {@code replication.factor} for its internal topics
 *     ({@code LEDGER_STREAMS_REPLICATION_FACTOR}, default the topics' replication factor)
 */
public record TopicSettings(
        int partitions,
        int deadLetterPartitions,
        short replicationFactor,
        int minInsyncReplicas,
        short streamsReplicationFactor) {

    public static final String PARTITIONS = "LEDGER_TOPIC_PARTITIONS";
    public static final String DEAD_LETTER_PARTITIONS = "LEDGER_DEAD_LETTER_PARTITIONS";
    public static final String REPLICATION_FACTOR = "LEDGER_TOPIC_REPLICATION_FACTOR";
    public static final String MIN_INSYNC_REPLICAS = "LEDGER_TOPIC_MIN_INSYNC_REPLICAS";
    public static final String STREAMS_REPLICATION_FACTOR = "LEDGER_STREAMS_REPLICATION_FACTOR";

    /** Without any of the variables: fits the single development broker. */
    public static final TopicSettings DEFAULTS = new TopicSettings(6, 1, (short) 1, 1, (short) 1);

    public TopicSettings {
        atLeastOne(PARTITIONS, partitions);
        atLeastOne(DEAD_LETTER_PARTITIONS, deadLetterPartitions);
        atLeastOne(REPLICATION_FACTOR, replicationFactor);
        atLeastOne(MIN_INSYNC_REPLICAS, minInsyncReplicas);
        atLeastOne(STREAMS_REPLICATION_FACTOR, streamsReplicationFactor);
        // with fewer replicas than min.insync.replicas no acks=all write can ever succeed
        atMost(minInsyncReplicas, REPLICATION_FACTOR, replicationFactor);
        atMost(minInsyncReplicas, STREAMS_REPLICATION_FACTOR, streamsReplicationFactor);
    }

    public static TopicSettings fromEnv(Map<String, String> env) {
        short replicationFactor = replicas(env, REPLICATION_FACTOR, DEFAULTS.replicationFactor());
        return new TopicSettings(
                Connections.intFrom(env, PARTITIONS, DEFAULTS.partitions()),
                Connections.intFrom(env, DEAD_LETTER_PARTITIONS, DEFAULTS.deadLetterPartitions()),
                replicationFactor,
                Connections.intFrom(env, MIN_INSYNC_REPLICAS, DEFAULTS.minInsyncReplicas()),
                replicas(env, STREAMS_REPLICATION_FACTOR, replicationFactor));
    }

    private static short replicas(Map<String, String> env, String name, short fallback) {
        int value = Connections.intFrom(env, name, fallback);
        if (value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be at most " + Short.MAX_VALUE + ", got " + value);
        }
        return (short) value;
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, got " + value);
        }
    }

    private static void atMost(int minInsyncReplicas, String name, int replicas) {
        if (minInsyncReplicas > replicas) {
            throw new IllegalArgumentException(MIN_INSYNC_REPLICAS + " (" + minInsyncReplicas + ") must not exceed "
                    + name + " (" + replicas + "): no write with acks=all could succeed");
        }
    }
}
