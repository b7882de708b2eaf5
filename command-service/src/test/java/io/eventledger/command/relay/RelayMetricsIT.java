package io.eventledger.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.CommandService;
import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** command-service with its relay on: {@code /metrics} shows the relay's lag, publish count, outbox depth and failovers. */
class RelayMetricsIT {

    @Test
    void theRelaysMetersAreOnTheScrape() throws Exception {
        try (CommandService service = CommandServiceMain.start(CommandServiceConfig.fromEnv(
                TestLedger.servers().env(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_RELAY_ENABLED", "true"))))) {
            ApiClient api = new ApiClient(service.port());
            String token = new TokenStore(TestLedger.db()).create("metrics", Set.of(Role.OPERATOR, Role.READER));
            api.openWith(token, "12.00");

            String scrape = await().atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .until(
                            () -> api.get("/metrics", token).body(),
                            body -> body.contains("ledger_relay_lag_seconds_count{shard=\"0\"}")
                                    && !body.contains("ledger_relay_published_total{shard=\"0\"} 0.0"));

            assertThat(scrape)
                    .contains(
                            "ledger_relay_lag_seconds{shard=\"0\",quantile=\"0.99\"}",
                            "ledger_relay_published_total{shard=\"0\"}",
                            "ledger_relay_outbox_depth{shard=\"0\"}",
                            "ledger_relay_failovers_total{shard=\"0\"}",
                            "ledger_relay_active{shard=\"0\"} 1.0");
        }
    }
}
