package io.eventledger.command.http;

import io.eventledger.common.auth.Role;
import io.eventledger.common.http.ProblemException;
import io.javalin.Javalin;
import io.javalin.http.Context;
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

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int READY_QUERY_SECONDS = 2;
    private final DataSource dataSource;
    private final PrometheusMeterRegistry registry;

    public HealthRoutes(DataSource dataSource, PrometheusMeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    public void register(Javalin app) {
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        app.get("/health/ready", this::ready);
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()), Role.values());
    }

    private void ready(Context ctx) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(READY_QUERY_SECONDS);
            st.execute("SELECT 1");
        } catch (SQLException e) {
            throw ProblemException.unavailable("Postgres does not answer: " + e.getMessage(), 5);
        }
        ctx.json(Map.of("status", "UP", "postgres", "UP"));
    }
}
