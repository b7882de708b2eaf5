package io.eventledger.loadtest.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The bench's HTTP: keep-alive HTTP/1.1 connections from a pool, bearer token, JSON bodies, answers as text.
 * Blocking I/O on the clients' virtual threads: on a 2-core machine that the load generator shares with what
 * it measures, the JDK's asynchronous client cost about as much CPU per command as the service itself.
 */
final class LedgerHttp implements AutoCloseable {

    private static final Timeout REQUEST_TIMEOUT = Timeout.ofSeconds(30);
    // connections are opened only as requests need them; this only caps an open loop's worst case
    private static final int MAX_CONNECTIONS = 2_000;
    private final CloseableHttpClient client;
    private final String authorization;

    /** An answer; {@code retryAfterSeconds} is the Retry-After header when it is a number. */
    record Answer(int status, String body, OptionalLong retryAfterSeconds) {}

    LedgerHttp(String token) {
        this.authorization = "Bearer " + token;
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(5))
                .setSocketTimeout(REQUEST_TIMEOUT)
                // a connection the service closed while idle in the pool is found out before it is used
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(connections)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(REQUEST_TIMEOUT)
                        .setConnectionRequestTimeout(REQUEST_TIMEOUT)
                        .build())
                // a resend is the bench's own decision (--retry, same Idempotency-Key), never the client's
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    /** A command, with its correlation id also as Idempotency-Key so a resend is recognised. */
    Answer post(URI uri, String body, String correlationId) throws IOException {
        HttpPost post = new HttpPost(uri);
        post.setHeader("X-Correlation-Id", correlationId);
        post.setHeader("Idempotency-Key", correlationId);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return send(post);
    }

    Answer get(URI uri) throws IOException {
        return send(new HttpGet(uri));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private Answer send(ClassicHttpRequest request) throws IOException {
        request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
        return client.execute(request, LedgerHttp::answer);
    }

    private static Answer answer(ClassicHttpResponse response) throws IOException {
        try {
            String body = response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Answer(response.getCode(), body, retryAfter(response.getFirstHeader(HttpHeaders.RETRY_AFTER)));
        } catch (ParseException e) {
            throw new IOException("unreadable answer: " + e.getMessage(), e);
        }
    }

    private static OptionalLong retryAfter(Header header) {
        try {
            return header == null
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(header.getValue().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
