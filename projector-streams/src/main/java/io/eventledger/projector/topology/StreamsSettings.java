package io.eventledger.projector.topology;

import io.eventledger.platform.config.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/** The Kafka Streams settings every projector instance runs with. */
public final class StreamsSettings {

    /** Whether closing an instance tells the group: only a test leaves it out, to stop an instance as a crash does. */
    public enum OnClose {
        LEAVE_GROUP,
        STAY_IN_GROUP
    }

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
            TopicSettings topics,
            FailoverTimeouts failover,
            OnClose onClose) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // a balance is money: each event is applied and published exactly once, even across crashes
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // a warm copy elsewhere, so losing an instance does not mean restoring a store from the changelog; the
        // queries answer from it (marked stale) while the active copy cannot be asked
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
        crashDetection(props, failover);
        // Streams 4.1 turns this off, so close(leaveGroup) sends no LeaveGroup and the other instances wait a
        // whole session timeout before taking over (KAFKA-16514); a closing instance should leave at once
        props.put(StreamsConfig.mainConsumerPrefix("internal.leave.group.on.close"), onClose == OnClose.LEAVE_GROUP);
        return props;
    }

    /**
     * How soon the others take over from an instance that died without leaving the group (kill -9, a lost
     * host). Two waits, which run at the same time, bound it:
     *
     * <ul>
     *   <li>The broker declares the instance dead after {@code session.timeout.ms} without a heartbeat (6 s
     *       by default: the least a broker accepts unless its {@code group.min.session.timeout.ms} is
     *       lowered). The survivors hear of the rebalance at their next heartbeat (a quarter of that) and
     *       rejoin; the high-availability assignor gives each of the dead instance's tasks to the survivor
     *       with its standby copy, which counts as caught up within {@code acceptable.recovery.lag} (Streams'
     *       10,000 records, kept: a standby is about one commit behind).
     *   <li>Under exactly-once the dead instance almost always leaves a transaction open on its changelog and
     *       output partitions. The new active restores its store to the changelog's end, which a
     *       read_committed reader cannot pass until the broker aborts that transaction: once it is older
     *       than {@code transaction.timeout.ms}, at the broker's next check for such transactions
     *       ({@code transaction.abort.timed.out.transaction.cleanup.interval.ms}, 10 s by default). The
     *       mirrors wait for the same abort. Streams sets 10 s; 5 s by default here, still far above the
     *       life of a live transaction (one commit interval), which a shorter timeout would abort.
     * </ul>
     *
     * <p>Not on that path: {@code max.poll.interval.ms}, which is also how long a rebalance waits for a live
     * member to rejoin (a dead one is dropped by the session timeout), so Streams' default stays and a busy
     * thread is not thrown out; and {@code probing.rebalance.interval.ms}, which only moves tasks back once
     * warm-up copies have caught up. Until the new active runs, queries answer from the standby copies.
     */
    private static void crashDetection(Properties props, FailoverTimeouts failover) {
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int)
                failover.session().toMillis());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int)
                failover.heartbeat().toMillis());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int)
                failover.transaction().toMillis());
    }
}
