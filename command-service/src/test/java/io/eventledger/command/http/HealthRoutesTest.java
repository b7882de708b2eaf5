package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.platform.auth.TokenStore;
import io.eventledger.platform.http.HttpServers;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness must say "not ready" when Postgres is gone, while liveness still answers. */
class HealthRoutesTest {

    // a database that is down: every connection attempt fails, as after Postgres stopped
    private final DataSource down = (DataSource) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                throw new SQLException("Connection refused");
            });
    private final Javalin app = HttpServers.create(new TokenStore(down));

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void readinessFailsWithAProblemWhenPostgresIsDown() throws Exception {
        new HealthRoutes(down, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).register(app);
        app.start(0);

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(ready.body()).contains("Postgres does not answer");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
