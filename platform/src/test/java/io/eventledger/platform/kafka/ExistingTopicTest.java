package io.eventledger.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.contract.topic.Topics.TopicSpec;
import io.eventledger.platform.config.TopicSettings;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ExistingTopicTest {

    private static final TopicSettings CLUSTER = new TopicSettings(6, 1, (short) 3, 2, (short) 3);
    private static final TopicSpec BALANCES = new TopicSpec("p.balances", 6, Map.of());

    @Test
    void aTopicAsConfiguredHasNothingToSay() {
        ExistingTopic topic = topic(6, List.of(3), OptionalInt.of(2));

        assertThat(topic.partitionMismatch(BALANCES, "LEDGER_TOPIC_PARTITIONS")).isEmpty();
        assertThat(topic.replicationMismatches(CLUSTER)).isEmpty();
    }

    @Test
    void anotherPartitionCountNamesTheTopicBothCountsAndTheVariable() {
        assertThat(topic(3, List.of(3), OptionalInt.of(2)).partitionMismatch(BALANCES, "LEDGER_TOPIC_PARTITIONS"))
                .hasValue("topic p.balances has 3 partitions, LEDGER_TOPIC_PARTITIONS is 6");
    }

    @Test
    void anotherReplicationIsNamedPerSetting() {
        assertThat(topic(6, List.of(1), OptionalInt.of(1)).replicationMismatches(CLUSTER))
                .satisfiesExactly(
                        rf -> assertThat(rf)
                                .startsWith("topic p.balances has replication factor 1, "
                                        + "LEDGER_TOPIC_REPLICATION_FACTOR is 3"),
                        isr -> assertThat(isr)
                                .startsWith("topic p.balances has min.insync.replicas 1, "
                                        + "LEDGER_TOPIC_MIN_INSYNC_REPLICAS is 2"));
    }

    @Test
    void partitionsWithDifferentReplicaCountsAreAMismatch() {
        assertThat(topic(6, List.of(3, 4), OptionalInt.empty()).replicationMismatches(CLUSTER))
                .singleElement()
                .asString()
                .startsWith("topic p.balances has replication factor [3, 4]");
    }

    private static ExistingTopic topic(int partitions, List<Integer> replicationFactors, OptionalInt minIsr) {
        return new ExistingTopic("p.balances", partitions, new TreeSet<>(replicationFactors), minIsr);
    }
}
