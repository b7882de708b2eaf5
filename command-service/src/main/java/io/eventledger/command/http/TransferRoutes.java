package io.eventledger.command.http;

import io.eventledger.command.execution.Executed;
import io.eventledger.command.handling.TransferCommands;
import io.eventledger.command.handling.TransferCommands.TransferRecord;
import io.eventledger.command.transfer.TransferState;
import io.eventledger.platform.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /transfers}: initiate (201 executed or failed at once, 202 awaiting approval), approve and reject
 * under four eyes, and the transfer with who did each step and when.
 */
public final class TransferRoutes {

    private final TransferCommands commands;

    /** A transfer for clients: steps not taken are left out; {@code reason} says why it was rejected or failed. */
    record View(
            UUID transferId,
            UUID fromAccountId,
            UUID toAccountId,
            String amount,
            String currency,
            String status,
            int version,
            String initiatedBy,
            Instant initiatedAt,
            String approvedBy,
            Instant approvedAt,
            String rejectedBy,
            Instant rejectedAt,
            String executedBy,
            Instant executedAt,
            Instant failedAt,
            String reason) {}

    public TransferRoutes(TransferCommands commands) {
        this.commands = commands;
    }

    public void register(Javalin app) {
        app.post("/transfers", CommandReplies.counted("transfer", this::initiate), Role.OPERATOR);
        app.post("/transfers/{id}/approve", CommandReplies.counted("approve", this::approve), Role.APPROVER);
        app.post("/transfers/{id}/reject", CommandReplies.counted("reject", this::reject), Role.APPROVER);
        app.get("/transfers/{id}", this::show, Role.OPERATOR, Role.APPROVER, Role.AUDITOR, Role.READER);
    }

    private void initiate(Context ctx) throws Exception {
        CommandBodies.Transfer body = JsonBodies.read(ctx, CommandBodies.Transfer.class);
        UUID from = CommandBodies.id(body.fromAccountId(), "fromAccountId");
        UUID to = CommandBodies.id(body.toAccountId(), "toAccountId");
        Currency currency = CommandBodies.currency(body.currency());
        Executed<TransferCommands.Outcome> executed = commands.initiate(
                UUID.randomUUID(), from, to, CommandBodies.amount(body.amount(), currency), Requests.command(ctx));
        TransferRecord transfer = executed.outcome().transfer();
        boolean waits = transfer.state().status() == TransferState.Status.AWAITING_APPROVAL;
        reply(ctx, executed, waits ? 202 : 201);
    }

    private void approve(Context ctx) throws Exception {
        if (!ctx.body().isEmpty()) {
            JsonBodies.read(ctx, CommandBodies.Approval.class);
        }
        reply(ctx, commands.approve(Requests.transferId(ctx), Requests.command(ctx)), 200);
    }

    private void reject(Context ctx) throws Exception {
        CommandBodies.Rejection body = JsonBodies.read(ctx, CommandBodies.Rejection.class);
        String reason = CommandBodies.nonBlank(body.reason(), "reason");
        reply(ctx, commands.reject(Requests.transferId(ctx), reason, Requests.command(ctx)), 200);
    }

    private void show(Context ctx) throws Exception {
        TransferRecord transfer = commands.show(Requests.transferId(ctx));
        ctx.header("ETag", Requests.etag(transfer.state().version())).json(view(transfer));
    }

    private static void reply(Context ctx, Executed<TransferCommands.Outcome> executed, int status) {
        TransferRecord transfer = executed.outcome().transfer();
        TransferState s = transfer.state();
        CommandReplies.send(
                ctx,
                executed,
                status,
                view(transfer),
                Map.of("Location", "/transfers/" + s.id(), "ETag", Requests.etag(s.version())));
    }

    private static View view(TransferRecord transfer) {
        TransferState s = transfer.state();
        Map<String, Instant> at = transfer.steps();
        String reason = s.rejectionReason() != null ? s.rejectionReason() : s.failureReason();
        return new View(
                s.id(),
                s.fromAccountId(),
                s.toAccountId(),
                s.amount().text(),
                s.amount().currency().getCurrencyCode(),
                s.status().name(),
                s.version(),
                s.initiatedBy(),
                at.get("TransferInitiated"),
                s.approvedBy(),
                at.get("TransferApproved"),
                s.rejectedBy(),
                at.get("TransferRejected"),
                s.executedBy(),
                at.get("TransferExecuted"),
                at.get("TransferFailed"),
                reason);
    }
}
