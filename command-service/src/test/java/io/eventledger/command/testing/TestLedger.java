package io.eventledger.command.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.command.CommandService;
import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.eventstore.LedgerSchema;
import io.eventledger.platform.testing.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * What the integration tests of one JVM share: the run's servers, one migrated pool on its database, and
 * one started command-service. The service runs without its relay, so the relay tests own the outbox.
 */
public final class TestLedger {

    private static HikariDataSource pool;
    private static CommandService service;

    private TestLedger() {}

    public static TestServers servers() {
        return TestServers.get();
    }

    public static synchronized HikariDataSource db() {
        if (pool == null) {
            pool = CommandServiceMain.dataSource(servers().connections(), 4);
            LedgerSchema.migrate(pool);
            Runtime.getRuntime().addShutdownHook(new Thread(pool::close));
        }
        return pool;
    }

    public static synchronized CommandService service() {
        if (service == null) {
            service = CommandServiceMain.start(CommandServiceConfig.fromEnv(
                    servers().env(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_RELAY_ENABLED", "false"))));
            Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        }
        return service;
    }

    /** Counts rows of a query with one UUID or text parameter, e.g. a stream's events. */
    public static long count(String sql, Object parameter) throws SQLException {
        try (Connection c = db().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
