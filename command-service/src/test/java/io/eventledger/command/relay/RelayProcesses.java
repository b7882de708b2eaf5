package io.eventledger.command.relay;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * {@code ledger relay} and {@code ledger serve} processes started from the test classpath, and what Postgres
 * says about them: which one holds a shard's lock, which ones stand by. A relay names its sessions after its
 * process id.
 */
final class RelayProcesses implements AutoCloseable {

    private static final String SESSIONS =
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()" + " AND application_name = ?";
    private static final String HOLDER =
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = ? AND l.objid = ?"
                    + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    private final Map<String, String> env;
    private final Path logs;
    private final DataSource db;
    private final List<Process> started = new ArrayList<>();

    RelayProcesses(Map<String, String> env, Path logs, DataSource db) throws IOException {
        this.env = env;
        this.logs = Files.createDirectories(logs);
        this.db = db;
    }

    /** Starts one more relay process and waits until it has a session: active or standing by. */
    Process start() throws IOException {
        return started("relay", "128m", Map.of());
    }

    /**
     * Starts one more command-service ({@code ledger serve}, its relays on) listening on {@code port}, and
     * waits until its relays have a session.
     */
    Process serve(int port) throws IOException {
        return started("serve", "256m", Map.of("LEDGER_HTTP_PORT", Integer.toString(port)));
    }

    private Process started(String command, String heap, Map<String, String> more) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx" + heap,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "io.eventledger.command.cli.LedgerCli",
                command);
        builder.environment().putAll(env);
        builder.environment().putAll(more);
        builder.redirectErrorStream(true)
                .redirectOutput(
                        logs.resolve(command + "-" + started.size() + ".log").toFile());
        Process process = builder.start();
        started.add(process);
        await().atMost(Duration.ofSeconds(60)).until(() -> sessionsOf(process.pid()) > 0);
        return process;
    }

    /** kill -9 of the process holding the lock; returns how long until another process held it. */
    Duration killActiveAndAwaitTakeover() throws Exception {
        long active = await().atMost(Duration.ofSeconds(30))
                .until(this::activePid, OptionalLong::isPresent)
                .getAsLong();
        Process victim =
                started.stream().filter(p -> p.pid() == active).findFirst().orElseThrow();
        long killedAt = System.nanoTime();
        victim.destroyForcibly();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(this::activePid, holder -> holder.isPresent() && holder.getAsLong() != active);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        victim.waitFor(10, TimeUnit.SECONDS);
        return takeover;
    }

    OptionalLong activePid() throws SQLException {
        return holder(new Shard(0, 1));
    }

    /** The process whose relay holds the shard's lock, if one does. */
    OptionalLong holder(Shard shard) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(HOLDER)) {
            ps.setLong(1, ShardLock.LOCK_CLASS);
            ps.setLong(2, shard.lockId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(pidOf(rs.getString(1))) : OptionalLong.empty();
            }
        }
    }

    private long sessionsOf(long pid) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(SESSIONS)) {
            ps.setString(1, "eventledger-outbox-relay-" + pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long pidOf(String applicationName) {
        return Long.parseLong(applicationName.substring(applicationName.lastIndexOf('-') + 1));
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
