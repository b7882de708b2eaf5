package io.eventledger.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Authenticator;
import io.eventledger.platform.auth.Principal;
import io.eventledger.platform.auth.TokenStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin app both deployables use: routes that list roles need a bearer token holding one of
 * them (routes without roles, the health checks, are public); every failure becomes a problem body. Every
 * route with roles is checked once, before its handler, by one {@link Authenticator}.
 */
public final class HttpServers {

    public static final long MAX_BODY_BYTES = 64 * 1024;
    private static final String PRINCIPAL = "eventledger.principal";
    private static final Logger LOG = LoggerFactory.getLogger(HttpServers.class);

    private HttpServers() {}

    /** An app that looks the token up on every request: for tests and tools that run no revocation listener. */
    public static Javalin create(TokenStore tokens) {
        return create(new Authenticator(tokens));
    }

    /** An app whose routes with roles authenticate through {@code authenticator}. */
    public static Javalin create(Authenticator authenticator) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.jetty.modifyServer(server -> server.setErrorHandler(new BadMessageProblems()));
        });
        app.beforeMatched(ctx -> authorize(ctx, authenticator));
        app.exception(ProblemException.class, (e, ctx) -> respond(ctx, e.problem(), e));
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, fromJavalin(e), null));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            respond(
                    ctx,
                    Problem.of(500, "internal", "Internal error", "the request failed; see the server log", null),
                    null);
        });
        return app;
    }

    /** The caller of a route that needs a role; set by the before-handler. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route has no roles, so it has no principal: " + ctx.path());
        }
        return principal;
    }

    public static void respond(Context ctx, Problem problem, ProblemException e) {
        if (e != null) {
            e.headers().forEach(ctx::header);
        }
        ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE).result(write(Json.mapper(), problem));
    }

    private static void authorize(Context ctx, Authenticator authenticator) {
        if (ctx.routeRoles().isEmpty()) {
            return;
        }
        Principal principal =
                bearer(ctx).flatMap(token -> authenticate(authenticator, token)).orElseThrow(HttpServers::unauthorized);
        if (!principal.mayCall(ctx.routeRoles())) {
            throw new ProblemException(Problem.of(
                    403,
                    "forbidden",
                    "Forbidden",
                    "your roles " + principal.roleNames() + " may not call this route",
                    null));
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    /** The 401 of a missing, unknown or revoked token. */
    public static ProblemException unauthorized() {
        return new ProblemException(
                Problem.of(401, "unauthorized", "Unauthorized", "a valid bearer token is required", "Authorization"),
                java.util.Map.of("WWW-Authenticate", "Bearer"));
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static Optional<Principal> authenticate(Authenticator authenticator, String token) {
        try {
            return authenticator.authenticate(token);
        } catch (SQLException e) {
            throw ProblemException.unavailable("cannot check the token: database unavailable", 2);
        }
    }

    /**
     * Requests Jetty refuses before any route sees them (a NUL or an encoded slash in the path, headers over
     * 8 KiB) get a problem too, not Jetty's HTML page.
     */
    private static final class BadMessageProblems extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        public java.nio.ByteBuffer badMessageError(
                int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
            fields.put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
            String detail = reason == null ? "the request is malformed" : reason;
            return java.nio.ByteBuffer.wrap(
                    HttpServers.write(Json.mapper(), Problem.of(status, "bad-message", "Bad message", detail, null))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static Problem fromJavalin(HttpResponseException e) {
        int status = e.getStatus();
        return switch (status) {
            case 404 -> Problem.of(404, "not-found", "Not found", "no such route", null);
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", e.getMessage(), null);
            case 413 ->
                Problem.of(
                        413,
                        "payload-too-large",
                        "Payload too large",
                        "the body exceeds " + MAX_BODY_BYTES + " bytes",
                        "body");
            default -> Problem.of(status, "http-" + status, e.getMessage(), e.getMessage(), null);
        };
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
