package io.eventledger.platform.http;

import io.eventledger.platform.auth.Role;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routes every deployable serves the same way: {@code /health/live}, {@code /health/ready} (public,
 * for load balancers) and {@code /metrics} (a token of any role). Only what "ready" means
 * differs, so each deployable passes its own check.
 */
public final class OperationalRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** Returns what was checked (e.g. {"postgres": "UP"}); throws a 503 {@link ProblemException} if not ready. */
    @FunctionalInterface
    public interface Readiness {
        Map<String, String> check();
    }

    private OperationalRoutes() {}

    public static void register(Javalin app, Readiness readiness, Supplier<String> prometheusScrape) {
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        app.get("/health/ready", ctx -> {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("status", "UP");
            body.putAll(readiness.check());
            ctx.json(body);
        });
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(prometheusScrape.get()), Role.values());
    }
}
