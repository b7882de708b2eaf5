package io.eventledger.projector.query;

import io.eventledger.common.http.ProblemException;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a query on to the instance that owns the key and relays its answer as is. The caller's token
 * goes along (the owner checks it again); {@code X-Forwarded-By} tells the owner not to forward again,
 * so two instances with different views of the assignment cannot bounce a request between them.
 */
public final class PeerForwarder {

    public static final String FORWARDED_BY = "X-Forwarded-By";
    // the owner may hold a read-your-writes query for up to MAX_WAIT_MS before it answers
    private static final Duration TIMEOUT = Duration.ofMillis(ReadYourWrites.MAX_WAIT_MS + 5_000);

    private final HttpClient http;
    private final String self;

    public PeerForwarder(HttpClient http, HostInfo self) {
        this.http = http;
        this.self = self.host() + ":" + self.port();
    }

    public static boolean isForwarded(Context ctx) {
        return ctx.header(FORWARDED_BY) != null;
    }

    public void forward(Context ctx, HostInfo owner) {
        HttpResponse<String> answer = send(request(ctx, owner), owner);
        ctx.status(answer.statusCode()).result(answer.body());
        for (String header : new String[] {"Content-Type", "Retry-After"}) {
            answer.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
        }
    }

    private HttpRequest request(Context ctx, HostInfo owner) {
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + owner.host() + ":" + owner.port() + ctx.path() + query))
                .timeout(TIMEOUT).header(FORWARDED_BY, self).GET();
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request, HostInfo owner) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ProblemException.unavailable("the instance owning this account (" + owner + ") does not answer", 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while asking " + owner, 1);
        }
    }
}
