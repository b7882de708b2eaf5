package io.eventledger.command.http;

import io.eventledger.common.auth.Principal;
import io.eventledger.common.envelope.EventMetadata;
import io.eventledger.common.http.HttpServers;
import io.eventledger.common.http.ProblemException;
import io.javalin.http.Context;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a command takes from the request besides its body: ids, metadata and preconditions. */
final class Requests {

    static final String CORRELATION_ID = "X-Correlation-Id";
    private static final String CORRELATION_ATTRIBUTE = "eventledger.correlationId";
    // ends up in events, logs and Kafka headers, so only plain, bounded tokens are taken from clients
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"(\\d{1,9})\"");

    private Requests() {
    }

    /** Takes the client's correlation id or makes one, and echoes it on every response. */
    static void correlate(Context ctx) {
        String given = ctx.header(CORRELATION_ID);
        String id = given == null || given.isBlank() ? UUID.randomUUID().toString() : given.trim();
        if (!SAFE_ID.matcher(id).matches()) {
            throw ProblemException.badRequest(CORRELATION_ID, "a correlation id is 1-128 of A-Z a-z 0-9 . _ : -");
        }
        ctx.attribute(CORRELATION_ATTRIBUTE, id);
        ctx.header(CORRELATION_ID, id);
    }

    /** Who and why: the user and roles come from the token only, never from the body. */
    static EventMetadata metadata(Context ctx) {
        Principal principal = HttpServers.principal(ctx);
        String commandId = UUID.randomUUID().toString();
        return new EventMetadata(principal.userId(), principal.roleNames(), ctx.attribute(CORRELATION_ATTRIBUTE),
                commandId, commandId, ctx.ip(), ctx.userAgent());
    }

    /** A path id that is not a UUID cannot name an account, so it is answered like an unknown one. */
    static UUID accountId(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no account " + text);
        }
    }

    static OptionalInt ifMatch(Context ctx) {
        String header = ctx.header("If-Match");
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return OptionalInt.empty();
        }
        Matcher matcher = ETAG.matcher(header.trim());
        if (!matcher.matches()) {
            throw ProblemException.badRequest("If-Match", "If-Match takes one version ETag such as \"3\"");
        }
        return OptionalInt.of(Integer.parseInt(matcher.group(1)));
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }
}
