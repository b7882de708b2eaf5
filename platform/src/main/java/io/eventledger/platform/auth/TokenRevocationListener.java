package io.eventledger.platform.auth;

import io.eventledger.platform.config.Connections;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link Authenticator}'s cache honest: on a dedicated connection (not a pooled one, which would hand
 * its {@code LISTEN} to whoever borrows it next) it runs {@code LISTEN ledger_token_revoked}, which the trigger
 * on {@code ledger.api_tokens} notifies with the hash (hex) of every token revoked, deleted or changed, by any
 * means, once that transaction commits; each notification drops that token's cache entry, so a revocation
 * reaches every running instance within a second. Postgres delivers notifications only to sessions listening
 * at the time, so whenever the connection fails the whole cache is dropped and the authenticator looks every
 * token up until the listener has reconnected (with backoff) and listens again. A connection that died without
 * telling (a vanished host) is found by a {@code SELECT 1} after {@link #HEARTBEAT} of silence.
 */
public final class TokenRevocationListener implements AutoCloseable {

    public static final String CHANNEL = "ledger_token_revoked";
    /** The listening session's {@code application_name} in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "eventledger-token-revocations";

    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(TokenRevocationListener.class);
    // how long one wait for notifications lasts: bounds how long close() waits for the thread
    private static final int POLL_MILLIS = 250;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Connections connections;
    private final Authenticator authenticator;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    // only the listening thread uses these (and start(), before that thread starts)
    private Connection connection;
    private boolean failing;

    private TokenRevocationListener(Connections connections, Authenticator authenticator) {
        this.connections = connections;
        this.authenticator = authenticator;
        this.thread = Thread.ofPlatform().name("token-revocations").daemon().unstarted(this::run);
    }

    /**
     * Connects and listens before it returns, so the authenticator caches from the first request on; if the
     * database cannot be reached now, the listening thread keeps trying and the authenticator looks every token
     * up meanwhile.
     */
    public static TokenRevocationListener start(Connections connections, Authenticator authenticator) {
        TokenRevocationListener listener = new TokenRevocationListener(connections, authenticator);
        try {
            listener.listen();
        } catch (SQLException e) {
            LOG.warn(
                    "cannot listen for token revocations yet, every token is looked up until then: {}", e.getMessage());
            listener.failing = true;
        }
        listener.thread.start();
        return listener;
    }

    /** Whether the authenticator may cache now: the listener listens on a working connection. */
    public boolean isListening() {
        return authenticator.isListening();
    }

    /** Stops listening (within a poll, a quarter of a second) and closes the connection; caching stops too. */
    @Override
    public void close() {
        closing.countDown();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (closing.getCount() > 0) {
            try {
                if (connection == null) {
                    listen();
                    if (failing) {
                        LOG.info("listening for token revocations again; the token cache starts empty");
                    }
                    failing = false;
                    backoff = FIRST_BACKOFF;
                }
                poll();
            } catch (SQLException e) {
                if (closing.getCount() == 0) {
                    break;
                }
                if (!failing) {
                    LOG.warn(
                            "listening for token revocations failed, every token is looked up until it listens again: {}",
                            e.getMessage());
                }
                failing = true;
                drop();
                if (pause(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                // a bug must not end the thread with caching still on
                LOG.error("token revocation listener failed", e);
                drop();
                if (pause(backoff)) {
                    break;
                }
            }
        }
        drop();
    }

    /** Opens the connection and listens; only then may the authenticator cache, starting empty. */
    private void listen() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", connections.dbUser());
        properties.setProperty("password", connections.dbPassword());
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "5");
        // bounds the heartbeat; a wait for notifications sets its own timeout
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        Connection opened = DriverManager.getConnection(connections.dbUrl(), properties);
        try (Statement st = opened.createStatement()) {
            st.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            closeQuietly(opened);
            throw e;
        }
        connection = opened;
        authenticator.listening(true);
    }

    /** Waits up to {@link #POLL_MILLIS} for notifications; after {@link #HEARTBEAT} of silence checks the connection. */
    private void poll() throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (closing.getCount() > 0) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    if (CHANNEL.equals(notification.getName())) {
                        authenticator.invalidate(notification.getParameter().toLowerCase(Locale.ROOT));
                    }
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > HEARTBEAT.toNanos()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("SELECT 1");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    /** Stops caching (and empties the cache) before the connection goes: what it would have heard is lost. */
    private void drop() {
        authenticator.listening(false);
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    /** Returns whether the listener is closing. */
    private boolean pause(Duration backoff) {
        try {
            return closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // it is being dropped because it failed
        }
    }
}
