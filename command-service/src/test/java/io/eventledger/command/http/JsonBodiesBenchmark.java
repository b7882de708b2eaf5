package io.eventledger.command.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What reading one command body costs the service's request thread: a deposit's and a transfer's body
 * parsed and checked as {@link JsonBodies} does for every command (issue 7, command-service CPU).
 * Run {@link #main} with the test classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonBodiesBenchmark {

    private final byte[] deposit = "{\"amount\":\"125.40\",\"reference\":\"bench-1f2e3d4c-000042\"}"
            .getBytes(StandardCharsets.UTF_8);
    private final byte[] transfer = ("{\"fromAccountId\":\"6f1c1a52-41c5-4a8e-9a43-1d3c1b0f3e11\","
            + "\"toAccountId\":\"0b2d9c55-8a9e-4f7a-b3a5-5e2c4d1f6a22\",\"amount\":\"99.99\",\"currency\":\"EUR\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public Object depositBody() {
        return JsonBodies.parse(deposit, CommandBodies.Movement.class);
    }

    @Benchmark
    public Object transferBody() {
        return JsonBodies.parse(transfer, CommandBodies.Transfer.class);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(JsonBodiesBenchmark.class.getSimpleName()).build()).run();
    }
}
