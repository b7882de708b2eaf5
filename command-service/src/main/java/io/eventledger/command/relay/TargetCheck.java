package io.eventledger.command.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares the cluster the relay finds with the one it published to. Two verdicts are kept apart because
 * they call for different answers:
 *
 * <ul>
 *   <li>{@link #replaced}: the event topics are not the ones the events went to — a new or wiped cluster
 *       (another cluster id), or a topic deleted and created again (another topic id), or missing. Nothing
 *       published before is there, so sending every stored event again is exactly the repair.
 *   <li>{@link #shortOf}: the same topics hold fewer records than the store says were published to them.
 *       Either the cluster lost acknowledged records (an unclean leader election, a restore) or events were
 *       written without the outbox (a bulk import). The relay cannot tell which, and sending everything again
 *       would flood every consumer with duplicates, so an operator decides ({@code ledger republish}).
 * </ul>
 */
final class TargetCheck {

    private TargetCheck() {}

    /** Why the topics cannot hold what was published to them; empty when they are the ones published to. */
    static List<String> replaced(RecordedTarget recorded, ObservedTarget observed, List<String> eventTopics) {
        List<String> reasons = new ArrayList<>();
        for (String topic : eventTopics) {
            if (!observed.topicIds().containsKey(topic)) {
                reasons.add("topic " + topic + " does not exist");
            }
        }
        if (recorded == null) {
            return reasons;
        }
        if (!recorded.clusterId().equals(observed.clusterId())) {
            reasons.add("the cluster is new or was wiped (cluster id " + observed.clusterId() + ", published to "
                    + recorded.clusterId() + ")");
            return reasons;
        }
        for (Map.Entry<String, String> topic : recorded.topicIds().entrySet()) {
            String now = observed.topicIds().get(topic.getKey());
            if (now != null && !Objects.equals(now, topic.getValue())) {
                reasons.add("topic " + topic.getKey() + " was deleted and created again (topic id " + now
                        + ", published to " + topic.getValue() + ")");
            }
        }
        return reasons;
    }

    /** Per topic, how many published events its records cannot account for; empty when none. */
    static Map<String, Long> shortOf(Map<String, Long> publishedPerTopic, ObservedTarget observed) {
        Map<String, Long> missing = new TreeMap<>();
        publishedPerTopic.forEach((topic, published) -> {
            long records = observed.endOffsets().getOrDefault(topic, 0L);
            if (records < published) {
                missing.put(topic, published - records);
            }
        });
        return missing;
    }
}
