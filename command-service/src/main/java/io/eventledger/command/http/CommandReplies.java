package io.eventledger.command.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventledger.command.store.CommandMetrics;
import io.eventledger.command.store.CommandRunner;
import io.eventledger.command.store.Reply;
import io.eventledger.contract.envelope.Json;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * Commands answer through a {@link Reply} made inside their transaction, so the answer to a repeated
 * {@code Idempotency-Key} is byte for byte the first one; a repeat is marked {@code Idempotent-Replayed}.
 * Every answered command is counted by type and outcome.
 */
final class CommandReplies {

    static final String REPLAYED = "Idempotent-Replayed";
    private static final String TYPE = "eventledger.commandType";

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

    /**
     * Marks the route as a command of {@code type}; the outcome is counted once the answer is known (see
     * {@link #countOutcomes}), whether the handler answered or an exception mapper did.
     */
    static Handler counted(String type, Handler handler) {
        return ctx -> {
            ctx.attribute(TYPE, type);
            handler.handle(ctx);
        };
    }

    /** The type {@link #counted} gave the route; a command route without one is a wiring mistake. */
    static String type(Context ctx) {
        String type = ctx.attribute(TYPE);
        if (type == null) {
            throw new IllegalStateException("route " + ctx.endpointHandlerPath() + " is not a counted command");
        }
        return type;
    }

    /**
     * Counts every command by type and outcome, in one after-handler: Javalin runs it after the exception
     * mappers, so the status is final. Requests refused before the handler ran (401, 403, a bad correlation
     * id) never became commands and are not counted.
     */
    static void countOutcomes(Javalin app, CommandMetrics metrics) {
        app.after(ctx -> {
            String type = ctx.attribute(TYPE);
            if (type != null) {
                metrics.answered(type, outcome(ctx.statusCode(), "true".equals(ctx.res().getHeader(REPLAYED))));
            }
        });
    }

    /** The few outcomes a dashboard needs, from the status: 422 is a business rule, 409 a lost race. */
    static String outcome(int status, boolean replayed) {
        if (status < 400) {
            return replayed ? "replayed" : "accepted";
        }
        return switch (status) {
            case 409 -> "conflict";
            case 422 -> "rejected";
            default -> status >= 500 ? "error" : "invalid";
        };
    }
}
