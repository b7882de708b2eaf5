package io.eventledger.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.platform.config.TopicSettings;
import io.eventledger.projector.topology.StreamsSettings.OnClose;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    private static final FailoverTimeouts FAILOVER = new FailoverTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(5));

    @Test
    void internalTopicsAreReplicatedAsConfigured() {
        Properties props = StreamsSettings.of(
                "app",
                "127.0.0.1:9092",
                new HostInfo("127.0.0.1", 8081),
                Path.of("state"),
                Duration.ofMillis(100),
                new TopicSettings(6, 1, (short) 3, 2, (short) 2),
                FAILOVER,
                OnClose.LEAVE_GROUP);

        assertThat(props).containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 2);
        assertThat(props).containsEntry("topic.min.insync.replicas", "2");
        assertThat(new StreamsConfig(props).getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG))
                .isEqualTo(2);
    }

    @Test
    void theGroupMemberAndTheTransactionalProducerGetTheFailoverTimeouts() {
        StreamsConfig config = new StreamsConfig(settings(OnClose.LEAVE_GROUP));

        Map<String, Object> member = config.getMainConsumerConfigs("app", "client", 0);
        assertThat(member.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(6000);
        assertThat(member.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo(1500);
        assertThat(member.get("internal.leave.group.on.close")).isEqualTo(true);
        // Streams' own exactly-once default (10 s) is replaced, not merely added to
        assertThat(config.getProducerConfigs("client").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG))
                .isEqualTo(5000);
        // the restore consumer joins no group: the settings are the group member's only
        assertThat(config.getRestoreConsumerConfigs("client"))
                .doesNotContainKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
    }

    @Test
    void anInstanceThatStaysInTheGroupSendsNoLeaveGroupOnClose() {
        StreamsConfig config = new StreamsConfig(settings(OnClose.STAY_IN_GROUP));

        assertThat(config.getMainConsumerConfigs("app", "client", 0).get("internal.leave.group.on.close"))
                .isEqualTo(false);
    }

    private static Properties settings(OnClose onClose) {
        return StreamsSettings.of(
                "app",
                "127.0.0.1:9092",
                new HostInfo("127.0.0.1", 8081),
                Path.of("/tmp/unused"),
                Duration.ofMillis(100),
                new TopicSettings(6, 1, (short) 1, 1, (short) 1),
                FAILOVER,
                onClose);
    }
}
