package io.eventledger.projector.query;

import io.eventledger.common.auth.Role;
import io.eventledger.common.http.ProblemException;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness, readiness and metrics. Ready means the streams are RUNNING: only then can this instance
 * answer queries, so a load balancer should send traffic elsewhere until it is.
 */
public final class OpsRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final KafkaStreams streams;
    private final PrometheusMeterRegistry metrics;

    public OpsRoutes(KafkaStreams streams, PrometheusMeterRegistry metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    public void register(Javalin app) {
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        app.get("/health/ready", ctx -> {
            KafkaStreams.State state = streams.state();
            if (state != KafkaStreams.State.RUNNING) {
                throw ProblemException.unavailable("streams are " + state, 2);
            }
            ctx.json(Map.of("status", "UP", "streams", state.name()));
        });
        // DESIGN §4: every route but /health/* needs a token; any role may read metrics
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()), Role.values());
    }
}
