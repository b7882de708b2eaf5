package io.eventledger.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectorConfigTest {

    @Test
    void defaultsFollowTheDesign() {
        ProjectorConfig config = ProjectorConfig.fromEnv(Map.of());

        assertThat(config.httpPort()).isEqualTo(8081);
        assertThat(config.advertisedHost()).isEqualTo("127.0.0.1");
        assertThat(config.applicationId()).isEqualTo("ledger-projector");
        assertThat(config.stateDir())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "eventledger-streams-8081"));
        assertThat(config.summaryZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.mirrorsEnabled()).isTrue();
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.failover().session()).isEqualTo(Duration.ofSeconds(6));
        assertThat(config.failover().heartbeat()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.failover().transaction()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.connections().topics().prefix()).isEqualTo("ledger.");
    }

    @Test
    void theEnvironmentOverridesEveryDefault() {
        ProjectorConfig config = ProjectorConfig.fromEnv(Map.of(
                "LEDGER_HTTP_PORT",
                "8082",
                "LEDGER_TOPIC_PREFIX",
                "run.7.",
                "LEDGER_STATE_DIR",
                "/var/lib/projector",
                "LEDGER_SUMMARY_ZONE",
                "Europe/Berlin",
                "LEDGER_MIRRORS_ENABLED",
                "false",
                "LEDGER_ADVERTISED_HOST",
                "projector-2",
                "LEDGER_COMMIT_INTERVAL_MS",
                "250",
                "LEDGER_PROJECTOR_SESSION_TIMEOUT_MS",
                "10000",
                "LEDGER_PROJECTOR_TRANSACTION_TIMEOUT_MS",
                "800"));

        assertThat(config.httpPort()).isEqualTo(8082);
        assertThat(config.applicationId()).isEqualTo("run-7-projector");
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/projector"));
        assertThat(config.summaryZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.mirrorsEnabled()).isFalse();
        assertThat(config.advertisedHost()).isEqualTo("projector-2");
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.withCommitIntervalAtLeast(Duration.ofSeconds(1)).commitInterval())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(config.withCommitIntervalAtLeast(Duration.ofMillis(50)).commitInterval())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(config.failover().session()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.failover().heartbeat()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.failover().transaction()).isEqualTo(Duration.ofMillis(800));
        // Streams refuses a transaction timeout below the commit interval: a replay raises it with the interval
        assertThat(config.withCommitIntervalAtLeast(Duration.ofSeconds(1))
                        .failover()
                        .transaction())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failoverTimeoutsThatKafkaWouldRefuseAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ProjectorConfig.fromEnv(
                        Map.of("LEDGER_COMMIT_INTERVAL_MS", "2000", "LEDGER_PROJECTOR_TRANSACTION_TIMEOUT_MS", "1000")))
                .hasMessageContaining("LEDGER_PROJECTOR_TRANSACTION_TIMEOUT_MS");
        assertThatThrownBy(() -> ProjectorConfig.fromEnv(Map.of("LEDGER_PROJECTOR_SESSION_TIMEOUT_MS", "0")))
                .hasMessageContaining("LEDGER_PROJECTOR_SESSION_TIMEOUT_MS");
    }

    @Test
    void twoInstancesOnFreePortsNeverShareAStateDirectory() {
        Map<String, String> env = Map.of("LEDGER_HTTP_PORT", "0");

        assertThat(ProjectorConfig.fromEnv(env).stateDir())
                .isNotEqualTo(ProjectorConfig.fromEnv(env).stateDir());
        assertThatThrownBy(() -> ProjectorConfig.fromEnv(Map.of("LEDGER_HTTP_PORT", "eighty")))
                .hasMessageContaining("LEDGER_HTTP_PORT");
    }
}
