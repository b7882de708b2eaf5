package io.eventledger.command.http;

import io.eventledger.command.audit.ChainReport;
import io.eventledger.command.audit.ChainVerifier;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.http.ProblemException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.UUID;

/** {@code GET /audit/verify[?streamId=]}: recomputes the hash chains and names the first broken link. */
public final class AuditRoutes {

    private final ChainVerifier verifier;

    public AuditRoutes(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    public void register(Javalin app) {
        app.get("/audit/verify", this::verify, Role.AUDITOR);
    }

    private void verify(Context ctx) throws Exception {
        String streamId = QueryParams.of(ctx, "streamId").text("streamId");
        if (streamId == null) {
            ctx.json(verifier.verifyAll());
            return;
        }
        UUID id = streamId(streamId);
        ChainReport report = verifier.verifyStream(id).orElseThrow(() -> ProblemException.notFound("no stream " + id));
        ctx.json(report);
    }

    private static UUID streamId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("streamId", "streamId must be a UUID, got '" + text + "'");
        }
    }
}
