package io.eventledger.benchmarks.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark reaches command-service's body parser by name: this fails when that moves, not the benchmark run. */
class JsonBodiesBenchmarkTest {

    @Test
    void parsesBothBodiesThroughTheServicesParser() throws Throwable {
        JsonBodiesBenchmark benchmark = new JsonBodiesBenchmark();

        assertThat(benchmark.depositBody()).hasToString("Movement[amount=125.40, reference=bench-1f2e3d4c-000042]");
        assertThat(benchmark.transferBody().getClass().getSimpleName()).isEqualTo("Transfer");
    }
}
