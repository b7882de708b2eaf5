package io.eventledger.command.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A command waiting in a {@link GroupCommit}'s queue, and what became of it in its batch: an outcome that
 * commits with the batch, a refusal (the aggregate's, say) that is only answered once the batch is over,
 * or none, when the command must go again alone through the direct path.
 */
final class QueuedCommand<R> {

    private final CommandRequest request;
    private final Set<UUID> streams;
    private final CommandRunner.Attempt<R> attempt;
    private final Function<R, Reply> reply;
    private final CompletableFuture<Optional<CommandRunner.Result<R>>> settled = new CompletableFuture<>();
    private CommandRunner.Result<R> result;
    private RuntimeException refusal;
    private int written;

    QueuedCommand(CommandRequest request, Set<UUID> streams, CommandRunner.Attempt<R> attempt,
                  Function<R, Reply> reply) {
        this.request = request;
        this.streams = Set.copyOf(streams);
        this.attempt = attempt;
        this.reply = reply;
    }

    /**
     * Decides the command on the batch's streams. A refusal, or an append to a stream it did not name,
     * takes back what it appended; a database error ends the whole batch.
     */
    void decide(Connection c, BatchStreams batch) throws SQLException {
        int mark = batch.mark();
        try {
            CommandSession session = new CommandSession(c, batch, streams);
            R outcome = attempt.run(session);
            result = new CommandRunner.Result<>(Optional.of(outcome), reply.apply(outcome), request.tokenToConfirm());
            written = session.written().size();
        } catch (ConcurrencyException e) {
            batch.discardFrom(mark);
        } catch (RuntimeException e) {
            batch.discardFrom(mark);
            refusal = e;
        }
    }

    Set<UUID> streams() {
        return streams;
    }

    Optional<IdempotencyClaim> claim() {
        return request.claim();
    }

    Optional<String> tokenToConfirm() {
        return request.tokenToConfirm();
    }

    /** Refused before the batch decided anything (its token was revoked): answered at once, nothing written. */
    void refuse(RuntimeException e) {
        settled.completeExceptionally(e);
    }

    /** Decided with an outcome that commits with the batch. */
    boolean answered() {
        return result != null;
    }

    Reply reply() {
        return result.reply();
    }

    /** How many streams the outcome appended to, for the append meter. */
    int written() {
        return written;
    }

    /** After the batch committed: the outcome, the refusal, or to go again alone. */
    void settle() {
        if (result != null) {
            settled.complete(Optional.of(result));
        } else if (refusal != null) {
            settled.completeExceptionally(refusal);
        } else {
            goAlone();
        }
    }

    /** The command was not decided in a batch that committed; it runs again through the direct path. */
    void goAlone() {
        settled.complete(Optional.empty());
    }

    /** The batch's commit failed, so whether it committed is unknown: the command must not run again. */
    void fail(Exception e) {
        settled.completeExceptionally(e);
    }

    /** Waits for the batch; empty means the caller runs the command itself. */
    Optional<CommandRunner.Result<R>> await() throws SQLException {
        try {
            // not interruptible: once queued, a batch may decide the command, so the caller must hear how
            return settled.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }
}
