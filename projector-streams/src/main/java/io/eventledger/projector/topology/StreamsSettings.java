package io.eventledger.projector.topology;

import io.eventledger.platform.config.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/** The Kafka Streams settings every projector instance runs with. */
public final class StreamsSettings {

    private StreamsSettings() {}

    /**
     * {@code advertised} is where other instances forward queries for keys this instance owns;
     * {@code commitInterval} how often the exactly-once transaction commits; {@code topics} how Streams
     * replicates the changelog and repartition topics it creates.
     */
    public static Properties of(
            String applicationId,
            String bootstrap,
            HostInfo advertised,
            Path stateDir,
            Duration commitInterval,
            TopicSettings topics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // a balance is money: each event is applied and published exactly once, even across crashes
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // a warm copy elsewhere, so losing an instance does not mean restoring a store from the changelog
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        // a changelog is a store's only durable copy: replicated like the topics we create, and written with
        // acks=all (exactly-once) so that min.insync.replicas holds for it as for them
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.streamsReplicationFactor());
        props.put(
                StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(topics.minInsyncReplicas()));
        // under exactly-once, output is visible only after a commit: commit often to keep the mirrors fresh
        // (100 ms when serving); each commit is a transaction with a marker on every partition written, so a
        // replay, where freshness does not matter, commits less often
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // Streams 4.1 turns this off, so close(leaveGroup) sends no LeaveGroup and the other instances wait a
        // whole session timeout (45 s) before taking over (KAFKA-16514); a closing instance should leave at once
        props.put(StreamsConfig.mainConsumerPrefix("internal.leave.group.on.close"), true);
        return props;
    }
}
