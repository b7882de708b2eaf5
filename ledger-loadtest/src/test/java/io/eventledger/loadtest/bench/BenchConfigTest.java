package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

    @Test
    void openLoopConcurrencyDefaultsToWhatTheRateNeedsWithinBounds() {
        assertThat(config(0, 1000.0, 1000).concurrency()).isEqualTo(250);
        assertThat(config(0, 10.0, 1000).concurrency()).isEqualTo(16);
        assertThat(config(0, 100_000.0, 1000).concurrency()).isEqualTo(512);
        assertThat(config(7, 1000.0, 1000).concurrency()).isEqualTo(7);
        assertThat(config(16, null, 1000).concurrency()).isEqualTo(16);
        assertThat(config(16, null, 1000).openLoop()).isFalse();
    }

    @Test
    void refusesRunsThatCannotWork() {
        assertThatThrownBy(() -> config(0, null, 10)).hasMessageContaining("--clients");
        assertThatThrownBy(() -> config(0, 0.0, 10)).hasMessageContaining("--rate");
        assertThatThrownBy(() -> config(4, null, 1)).hasMessageContaining("--accounts 2");
    }

    @Test
    void takesOneOrMoreDistinctHttpUrls() {
        assertThat(config(List.of(URI.create("http://a:1"), URI.create("http://b:1")))
                        .urls())
                .containsExactly(URI.create("http://a:1"), URI.create("http://b:1"));
        assertThatThrownBy(() -> config(List.of())).hasMessageContaining("--url");
        assertThatThrownBy(() -> config(List.of(URI.create("http://a:1"), URI.create("http://a:1"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> config(List.of(URI.create("localhost:8080")))).hasMessageContaining("http");
    }

    private static BenchConfig config(int clients, Double rate, int accounts) {
        return config(List.of(URI.create("http://127.0.0.1:8080")), clients, rate, accounts);
    }

    private static BenchConfig config(List<URI> urls) {
        return config(urls, 4, null, 10);
    }

    private static BenchConfig config(List<URI> urls, int clients, Double rate, int accounts) {
        return new BenchConfig(
                urls,
                "t",
                clients,
                rate,
                Duration.ofSeconds(10),
                Duration.ZERO,
                accounts,
                1.0,
                CommandMix.parse(CommandMix.DEFAULT),
                1,
                Currency.getInstance("EUR"),
                false,
                null,
                "ledger.",
                null,
                10,
                Path.of("out"),
                "bench",
                null,
                false);
    }
}
