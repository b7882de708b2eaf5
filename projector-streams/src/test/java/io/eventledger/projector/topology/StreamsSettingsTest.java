package io.eventledger.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.platform.config.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void internalTopicsAreReplicatedAsConfigured() {
        Properties props = StreamsSettings.of(
                "app",
                "127.0.0.1:9092",
                new HostInfo("127.0.0.1", 8081),
                Path.of("state"),
                Duration.ofMillis(100),
                new TopicSettings(6, 1, (short) 3, 2, (short) 2));

        assertThat(props).containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 2);
        assertThat(props).containsEntry("topic.min.insync.replicas", "2");
        assertThat(new StreamsConfig(props).getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG))
                .isEqualTo(2);
    }
}
