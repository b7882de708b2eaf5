package io.eventledger.command.relay;

import java.util.Map;

/** The cluster and topics the relays last published to, as {@code ledger.kafka_target} keeps them. */
record RecordedTarget(String clusterId, Map<String, String> topicIds, long publishedThrough) {

    RecordedTarget {
        topicIds = Map.copyOf(topicIds);
    }
}
