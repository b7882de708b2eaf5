package io.eventledger.projector.query;

import io.eventledger.platform.http.ProblemException;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a query on to another instance: the whole request to an instance that holds the key (the owner, or
 * a standby when the owner cannot answer; its answer is relayed as is), or a share of a fan-out. The caller's token goes along (the peer checks it again);
 * {@code X-Forwarded-By} tells the peer not to forward again, so two instances with different views of
 * the assignment cannot bounce a request between them.
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

    /** What {@code peer} answers to the same request as {@code ctx}; a 503 problem when it does not answer. */
    public HttpResponse<String> forward(Context ctx, HostInfo peer) {
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        return await(ask(ctx, peer, ctx.path() + query), peer);
    }

    /** Answers {@code ctx} with a peer's answer, as it is. */
    public static void relay(Context ctx, HttpResponse<String> answer) {
        ctx.status(answer.statusCode()).result(answer.body());
        for (String header : new String[] {"Content-Type", "Retry-After"}) {
            answer.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
        }
    }

    /** Asks {@code peer} for {@code pathAndQuery} on behalf of the caller of {@code ctx}, without waiting. */
    CompletableFuture<HttpResponse<String>> ask(Context ctx, HostInfo peer, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery))
                .timeout(TIMEOUT)
                .header(FORWARDED_BY, self)
                .GET();
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The peer's answer, or a 503 when it does not give one. */
    static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> answer, HostInfo peer) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw ProblemException.unavailable(
                    "the instance " + peer + " does not answer: " + e.getCause(), LocalStores.RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while asking " + peer, LocalStores.RETRY_AFTER_SECONDS);
        }
    }
}
