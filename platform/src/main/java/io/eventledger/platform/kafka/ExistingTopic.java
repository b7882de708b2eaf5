package io.eventledger.platform.kafka;

import io.eventledger.contract.topic.Topics.TopicSpec;
import io.eventledger.platform.config.TopicSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What the broker says about one of our topics that exists already, and how it differs from the
 * configuration.
 *
 * @param replicationFactors the replica counts of its partitions: one value, unless a reassignment is under way
 * @param minInsyncReplicas its effective {@code min.insync.replicas} (the broker's default where the topic has
 *     none), empty if the broker did not say
 */
record ExistingTopic(
        String name, int partitions, SortedSet<Integer> replicationFactors, OptionalInt minInsyncReplicas) {

    static ExistingTopic of(TopicDescription description, Config config) {
        SortedSet<Integer> replicationFactors = new TreeSet<>();
        description
                .partitions()
                .forEach(p -> replicationFactors.add(p.replicas().size()));
        ConfigEntry minIsr = config == null ? null : config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        return new ExistingTopic(
                description.name(),
                description.partitions().size(),
                replicationFactors,
                minIsr == null || minIsr.value() == null
                        ? OptionalInt.empty()
                        : OptionalInt.of(Integer.parseInt(minIsr.value())));
    }

    /** How its partition count differs from {@code spec}'s, naming the variable that sets it; empty if it does not. */
    Optional<String> partitionMismatch(TopicSpec spec, String variable) {
        if (partitions == spec.partitions()) {
            return Optional.empty();
        }
        return Optional.of(
                "topic " + name + " has " + partitions + " partitions, " + variable + " is " + spec.partitions());
    }

    /** How its replication differs from {@code settings}: worth a warning, since both can change on a live topic. */
    List<String> replicationMismatches(TopicSettings settings) {
        List<String> found = new ArrayList<>();
        if (replicationFactors.size() != 1 || replicationFactors.first() != settings.replicationFactor()) {
            found.add("topic " + name + " has replication factor "
                    + (replicationFactors.size() == 1 ? replicationFactors.first() : replicationFactors)
                    + ", " + TopicSettings.REPLICATION_FACTOR + " is " + settings.replicationFactor()
                    + " (a partition reassignment changes it on the live topic)");
        }
        if (minInsyncReplicas.isPresent() && minInsyncReplicas.getAsInt() != settings.minInsyncReplicas()) {
            found.add("topic " + name + " has min.insync.replicas " + minInsyncReplicas.getAsInt() + ", "
                    + TopicSettings.MIN_INSYNC_REPLICAS + " is " + settings.minInsyncReplicas()
                    + " (kafka-configs --alter --add-config min.insync.replicas=" + settings.minInsyncReplicas()
                    + " changes it on the live topic)");
        }
        return found;
    }
}
