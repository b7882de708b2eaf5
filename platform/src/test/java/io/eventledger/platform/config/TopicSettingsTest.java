package io.eventledger.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void withoutVariablesFitsOneBroker() {
        assertThat(TopicSettings.fromEnv(Map.of())).isEqualTo(new TopicSettings(6, 1, (short) 1, 1, (short) 1));
        assertThat(Connections.fromEnv(Map.of()).topicSettings()).isEqualTo(TopicSettings.DEFAULTS);
    }

    @Test
    void readsTheClusterValues() {
        TopicSettings settings = TopicSettings.fromEnv(Map.of(
                "LEDGER_TOPIC_PARTITIONS", "12",
                "LEDGER_DEAD_LETTER_PARTITIONS", "3",
                "LEDGER_TOPIC_REPLICATION_FACTOR", "3",
                "LEDGER_TOPIC_MIN_INSYNC_REPLICAS", "2"));

        assertThat(settings).isEqualTo(new TopicSettings(12, 3, (short) 3, 2, (short) 3));
    }

    @Test
    void streamsReplicationFactorFollowsTheTopicsUnlessSet() {
        Map<String, String> cluster =
                Map.of("LEDGER_TOPIC_REPLICATION_FACTOR", "3", "LEDGER_STREAMS_REPLICATION_FACTOR", "2");

        assertThat(TopicSettings.fromEnv(Map.of("LEDGER_TOPIC_REPLICATION_FACTOR", "3"))
                        .streamsReplicationFactor())
                .isEqualTo((short) 3);
        assertThat(TopicSettings.fromEnv(cluster).streamsReplicationFactor()).isEqualTo((short) 2);
        assertThat(TopicSettings.fromEnv(cluster).replicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void aBadValueNamesItsVariable() {
        assertRejected(Map.of("LEDGER_TOPIC_PARTITIONS", "0"), "LEDGER_TOPIC_PARTITIONS must be 1 or more, got 0");
        assertRejected(Map.of("LEDGER_DEAD_LETTER_PARTITIONS", "-1"), "LEDGER_DEAD_LETTER_PARTITIONS must be 1");
        assertRejected(Map.of("LEDGER_TOPIC_REPLICATION_FACTOR", "three"), "LEDGER_TOPIC_REPLICATION_FACTOR must be");
        assertRejected(Map.of("LEDGER_TOPIC_REPLICATION_FACTOR", "40000"), "LEDGER_TOPIC_REPLICATION_FACTOR must be");
        assertRejected(Map.of("LEDGER_STREAMS_REPLICATION_FACTOR", "0"), "LEDGER_STREAMS_REPLICATION_FACTOR must be");
        assertRejected(Map.of("LEDGER_TOPIC_MIN_INSYNC_REPLICAS", "0"), "LEDGER_TOPIC_MIN_INSYNC_REPLICAS must be");
    }

    @Test
    void minInsyncReplicasMayNotExceedEitherReplicationFactor() {
        assertRejected(
                Map.of("LEDGER_TOPIC_MIN_INSYNC_REPLICAS", "2"),
                "LEDGER_TOPIC_MIN_INSYNC_REPLICAS (2) must not exceed LEDGER_TOPIC_REPLICATION_FACTOR (1)");
        assertRejected(
                Map.of(
                        "LEDGER_TOPIC_REPLICATION_FACTOR", "3",
                        "LEDGER_TOPIC_MIN_INSYNC_REPLICAS", "2",
                        "LEDGER_STREAMS_REPLICATION_FACTOR", "1"),
                "LEDGER_TOPIC_MIN_INSYNC_REPLICAS (2) must not exceed LEDGER_STREAMS_REPLICATION_FACTOR (1)");
        assertThat(TopicSettings.fromEnv(
                                Map.of("LEDGER_TOPIC_REPLICATION_FACTOR", "3", "LEDGER_TOPIC_MIN_INSYNC_REPLICAS", "3"))
                        .minInsyncReplicas())
                .isEqualTo(3);
    }

    private static void assertRejected(Map<String, String> env, String message) {
        assertThatThrownBy(() -> TopicSettings.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
