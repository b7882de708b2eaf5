package io.eventledger.command.http;

import io.eventledger.platform.http.OperationalRoutes;
import io.eventledger.platform.http.ProblemException;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Liveness (the process answers), readiness (Postgres answers a query) and the Prometheus scrape. The
 * health checks are public for load balancers; metrics need a token of any role.
 */
public final class HealthRoutes {

    private static final int READY_QUERY_SECONDS = 2;
    private final DataSource dataSource;
    private final PrometheusMeterRegistry registry;

    public HealthRoutes(DataSource dataSource, PrometheusMeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    public void register(Javalin app) {
        OperationalRoutes.register(app, this::postgres, registry::scrape);
    }

    private Map<String, String> postgres() {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.setQueryTimeout(READY_QUERY_SECONDS);
            st.execute("SELECT 1");
        } catch (SQLException e) {
            throw ProblemException.unavailable("Postgres does not answer: " + e.getMessage(), 5);
        }
        return Map.of("postgres", "UP");
    }
}
