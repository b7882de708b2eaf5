package io.eventledger.projector.query;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times every query into one histogram per route and status ({@code ledger_projector_query_seconds}), so
 * the latency percentiles, forwarding and fan-out included, can be read off {@code /metrics}.
 */
public final class QueryTimer {

    private static final String STARTED = "eventledger.query-started";

    private final MeterRegistry registry;

    public QueryTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Call before the query routes are added; health and metrics routes are not timed. */
    public void register(Javalin app) {
        app.beforeMatched(ctx -> {
            if (isQuery(ctx.path())) {
                ctx.attribute(STARTED, System.nanoTime());
            }
        });
        app.after(this::record);
    }

    private void record(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        Timer.builder("ledger.projector.query")
                .description("time to answer a query, forwarding and fan-out included")
                .tag("route", ctx.endpointHandlerPath())
                .tag("status", Integer.toString(ctx.status().getCode()))
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static boolean isQuery(String path) {
        return path.startsWith("/balances/") || path.equals("/summary");
    }
}
