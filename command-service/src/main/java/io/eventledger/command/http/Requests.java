package io.eventledger.command.http;

import io.eventledger.command.execution.CommandRequest;
import io.eventledger.command.idempotency.IdempotencyClaim;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.platform.auth.Principal;
import io.eventledger.platform.http.HttpServers;
import io.eventledger.platform.http.ProblemException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a command takes from the request besides its body: ids, metadata and preconditions. */
final class Requests {

    static final String CORRELATION_ID = "X-Correlation-Id";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String CORRELATION_ATTRIBUTE = "eventledger.correlationId";
    // ends up in events, logs and Kafka headers, so only plain, bounded tokens are taken from clients
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern IDEMPOTENCY_KEY_TEXT = Pattern.compile("[\\x20-\\x7E]{1,200}");
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"(\\d{1,9})\"");

    private Requests() {}

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

    /** Everything a command takes from the request besides its body and path. */
    static CommandRequest command(Context ctx) {
        return new CommandRequest(CommandReplies.type(ctx), metadata(ctx), ifMatch(ctx), idempotencyClaim(ctx));
    }

    /** Who and why: the user and roles come from the token only, never from the body. */
    static EventMetadata metadata(Context ctx) {
        Principal principal = HttpServers.principal(ctx);
        String commandId = UUID.randomUUID().toString();
        return new EventMetadata(
                principal.userId(),
                principal.roleNames(),
                ctx.attribute(CORRELATION_ATTRIBUTE),
                commandId,
                commandId,
                ctx.ip(),
                ctx.userAgent());
    }

    static UUID accountId(Context ctx) {
        return pathId(ctx, "account");
    }

    static UUID transferId(Context ctx) {
        return pathId(ctx, "transfer");
    }

    /**
     * A key is the client's, per user: the same key with the same method, path and body is a repeat; with
     * anything else it is a mistake (422). It is 1-200 printable ASCII characters.
     */
    static Optional<IdempotencyClaim> idempotencyClaim(Context ctx) {
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null) {
            return Optional.empty();
        }
        if (key.isBlank() || !IDEMPOTENCY_KEY_TEXT.matcher(key).matches()) {
            throw ProblemException.badRequest(
                    IDEMPOTENCY_KEY, "an Idempotency-Key is 1-200 printable ASCII characters");
        }
        return Optional.of(new IdempotencyClaim(HttpServers.principal(ctx).userId(), key, requestHash(ctx)));
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

    /** A path id that is not a UUID cannot name anything, so it is answered like an unknown one. */
    private static UUID pathId(Context ctx, String what) {
        String text = ctx.pathParam("id");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no " + what + " " + text);
        }
    }

    private static String requestHash(Context ctx) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((ctx.method().name() + " " + ctx.path() + "\n").getBytes(StandardCharsets.UTF_8));
            sha256.update(ctx.bodyAsBytes());
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
