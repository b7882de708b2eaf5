package io.eventledger.command.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventledger.command.account.DomainException;
import io.eventledger.command.store.CommandRunner;
import io.eventledger.command.store.Reply;
import io.eventledger.common.envelope.Json;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * Commands answer through a {@link Reply} made inside their transaction, so the answer to a repeated
 * {@code Idempotency-Key} is byte for byte the first one; a repeat is marked {@code Idempotent-Replayed}.
 */
final class CommandReplies {

    static final String REPLAYED = "Idempotent-Replayed";

    private CommandReplies() {
    }

    static Reply json(int status, Object body, Map<String, String> headers) {
        try {
            return new Reply(status, Json.mapper().writeValueAsString(body), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reply", e);
        }
    }

    static void send(Context ctx, CommandRunner.Result<?> result) {
        Reply reply = result.reply();
        reply.headers().forEach(ctx::header);
        if (result.replayed()) {
            ctx.header(REPLAYED, "true");
        }
        ctx.status(reply.status()).contentType(ContentType.APPLICATION_JSON).result(reply.body());
    }

    /** Counts every command by outcome: accepted, rejected by a business rule, or failed otherwise. */
    static Handler counted(MeterRegistry metrics, String command, Handler handler) {
        return ctx -> {
            String outcome = "failed";
            try {
                handler.handle(ctx);
                outcome = "accepted";
            } catch (DomainException e) {
                outcome = "rejected";
                throw e;
            } finally {
                metrics.counter("ledger.commands", "command", command, "outcome", outcome).increment();
            }
        };
    }
}
