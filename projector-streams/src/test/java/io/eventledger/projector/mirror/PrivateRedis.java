package io.eventledger.projector.mirror;

import static org.awaitility.Awaitility.await;

import io.eventledger.platform.testing.TestServers;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, on a free port, as a child process: other engineers' tests share the
 * machine's Redis, so only this one may be stopped. {@link #stop()} saves to its directory first and
 * {@link #start()} loads it again, as a Redis with persistence comes back after a restart.
 */
final class PrivateRedis implements AutoCloseable {

    private final int port = TestServers.freePort();
    private final Path dir;
    private Process process;

    PrivateRedis() throws IOException {
        dir = Files.createTempDirectory("private-redis");
        start();
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void start() throws IOException {
        process = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).until(this::answers);
    }

    /** SHUTDOWN SAVE: writes the data set to disk even without save points, then exits. */
    void stop() throws InterruptedException {
        RedisClient client = RedisClient.create(url());
        try (var connection = client.connect()) {
            connection.sync().shutdown(true);
        } catch (RuntimeException e) {
            // the server closes the connection as it goes: no reply is expected
        } finally {
            client.shutdown();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the private Redis on port " + port + " did not stop");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private boolean answers() {
        RedisClient client = RedisClient.create(url());
        try (var connection = client.connect()) {
            return "PONG".equals(connection.sync().ping());
        } catch (RuntimeException e) {
            return false;
        } finally {
            client.shutdown();
        }
    }
}
