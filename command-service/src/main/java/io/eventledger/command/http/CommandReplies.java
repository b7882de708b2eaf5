package io.eventledger.command.http;

import io.eventledger.command.execution.CommandMetrics;
import io.eventledger.command.execution.Executed;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * Commands answer with a body rendered from their outcome; a repeat under the same {@code Idempotency-Key} gets
 * the outcome recalled from the event store, rendered the same way, so byte for byte the first answer, and
 * marked {@code Idempotent-Replayed}. Every answered command is counted by type and outcome.
 */
final class CommandReplies {

    static final String REPLAYED = "Idempotent-Replayed";
    private static final String TYPE = "eventledger.commandType";

    private CommandReplies() {}

    static void send(Context ctx, Executed<?> executed, int status, Object body, Map<String, String> headers) {
        headers.forEach(ctx::header);
        if (executed.replayed()) {
            ctx.header(REPLAYED, "true");
        }
        ctx.status(status).json(body);
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
                metrics.answered(
                        type, outcome(ctx.statusCode(), "true".equals(ctx.res().getHeader(REPLAYED))));
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
