package io.eventledger.command.http;

import io.eventledger.command.account.DomainException;
import io.eventledger.command.eventstore.ConcurrencyException;
import io.eventledger.command.execution.PreconditionFailedException;
import io.eventledger.command.handling.StreamNotFoundException;
import io.eventledger.command.idempotency.IdempotencyKeyReusedException;
import io.eventledger.platform.http.HttpServers;
import io.eventledger.platform.http.Problem;
import io.eventledger.platform.http.ProblemException;
import io.javalin.Javalin;
import java.sql.SQLException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the write side's own failures into problems; the platform's app handles auth, 404 routes and the rest. */
final class ProblemMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapping.class);

    private ProblemMapping() {}

    static void register(Javalin app) {
        app.exception(
                DomainException.class,
                (e, ctx) -> HttpServers.respond(
                        ctx, Problem.of(422, e.slug(), title(e.slug()), e.getMessage(), e.field()), null));
        app.exception(
                IdempotencyKeyReusedException.class,
                (e, ctx) -> HttpServers.respond(
                        ctx,
                        Problem.of(
                                422,
                                "idempotency-key-reused",
                                "Idempotency key reused",
                                e.getMessage(),
                                Requests.IDEMPOTENCY_KEY),
                        null));
        app.exception(
                StreamNotFoundException.class,
                (e, ctx) -> HttpServers.respond(
                        ctx, Problem.of(404, "not-found", "Not found", e.getMessage(), null), null));
        app.exception(
                ConcurrencyException.class,
                (e, ctx) -> HttpServers.respond(
                        ctx,
                        Problem.of(
                                409,
                                "version-conflict",
                                "Version conflict",
                                "the data kept changing; " + e.getMessage(),
                                null),
                        null));
        app.exception(PreconditionFailedException.class, (e, ctx) -> {
            ctx.header("ETag", Requests.etag(e.currentVersion()));
            HttpServers.respond(
                    ctx,
                    Problem.of(412, "precondition-failed", "Precondition failed", e.getMessage(), "If-Match"),
                    null);
        });
        app.exception(SQLException.class, (e, ctx) -> {
            LOG.warn("database error on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ProblemException unavailable = ProblemException.unavailable("the database is unavailable", 2);
            HttpServers.respond(ctx, unavailable.problem(), unavailable);
        });
    }

    /** "insufficient-funds" becomes "Insufficient funds". */
    private static String title(String slug) {
        String words = slug.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
