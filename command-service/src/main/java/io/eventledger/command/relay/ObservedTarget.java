package io.eventledger.command.relay;

import java.util.Map;

/**
 * The cluster the relay found: its id, the id of each event topic that exists (a topic deleted and created
 * again gets a new one) and, when asked for, the sum of each event topic's end offsets. End offsets only
 * grow, whatever retention deletes, so they count every record the topic ever took.
 */
record ObservedTarget(String clusterId, Map<String, String> topicIds, Map<String, Long> endOffsets) {

    ObservedTarget {
        topicIds = Map.copyOf(topicIds);
        endOffsets = Map.copyOf(endOffsets);
    }
}
