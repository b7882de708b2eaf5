package io.eventledger.benchmarks.command;

import io.eventledger.command.http.CommandApi;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What reading one command body costs the service's request thread: a deposit's and a transfer's body
 * parsed and checked as command-service's {@code JsonBodies} does for every command (part of command-service's
 * CPU per command). Run {@link #main} with the benchmarks module's classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonBodiesBenchmark {

    /**
     * {@code JsonBodies.parse} and the body records are package-private to command-service's HTTP package, which
     * is no place for a benchmark; a constant method handle reaches them at the cost of a direct call.
     */
    private static final String HTTP = CommandApi.class.getPackageName();

    static final MethodHandle PARSE = parser();
    static final Class<?> MOVEMENT = body("Movement");
    static final Class<?> TRANSFER = body("Transfer");

    private final byte[] deposit =
            "{\"amount\":\"125.40\",\"reference\":\"bench-1f2e3d4c-000042\"}".getBytes(StandardCharsets.UTF_8);
    private final byte[] transfer = ("{\"fromAccountId\":\"6f1c1a52-41c5-4a8e-9a43-1d3c1b0f3e11\","
                    + "\"toAccountId\":\"0b2d9c55-8a9e-4f7a-b3a5-5e2c4d1f6a22\",\"amount\":\"99.99\",\"currency\":\"EUR\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public Object depositBody() throws Throwable {
        return (Record) PARSE.invokeExact(deposit, MOVEMENT);
    }

    @Benchmark
    public Object transferBody() throws Throwable {
        return (Record) PARSE.invokeExact(transfer, TRANSFER);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Command(
            name = "JsonBodiesBenchmark",
            mixinStandardHelpOptions = true,
            description = "JMH: parses and checks a deposit's and a transfer's body as command-service does.")
    public static final class Main implements Callable<Integer> {

        @Override
        public Integer call() throws Exception {
            new Runner(new OptionsBuilder()
                            .include(JsonBodiesBenchmark.class.getSimpleName())
                            .build())
                    .run();
            return 0;
        }
    }

    private static MethodHandle parser() {
        try {
            Class<?> bodies = Class.forName(HTTP + ".JsonBodies");
            return MethodHandles.privateLookupIn(bodies, MethodHandles.lookup())
                    .findStatic(bodies, "parse", MethodType.methodType(Record.class, byte[].class, Class.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("command-service's JsonBodies.parse(byte[], Class) is not where it was", e);
        }
    }

    private static Class<?> body(String name) {
        try {
            return Class.forName(HTTP + ".CommandBodies$" + name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("command-service's CommandBodies." + name + " is not where it was", e);
        }
    }
}
