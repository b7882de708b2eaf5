package io.eventledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandServiceConfigTest {

    @Test
    void hasTheDocumentedDefaults() {
        CommandServiceConfig config = CommandServiceConfig.fromEnv(Map.of());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.relayEnabled()).isTrue();
        assertThat(config.snapshotEvery()).isEqualTo(100);
        assertThat(config.approvalThreshold()).isEqualByComparingTo("10000.00");
        assertThat(config.connections().topics().accountEvents()).isEqualTo("ledger.account-events");
        assertThat(config.groupCommit()).isEqualTo(new CommandServiceConfig.GroupCommitSettings(2, 64));
    }

    @Test
    void readsGroupCommitSettingsAndRefusesSizesOutOfRange() {
        assertThat(CommandServiceConfig.fromEnv(
                                Map.of("LEDGER_GROUP_COMMIT_LANES", "3", "LEDGER_GROUP_COMMIT_MAX_BATCH", "16"))
                        .groupCommit())
                .isEqualTo(new CommandServiceConfig.GroupCommitSettings(3, 16));
        assertThatThrownBy(() -> CommandServiceConfig.fromEnv(Map.of("LEDGER_GROUP_COMMIT_LANES", "0")))
                .hasMessageContaining("LEDGER_GROUP_COMMIT_LANES");
        assertThatThrownBy(() -> CommandServiceConfig.fromEnv(Map.of("LEDGER_GROUP_COMMIT_MAX_BATCH", "257")))
                .hasMessageContaining("LEDGER_GROUP_COMMIT_MAX_BATCH");
    }

    @Test
    void readsOverrides() {
        CommandServiceConfig config = CommandServiceConfig.fromEnv(Map.of(
                "LEDGER_HTTP_PORT",
                "0",
                "LEDGER_RELAY_ENABLED",
                "FALSE",
                "LEDGER_SNAPSHOT_EVERY",
                "7",
                "LEDGER_APPROVAL_THRESHOLD",
                "250.50"));

        assertThat(config.httpPort()).isZero();
        assertThat(config.relayEnabled()).isFalse();
        assertThat(config.snapshotEvery()).isEqualTo(7);
        assertThat(config.approvalThreshold()).isEqualTo(new BigDecimal("250.50"));
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> CommandServiceConfig.fromEnv(Map.of("LEDGER_HTTP_PORT", "70000")))
                .hasMessageContaining("LEDGER_HTTP_PORT");
        assertThatThrownBy(() -> CommandServiceConfig.fromEnv(Map.of("LEDGER_RELAY_ENABLED", "yes")))
                .hasMessageContaining("LEDGER_RELAY_ENABLED");
        assertThatThrownBy(() -> CommandServiceConfig.fromEnv(Map.of("LEDGER_APPROVAL_THRESHOLD", "1e")))
                .hasMessageContaining("LEDGER_APPROVAL_THRESHOLD");
    }
}
