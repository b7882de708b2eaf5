package io.eventledger.command.relay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Asks the cluster who it is and what the event topics are: two or three metadata requests. */
final class TargetProbe {

    private static final long TIMEOUT_SECONDS = 15;
    private final Admin admin;
    private final List<String> eventTopics;

    TargetProbe(Admin admin, List<String> eventTopics) {
        this.admin = admin;
        this.eventTopics = List.copyOf(eventTopics);
    }

    List<String> eventTopics() {
        return eventTopics;
    }

    /** The cluster id and topic ids; with {@code endOffsets}, also each existing topic's summed end offsets. */
    ObservedTarget observe(boolean endOffsets) throws InterruptedException {
        try {
            String clusterId = get(admin.describeCluster().clusterId());
            Map<String, TopicDescription> topics = describe();
            Map<String, String> ids = new HashMap<>();
            topics.forEach(
                    (name, description) -> ids.put(name, description.topicId().toString()));
            return new ObservedTarget(clusterId, ids, endOffsets ? endOffsets(topics) : Map.of());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the Kafka cluster: " + e.getMessage(), e);
        }
    }

    /** The event topics that exist; a missing one is simply absent. */
    private Map<String, TopicDescription> describe() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> found = new HashMap<>();
        for (var topic : admin.describeTopics(eventTopics).topicNameValues().entrySet()) {
            try {
                found.put(topic.getKey(), get(topic.getValue()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return found;
    }

    private Map<String, Long> endOffsets(Map<String, TopicDescription> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.values()
                .forEach(topic -> topic.partitions()
                        .forEach(
                                p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        Map<String, Long> sums = new HashMap<>();
        topics.keySet().forEach(name -> sums.put(name, 0L));
        var offsets = get(admin.listOffsets(latest).all());
        offsets.forEach((partition, info) -> sums.merge(partition.topic(), info.offset(), Long::sum));
        return sums;
    }

    private static <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
