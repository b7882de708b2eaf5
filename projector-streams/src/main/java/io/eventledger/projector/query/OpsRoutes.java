package io.eventledger.projector.query;

import io.eventledger.platform.http.OperationalRoutes;
import io.eventledger.platform.http.ProblemException;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness, readiness and metrics. Ready means the streams are RUNNING: only then can this instance
 * answer queries, so a load balancer should send traffic elsewhere until it is.
 */
public final class OpsRoutes {

    private final KafkaStreams streams;
    private final PrometheusMeterRegistry metrics;

    public OpsRoutes(KafkaStreams streams, PrometheusMeterRegistry metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    public void register(Javalin app) {
        OperationalRoutes.register(app, this::streamsRunning, metrics::scrape);
    }

    private Map<String, String> streamsRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw ProblemException.unavailable("streams are " + state, 2);
        }
        return Map.of("streams", state.name());
    }
}
